import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Role, RouteKey } from '../contract';
import { snapshot, startTestServer, type TestServer } from '../testing/test-server';
import { allRoutes } from './app';
import { loadConfig } from '../config';

// Every route × every role × own/foreign scope. Foreign access must be refused (401/403/404) and change
// nothing; own access must succeed. A new route without a case here fails the coverage test below.

type Scope = 'own' | 'foreign';
type Actor = Role | 'anonymous';
interface Request { path: string; body?: unknown; contentType?: string }

let server: TestServer;
const tokens: Partial<Record<Actor, string>> = {};
const ids = {
  liwanZone: '', fsZone: '', liwanDepot: '', fsDepot: '', liwanVehicle: '', fsVehicle: '', liwanStaff: '', fsStaff: '',
  driverVehicle: '', driverDepot: '', driverStaff: '', fsDistrict: '',
  liwanPlan: '', liwanPlan2: '', fsPlan: '', fsPlan2: '',
  liwanRequest: '', fsRequest: '', coordinatorUser: '',
  liwanAlert: '', fsAlert: '',
  liwanSealed: '', fsSealed: '',
  liwanChannel: '', fsChannel: '',
  liwanSupplier: '', fsSupplier: '',
};
let seq = 0;
const fresh = (prefix: string) => `${prefix}-${++seq}`;

/** The district a scope points at for a role: officials own Liwan; Foshan is foreign to them. */
const districtFor = (scope: Scope) => (scope === 'own' ? 'liwan' : ids.fsDistrict);

async function asCoordinator(method: string, path: string, body: unknown) {
  const res = await server.call(method, path, { token: tokens.coordinator, body });
  if (res.status >= 300) throw new Error(`fixture ${method} ${path}: ${JSON.stringify(res.json)}`);
  return res.json.data;
}

const square = (lng: number, lat: number, d = 0.002) => ({
  type: 'Polygon' as const,
  coordinates: [[[lng, lat], [lng + d, lat], [lng + d, lat + d], [lng, lat + d], [lng, lat]]],
});

const zoneBody = (scope: Scope, id?: string) => {
  const [lng, lat] = scope === 'own' ? [113.24, 23.09] : ([113.12, 23.01] as const);
  return {
    ...(id ? { id } : {}), districtId: districtFor(scope), name: 'matrix zone', tier: 'controlled',
    population: 100, households: 40, polygon: square(lng + Math.random() * 0.01, lat),
  };
};
const depotBody = (scope: Scope, id?: string) => ({
  ...(id ? { id } : {}), districtId: districtFor(scope), name: 'matrix depot',
  location: scope === 'own' ? [113.24, 23.09] : [113.12, 23.01], opensAt: '06:00', closesAt: '20:00',
});
const vehicleBody = (scope: Scope, id?: string) => ({
  ...(id ? { id } : {}), name: 'matrix van', kind: 'van', homeDepotId: scope === 'own' ? ids.liwanDepot : ids.fsDepot,
  districtId: districtFor(scope), capacityKg: 1000, coldChainKg: 0, shiftStart: '06:00', shiftEnd: '18:00',
});
const staffBody = (scope: Scope, id?: string) => ({
  ...(id ? { id } : {}), name: 'matrix worker', role: 'handoff_worker', passNumber: fresh('PASS'),
  healthCheckValidUntil: '2030-01-01', districtId: districtFor(scope),
});

const channelBody = (scope: Scope, id?: string) => ({
  ...(id ? { id } : {}), districtId: districtFor(scope), name: 'matrix point', kind: 'supply_point',
  zoneIds: [scope === 'own' ? ids.liwanZone : ids.fsZone], capacity: { vegetables: { kgPerDay: 100 } },
  opensAt: '08:00', closesAt: '17:00', activeFrom: '2021-06-01',
});
const channelCsv = (scope: Scope, id: string) =>
  `id,districtId,name,kind,zoneIds,opensAt,closesAt,activeFrom,kgPerDay.vegetables\n${id},${districtFor(scope)},csv point,supply_point,${scope === 'own' ? ids.liwanZone : ids.fsZone},08:00,17:00,2021-06-01,100\n`;
const supplierBody = (scope: Scope, id?: string) => ({
  ...(id ? { id } : {}), districtId: districtFor(scope), name: 'matrix supplier', kind: 'enterprise',
  deliveries: [{ depotId: scope === 'own' ? ids.liwanDepot : ids.fsDepot, commodityId: 'vegetables', kgPerDay: 100, arrivesAt: '05:00', leadTimeDays: 1 }],
  activeFrom: '2021-06-01',
});
/** Allowed supplier writes go to a throwaway supplier; refused ones aim at a standing foreign one. */
async function supplierTarget(scope: Scope, actor: Actor): Promise<string> {
  if (scope === 'own' || actor === 'coordinator') return (await asCoordinator('POST', '/api/suppliers', supplierBody(scope, fresh('tmp-supplier')))).id;
  return ids.fsSupplier;
}
/** Allowed channel writes go to a throwaway channel; refused ones aim at a standing foreign one. */
async function channelTarget(scope: Scope, actor: Actor): Promise<string> {
  if (scope === 'own' || actor === 'coordinator') return (await asCoordinator('POST', '/api/supply-channels', channelBody(scope, fresh('tmp-channel')))).id;
  return ids.fsChannel;
}

/** Creates a throwaway record in the scope's district, so allowed deletes and updates have a target. */
async function throwaway(kind: 'zones' | 'depots' | 'vehicles' | 'staff', scope: Scope): Promise<string> {
  const body = { zones: zoneBody, depots: depotBody, vehicles: vehicleBody, staff: staffBody }[kind](scope, fresh(`tmp-${kind}`));
  return (await asCoordinator('POST', `/api/${kind}`, body)).id;
}

const STABLE_FOREIGN = { zones: () => ids.fsZone, depots: () => ids.fsDepot, vehicles: () => ids.fsVehicle, staff: () => ids.fsStaff };

/** Allowed writes go to a throwaway record; refused ones aim at a real foreign record. */
async function target(kind: keyof typeof STABLE_FOREIGN, scope: Scope, actor: Actor): Promise<string> {
  return scope === 'own' || actor === 'coordinator' ? throwaway(kind, scope) : STABLE_FOREIGN[kind]();
}

const planBody = (scope: Scope) =>
  scope === 'own' ? { date: '2021-06-03', districtId: 'liwan', timeLimitS: 0.2 } : { date: '2021-06-01', districtId: ids.fsDistrict, timeLimitS: 0.2 };

/** A finished draft plan of the scope's district, run by the coordinator. */
async function draftPlan(scope: Scope): Promise<string> {
  const { id } = await asCoordinator('POST', '/api/plans', planBody(scope));
  await server.services.plans.idle();
  return id;
}

/** Allowed publishes get a fresh draft; refused ones aim at a standing draft, which must stay one. */
async function publishTarget(scope: Scope, actor: Actor): Promise<string> {
  if (expected('POST /api/plans/:id/publish', actor, scope) === 'allow') return draftPlan(scope);
  return scope === 'own' ? ids.liwanPlan : ids.fsPlan;
}

// For each route: how to build the request against an own or a foreign target, for a given actor.
const cases: Record<RouteKey, (scope: Scope, actor: Actor) => Promise<Request> | Request> = {
  'GET /api/health': () => ({ path: '/api/health' }),
  'POST /api/sessions': () => ({ path: '/api/sessions', body: { username: 'coord', password: 'coord123' } }),
  'DELETE /api/sessions/current': () => ({ path: '/api/sessions/current' }),
  'GET /api/me': () => ({ path: '/api/me' }),
  'GET /api/districts': () => ({ path: '/api/districts' }),
  'GET /api/streets': (s) => ({ path: `/api/streets?districtId=${districtFor(s)}` }),
  'GET /api/commodities': () => ({ path: '/api/commodities' }),
  'GET /api/tiers': () => ({ path: '/api/tiers' }),
  'PUT /api/commodities/:id': () => ({ path: '/api/commodities/eggs', body: { dailyRationKgPerPerson: 0.05 } }),
  'GET /api/zones': (s) => ({ path: `/api/zones?districtId=${districtFor(s)}` }),
  'GET /api/zones/:id': (s) => ({ path: `/api/zones/${s === 'own' ? ids.liwanZone : ids.fsZone}` }),
  'POST /api/zones': (s) => ({ path: '/api/zones', body: zoneBody(s, fresh('new-zone')) }),
  'PUT /api/zones/:id': async (s, a) => ({ path: `/api/zones/${await target('zones', s, a)}`, body: zoneBody(s) }),
  'DELETE /api/zones/:id': async (s, a) => ({ path: `/api/zones/${await target('zones', s, a)}` }),
  'POST /api/zones/import': (s) => ({
    path: '/api/zones/import',
    body: { type: 'FeatureCollection', features: [{ type: 'Feature', geometry: zoneBody(s).polygon, properties: { ...zoneBody(s, fresh('imp')), polygon: undefined } }] },
  }),
  'GET /api/handoff-points': (s) => ({ path: `/api/handoff-points?zoneId=${s === 'own' ? ids.liwanZone : ids.fsZone}` }),
  'GET /api/depots': (s) => ({ path: `/api/depots?districtId=${districtFor(s)}` }),
  'GET /api/depots/:id': (s, a) => ({ path: `/api/depots/${a === 'driver' ? (s === 'own' ? ids.driverDepot : otherDepot()) : s === 'own' ? ids.liwanDepot : ids.fsDepot}` }),
  'POST /api/depots': (s) => ({ path: '/api/depots', body: depotBody(s, fresh('new-depot')) }),
  'PUT /api/depots/:id': async (s, a) => ({ path: `/api/depots/${await target('depots', s, a)}`, body: depotBody(s) }),
  'DELETE /api/depots/:id': async (s, a) => ({ path: `/api/depots/${await target('depots', s, a)}` }),
  'PUT /api/depots/:id/stock': (s) => ({ path: `/api/depots/${s === 'own' ? ids.liwanDepot : ids.fsDepot}/stock`, body: { stockKg: { eggs: 10 } } }),
  'POST /api/stock/import': (s) => ({
    path: '/api/stock/import', contentType: 'text/csv',
    body: `depotId,commodityId,kg\n${s === 'own' ? ids.liwanDepot : ids.fsDepot},eggs,12\n`,
  }),
  'GET /api/vehicles': (s) => ({ path: `/api/vehicles?districtId=${districtFor(s)}` }),
  'GET /api/vehicles/:id': (s, a) => ({ path: `/api/vehicles/${a === 'driver' ? (s === 'own' ? ids.driverVehicle : ids.fsVehicle) : s === 'own' ? ids.liwanVehicle : ids.fsVehicle}` }),
  'POST /api/vehicles': (s) => ({ path: '/api/vehicles', body: vehicleBody(s, fresh('new-van')) }),
  'PUT /api/vehicles/:id': async (s, a) => ({ path: `/api/vehicles/${await target('vehicles', s, a)}`, body: vehicleBody(s) }),
  'DELETE /api/vehicles/:id': async (s, a) => ({ path: `/api/vehicles/${await target('vehicles', s, a)}` }),
  'GET /api/supply-channels': (s) => ({ path: `/api/supply-channels?districtId=${districtFor(s)}` }),
  'GET /api/supply-channels/:id': (s) => ({ path: `/api/supply-channels/${s === 'own' ? ids.liwanChannel : ids.fsChannel}` }),
  'POST /api/supply-channels': (s) => ({ path: '/api/supply-channels', body: channelBody(s, fresh('new-channel')) }),
  'PUT /api/supply-channels/:id': async (s, a) => ({ path: `/api/supply-channels/${await channelTarget(s, a)}`, body: channelBody(s) }),
  'DELETE /api/supply-channels/:id': async (s, a) => ({ path: `/api/supply-channels/${await channelTarget(s, a)}` }),
  'POST /api/supply-channels/import': (s) => ({ path: '/api/supply-channels/import', contentType: 'text/csv', body: channelCsv(s, fresh('csv-channel')) }),
  'GET /api/suppliers': (s) => ({ path: `/api/suppliers?districtId=${districtFor(s)}` }),
  'GET /api/suppliers/:id': (s) => ({ path: `/api/suppliers/${s === 'own' ? ids.liwanSupplier : ids.fsSupplier}` }),
  'POST /api/suppliers': (s) => ({ path: '/api/suppliers', body: supplierBody(s, fresh('new-supplier')) }),
  'PUT /api/suppliers/:id': async (s, a) => ({ path: `/api/suppliers/${await supplierTarget(s, a)}`, body: supplierBody(s) }),
  'DELETE /api/suppliers/:id': async (s, a) => ({ path: `/api/suppliers/${await supplierTarget(s, a)}` }),
  'GET /api/depot-outlook': (s) => ({ path: `/api/depot-outlook?date=2021-06-03&districtId=${districtFor(s)}` }),
  'GET /api/household-stock': () => ({ path: '/api/household-stock' }),
  'PUT /api/household-stock': () => ({ path: '/api/household-stock', body: { days: { vegetables: 1 } } }),
  'GET /api/cover': (s) => ({ path: `/api/cover?date=2021-06-03&districtId=${districtFor(s)}` }),
  'GET /api/districts/:id/cover-history': (s) => ({ path: `/api/districts/${districtFor(s)}/cover-history?days=3` }),
  'GET /api/vehicle-availability': (s) => ({ path: `/api/vehicle-availability?districtId=${districtFor(s)}` }),
  'PUT /api/vehicle-availability/:vehicleId': async (s, a) => ({
    path: `/api/vehicle-availability/${await target('vehicles', s, a)}`, body: { status: 'broken_down', note: 'matrix' },
  }),
  'GET /api/staff': (s) => ({ path: `/api/staff?districtId=${districtFor(s)}` }),
  'GET /api/staff/:id': (s, a) => ({ path: `/api/staff/${a === 'driver' ? (s === 'own' ? ids.driverStaff : ids.fsStaff) : s === 'own' ? ids.liwanStaff : ids.fsStaff}` }),
  'POST /api/staff': (s) => ({ path: '/api/staff', body: staffBody(s, fresh('new-staff')) }),
  'PUT /api/staff/:id': async (s, a) => ({ path: `/api/staff/${await target('staff', s, a)}`, body: staffBody(s) }),
  'DELETE /api/staff/:id': async (s, a) => ({ path: `/api/staff/${await target('staff', s, a)}` }),
  'GET /api/audit': () => ({ path: '/api/audit?limit=5' }),
  'GET /api/public/zones/:zoneId': (s) => ({ path: `/api/public/zones/${publicZone(s)}` }),
  'POST /api/public/zones/:zoneId/requests': (s) => ({ path: `/api/public/zones/${publicZone(s)}/requests`, body: requestBody() }),
  'GET /api/requests': (s) => ({ path: `/api/requests?districtId=${districtFor(s)}` }),
  'GET /api/alerts': (s) => ({ path: `/api/alerts?districtId=${districtFor(s)}` }),
  'POST /api/staff/:id/pass': async (s, a) => ({ path: `/api/staff/${await target('staff', s, a)}/pass`, body: { photoRef: 'photo-1' } }),
  'POST /api/staff/:id/pass/revoke': async (s, a) => ({ path: `/api/staff/${await target('staff', s, a)}/pass/revoke` }),
  'GET /api/passes/public-key': () => ({ path: '/api/passes/public-key' }),
  'GET /api/passes/revoked': () => ({ path: '/api/passes/revoked' }),
  'POST /api/passes/verify': () => ({ path: '/api/passes/verify', body: { token: 'not-a-pass' } }),
  'POST /api/vehicles/:id/disinfections': (s, a) => ({ path: `/api/vehicles/${vanOf(s, a)}/disinfections`, body: { at: '2021-06-03T07:00:00+08:00', by: '张师傅', method: '含氯消毒剂喷洒' } }),
  'GET /api/vehicles/:id/disinfections': (s, a) => ({ path: `/api/vehicles/${vanOf(s, a)}/disinfections` }),
  'GET /api/alerts/:id/views': (s) => ({ path: `/api/alerts/${s === 'own' ? ids.liwanAlert : ids.fsAlert}/views` }),
  'POST /api/alerts/:id/views': (s) => ({ path: `/api/alerts/${s === 'own' ? ids.liwanAlert : ids.fsAlert}/views` }),
  'POST /api/alerts/:id/ack': async (s, a) => ({ path: `/api/alerts/${await alertTarget('POST /api/alerts/:id/ack', s, a)}/ack` }),
  'POST /api/alerts/bulk': async (s, a) => ({ path: '/api/alerts/bulk', body: { ids: [await alertTarget('POST /api/alerts/bulk', s, a)], action: 'acknowledge' } }),
  'POST /api/alerts/:id/close': async (s, a) => ({ path: `/api/alerts/${await alertTarget('POST /api/alerts/:id/close', s, a)}/close`, body: { note: 'checked' } }),
  'GET /api/requests/:id': (s) => ({ path: `/api/requests/${s === 'own' ? ids.liwanRequest : ids.fsRequest}` }),
  'PATCH /api/requests/:id': async (s, a) => ({
    path: `/api/requests/${await requestTarget('PATCH /api/requests/:id', s, a)}`, body: { status: 'assigned', ownerId: ids.coordinatorUser },
  }),
  'POST /api/requests/bulk': async (s, a) => ({
    path: '/api/requests/bulk', body: { ids: [await requestTarget('POST /api/requests/bulk', s, a)], action: 'assign', ownerId: ids.coordinatorUser },
  }),
  'POST /api/plans': (s) => ({ path: '/api/plans', body: planBody(s) }),
  'GET /api/plans': (s) => ({ path: `/api/plans?districtId=${districtFor(s)}` }),
  'GET /api/plans/:id': (s) => ({ path: `/api/plans/${s === 'own' ? ids.liwanPlan : ids.fsPlan}` }),
  'GET /api/plans/:a/compare/:b': (s) => ({
    path: s === 'own' ? `/api/plans/${ids.liwanPlan}/compare/${ids.liwanPlan2}` : `/api/plans/${ids.fsPlan}/compare/${ids.fsPlan2}`,
  }),
  'POST /api/plans/:id/publish': async (s, a) => ({ path: `/api/plans/${await publishTarget(s, a)}/publish` }),
  'GET /api/vehicles/:id/route': (s, a) => ({
    path: `/api/vehicles/${a === 'driver' ? (s === 'own' ? ids.driverVehicle : ids.fsVehicle) : s === 'own' ? ids.liwanVehicle : ids.fsVehicle}/route`,
  }),
  'GET /api/vehicles/:id/track': (s, a) => ({
    path: `/api/vehicles/${a === 'driver' ? (s === 'own' ? ids.driverVehicle : ids.fsVehicle) : s === 'own' ? ids.liwanVehicle : ids.fsVehicle}/track?date=2021-06-03`,
  }),
  // Scoped by the session (an official sees the vans serving their district), like GET /api/me.
  'GET /api/vans/board': () => ({ path: '/api/vans/board' }),
  'GET /api/playbooks/:city': (s) => ({ path: `/api/playbooks/${encodeURIComponent(cityOf(s))}` }),
  'PUT /api/playbooks/:city': (s) => ({ path: `/api/playbooks/${encodeURIComponent(cityOf(s))}`, body: playbookBody() }),
  'GET /api/playbook/progress': (s) => ({ path: `/api/playbook/progress?districtId=${districtFor(s)}` }),
  'GET /api/zones/:id/checklist': (s) => ({ path: `/api/zones/${s === 'own' ? ids.liwanSealed : ids.fsSealed}/checklist` }),
  'POST /api/zones/:id/checklist/steps/:stepId/done': async (s, a) => ({
    path: `/api/zones/${await checklistTarget(s, a)}/checklist/steps/confirm_population/done`, body: { note: '已核实' },
  }),
  'GET /api/reports/daily': (s) => ({ path: `/api/reports/daily?date=2021-06-03&districtId=${districtFor(s)}` }),
  'GET /api/reports/daily.csv': (s) => ({ path: `/api/reports/daily.csv?date=2021-06-03&districtId=${districtFor(s)}` }),
  // A throwaway user each time: revoking a shared login would log the other cases out.
  'POST /api/users/:id/revoke-sessions': async (s) => ({ path: `/api/users/${await throwawayUser(s)}/revoke-sessions` }),
};
async function throwawayUser(scope: Scope): Promise<string> {
  const id = fresh('tmp-user');
  await server.store.users.upsert({
    id, username: id, displayName: 'matrix user', role: 'district_official', districtId: districtFor(scope), vehicleId: null,
  }, 'not-a-hash');
  return id;
}
// Public request pages: "foreign" is a zone that does not exist (the page must answer 404 and store nothing).
const PUBLIC = new Set<RouteKey>(['GET /api/public/zones/:zoneId', 'POST /api/public/zones/:zoneId/requests']);
const publicZone = (s: Scope) => (s === 'own' ? ids.liwanZone : 'no-such-zone');
const requestBody = () => ({ category: 'food_shortage' as const, building: '3栋', contact: '13800000000', text: fresh('缺少蔬菜') });
/** Files a request through the service (each with its own device, so the matrix never meets the rate limit). */
async function fileRequest(scope: Scope): Promise<string> {
  const { receiptId } = await server.services.requests.file(scope === 'own' ? ids.liwanZone : ids.fsZone, requestBody(), fresh('matrix-device'));
  return (await server.store.requests.list()).find((r) => r.receiptId === receiptId)!.id;
}
/** Allowed changes get a fresh request; refused ones aim at a standing one, which must stay new. */
async function requestTarget(key: RouteKey, scope: Scope, actor: Actor): Promise<string> {
  if (expected(key, actor, scope) === 'allow') return fileRequest(scope);
  return scope === 'own' ? ids.liwanRequest : ids.fsRequest;
}
/** An open alert in the scope's zone, stored directly (the rules have their own tests). */
async function raiseAlert(scope: Scope): Promise<string> {
  const id = fresh('alert');
  await server.store.alerts.insert({
    id, key: id, zoneId: scope === 'own' ? ids.liwanZone : ids.fsZone, districtId: districtFor(scope), rule: 'request_spike', commodityId: null, severity: 'medium',
    reasonZh: '诉求激增', reasonEn: 'request spike', state: 'open', ownerId: null, raisedAt: new Date().toISOString(),
    acknowledgedAt: null, closedAt: null, closedBy: null, closeNote: null,
  });
  return id;
}
async function alertTarget(key: RouteKey, scope: Scope, actor: Actor): Promise<string> {
  if (expected(key, actor, scope) === 'allow') return raiseAlert(scope);
  return scope === 'own' ? ids.liwanAlert : ids.fsAlert;
}
// Liwan is in Guangzhou; the foreign district is in Foshan.
const cityOf = (s: Scope) => (s === 'own' ? '广州' : '佛山');
const playbookBody = () => ({
  startTiers: ['sealed', 'controlled'],
  steps: [{ id: 'confirm_population', titleZh: '核实人口', titleEn: 'Confirm population', dueAfterH: 2, auto: null }],
});
/** Allowed step ticks get a fresh sealed zone (its checklist starts on creation); refused ones aim at a standing one. */
async function checklistTarget(scope: Scope, actor: Actor): Promise<string> {
  if (expected('POST /api/zones/:id/checklist/steps/:stepId/done', actor, scope) === 'allow') {
    return (await asCoordinator('POST', '/api/zones', { ...zoneBody(scope, fresh('sealed-zone')), tier: 'sealed' })).id;
  }
  return scope === 'own' ? ids.liwanSealed : ids.fsSealed;
}
const vanOf = (s: Scope, a: Actor) => (a === 'driver' ? (s === 'own' ? ids.driverVehicle : ids.fsVehicle) : s === 'own' ? ids.liwanVehicle : ids.fsVehicle);
/** Gate devices read these without a login. */
const OPEN_TO_ALL = new Set<RouteKey>(['GET /api/tiers', 'GET /api/passes/public-key', 'GET /api/passes/revoked', 'POST /api/passes/verify']);
const otherDepot = () => (ids.driverDepot === ids.liwanDepot ? ids.fsDepot : ids.liwanDepot);

const DRIVER_ROUTES = new Set<RouteKey>([
  'GET /api/me', 'GET /api/commodities', 'DELETE /api/sessions/current', 'GET /api/vehicles/:id', 'GET /api/depots/:id', 'GET /api/staff/:id',
  'GET /api/vehicles/:id/route', 'GET /api/vehicles/:id/track',
  'POST /api/vehicles/:id/disinfections', 'GET /api/vehicles/:id/disinfections',
]);
const UNSCOPED = new Set<RouteKey>(['GET /api/vans/board', 'GET /api/household-stock', 'PUT /api/household-stock', 'GET /api/health', 'POST /api/sessions', 'DELETE /api/sessions/current', 'GET /api/me', 'GET /api/districts', 'GET /api/commodities']);

/** The rule the server must follow, stated independently of its implementation. */
function expected(key: RouteKey, actor: Actor, scope: Scope): 'allow' | 'deny' {
  if (PUBLIC.has(key)) return scope === 'own' ? 'allow' : 'deny';
  if (OPEN_TO_ALL.has(key)) return 'allow';
  if (key === 'GET /api/health' || key === 'POST /api/sessions') return 'allow';
  if (actor === 'anonymous') return 'deny';
  if (actor === 'coordinator') return 'allow';
  if (actor === 'driver') return DRIVER_ROUTES.has(key) && (UNSCOPED.has(key) || scope === 'own') ? 'allow' : 'deny';
  if (key === 'PUT /api/playbooks/:city') return 'deny';
  if (key === 'PUT /api/commodities/:id' || key === 'PUT /api/household-stock' || key === 'GET /api/audit' || key === 'POST /api/users/:id/revoke-sessions') return 'deny';
  return UNSCOPED.has(key) || scope === 'own' ? 'allow' : 'deny';
}

beforeAll(async () => {
  // No alert timer: its rules (the playbook's among them) write in the background, between a case's snapshots.
  const config = loadConfig({});
  server = await startTestServer(undefined, { ops: { ...config.ops, alerts: { ...config.ops.alerts, intervalMs: 0 } } });
  tokens.coordinator = await server.login('coord', 'coord123');
  tokens.district_official = await server.login('liwan', 'liwan123');
  tokens.driver = await server.login('driver1', 'driver123');
  const get = async (path: string) => (await server.call('GET', path, { token: tokens.coordinator })).json.data;
  const pick = (rows: { id: string; districtId: string }[], own: boolean) =>
    rows.find((r) => (own ? r.districtId === 'liwan' : r.districtId !== 'liwan' && r.districtId !== null))!;
  const zones = await get('/api/zones');
  ids.liwanZone = pick(zones, true).id;
  const sealed = (own: boolean) => zones.find((z: { districtId: string; tier: string }) => (own ? z.districtId === 'liwan' : z.districtId === pick(zones, false).districtId) && z.tier === 'sealed').id;
  [ids.liwanSealed, ids.fsSealed] = [sealed(true), sealed(false)];
  ids.fsZone = pick(zones, false).id;
  ids.fsDistrict = pick(zones, false).districtId;
  const depots = await get('/api/depots');
  ids.liwanDepot = pick(depots, true).id;
  ids.fsDepot = pick(depots, false).id;
  const vehicles = await get('/api/vehicles');
  ids.liwanVehicle = pick(vehicles, true).id;
  ids.fsVehicle = pick(vehicles, false).id;
  const staff = await get('/api/staff');
  ids.liwanStaff = pick(staff, true).id;
  ids.fsStaff = pick(staff, false).id;
  const me = (await server.call('GET', '/api/me', { token: tokens.driver })).json.data;
  ids.driverVehicle = me.vehicleId;
  const vehicle = vehicles.find((v: { id: string }) => v.id === me.vehicleId);
  ids.driverDepot = vehicle.homeDepotId;
  ids.driverStaff = staff.find((s: { vehicleId: string | null }) => s.vehicleId === me.vehicleId).id;
  [ids.liwanPlan, ids.liwanPlan2, ids.fsPlan, ids.fsPlan2] = [await draftPlan('own'), await draftPlan('own'), await draftPlan('foreign'), await draftPlan('foreign')];
  [ids.liwanRequest, ids.fsRequest] = [await fileRequest('own'), await fileRequest('foreign')];
  [ids.liwanAlert, ids.fsAlert] = [await raiseAlert('own'), await raiseAlert('foreign')];
  ids.coordinatorUser = (await server.call('GET', '/api/me', { token: tokens.coordinator })).json.data.id;
  [ids.liwanChannel, ids.fsChannel] = [(await asCoordinator('POST', '/api/supply-channels', channelBody('own'))).id, (await asCoordinator('POST', '/api/supply-channels', channelBody('foreign'))).id];
  [ids.liwanSupplier, ids.fsSupplier] = [(await asCoordinator('POST', '/api/suppliers', supplierBody('own'))).id, (await asCoordinator('POST', '/api/suppliers', supplierBody('foreign'))).id];
}, 120_000);

// A plan queued by an allowed request finishes before the next case takes its snapshot.
afterEach(async () => {
  await server?.services.plans.idle();
  // A filed request evaluates the alert rules in the background: let it land before the next snapshot.
  await server?.services.alerts.idle();
});

afterAll(async () => server?.dispose());

const actors: Actor[] = ['anonymous', 'coordinator', 'district_official', 'driver'];
const keys = Object.keys(cases) as RouteKey[];

describe('authorization matrix', () => {
  it('covers every route the server serves', () => {
    const served = allRoutes(server.services, () => ({ status: 'ok', version: '', database: 'sqlite', uptimeS: 0 }), 60).map((r) => r.key).sort();
    expect(served).toEqual([...keys].sort());
  });

  for (const key of keys) {
    for (const actor of actors) {
      for (const scope of ['own', 'foreign'] as const) {
        const want = expected(key, actor, scope);
        // Logging out would revoke the shared tokens: its allow case runs on a session of its own.
        it(`${key} as ${actor} (${scope}) → ${want}`, async () => {
          const request = await cases[key](scope, actor);
          const method = key.split(' ')[0]!;
          const token = actor === 'anonymous' ? undefined
            : key === 'DELETE /api/sessions/current' ? await server.login(...loginOf(actor)) : tokens[actor];
          const before = want === 'deny' ? await snapshot(server) : '';
          const res = await server.call(method, request.path, { token, body: request.body, contentType: request.contentType });
          if (want === 'allow') {
            expect(res.status, JSON.stringify(res.json)).toBeLessThan(300);
            // CSV downloads are files, not the JSON envelope (fetch's text() drops the BOM).
            if (key.endsWith('.csv')) expect(res.json).toMatch(/^指标 metric,/);
            else expect(res.json.ok).toBe(true);
          } else {
            expect([401, 403, 404], JSON.stringify(res.json)).toContain(res.status);
            expect(res.json.ok).toBe(false);
            expect(res.json.error.message.length).toBeGreaterThan(5);
            // Another district's record, or another district named in a write, answers as a missing one
            // (404); 403 is left for what the role may not do at all and for foreign list filters,
            // which answer the same for a district that does not exist.
            if (actor === 'district_official' && res.status === 403) expect(res.json.error.message).toMatch(/may not call|may only list|own city/);
            expect(await snapshot(server)).toBe(before);
          }
        });
      }
    }
  }
});

function loginOf(actor: Exclude<Actor, 'anonymous'>): [string, string] {
  return { coordinator: ['coord', 'coord123'], district_official: ['liwan', 'liwan123'], driver: ['driver1', 'driver123'] }[actor] as [string, string];
}
