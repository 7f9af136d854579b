import { afterAll, expect, it } from 'vitest';
import { io } from 'socket.io-client';
import type { LiveAck, StopEventResult } from '../contract';
import { migrateLatest, openDatabase } from '../store/db';
import { hashPassword } from '../store/passwords';
import { loadScenario } from '../store/scenario-files';
import { seedScenario } from '../store/seed';
import { createStore } from '../store/store';
import { insertPublishedPlan, key, routeThrough, type LiveClient } from '../testing/live-kit';
import { loginAt, processDatabase, startServerProcess, type ServerProcess } from '../testing/server-process';

// kill -9 in the middle of 100 concurrent delivery confirmations, each retried by its own socket.io
// client (same idempotency key) until acknowledged; the server restarts on the same database and
// port, the clients reconnect and retry. Afterwards: 100 recorded, none lost, none twice, and the
// depot's stock drawn exactly once per delivery. On SQLite and, in the postgres pass, on PostgreSQL.

const N = 100;
const VAN = 'lw-van-01';
const DEPOT = 'liwan-lilang-market';
const cleanups: Array<() => Promise<void>> = [];
afterAll(async () => { for (const c of cleanups.reverse()) await c(); });

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

it(`SIGKILL during ${N} concurrent confirmations, restart, retries: ${N} recorded, 0 lost, 0 doubled, stock drawn once`, async () => {
  const database = await processDatabase();
  cleanups.push(database.cleanup);
  // The demo and a published plan with N stops for driver1's van, written before the server starts.
  const setup = openDatabase(database.url);
  let planId: string;
  let stockBefore: Record<string, number>;
  try {
    await migrateLatest(setup);
    const store = createStore(setup);
    await seedScenario(store, loadScenario('liwan-2021'), hashPassword);
    const zones = (await store.zones.list()).filter((z) => z.districtId === 'liwan').map((z) => z.id);
    const route = await routeThrough({ store }, VAN, Array.from({ length: N }, (_, i) => zones[i % zones.length]!));
    planId = (await insertPublishedPlan(store, [route], { date: '2021-06-03', districtId: 'liwan' })).id;
    stockBefore = (await store.depots.get(DEPOT))!.stockKg;
  } finally {
    await setup.destroy();
  }

  let server: ServerProcess = await startServerProcess(database.url);
  const alive = () => server;
  cleanups.push(async () => { if (alive().child.exitCode === null) { alive().child.kill('SIGKILL'); await alive().exited; } });
  const port = Number(new URL(server.url).port);
  const token = await loginAt(server.url, 'driver1', 'driver123');

  // N clients, one socket each, reconnecting by themselves (as the driver app does).
  const clients: LiveClient[] = Array.from({ length: N }, () => io(server.url, {
    auth: { token }, transports: ['websocket'], forceNew: true, reconnectionDelay: 100, reconnectionDelayMax: 300,
  }));
  cleanups.push(async () => { for (const c of clients) c.close(); });
  await Promise.all(clients.map((c) => new Promise<void>((r) => c.once('connect', () => r()))));

  let acked = 0;
  let attempts = 0;
  const deadline = Date.now() + 60_000;
  async function confirm(i: number): Promise<LiveAck<StopEventResult>> {
    const socket = clients[i]!;
    const input = {
      key: key(), vehicleId: VAN, planId, tripIndex: 0, stopIndex: i, at: '2021-06-03T02:00:00Z',
      quantitiesKg: { vegetables: 5, eggs: 1 }, handoffMode: 'compound_gate' as const,
    };
    await sleep(i * 10); // spread over a second, so the kill lands in the middle
    while (Date.now() < deadline) {
      if (!socket.connected) await new Promise<void>((r) => { socket.once('connect', () => r()); setTimeout(r, 1000); });
      attempts++;
      try {
        const reply = await (socket.timeout(1500).emitWithAck as (e: string, p: unknown) => Promise<LiveAck<StopEventResult>>)('stop:deliver', input);
        acked++;
        return reply; // an ok:false is an answer too: the test then fails on it below
      } catch {
        await sleep(50); // no ack (the server died or the socket is down): the same key again
      }
    }
    throw new Error(`stop ${i} was never acknowledged`);
  }
  const replies = Promise.all(Array.from({ length: N }, (_, i) => confirm(i)));

  while (acked < 30) await sleep(5);
  const ackedAtKill = acked;
  server.child.kill('SIGKILL');
  const killed = await server.exited;
  expect(killed.signal).toBe('SIGKILL');
  // What the dead server had committed: some of these were never acknowledged, so their retries must hit the stored event.
  const peek = openDatabase(database.url);
  const recordedAtKill = Number((await peek('stop_events').where({ plan_id: planId, kind: 'delivered' }).count({ n: '*' }).first())?.n);
  await peek.destroy();
  server = await startServerProcess(database.url, {}, port);
  const answers = await replies;
  console.log(`kill -9 (${database.url.split(':')[0]}): ${ackedAtKill} acked and ${recordedAtKill} recorded at the kill, ${attempts} sends for ${N} confirmations`);

  expect(answers.filter((a) => !a.ok)).toEqual([]);
  expect(ackedAtKill).toBeLessThan(N); // the kill really was in the middle
  expect(recordedAtKill).toBeGreaterThanOrEqual(ackedAtKill); // nothing acknowledged was lost by the kill

  server.child.kill('SIGTERM');
  expect((await server.exited).code).toBe(0);
  const check = openDatabase(database.url);
  try {
    const events = await check('stop_events').where({ plan_id: planId, kind: 'delivered' }).select('stop_index', 'idempotency_key');
    expect(events).toHaveLength(N);
    expect(new Set(events.map((e: { stop_index: number }) => Number(e.stop_index))).size).toBe(N);
    const store = createStore(check);
    // Each answer is the one stored event for its stop (a retry after the kill got the stored ack).
    const ids = answers.map((a) => (a.ok ? a.data.eventId : null));
    expect(new Set(ids).size).toBe(N);
    const audit = await store.audit.list({ entity: 'stop_event', limit: 10_000 });
    expect(audit.filter((e) => e.action === 'stop.delivered')).toHaveLength(N);
    const stockAfter = (await store.depots.get(DEPOT))!.stockKg;
    expect(stockAfter.vegetables).toBeCloseTo(stockBefore.vegetables! - 5 * N, 6);
    expect(stockAfter.eggs).toBeCloseTo(stockBefore.eggs! - 1 * N, 6);
  } finally {
    await check.destroy();
  }
}, 120_000);
