import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VanBoard, VanBoardChangedEvent, VehiclesMovedEvent } from '../contract';
import { loadConfig } from '../config';
import { startTestServer, type TestServer } from '../testing/test-server';
import { call, connectLive, driverLogin, key, publishRoutes, routeThrough, until, type LiveClient } from '../testing/live-kit';

// The van board pushed over the socket (vans:board) on a real server, and kept to what each room may
// see: a Liwan official hears of Liwan's vans, sees a Foshan van serving a Liwan zone only through that
// stop (never where it is), and hears nothing of a Foshan van that serves Foshan alone.

const NOW = Date.parse('2021-06-03T02:00:00Z'); // 10:00 local
const LW = 'lw-van-04';
const FS_IN_LIWAN = 'fs-van-01'; // Chancheng's van, one stop in Liwan
const FS_ONLY = 'fs-van-03'; // Nanhai's van, Foshan stops only
let server: TestServer;
let planId = '';
let coordToken = '';
let liwanToken = '';
let lwDriver: LiveClient;
let fsDriver: LiveClient;
let fsOnlyDriver: LiveClient;
let coord: LiveClient;
let official: LiveClient;
const heard: Record<'coord' | 'liwan', VanBoardChangedEvent[]> = { coord: [], liwan: [] };
const liwanMoves: VehiclesMovedEvent[] = [];
let liwanZones: string[] = [];

const board = async (token: string): Promise<VanBoard> => {
  const res = await server.call('GET', '/api/vans/board', { token });
  expect(res.status).toBe(200);
  return res.json.data as VanBoard;
};
const fixAt = (msAgo: number) => new Date(NOW - msAgo).toISOString();
const pushedRow = (who: 'coord' | 'liwan', vehicleId: string, ok: (r: VanBoardChangedEvent['vans'][number]) => boolean) =>
  heard[who].flatMap((e) => e.vans).find((r) => r.vehicleId === vehicleId && ok(r));

beforeAll(async () => {
  server = await startTestServer(['liwan-2021', 'foshan-2021'], { live: { ...loadConfig({}).live, boardPushMs: 200 } }, { now: () => new Date(NOW) });
  const zones = await server.store.zones.list();
  liwanZones = zones.filter((z) => z.districtId === 'liwan').slice(0, 3).map((z) => z.id);
  const nanhai = zones.filter((z) => z.districtId === 'foshan-nanhai').slice(0, 2).map((z) => z.id);
  const chancheng = zones.filter((z) => z.districtId === 'foshan-chancheng').slice(0, 1).map((z) => z.id);
  planId = await publishRoutes(server, [
    await routeThrough(server, LW, liwanZones),
    await routeThrough(server, FS_IN_LIWAN, [...chancheng, liwanZones[2]!]),
    await routeThrough(server, FS_ONLY, nanhai),
  ], { date: '2021-06-03', districtId: null });
  coordToken = await server.login('coord', 'coord123');
  liwanToken = await server.login('liwan', 'liwan123');
  lwDriver = await connectLive(server.url, (await driverLogin(server, LW, 'liwan')).token);
  fsDriver = await connectLive(server.url, (await driverLogin(server, FS_IN_LIWAN, 'foshan-chancheng')).token);
  fsOnlyDriver = await connectLive(server.url, (await driverLogin(server, FS_ONLY, 'foshan-nanhai')).token);
  coord = await connectLive(server.url, coordToken);
  official = await connectLive(server.url, liwanToken);
  coord.on('vans:board', (e) => heard.coord.push(e));
  official.on('vans:board', (e) => heard.liwan.push(e));
  official.on('vehicles:moved', (e) => liwanMoves.push(e));
}, 60_000);
afterAll(async () => {
  for (const s of [lwDriver, fsDriver, fsOnlyDriver, coord, official]) s?.close();
  await server?.dispose();
});

describe('van board pushed live', () => {
  it("pushes a van's new position, then its delivery, to the coordinator and its district within 2 s", async () => {
    const at = fixAt(30_000);
    const moved = await call(lwDriver, 'vehicle:move', { key: key(), vehicleId: LW, position: { lng: 113.236, lat: 23.116, speedKmh: 18, at } });
    expect(moved.ok).toBe(true);
    const started = Date.now();
    await until(() => !!pushedRow('coord', LW, (r) => r.position?.at === at) && !!pushedRow('liwan', LW, (r) => r.position?.at === at), 2000, 'the fix on both boards');
    expect(Date.now() - started).toBeLessThan(2000);

    const delivered = await call(lwDriver, 'stop:deliver', {
      key: key(), vehicleId: LW, planId, tripIndex: 0, stopIndex: 0, at, quantitiesKg: { vegetables: 10, eggs: 2 }, handoffMode: 'compound_gate',
    });
    expect(delivered.ok).toBe(true);
    await until(() => !!pushedRow('liwan', LW, (r) => r.stopsDone === 1), 2000, 'the delivery on the district board');
    const row = pushedRow('liwan', LW, (r) => r.stopsDone === 1)!;
    expect(row.deliveredKg).toBe(12);
    expect(row.nextStop?.zoneId).toBe(liwanZones[1]);
    expect(row.nextStop?.eta).toMatch(/^\d{2}:\d{2}$/);
    // What was pushed is what a read shows.
    const read = (await board(liwanToken)).vans.find((v) => v.vehicleId === LW)!;
    expect({ ...read, positionAgeS: null }).toEqual({ ...row, positionAgeS: null });
  });

  it("keeps other districts' vans' positions from an official: board read, board push and moves", async () => {
    const at = fixAt(20_000);
    for (const [socket, vehicleId, lng] of [[fsDriver, FS_IN_LIWAN, 113.11], [fsOnlyDriver, FS_ONLY, 113.12]] as const) {
      const moved = await call(socket, 'vehicle:move', { key: key(), vehicleId, position: { lng, lat: 23.02, speedKmh: 20, at } });
      expect(moved.ok).toBe(true);
    }
    await until(() => !!pushedRow('coord', FS_IN_LIWAN, (r) => r.position?.at === at) && !!pushedRow('coord', FS_ONLY, (r) => r.position?.at === at),
      2000, "the Foshan vans' fixes on the coordinator's board");
    // Give the district room the same push window to (wrongly) hear of them.
    await new Promise((r) => setTimeout(r, 600));

    const liwanBoard = await board(liwanToken);
    expect(liwanBoard.vans.map((v) => v.vehicleId)).not.toContain(FS_ONLY);
    const serving = liwanBoard.vans.find((v) => v.vehicleId === FS_IN_LIWAN)!;
    expect(serving).toMatchObject({ position: null, positionAgeS: null, silent: false, stopsTotal: 1 });
    expect(serving.nextStop?.zoneId).toBe(liwanZones[2]);

    const pushed = heard.liwan.flatMap((e) => e.vans);
    expect(pushed.some((r) => r.vehicleId === FS_ONLY)).toBe(false);
    expect(pushed.filter((r) => r.vehicleId === FS_IN_LIWAN).every((r) => r.position === null)).toBe(true);
    const moves = liwanMoves.flatMap((e) => e.moves.map((m) => m.vehicle.vehicleId));
    expect(moves).not.toContain(FS_ONLY);
    expect(moves).not.toContain(FS_IN_LIWAN);
    expect(moves).toContain(LW);
    // The coordinator sees every van where it is.
    const coordBoard = await board(coordToken);
    expect(coordBoard.vans.find((v) => v.vehicleId === FS_IN_LIWAN)?.position?.at).toBe(at);
  });
});
