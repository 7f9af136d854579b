import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../services/ports';
import { tempTestDatabase } from '../testing/test-db';
import { migrateLatest } from './db';
import { createStore } from './store';
import * as fx from './test-support';

// A zone's tier history (what the days-of-cover projection reads to know which channels residents could
// use on a past day): the first row dates from the sealing, a change from the write, an unchanged tier
// adds nothing, and a write dated before a later row is compared with the tier in force at its own date.

let temp: fx.TempDatabase;
let store: Store;

beforeAll(async () => {
  temp = await tempTestDatabase();
  await migrateLatest(temp.db);
  store = createStore(temp.db);
  await store.districts.upsert(fx.district);
  await store.streets.upsert(fx.street);
}, 60_000);

afterAll(async () => {
  await temp?.cleanup();
});

describe('zone tier history', () => {
  it('records the first tier from the sealing, each change from its write, nothing for an unchanged tier', async () => {
    await store.zones.upsert(fx.zone);
    await store.zones.upsert({ ...fx.zone, updatedAt: '2021-06-02T00:00:00.000Z' });
    await store.zones.upsert({ ...fx.zone, tier: 'precaution', updatedAt: '2021-06-16T16:00:00.000Z' });
    // Dated before the precaution row, and sealed at that date: nothing to add.
    await store.zones.upsert({ ...fx.zone, tier: 'sealed', updatedAt: '2021-06-10T00:00:00+08:00' });
    // Controlled from 5 June: a change against the tier in force then (sealed), although a later row exists.
    await store.zones.upsert({ ...fx.zone, tier: 'controlled', updatedAt: '2021-06-05T00:00:00+08:00' });
    const history = (await store.zones.tierHistory([fx.zone.id])).get(fx.zone.id);
    expect(history).toEqual([
      { tier: 'sealed', since: fx.zone.sealedAt },
      { tier: 'controlled', since: '2021-06-04T16:00:00.000Z' },
      { tier: 'precaution', since: '2021-06-16T16:00:00.000Z' },
    ]);
    expect((await store.zones.tierHistory(['no-such-zone'])).size).toBe(0);
  });

  it('goes with its zone', async () => {
    await store.handoffPoints.deleteForZone(fx.zone.id);
    expect(await store.zones.delete(fx.zone.id)).toBe(true);
    expect((await store.zones.tierHistory()).has(fx.zone.id)).toBe(false);
  });
});
