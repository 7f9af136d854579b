import type { Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS, migrationSource } from '../../migrations/index';
import type { AlertCandidate } from '../domain/alerts';
import { DuplicateError } from '../services/errors';
import { migrateLatest, openDatabase } from './db';
import { isUniqueViolation } from './errors';
import { createStore } from './store';
import * as fx from './test-support';
import { tempTestDatabase } from '../testing/test-db';
import { createAlertService, type AlertChange } from '../services/alerts/alert-service';
import type { Store } from '../services/ports';
import type { AlertRecord } from '../services/alerts/ports';
import { testLogger } from '../testing/test-log';

// Several server processes (cluster mode) each evaluate the alert rules; one process serialises its
// own evaluations only. Two alert services over two connection pools to one database stand in for
// two processes: made to read "no open alert" for the same keys before either writes, they still
// raise each alert once (the partial unique index alerts_open_key_unique, on the suite's engine).

const AT = new Date('2021-06-03T04:00:00.000Z');

const candidate = (key: string): AlertCandidate => ({
  zoneId: fx.zone.id, rule: 'missed_eta', key, cooldownS: Number.POSITIVE_INFINITY, reasonZh: '晚到', reasonEn: 'late',
});

const record = (id: string, key: string, over: Partial<AlertRecord> = {}): AlertRecord => ({
  id, key, zoneId: fx.zone.id, districtId: fx.district.id, rule: 'missed_eta', commodityId: null, severity: 'medium', reasonZh: '晚到', reasonEn: 'late', state: 'open',
  ownerId: null, raisedAt: AT.toISOString(), acknowledgedAt: null, closedAt: null, closedBy: null, closeNote: null, ...over,
});

/** Resolves for everyone once `n` callers arrived with the same name (or after a second, so a broken race cannot hang). */
function barrier(n: number) {
  const waiting = new Map<string, { count: number; release: () => void; done: Promise<void> }>();
  return (name: string): Promise<void> => {
    let w = waiting.get(name);
    if (!w) {
      let release = () => {};
      const done = new Promise<void>((r) => { release = r; setTimeout(r, 1000); });
      w = { count: 0, release, done };
      waiting.set(name, w);
    }
    if (++w.count >= n) w.release();
    return w.done;
  };
}

/** The store as one process sees it, except that reading a key's latest alert waits for the other process's read. */
function racing(store: Store, meet: (key: string) => Promise<void>): Store {
  return {
    ...store,
    alerts: {
      ...store.alerts,
      async latestByKey(key) {
        const found = await store.alerts.latestByKey(key);
        await meet(key);
        return found;
      },
    },
  };
}

let temp: fx.TempDatabase;
let second: Knex;
let storeA: Store;
let storeB: Store;

beforeAll(async () => {
  temp = await tempTestDatabase();
  await migrateLatest(temp.db);
  second = openDatabase(temp.url);
  storeA = createStore(temp.db);
  storeB = createStore(second);
  await storeA.districts.upsert(fx.district);
  await storeA.streets.upsert(fx.street);
  for (const c of fx.commodities) await storeA.commodities.upsert(c);
  await storeA.zones.upsert(fx.zone);
}, 60_000);

afterAll(async () => {
  await second?.destroy();
  await temp?.cleanup();
});

describe('alerts across processes', () => {
  it('two alert services evaluating at once over one database raise each alert once, and tell it once', async () => {
    const meet = barrier(2);
    const told: Array<[string, AlertChange]> = [];
    const services = [storeA, storeB].map((store) => {
      const s = createAlertService({ store: racing(store, meet), now: () => AT, log: testLogger(), utcOffset: '+08:00' });
      s.addSource(async () => [candidate('race:one'), candidate('race:two')]);
      s.onAlert((a, change) => told.push([a.id, change]));
      return s;
    });
    const raised = (await Promise.all(services.map((s) => s.evaluateAlerts(AT)))).flat();
    const stored = await storeA.alerts.list({ rule: 'missed_eta' });
    expect(stored.map((a) => a.key).sort()).toEqual(['race:one', 'race:two']);
    expect(raised.map((a) => a.id).sort()).toEqual(stored.map((a) => a.id).sort());
    expect(told.map(([id]) => id).sort()).toEqual(stored.map((a) => a.id).sort());
    // The losing insert's transaction rolled back its audit entry with it.
    expect((await storeA.audit.list({ entity: 'alert' })).filter((e) => e.action === 'alert.raise')).toHaveLength(2);
    // And again, without the forced race: nothing new.
    expect((await Promise.all(services.map((s) => s.evaluateAlerts(AT)))).flat()).toEqual([]);
  });

  it('the database refuses a second open alert for a key, not a closed one beside an open one', async () => {
    await storeA.alerts.insert(record('k-1', 'dup:key'));
    const twin = await storeB.alerts.insert(record('k-2', 'dup:key')).then(() => null, (err: unknown) => err);
    expect(isUniqueViolation(twin)).toBe(true);
    // What the alert service sees: the store's word, not the database's error.
    expect(twin).toBeInstanceOf(DuplicateError);
    await storeA.alerts.update('k-1', { state: 'acknowledged', ownerId: 'u1', acknowledgedAt: AT.toISOString() });
    expect(isUniqueViolation(await storeB.alerts.insert(record('k-2', 'dup:key')).then(() => null, (err: unknown) => err))).toBe(true);
    await storeA.alerts.update('k-1', { state: 'closed', closedAt: AT.toISOString(), closedBy: 'u1', closeNote: '已处理' });
    await storeB.alerts.insert(record('k-2', 'dup:key'));
    expect((await storeA.alerts.list()).filter((a) => a.key === 'dup:key').map((a) => [a.id, a.state])).toEqual(
      expect.arrayContaining([['k-1', 'closed'], ['k-2', 'open']]),
    );
  });
});

describe('migration 20261201000200 on a database that already holds twins', () => {
  it('keeps the oldest open alert of each key and closes the others with a note, then creates the index', async () => {
    const old = await tempTestDatabase();
    try {
      const before = MIGRATIONS.filter((m) => m.name < '20261201000200');
      await old.db.migrate.latest({ migrationSource: { ...migrationSource, getMigrations: async () => [...before] } });
      const store = createStore(old.db);
      await store.districts.upsert(fx.district);
      const later = new Date(AT.getTime() + 60_000).toISOString();
      // Rows as the table stood then (before severity and commodity_id), written without today's repo.
      const raw = (a: AlertRecord) => old.db('alerts').insert({
        id: a.id, key: a.key, zone_id: a.zoneId, district_id: a.districtId, rule: a.rule, reason_zh: a.reasonZh, reason_en: a.reasonEn,
        state: a.state, owner_id: a.ownerId, raised_at: a.raisedAt, acknowledged_at: a.acknowledgedAt, closed_at: a.closedAt,
        closed_by: a.closedBy, close_note: a.closeNote,
      });
      await raw(record('t-new', 'twin', { raisedAt: later }));
      await raw(record('t-old', 'twin'));
      await raw(record('t-same-b', 'same', { state: 'acknowledged', ownerId: 'u1', acknowledgedAt: later }));
      await raw(record('t-same-a', 'same'));
      await raw(record('t-closed', 'twin', { state: 'closed', closedAt: later, closedBy: 'u1', closeNote: '已处理' }));
      await raw(record('t-alone', 'alone'));
      expect((await migrateLatest(old.db))[0]).toBe('20261201000200_alerts_open_key_unique');
      const state = Object.fromEntries((await store.alerts.list()).map((a) => [a.id, a.state]));
      expect(state).toEqual({ 't-old': 'open', 't-new': 'closed', 't-same-a': 'open', 't-same-b': 'closed', 't-closed': 'closed', 't-alone': 'open' });
      expect((await store.alerts.get('t-new'))!.closeNote).toMatch(/duplicate/);
      expect(isUniqueViolation(await store.alerts.insert(record('t-3', 'twin')).then(() => null, (err: unknown) => err))).toBe(true);
    } finally {
      await old.cleanup();
    }
  });
});
