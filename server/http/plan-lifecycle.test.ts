import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlanEvent, PlanProgressEvent } from '../contract';
import { connectLive, until, type LiveClient } from '../testing/live-kit';
import { capturingLogger } from '../testing/test-log';
import { startTestServer, type TestServer } from '../testing/test-server';

// The plan lifecycle (issue 18): every status change goes through one transition() that checks the
// table, writes and tells; so supersede, restart failure and shutdown failure reach the plan event
// bus, the coordinators' sockets (plan:progress) and the log, like every other change.

let server: TestServer;
let disposed = false;
let coord = '';
let socket: LiveClient;
const captured = capturingLogger('info');
/** The plans' log lines, as messages. */
const logged = { some: (ok: (line: string) => boolean) => captured.lines.some((l) => ok(l.msg)) };
const bus: PlanEvent[] = [];
const heard: PlanProgressEvent[] = [];

beforeAll(async () => {
  server = await startTestServer(['liwan-2021'], {}, { log: captured.log });
  coord = await server.login('coord', 'coord123');
  server.services.plans.onPlanEvent((e) => bus.push(e));
  socket = await connectLive(server.url, coord);
  socket.on('plan:progress', (e) => heard.push(e));
}, 120_000);

afterAll(async () => {
  socket?.close();
  if (!disposed) await server?.dispose();
});

async function draft(seed: number): Promise<string> {
  const res = await server.call('POST', '/api/plans', { token: coord, body: { date: '2021-06-03', districtId: 'liwan', timeLimitS: 0.1, seed } });
  expect(res.status, JSON.stringify(res.json)).toBe(202);
  await server.services.plans.idle();
  expect((await server.store.plans.get(res.json.data.id))?.status).toBe('draft');
  return res.json.data.id;
}

const told = (id: string, status: string) => bus.some((e) => e.planId === id && e.status === status);
const pushed = (id: string, status: string) => heard.some((e) => e.planId === id && e.status === status);

describe('plan lifecycle', () => {
  it('refuses a move the table does not list, and changes and tells nothing', async () => {
    const id = await draft(1);
    const before = bus.length;
    await expect(server.services.plans.transition(id, 'running')).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/draft.*running/) });
    await expect(server.services.plans.transition(id, 'superseded')).rejects.toMatchObject({ code: 'CONFLICT' });
    expect((await server.store.plans.get(id))?.status).toBe('draft');
    expect(bus.slice(before).filter((e) => e.planId === id)).toEqual([]);
  }, 60_000);

  it('supersede is told on the bus, pushed to the coordinators and logged', async () => {
    const a = await draft(2);
    expect((await server.call('POST', `/api/plans/${a}/publish`, { token: coord })).status).toBe(200);
    const b = await draft(3);
    expect((await server.call('POST', `/api/plans/${b}/publish`, { token: coord })).status).toBe(200);
    expect((await server.store.plans.get(a))?.status).toBe('superseded');
    expect(told(a, 'superseded')).toBe(true);
    await until(() => pushed(a, 'superseded'), 5000, 'plan:progress superseded');
    expect(logged.some((l) => l.includes(a) && l.includes('published → superseded'))).toBe(true);
  }, 60_000);

  it('a plan a previous process left queued fails at restart: told, pushed and logged', async () => {
    const id = randomUUID();
    await server.store.plans.insert({
      id, version: null, status: 'queued', date: '2021-06-03', districtId: 'liwan', createdAt: new Date().toISOString(), createdBy: 'u-coord',
      publishedAt: null, basePlanId: null, progress: 0, error: null, kpis: null, result: null, changes: null, inputSettings: {},
    });
    expect(await server.services.plans.failInterrupted()).toBe(1);
    expect((await server.store.plans.get(id))).toMatchObject({ status: 'failed', error: expect.stringMatching(/restarted/) });
    expect(told(id, 'failed')).toBe(true);
    await until(() => pushed(id, 'failed'), 5000, 'plan:progress failed');
    expect(logged.some((l) => l.includes(id) && l.includes('queued → failed') && l.includes('restarted'))).toBe(true);
  }, 60_000);

  it('plans still queued at shutdown fail: told on the bus and logged', async () => {
    const long = { date: '2021-06-03', districtId: 'liwan', timeLimitS: 300 };
    const running = (await server.call('POST', '/api/plans', { token: coord, body: long })).json.data.id as string;
    const queued = (await server.call('POST', '/api/plans', { token: coord, body: { ...long, seed: 9 } })).json.data.id as string;
    socket.close();
    disposed = true;
    await server.dispose();
    expect(told(queued, 'failed')).toBe(true);
    expect(told(running, 'failed')).toBe(true);
    expect(logged.some((l) => l.includes(queued) && l.includes('shut down'))).toBe(true);
  }, 60_000);
});
