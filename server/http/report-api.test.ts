import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DailyReport } from '../contract';
import { loadConfig } from '../config';
import { startTestServer, type TestServer } from '../testing/test-server';

// Daily reports over the real server: requests filed and resolved on a local day, a published plan's
// cover, alerts by colour, the CSV download (BOM, escaping), and who may read which report.

const DAY = '2021-06-03';
// 09:00 local time on the report day.
let clock = Date.parse('2021-06-03T01:00:00.000Z');
let server: TestServer;
let coord: string;
let official: string;
let liwanZone: string;

beforeAll(async () => {
  const config = loadConfig({});
  // The seeded zones' playbook steps are days overdue: a long grace keeps their alerts out of these counts.
  const alerts = { ...config.ops.alerts, intervalMs: 0, playbookGraceS: 10 * 365 * 86_400 };
  server = await startTestServer(undefined, { ops: { ...config.ops, alerts } }, { now: () => new Date(clock) });
  coord = await server.login('coord', 'coord123');
  official = await server.login('liwan', 'liwan123');
  liwanZone = (await server.store.zones.list({ districtId: 'liwan' }))[0]!.id;
}, 60_000);
afterAll(async () => server?.dispose());

describe('daily report', () => {
  it('counts the day: requests received and resolved with the median time, plan cover, zones and people', async () => {
    const filed = [];
    for (let i = 0; i < 3; i++) {
      filed.push(await server.services.requests.file(liwanZone, { category: 'medicine', building: `${i}栋`, contact: '139', text: `需要药品 ${i}` }, `dev-${i}`));
      clock += 600_000;
    }
    const rows = await server.store.requests.list({ zoneId: liwanZone });
    clock += 3600_000;
    const me = (await server.call('GET', '/api/me', { token: official })).json.data;
    for (const r of rows.slice(0, 2)) {
      await server.call('PATCH', `/api/requests/${r.id}`, { token: official, body: { status: 'assigned', ownerId: me.id } });
      const res = await server.call('PATCH', `/api/requests/${r.id}`, { token: official, body: { status: 'resolved', note: '已送药' } });
      expect(res.status, JSON.stringify(res.json)).toBe(200);
    }
    const run = await server.call('POST', '/api/plans', { token: coord, body: { date: DAY, districtId: 'liwan', timeLimitS: 0.3 } });
    await server.services.plans.idle();
    expect((await server.call('POST', `/api/plans/${run.json.data.id}/publish`, { token: coord })).status).toBe(200);

    const res = await server.call('GET', `/api/reports/daily?date=${DAY}`, { token: official });
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    const r = res.json.data as DailyReport;
    const zones = await server.store.zones.list({ districtId: 'liwan', status: 'active' });
    expect(r).toMatchObject({ date: DAY, districtId: 'liwan', requestsReceived: 3, requestsResolved: 2 });
    // Filed at 09:00 and 09:10, resolved at 10:30: 90 and 80 minutes.
    expect(r.medianResolveS).toBe(85 * 60);
    expect(r.peopleCovered).toBe(zones.reduce((n, z) => n + z.population, 0));
    expect(r.zonesSealed).toBe(zones.filter((z) => ['sealed', 'controlled'].includes(z.tier)).length);
    expect(r.minDaysOfCover).not.toBeNull();
    expect(Object.keys(r.minDaysOfCover!).length).toBeGreaterThan(0);
    expect(r.alertsByColour).toEqual({ yellow: 0, orange: 0, red: 0 });

    // The next day saw none of it.
    const next = (await server.call('GET', '/api/reports/daily?date=2021-06-04', { token: official })).json.data as DailyReport;
    expect(next).toMatchObject({ requestsReceived: 0, requestsResolved: 0, medianResolveS: null, minDaysOfCover: null });
  });

  it('colours alerts by the level they reached that day', async () => {
    await server.store.alerts.insert({
      id: 'rep-a1', key: 'rep-a1', zoneId: liwanZone, districtId: 'liwan', rule: 'request_spike', commodityId: null, severity: 'medium', reasonZh: '诉求激增', reasonEn: 'spike',
      state: 'open', ownerId: null, raisedAt: new Date(clock - 3 * 3600_000).toISOString(), acknowledgedAt: null, closedAt: null, closedBy: null, closeNote: null,
    });
    await server.store.alerts.insert({
      id: 'rep-a2', key: 'rep-a2', zoneId: liwanZone, districtId: 'liwan', rule: 'request_spike', commodityId: null, severity: 'medium', reasonZh: '诉求激增', reasonEn: 'spike',
      state: 'acknowledged', ownerId: null, raisedAt: new Date(clock - 3 * 3600_000).toISOString(),
      acknowledgedAt: new Date(clock - 3 * 3600_000 + 60_000).toISOString(), closedAt: null, closedBy: null, closeNote: null,
    });
    const r = (await server.call('GET', `/api/reports/daily?date=${DAY}`, { token: coord })).json.data as DailyReport;
    expect(r.districtId).toBeNull();
    expect(r.alertsByColour).toEqual({ yellow: 1, orange: 0, red: 1 });
  });

  it('downloads as CSV: UTF-8 with BOM, attachment, Chinese names', async () => {
    const res = await fetch(`${server.url}/api/reports/daily.csv?date=${DAY}&districtId=liwan`, { headers: { authorization: `Bearer ${official}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toContain(`report-liwan-${DAY}.csv`);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
    expect(text).toContain('范围 scope,,荔湾区\r\n');
    expect(text).toContain('收到诉求 requests_received,,3\r\n');
  });

  it("counts as sealed the tiers that start the city's playbook", async () => {
    const tpl = (await server.call('GET', `/api/playbooks/${encodeURIComponent('广州')}`, { token: coord })).json.data;
    await server.call('PUT', `/api/playbooks/${encodeURIComponent('广州')}`, { token: coord, body: { startTiers: ['sealed'], steps: tpl.steps } });
    const r = (await server.call('GET', `/api/reports/daily?date=${DAY}&districtId=liwan`, { token: coord })).json.data as DailyReport;
    const zones = await server.store.zones.list({ districtId: 'liwan', status: 'active' });
    expect(r.zonesSealed).toBe(zones.filter((z) => z.tier === 'sealed').length);
    expect(r.zonesSealed).toBeLessThan(zones.filter((z) => z.tier !== 'precaution').length);
  });

  it('scopes: officials get their district only, the province is for coordinators; bad dates name the field', async () => {
    expect((await server.call('GET', `/api/reports/daily?date=${DAY}&districtId=nanhai`, { token: official })).status).toBe(403);
    const denied = await server.call('GET', `/api/reports/daily.csv?date=${DAY}&districtId=nanhai`, { token: official });
    expect(denied.status).toBe(403);
    expect(denied.json.ok).toBe(false);
    for (const q of ['date=2021-13-40', 'date=yesterday', '', `date=${DAY}&extra=1`]) {
      const res = await server.call('GET', `/api/reports/daily?${q}`, { token: coord });
      expect(res.status, q).toBe(400);
      expect(res.json.error.field, q).toMatch(/^query/);
    }
  });
});
