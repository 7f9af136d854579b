import { createPrivateKey, createPublicKey, generateKeyPairSync } from 'node:crypto';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config';
import { verifyPass } from '../services/staff/pass-service';
import { startTestServer } from '../testing/test-server';
import { loadOrCreateKeyFile } from './key-file';

// The pass signing key in a file: made 0600 on first start, reused after, refused when others may
// read it or when it is not Ed25519; a server configured with it signs passes with that key.

const dir = mkdtempSync(join(tmpdir(), 'baogong-key-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const pem = (type: 'ed25519' | 'rsa') =>
  (type === 'rsa' ? generateKeyPairSync('rsa', { modulusLength: 1024 }) : generateKeyPairSync('ed25519')).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

describe('pass key file', () => {
  it('is created with mode 0600 (in a new folder) on first use and read back after', async () => {
    const path = join(dir, 'var', 'pass-signing-key.pem');
    const first = await loadOrCreateKeyFile(path, async () => null);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(createPrivateKey(first).asymmetricKeyType).toBe('ed25519');
    expect(await loadOrCreateKeyFile(path, async () => { throw new Error('not asked when the file exists'); })).toBe(first);
  });

  it("takes over the database's key when it makes the file, so passes already issued keep verifying", async () => {
    const existing = pem('ed25519');
    const path = join(dir, 'from-db.pem');
    expect(await loadOrCreateKeyFile(path, async () => existing)).toBe(existing);
    expect(readFileSync(path, 'utf8')).toBe(existing);
  });

  it('refuses a file others may read, and a key that is not Ed25519', async () => {
    const open = join(dir, 'open.pem');
    writeFileSync(open, pem('ed25519'), { mode: 0o644 });
    chmodSync(open, 0o644);
    await expect(loadOrCreateKeyFile(open, async () => null)).rejects.toThrow(/chmod 600/);
    const rsa = join(dir, 'rsa.pem');
    writeFileSync(rsa, pem('rsa'), { mode: 0o600 });
    await expect(loadOrCreateKeyFile(rsa, async () => null)).rejects.toThrow(/not Ed25519/);
  });

  it('is configured by PASS_KEY_FILE (off by default)', () => {
    expect(loadConfig({}).passKeyFile).toBeNull();
    expect(loadConfig({ PASS_KEY_FILE: 'var/pass-signing-key.pem' }).passKeyFile).toBe(join(process.cwd(), 'var/pass-signing-key.pem'));
  });

  it('a server with a key file signs passes with it and publishes its public key', async () => {
    const path = join(dir, 'server', 'pass-signing-key.pem');
    const server = await startTestServer(['liwan-2021'], { passKeyFile: path }, { now: () => new Date('2021-06-01T00:00:00Z') });
    try {
      expect(statSync(path).mode & 0o777).toBe(0o600);
      const filePublic = createPublicKey(createPrivateKey(readFileSync(path, 'utf8'))).export({ type: 'spki', format: 'pem' }).toString();
      const coord = await server.login('coord', 'coord123');
      expect((await server.call('GET', '/api/passes/public-key')).json.data.publicKeyPem).toBe(filePublic);
      const staff = (await server.call('GET', '/api/staff', { token: coord })).json.data[0];
      const pass = await server.call('POST', `/api/staff/${staff.id}/pass`, { token: coord, body: {} });
      expect(pass.status, JSON.stringify(pass.json)).toBe(201);
      const check = verifyPass(pass.json.data.token, filePublic, new Date('2021-06-01T00:00:00Z'));
      expect(check.ok).toBe(true);
      // The key stays out of the database.
      expect(await server.store.passes.getKey('pass-signing')).toBeNull();
    } finally {
      await server.dispose();
    }
    expect(existsSync(path)).toBe(true);
  });
});
