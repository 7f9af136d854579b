import { createPublicKey } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASS_MAX_VALIDITY_S, verifyPass } from '../services/staff/pass-service';
import { snapshot, startTestServer, type TestServer } from '../testing/test-server';

// Frontline passes and the disinfection log over the real server; passes checked with the public
// key as a gate device would (the key and the revocation list are fetched without a login).

let server: TestServer;
let coord: string;
let official: string;
let driver: string;
let seq = 0;

async function newStaff(token: string, healthCheckValidUntil: string, districtId = 'liwan') {
  const res = await server.call('POST', '/api/staff', {
    token, body: { name: '李四', role: 'handoff_worker', passNumber: `GZ-${++seq}`, healthCheckValidUntil, districtId },
  });
  expect(res.status, JSON.stringify(res.json)).toBe(201);
  return res.json.data.id as string;
}

beforeAll(async () => {
  server = await startTestServer();
  coord = await server.login('coord', 'coord123');
  official = await server.login('liwan', 'liwan123');
  driver = await server.login('driver1', 'driver123');
}, 60_000);
afterAll(async () => server?.dispose());

describe('passes', () => {
  it('issues a signed pass that verifies with the published key until it ends (7 days at most)', async () => {
    const id = await newStaff(official, '2031-06-10');
    const res = await server.call('POST', `/api/staff/${id}/pass`, { token: official, body: { photoRef: 'photos/li-si.jpg' } });
    expect(res.status).toBe(201);
    const pass = res.json.data;
    expect(pass).toMatchObject({ staffId: id, name: '李四', photoRef: 'photos/li-si.jpg' });
    // The health check runs to 2031; the pass only a week.
    const end = Date.parse(pass.issuedAt) + PASS_MAX_VALIDITY_S * 1000;
    expect(pass.validUntil).toBe(new Date(end).toISOString());
    const key = (await server.call('GET', '/api/passes/public-key')).json.data;
    expect(key.jwk).toMatchObject({ kty: 'OKP', crv: 'Ed25519' });
    // The JWK and the PEM are the same key.
    expect(createPublicKey({ key: key.jwk, format: 'jwk' }).export({ type: 'spki', format: 'pem' })).toBe(key.publicKeyPem);

    const verdict = verifyPass(pass.token, key.publicKeyPem, new Date(end - 60_000));
    expect(verdict).toMatchObject({ ok: true, claims: { passId: pass.passId, passNumber: pass.passNumber } });
    expect(verifyPass(pass.token, key.publicKeyPem, new Date(end + 1000))).toEqual({ ok: false, reason: 'expired' });
    // A changed claim breaks the signature.
    const [payload, sig] = pass.token.split('.');
    const forged = JSON.parse(Buffer.from(payload, 'base64url').toString());
    forged.validUntil = '2040-01-01T00:00:00.000Z';
    expect(verifyPass(`${Buffer.from(JSON.stringify(forged)).toString('base64url')}.${sig}`, key.publicKeyPem, new Date())).toEqual({ ok: false, reason: 'bad_signature' });
    expect(verifyPass('nonsense', key.publicKeyPem, new Date())).toEqual({ ok: false, reason: 'malformed' });
  });

  it('refuses revoked passes (list served without login) and lapsed health checks', async () => {
    const id = await newStaff(coord, '2031-01-01');
    const pass = (await server.call('POST', `/api/staff/${id}/pass`, { token: coord, body: {} })).json.data;
    expect((await server.call('POST', `/api/staff/${id}/pass/revoke`, { token: official })).json.data).toEqual({ revoked: 1 });
    const revoked = (await server.call('GET', '/api/passes/revoked')).json.data as { passId: string }[];
    expect(revoked.map((r) => r.passId)).toContain(pass.passId);
    const key = (await server.call('GET', '/api/passes/public-key')).json.data.publicKeyPem;
    expect(verifyPass(pass.token, key, new Date(), new Set(revoked.map((r) => r.passId)))).toEqual({ ok: false, reason: 'revoked' });
    const audit = (await server.store.audit.list({ entity: 'staff', entityId: id })).map((e) => e.action).reverse();
    expect(audit).toEqual(['staff.create', 'pass.issue', 'pass.revoke']);

    const lapsed = await newStaff(coord, '2021-06-01');
    const before = await snapshot(server);
    const res = await server.call('POST', `/api/staff/${lapsed}/pass`, { token: coord, body: {} });
    expect(res.json.error.code).toBe('CONFLICT');
    expect(res.json.error.message).toMatch(/health check lapsed/);
    expect(await snapshot(server)).toBe(before);
  });

  it('refuses a validity over 7 days naming body.validUntil, and honours a shorter one or an earlier health-check end', async () => {
    const id = await newStaff(official, '2031-06-10');
    const before = await snapshot(server);
    const tooLong = new Date(Date.now() + PASS_MAX_VALIDITY_S * 1000 + 3_600_000).toISOString();
    const refused = await server.call('POST', `/api/staff/${id}/pass`, { token: official, body: { validUntil: tooLong } });
    expect(refused.status).toBe(400);
    expect(refused.json.error).toMatchObject({ code: 'VALIDATION', field: 'body.validUntil' });
    expect(refused.json.error.message).toMatch(/at most 7 days/);
    expect(await snapshot(server)).toBe(before);

    const shorter = new Date(Date.now() + 2 * 3_600_000).toISOString();
    const short = await server.call('POST', `/api/staff/${id}/pass`, { token: official, body: { validUntil: shorter } });
    expect(short.status).toBe(201);
    expect(short.json.data.validUntil).toBe(shorter);

    // A health check ending tomorrow (local day) ends the pass then, before the 7 days.
    const tomorrow = new Date(Date.now() + 8 * 3_600_000 + 86_400_000).toISOString().slice(0, 10);
    const soon = await newStaff(official, tomorrow);
    const pass = (await server.call('POST', `/api/staff/${soon}/pass`, { token: official, body: {} })).json.data;
    expect(pass.validUntil).toBe(new Date(`${tomorrow}T23:59:59+08:00`).toISOString());
  });

  it('officials issue only for their district; bad input names the field', async () => {
    const foreign = await newStaff(coord, '2031-01-01', (await server.call('GET', '/api/districts', { token: coord })).json.data.find((d: { id: string }) => d.id !== 'liwan').id);
    expect((await server.call('POST', `/api/staff/${foreign}/pass`, { token: official, body: {} })).status).toBe(404);
    const mine = await newStaff(official, '2031-01-01');
    const bad = await server.call('POST', `/api/staff/${mine}/pass`, { token: official, body: { photoRef: '' } });
    expect(bad.json.error).toMatchObject({ code: 'VALIDATION', field: 'body.photoRef' });
  });
});

describe('passes end with their holder\'s clearance', () => {
  const key = async () => (await server.call('GET', '/api/passes/public-key')).json.data.publicKeyPem as string;
  const revokedIds = async () => new Set(((await server.call('GET', '/api/passes/revoked')).json.data as { passId: string }[]).map((r) => r.passId));
  const verifyNow = async (token: string) => (await server.call('POST', '/api/passes/verify', { body: { token } })).json;
  const staffBody = (id: string, healthCheckValidUntil: string) => ({ name: '李四', role: 'handoff_worker', passNumber: `GZ-c-${id}`, healthCheckValidUntil, districtId: 'liwan' });
  async function issued(healthCheckValidUntil = '2031-06-10') {
    const id = await newStaff(official, healthCheckValidUntil);
    const pass = (await server.call('POST', `/api/staff/${id}/pass`, { token: official, body: {} })).json.data;
    expect((await verifyNow(pass.token)).data).toMatchObject({ valid: true, claims: { passId: pass.passId } });
    return { id, pass };
  }
  /** Still valid by its own date, yet refused offline (revoked list) and online (verify endpoint). */
  async function expectRefused(pass: { passId: string; token: string }) {
    const list = await revokedIds();
    expect(list.has(pass.passId)).toBe(true);
    expect(verifyPass(pass.token, await key(), new Date(), list)).toEqual({ ok: false, reason: 'revoked' });
    expect(await verifyNow(pass.token)).toEqual({ ok: true, data: { valid: false, reason: 'revoked' } });
  }

  it('removing the staff record revokes the pass', async () => {
    const { id, pass } = await issued();
    expect((await server.call('DELETE', `/api/staff/${id}`, { token: official })).status).toBe(200);
    await expectRefused(pass);
    const audit = (await server.store.audit.list({ entity: 'staff', entityId: id })).map((e) => e.action);
    expect(audit).toContain('pass.revoke');
  });

  it('a health check moved earlier than the pass revokes it; one moved later leaves it', async () => {
    const { id, pass } = await issued('2031-06-10');
    const later = await server.call('PUT', `/api/staff/${id}`, { token: official, body: staffBody(id, '2032-01-01') });
    expect(later.status).toBe(200);
    expect((await revokedIds()).has(pass.passId)).toBe(false);
    // Still in the future, but before the pass's end (at most 7 days from issue): the pass would outlive the check.
    const sooner = new Date(Date.parse(pass.validUntil) - 2 * 86400_000).toISOString().slice(0, 10);
    expect((await server.call('PUT', `/api/staff/${id}`, { token: official, body: staffBody(id, sooner) })).status).toBe(200);
    await expectRefused(pass);
  });

  it('a health check that lapsed (recorded as lapsed) revokes the pass', async () => {
    const { id, pass } = await issued('2031-06-10');
    expect((await server.call('PUT', `/api/staff/${id}`, { token: coord, body: staffBody(id, '2021-06-01') })).status).toBe(200);
    await expectRefused(pass);
  });

  it('a lapse the server was not told about as a write is on the list when it is read', async () => {
    const { id, pass } = await issued('2031-06-10');
    // Written straight to the store (an older server, an import): no revocation was stored.
    const staff = (await server.store.staff.get(id))!;
    await server.store.staff.upsert({ ...staff, healthCheckValidUntil: '2021-06-01' });
    await expectRefused(pass);
    const gone = await issued('2031-06-10');
    await server.store.staff.delete(gone.id);
    await expectRefused(gone.pass);
  });

  it('the verify endpoint refuses forged and malformed tokens and names a bad field', async () => {
    const { pass } = await issued();
    const [payload, sig] = pass.token.split('.');
    const forged = JSON.parse(Buffer.from(payload, 'base64url').toString());
    forged.validUntil = '2040-01-01T00:00:00.000Z';
    expect((await verifyNow(`${Buffer.from(JSON.stringify(forged)).toString('base64url')}.${sig}`)).data).toEqual({ valid: false, reason: 'bad_signature' });
    expect((await verifyNow('nonsense')).data).toEqual({ valid: false, reason: 'malformed' });
    const bad = await server.call('POST', '/api/passes/verify', { body: { token: '' } });
    expect(bad.status).toBe(400);
    expect(bad.json.error).toMatchObject({ code: 'VALIDATION', field: 'body.token' });
  });
});

describe('disinfection log', () => {
  it("the driver records their van's disinfection; others read it; bad input changes nothing", async () => {
    const van = (await server.call('GET', '/api/me', { token: driver })).json.data.vehicleId as string;
    const entry = { at: '2021-06-03T07:00:00+08:00', by: '张师傅', method: '含氯消毒剂喷洒' };
    const res = await server.call('POST', `/api/vehicles/${van}/disinfections`, { token: driver, body: entry });
    expect(res.status).toBe(201);
    expect(res.json.data).toMatchObject({ vehicleId: van, by: '张师傅', at: '2021-06-02T23:00:00.000Z' });
    const before = await snapshot(server);
    const bad = await server.call('POST', `/api/vehicles/${van}/disinfections`, { token: driver, body: { ...entry, at: 'yesterday' } });
    expect(bad.json.error).toMatchObject({ code: 'VALIDATION', field: 'body.at' });
    expect(await snapshot(server)).toBe(before);
    const log = (await server.call('GET', `/api/vehicles/${van}/disinfections`, { token: coord })).json.data;
    expect(log.map((d: { method: string }) => d.method)).toEqual(['含氯消毒剂喷洒']);
  });
});
