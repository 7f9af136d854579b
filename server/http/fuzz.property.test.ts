import fc from 'fast-check';
import { z } from 'zod';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Health, Role } from '../contract';
import { fromSchema, junk, mutated, type JsonSchema } from '../testing/schema-arbitrary';
import { loadConfig } from '../config';
import { startTestServer, type TestServer } from '../testing/test-server';
import { allRoutes } from './app';
import { splitKey } from './route-def';

// Every JSON endpoint of the route table (the one /api/openapi.json is built from), as every role:
// 10,000 requests in all, schema-valid bodies, mutations of them (a field replaced by junk, dropped,
// the wrong type, a 100,000-character string, unknown fields, the whole body junk), raw broken JSON,
// garbage path parameters and query strings. The server must never answer 5xx or drop the
// connection, and every refusal must be a 4xx `{ ok: false, error: { code, message } }`.

const TOTAL = 10_000;
type Actor = Role | 'anonymous';
const LOGINS: Record<Role, [string, string]> = { coordinator: ['coord', 'coord123'], district_official: ['liwan', 'liwan123'], driver: ['driver1', 'driver123'] };

let server: TestServer;
const tokens: Partial<Record<Actor, string>> = {};
let ids: string[] = [];
const statuses = new Map<number, number>();

beforeAll(async () => {
  // The login throttle off: fuzzed logins fail by the hundred from one address, and the test logs in
  // again after a fuzzed logout. The throttle has its own test (login-throttle.test.ts).
  const config = loadConfig({});
  server = await startTestServer(['liwan-2021', 'foshan-2021'], { ops: { ...config.ops, login: { maxFailures: 0, ipMaxFailures: 0, windowS: 900 } } });
  for (const role of Object.keys(LOGINS) as Role[]) tokens[role] = await server.login(...LOGINS[role]);
  const s = server.store;
  const lists = await Promise.all([s.districts.list(), s.zones.list(), s.depots.list(), s.vehicles.list(), s.staff.list(), s.users.list(), s.commodities.list(), s.handoffPoints.list()]);
  ids = [...new Set(lists.flat().map((r) => r.id))];
}, 120_000);

afterAll(async () => {
  console.log(`fuzz: ${[...statuses].sort(([a], [b]) => a - b).map(([s, n]) => `${s}×${n}`).join(' ')}`);
  await server?.dispose();
});

/** The actor's token; a fuzzed logout or session revocation ends it, and a 401 marks it for a fresh login. */
async function tokenFor(actor: Actor): Promise<string | undefined> {
  if (actor === 'anonymous') return undefined;
  tokens[actor] ??= await server.login(...LOGINS[actor]);
  return tokens[actor];
}

const garbageParam = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 30 }).map(encodeURIComponent),
  fc.constantFrom('..', '%2e%2e%2f', '%E0%A4%A', '%00', '0', '-1', '9'.repeat(40), 'null', 'undefined', '%F0%9F%9A%9A', 'a'.repeat(5000)),
);

const ROUTES = allRoutes({} as never, (() => ({})) as () => Health, 3600)
  // The health route and openapi are not JSON inputs; everything else is fuzzed.
  .filter((r) => r.bodyKind !== 'text' || r.body);
const RUNS = Math.ceil(TOTAL / ROUTES.length);

it(`has routes to fuzz (${ROUTES.length} routes × ${RUNS} runs ≥ ${TOTAL} requests)`, () => {
  expect(ROUTES.length).toBeGreaterThan(40);
  expect(ROUTES.length * RUNS).toBeGreaterThanOrEqual(TOTAL);
});

for (const def of ROUTES) {
  const { method, path } = splitKey(def.key);
  const params = [...path.matchAll(/:(\w+)/g)].map((m) => m[1]!);
  const bodySchema = def.body ? (z.toJSONSchema(def.body, { unrepresentable: 'any', io: 'input' }) as JsonSchema) : undefined;
  const querySchema = def.query ? (z.toJSONSchema(def.query, { unrepresentable: 'any', io: 'input' }) as JsonSchema) : undefined;

  it(`${def.key}: ${RUNS} fuzzed requests, no 5xx, every refusal a 4xx with a message`, async () => {
    const valid = def.bodyKind === 'text' ? fc.string({ unit: 'binary', maxLength: 300 }) : fromSchema(bodySchema, ids);
    const body = fc.oneof(
      { weight: 3, arbitrary: valid.map((b) => ({ kind: 'valid', body: b as unknown, raw: undefined as string | undefined })) },
      { weight: 5, arbitrary: mutated(valid).map((m) => ({ ...m, raw: undefined as string | undefined })) },
      { weight: 1, arbitrary: fc.constantFrom('{', '{"a":', '[1,2', 'nul', '\u0000', '{"x":1}garbage', '"' + 'x'.repeat(10) ).map((raw) => ({ kind: 'broken-json', body: undefined as unknown, raw })) },
    );
    const query = querySchema
      ? fc.oneof(fromSchema(querySchema, ids), fc.dictionary(fc.constantFrom(...Object.keys(querySchema.properties ?? { q: {} })), junk.map((v) => (typeof v === 'string' ? v : String(JSON.stringify(v)))), { maxKeys: 3 }))
      : fc.constant({});
    const paramValues = fc.array(fc.oneof(fc.constantFrom(...ids), garbageParam), { minLength: params.length, maxLength: params.length });
    const actor = fc.constantFrom<Actor>('coordinator', 'district_official', 'driver', 'anonymous');

    const outcome = await fc.check(fc.asyncProperty(actor, paramValues, body, query, async (who, values, input, q) => {
      let url = path;
      params.forEach((p, i) => (url = url.replace(`:${p}`, values[i]!)));
      const search = new URLSearchParams();
      for (const [k, v] of Object.entries((q ?? {}) as Record<string, unknown>)) search.set(k, typeof v === 'string' ? v : String(JSON.stringify(v)));
      if (search.size) url += `?${search}`;
      // fetch sends no body with GET (nor do browsers): GET routes are fuzzed through path and query.
      let payload = method === 'get' ? undefined : input.raw ?? (input.body === undefined ? undefined : JSON.stringify(input.body));
      // A plan run is real work in the worker: keep fuzzed ones short, the endpoint is what is tested.
      if (def.key === 'POST /api/plans' && input.kind === 'valid' && payload) payload = payload.replace(/"timeLimitS":[^,}]+/, '"timeLimitS":0.05');
      const contentType = def.bodyKind === 'text' ? 'text/csv' : 'application/json';
      const res = await server.call(method.toUpperCase(), url, { token: await tokenFor(who), body: payload, contentType });
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      if (res.status === 401 && who !== 'anonymous') delete tokens[who];
      const what = `${method.toUpperCase()} ${url.slice(0, 200)} as ${who} (${input.kind}): ${res.status} ${JSON.stringify(res.json).slice(0, 300)}`;
      if (res.status >= 500) throw new Error(`5xx: ${what}`);
      if (res.status >= 400) {
        if (res.json?.ok !== false || typeof res.json.error?.message !== 'string' || res.json.error.message.length === 0 || typeof res.json.error.code !== 'string') {
          throw new Error(`refusal without { ok: false, error: { code, message } }: ${what}`);
        }
      }
    }), { numRuns: RUNS, seed: 20261130, endOnFailure: true });
    // fast-check's own report prints the whole counterexample (100,000-character strings): ours is short.
    if (outcome.failed) throw new Error(`${String((outcome.errorInstance as Error | undefined)?.message ?? 'failed').slice(0, 1500)} (seed ${outcome.seed}, path ${outcome.counterexamplePath})`);
  }, 120_000);
}

it('the server still answers after the fuzzing', async () => {
  const health = await server.call('GET', '/api/health');
  expect(health.status).toBe(200);
});
