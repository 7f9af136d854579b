import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Alert, PlaybookTemplate, ZoneChecklist, ZoneProgress } from '../contract';
import { loadConfig } from '../config';
import { snapshot, startTestServer, type TestServer } from '../testing/test-server';

// The response playbook over the real server with a clock the test moves: checklists start when a
// zone is sealed (create, tier change, import, or found on the first read), steps are ticked by
// people and by facts, overdue steps raise alerts, and the template is edited per city.

const H = 3600_000;
let clock = Date.parse('2026-11-27T01:00:00.000Z');
let server: TestServer;
let coord: string;
let official: string;
const GZ = encodeURIComponent('广州');

const square = (lng: number, lat: number, d = 0.002) => ({
  type: 'Polygon' as const, coordinates: [[[lng, lat], [lng + d, lat], [lng + d, lat + d], [lng, lat + d], [lng, lat]]],
});
const zoneBody = (id: string, tier: string, lng = 113.24) => ({
  id, districtId: 'liwan', name: `预案测试${id}`, tier, population: 800, households: 300, polygon: square(lng, 23.09),
});

async function call(method: string, path: string, token: string, body?: unknown) {
  return server.call(method, path, { token, body });
}

beforeAll(async () => {
  const config = loadConfig({});
  server = await startTestServer(undefined, { ops: { ...config.ops, alerts: { ...config.ops.alerts, intervalMs: 0, playbookGraceS: 0 } } }, {
    now: () => new Date(clock),
  });
  coord = await server.login('coord', 'coord123');
  official = await server.login('liwan', 'liwan123');
}, 60_000);
afterAll(async () => server?.dispose());

describe('playbook', () => {
  it("serves the Guangdong defaults for a city that has not edited them, first-plan limit included", async () => {
    const t = (await call('GET', `/api/playbooks/${GZ}`, official)).json.data as PlaybookTemplate;
    expect(t).toMatchObject({ city: '广州', isDefault: true, firstPlanWithinH: 6, startTiers: ['sealed', 'controlled'] });
    expect(t.steps.map((s) => s.id)).toEqual([
      'confirm_population', 'supply_contact', 'handoff_points', 'publish_request_link', 'first_plan', 'first_delivery', 'special_groups_visit',
    ]);
    expect((await call('GET', `/api/playbooks/${encodeURIComponent('佛山')}`, official)).status).toBe(403);
    expect((await call('GET', `/api/playbooks/${encodeURIComponent('深圳')}`, coord)).status).toBe(404);
  });

  it('seeded sealed zones get checklists from their sealing time on the first read; officials see their district only', async () => {
    const progress = (await call('GET', '/api/playbook/progress', official)).json.data as ZoneProgress[];
    const seeded = await server.store.zones.list({ districtId: 'liwan', status: 'active' });
    expect(progress.map((p) => p.zoneId).sort()).toEqual(seeded.filter((z) => ['sealed', 'controlled'].includes(z.tier)).map((z) => z.id).sort());
    const first = progress[0]!;
    expect(first.startedAt).toBe(seeded.find((z) => z.id === first.zoneId)!.sealedAt);
    // Sealed in 2021: every step a person must tick is long overdue; the handoff point exists, so that one is done.
    expect(first).toMatchObject({ total: 7, done: 1, overdue: 6 });
    expect(progress.every((p) => p.districtId === 'liwan')).toBe(true);
    expect((await call('GET', '/api/playbook/progress?districtId=nanhai', official)).status).toBe(403);
    const all = (await call('GET', '/api/playbook/progress', coord)).json.data as ZoneProgress[];
    expect(all.some((p) => p.districtId !== 'liwan')).toBe(true);
    // A second read starts nothing new.
    expect((await call('GET', '/api/playbook/progress', official)).json.data).toEqual(progress);
  });

  it('a tier change into sealed starts a checklist now, with absolute deadlines; a precaution zone has none', async () => {
    expect((await call('POST', '/api/zones', coord, zoneBody('pb-1', 'precaution'))).status).toBe(201);
    expect((await call('GET', '/api/zones/pb-1/checklist', official)).status).toBe(404);
    clock += H;
    const sealedAt = new Date(clock).toISOString();
    expect((await call('PUT', '/api/zones/pb-1', official, zoneBody('pb-1', 'sealed'))).status).toBe(200);
    const c = (await call('GET', '/api/zones/pb-1/checklist', official)).json.data as ZoneChecklist;
    expect(c.startedAt).toBe(sealedAt);
    expect(c.steps.find((s) => s.id === 'confirm_population')!.dueAt).toBe(new Date(clock + 2 * H).toISOString());
    expect(c.steps.find((s) => s.id === 'first_plan')!.dueAt).toBe(new Date(clock + 6 * H).toISOString());
    expect(c).toMatchObject({ done: 1, overdue: 0, city: '广州', tier: 'sealed' });
    expect(c.steps.find((s) => s.id === 'handoff_points')).toMatchObject({ autoDone: true, doneBy: null });
    const audit = (await server.store.audit.list({ entity: 'zone', entityId: 'pb-1' })).map((a) => a.action);
    expect(audit).toContain('checklist.start');
    // Sealed → controlled is the same lockdown: no second checklist.
    await call('PUT', '/api/zones/pb-1', official, zoneBody('pb-1', 'controlled'));
    expect(((await call('GET', '/api/zones/pb-1/checklist', official)).json.data as ZoneChecklist).id).toBe(c.id);
  });

  it('imported sealed zones start a checklist too', async () => {
    const { id: _id, polygon, ...props } = zoneBody('pb-imp', 'sealed', 113.25);
    const res = await call('POST', '/api/zones/import', coord, {
      type: 'FeatureCollection', features: [{ type: 'Feature', geometry: polygon, properties: { id: 'pb-imp', ...props } }],
    });
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    expect(((await call('GET', '/api/zones/pb-imp/checklist', coord)).json.data as ZoneChecklist).startedAt).toBe(new Date(clock).toISOString());
  });

  it('an official ticks a step (who, when, note); twice is a conflict; bad input changes nothing', async () => {
    const me = (await call('GET', '/api/me', official)).json.data;
    const res = await call('POST', '/api/zones/pb-1/checklist/steps/confirm_population/done', official, { note: '人口 812，独居老人 6' });
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    expect((res.json.data as ZoneChecklist).steps[0]).toMatchObject({ doneBy: me.id, doneAt: new Date(clock).toISOString(), note: '人口 812，独居老人 6', autoDone: false });
    const before = await snapshot(server);
    expect((await call('POST', '/api/zones/pb-1/checklist/steps/confirm_population/done', official, {})).status).toBe(409);
    const missing = await call('POST', '/api/zones/pb-1/checklist/steps/no_such_step/done', official, {});
    expect(missing.json.error).toMatchObject({ code: 'NOT_FOUND', field: 'stepId' });
    const bad = await call('POST', '/api/zones/pb-1/checklist/steps/supply_contact/done', official, { note: 42 });
    expect(bad.json.error).toMatchObject({ code: 'VALIDATION', field: 'body.note' });
    const extra = await call('POST', '/api/zones/pb-1/checklist/steps/supply_contact/done', official, { doneBy: 'someone' });
    expect(extra.status).toBe(400);
    expect(await snapshot(server)).toBe(before);
    expect((await server.store.audit.list({ entity: 'zone', entityId: 'pb-1' })).map((a) => a.action)).toContain('checklist.done');
  });

  it('an overdue step raises one playbook_overdue alert when its time passes (injected clock), not before', async () => {
    const due = Date.parse(((await call('GET', '/api/zones/pb-1/checklist', official)).json.data as ZoneChecklist).steps[1]!.dueAt);
    const mine = (a: Alert) => a.zoneId === 'pb-1' && a.rule === 'playbook_overdue';
    expect((await server.services.alerts.evaluateAlerts(new Date(due))).filter(mine)).toEqual([]);
    clock = due + 1;
    const raised = (await server.services.alerts.evaluateAlerts()).filter(mine);
    // confirm_population is done; supply_contact (2 h) is overdue; nothing else is due yet.
    expect(raised).toHaveLength(1);
    expect(raised[0]!.reasonEn).toMatch(/Name the zone's supply contact/);
    expect((await server.services.alerts.evaluateAlerts()).filter(mine)).toEqual([]);
    const listed = (await call('GET', '/api/alerts?rule=playbook_overdue&zoneId=pb-1', official)).json.data as Alert[];
    expect(listed).toHaveLength(1);
    const progress = ((await call('GET', '/api/playbook/progress', official)).json.data as ZoneProgress[]).find((p) => p.zoneId === 'pb-1')!;
    expect(progress).toMatchObject({ done: 2, overdue: 1, total: 7 });
  });

  it('a step falling overdue later raises one alert listing every overdue step, which replaces the open one', async () => {
    const steps = ((await call('GET', '/api/zones/pb-1/checklist', official)).json.data as ZoneChecklist).steps;
    const mine = (a: Alert) => a.zoneId === 'pb-1' && a.rule === 'playbook_overdue';
    const [older] = ((await call('GET', '/api/alerts?rule=playbook_overdue&zoneId=pb-1&state=open', official)).json.data as Alert[]);
    expect(older).toBeDefined();
    const told: string[] = [];
    const stop = server.services.alerts.onAlert((a, change) => { if (mine(a)) told.push(`${a.id === older!.id ? 'older' : 'newer'} ${change}`); });
    try {
      clock = Date.parse(steps.find((s) => s.id === 'publish_request_link')!.dueAt) + 1;
      const raised = (await server.services.alerts.evaluateAlerts()).filter(mine);
      expect(raised).toHaveLength(1);
      expect(raised[0]!.reasonEn).toMatch(/supply contact.*request link/);
      expect(told.sort()).toEqual(['newer raised', 'older closed']);
    } finally {
      stop();
    }
    const open = (await call('GET', '/api/alerts?rule=playbook_overdue&zoneId=pb-1&state=open', official)).json.data as Alert[];
    expect(open.map((a) => a.id)).toEqual([expect.not.stringMatching(older!.id)]);
    const closed = ((await call('GET', '/api/alerts?rule=playbook_overdue&zoneId=pb-1&state=closed', official)).json.data as Alert[]).find((a) => a.id === older!.id)!;
    expect(closed).toMatchObject({ state: 'closed', closedBy: null });
    expect(closed.closeNote).toContain(open[0]!.id);
    expect((await server.store.audit.list({ entity: 'alert', entityId: older!.id })).map((e) => e.action)).toContain('alert.close');
  });

  it('coordinators edit a city template (validated, audited); new sealings use it, started checklists keep theirs', async () => {
    const t = (await call('GET', `/api/playbooks/${GZ}`, coord)).json.data as PlaybookTemplate;
    const steps = t.steps.map((s) => (s.id === 'first_plan' ? { ...s, dueAfterH: 4 } : s));
    const before = await snapshot(server);
    const cases: Array<[unknown, string]> = [
      [{ startTiers: ['sealed'], steps: [steps[0], steps[0]] }, 'body.steps.1.id'],
      [{ startTiers: ['lockdown'], steps }, 'body.startTiers.0'],
      [{ startTiers: ['sealed'], steps: [{ ...steps[0], dueAfterH: 0 }] }, 'body.steps.0.dueAfterH'],
      [{ startTiers: ['sealed'], steps: [{ ...steps[0], auto: 'magic' }] }, 'body.steps.0.auto'],
      [{ startTiers: [], steps }, 'body.startTiers'],
    ];
    for (const [body, field] of cases) {
      const res = await call('PUT', `/api/playbooks/${GZ}`, coord, body);
      expect(res.json.error, JSON.stringify(body)).toMatchObject({ code: 'VALIDATION', field });
      expect(res.json.error.message).toContain(field);
    }
    expect((await call('PUT', `/api/playbooks/${GZ}`, official, { startTiers: ['sealed'], steps })).status).toBe(403);
    expect(await snapshot(server)).toBe(before);

    const saved = await call('PUT', `/api/playbooks/${GZ}`, coord, { startTiers: ['sealed', 'controlled'], steps });
    expect(saved.json.data).toMatchObject({ isDefault: false, firstPlanWithinH: 4 });
    expect((await server.store.audit.list({ entity: 'playbook' })).map((a) => a.action)).toEqual(['playbook.update']);
    await call('POST', '/api/zones', coord, zoneBody('pb-2', 'sealed', 113.243));
    const fresh = (await call('GET', '/api/zones/pb-2/checklist', coord)).json.data as ZoneChecklist;
    expect(Date.parse(fresh.steps.find((s) => s.id === 'first_plan')!.dueAt) - Date.parse(fresh.startedAt)).toBe(4 * H);
    const old = (await call('GET', '/api/zones/pb-1/checklist', coord)).json.data as ZoneChecklist;
    expect(Date.parse(old.steps.find((s) => s.id === 'first_plan')!.dueAt) - Date.parse(old.startedAt)).toBe(6 * H);
  });

  it('concurrent ticks and fact syncs lose no step', async () => {
    await call('POST', '/api/zones', coord, zoneBody('pb-3', 'sealed', 113.246));
    const manual = ['confirm_population', 'supply_contact', 'publish_request_link', 'special_groups_visit'];
    const results = await Promise.all([
      ...manual.map((step) => call('POST', `/api/zones/pb-3/checklist/steps/${step}/done`, step.length % 2 ? official : coord, { note: step })),
      call('GET', '/api/playbook/progress', official), call('GET', '/api/zones/pb-3/checklist', coord),
    ]);
    expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 200]);
    const c = (await call('GET', '/api/zones/pb-3/checklist', coord)).json.data as ZoneChecklist;
    for (const step of manual) expect(c.steps.find((s) => s.id === step)).toMatchObject({ note: step, autoDone: false });
    expect(c.done).toBe(5);
  });

  it('publishing a plan that covers the zone ticks "first plan" with the publication time', async () => {
    const run = await call('POST', '/api/plans', coord, { date: '2021-06-03', districtId: 'liwan', timeLimitS: 0.3 });
    expect(run.status, JSON.stringify(run.json)).toBe(202);
    await server.services.plans.idle();
    const pub = await call('POST', `/api/plans/${run.json.data.id}/publish`, coord);
    expect(pub.status, JSON.stringify(pub.json)).toBe(200);
    const c = (await call('GET', '/api/zones/pb-2/checklist', coord)).json.data as ZoneChecklist;
    expect(c.steps.find((s) => s.id === 'first_plan')).toMatchObject({ doneAt: pub.json.data.publishedAt, autoDone: true });
  });
});
