import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Alert, AlertChangedEvent, AlertView } from '../contract';
import { DEFAULT_OPS } from '../ops-config';
import { startTestServer, type TestServer } from '../testing/test-server';
import { connectLive, until, type LiveClient } from '../testing/live-kit';

// Escalation to the top level is told once, live, to the district's officials and the coordinators
// (the page decides it is theirs: owner or the district's official); the alert's history shows who saw it.

let server: TestServer;
const open: LiveClient[] = [];
const heard = new Map<string, AlertChangedEvent[]>();
const tokens: Record<string, string> = {};
let zoneId = '';

async function watcher(name: string, token: string): Promise<void> {
  const socket = await connectLive(server.url, token);
  open.push(socket);
  heard.set(name, []);
  socket.on('alert:changed', (e) => heard.get(name)!.push(e));
}

function insertAlert(id: string, ageS: number, state: Alert['state'] = 'open') {
  return server.store.alerts.insert({
    id, key: `test/${id}`, zoneId, districtId: 'liwan', rule: 'request_spike', commodityId: null, severity: 'high',
    reasonZh: '诉求激增', reasonEn: 'requests spiking', state, ownerId: null, raisedAt: new Date(Date.now() - ageS * 1000).toISOString(),
    acknowledgedAt: state === 'acknowledged' ? new Date(Date.now() - ageS * 1000 + 60_000).toISOString() : null, closedAt: null, closedBy: null, closeNote: null,
  });
}

beforeAll(async () => {
  server = await startTestServer();
  zoneId = (await server.store.zones.list()).find((z) => z.districtId === 'liwan')!.id;
  for (const [name, user, pw] of [['liwan', 'liwan', 'liwan123'], ['coord', 'coord', 'coord123'], ['foshan', 'foshan', 'foshan123']] as const) {
    tokens[name] = await server.login(user, pw);
    await watcher(name, tokens[name]);
  }
}, 60_000);

afterAll(async () => {
  for (const s of open) s.close();
  await server?.dispose();
});

describe('alert escalation and views', () => {
  const red = DEFAULT_OPS.alerts.redAfterS;

  it('an open alert aged into red is told once as escalated, to its district and the coordinators only', async () => {
    await insertAlert('esc-old', red + 60);
    await insertAlert('esc-young', Math.max(1, red / 10));
    await insertAlert('esc-acked', red + 60, 'acknowledged');
    await server.services.alerts.evaluateAlerts();
    await until(() => heard.get('liwan')!.some((e) => e.change === 'escalated') && heard.get('coord')!.some((e) => e.change === 'escalated'), 3000, 'the escalation push');
    for (const who of ['liwan', 'coord']) {
      const escalated = heard.get(who)!.filter((e) => e.change === 'escalated');
      expect(escalated.map((e) => e.alert.id)).toEqual(['esc-old']);
      expect(escalated[0]!.alert.level).toBe('red');
      expect(escalated[0]!.alert.escalatedAt).not.toBeNull();
    }
    expect(heard.get('foshan')!.filter((e) => e.change === 'escalated')).toEqual([]);
    // A second evaluation does not tell it again.
    await server.services.alerts.evaluateAlerts();
    await new Promise((r) => setTimeout(r, 300));
    expect(heard.get('liwan')!.filter((e) => e.change === 'escalated')).toHaveLength(1);
    const stored = await server.store.alerts.get('esc-young');
    expect(stored!.escalatedAt ?? null).toBeNull();
  });

  it("records who saw it: the history lists each viewer once, and the unseen list drops what the caller saw", async () => {
    const unseen = async (token: string) =>
      ((await server.call('GET', '/api/alerts?unseenEscalated=true', { token })).json.data as Alert[]).map((a) => a.id);
    expect(await unseen(tokens.liwan!)).toEqual(['esc-old']);
    const first = await server.call('POST', '/api/alerts/esc-old/views', { token: tokens.liwan });
    expect(first.status).toBe(200);
    await server.call('POST', '/api/alerts/esc-old/views', { token: tokens.liwan });
    await server.call('POST', '/api/alerts/esc-old/views', { token: tokens.coord });
    const views = (await server.call('GET', '/api/alerts/esc-old/views', { token: tokens.coord })).json.data as AlertView[];
    expect(views.map((v) => v.username).sort()).toEqual(['coord', 'liwan']);
    expect(views.every((v) => v.alertId === 'esc-old' && !Number.isNaN(Date.parse(v.seenAt)))).toBe(true);
    expect(await unseen(tokens.liwan!)).toEqual([]);
    // Another district's official may neither see nor mark it: 404, nothing written.
    const foreign = await server.call('POST', '/api/alerts/esc-old/views', { token: tokens.foshan });
    expect(foreign.status).toBe(404);
    expect((await server.store.alerts.views('esc-old')).map((v) => v.username).sort()).toEqual(['coord', 'liwan']);
  });
});
