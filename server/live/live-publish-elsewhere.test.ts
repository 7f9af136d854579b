import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LiveSnapshot } from '../contract';
import { call, connectLive, insertPublishedPlan, routeThrough, type LiveClient } from '../testing/live-kit';
import { startTestServer, type TestServer } from '../testing/test-server';

// In a cluster a client may hear of a publish (from another server, through the socket adapter)
// before its own server has heard of it on the plan bus, and ask that server for a snapshot at once.
// The snapshot must already hold the new routes: a client has no reason to ask again later.
// Here the plan is written straight to the database, as another process would, and nothing tells
// this server.

describe('a snapshot after a publish this server has not heard of', () => {
  let server: TestServer;
  let watcher: LiveClient;

  beforeAll(async () => {
    server = await startTestServer(['liwan-2021']);
    watcher = await connectLive(server.url, await server.login('coord', 'coord123'));
  });
  afterAll(async () => {
    watcher?.close();
    await server?.dispose();
  });

  const vanPlans = async () => {
    const reply = await call<LiveSnapshot>(watcher, 'sync:request');
    if (!reply.ok) throw new Error(reply.error.message);
    return new Map(reply.data.vehicles.map((v) => [v.vehicleId, { planId: v.planId, stops: v.stops.length }]));
  };

  it('shows the new routes of every van it names, not the ones held before', async () => {
    const before = await vanPlans();
    expect(before.get('lw-van-01')?.planId).toBeNull();
    const routes = [
      await routeThrough(server, 'lw-van-01', ['liwan-hailong']),
      await routeThrough(server, 'lw-van-02', ['liwan-hailong', 'liwan-hailong']),
    ];
    const first = await insertPublishedPlan(server.store, routes, { date: '2021-06-03', districtId: 'liwan' });
    const after = await vanPlans();
    expect(after.get('lw-van-01')).toEqual({ planId: first.id, stops: 1 });
    expect(after.get('lw-van-02')).toEqual({ planId: first.id, stops: 2 });

    // And again for a later version (the scope's plan superseded, as a publish does).
    await server.store.plans.update(first.id, { status: 'superseded' });
    const second = await insertPublishedPlan(server.store, [await routeThrough(server, 'lw-van-01', ['liwan-hailong', 'liwan-hailong', 'liwan-hailong'])], { date: '2021-06-03', districtId: 'liwan' });
    const latest = await vanPlans();
    expect(latest.get('lw-van-01')).toEqual({ planId: second.id, stops: 3 });
    expect(latest.get('lw-van-02')?.planId).toBeNull();
  });
});
