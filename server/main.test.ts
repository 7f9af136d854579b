import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

// The README's start command, as a user runs it: it must migrate, seed, print the URL and the demo
// logins, and then answer /api/health and a demo login.

const dir = mkdtempSync(join(tmpdir(), 'baogong-start-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('npm start', () => {
  it('starts the seeded demo, prints URL and logins, answers health and a login', async () => {
    const child = spawn('npm', ['start', '--silent'], {
      // What `npm run demo` sets after installing: only the demo seeds its well-known logins.
      env: { ...process.env, PORT: '0', DATABASE_URL: `sqlite:${join(dir, 'demo.sqlite')}`, SEED_DEMO: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no URL printed within 90 s:\n${output}`)), 90_000);
        const check = () => {
          const m = /running: (http:\/\/\S+)/.exec(output);
          if (m && output.includes('Stop with')) { clearTimeout(timer); resolve(m[1]!); }
        };
        child.stdout.on('data', check);
        child.on('exit', (code) => reject(new Error(`exited with ${code}:\n${output}`)));
      });
      for (const login of ['coord', 'liwan', 'driver1']) expect(output).toContain(login);

      const health = await fetch(`${url}/api/health`, { headers: { 'x-request-id': 'main-test-health' } });
      expect(health.status).toBe(200);
      expect((await health.json()).data).toMatchObject({ status: 'ok', database: 'sqlite' });
      // Besides the plain banner, the server logs JSON lines (LOG_LEVEL, default info), the request under its id.
      const logged = () => output.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>);
      for (let i = 0; i < 50 && !logged().some((l) => l.reqId === 'main-test-health'); i++) await new Promise((r) => setTimeout(r, 100));
      expect(logged().find((l) => l.reqId === 'main-test-health')).toMatchObject({ msg: 'request', path: '/api/health', status: 200, name: 'server' });

      const login = await fetch(`${url}/api/sessions`, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'coord', password: 'coord123' }),
      });
      expect(login.status).toBe(201);
      const token = (await login.json()).data.token as string;
      const zones = await fetch(`${url}/api/zones`, { headers: { authorization: `Bearer ${token}` } });
      expect((await zones.json()).data.length).toBeGreaterThanOrEqual(9);
    } finally {
      process.kill(-child.pid!, 'SIGTERM');
    }
  }, 120_000);
});
