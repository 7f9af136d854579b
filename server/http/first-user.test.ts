import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAt, processDatabase, startServerProcess, type ServerProcess } from '../testing/server-process';

// Issue 15, item 10: a plain start on an empty database seeds no logins (the demo's passwords are
// public) and says how to make the first coordinator; `npm run create-user` makes a working login.

let db: Awaited<ReturnType<typeof processDatabase>>;
let server: ServerProcess;

beforeAll(async () => {
  db = await processDatabase();
  // SEED_DEMO left unset, as a production start leaves it.
  server = await startServerProcess(db.url, { SEED_DEMO: '' });
  // Ready means the URL is printed; the lines after it follow a moment later.
  for (let i = 0; i < 200 && !server.output().includes('Stop with'); i += 1) await new Promise((r) => setTimeout(r, 50));
}, 90_000);
afterAll(async () => {
  server?.child.kill('SIGTERM');
  await server?.exited;
  await db?.cleanup();
});

function createUser(args: string[], password: string, dbUrl: string): Promise<{ code: number | null; output: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/create-user.ts', ...args], {
      env: { ...process.env, DATABASE_URL: dbUrl, BAOGONG_PASSWORD: password }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('exit', (code) => done({ code, output }));
  });
}

const loginStatus = async (username: string, password: string) => (await fetch(`${server.url}/api/sessions`, {
  method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }),
})).status;

describe('first start without the demo', () => {
  it('seeds no logins and prints how to create the first coordinator', async () => {
    expect(server.output()).toMatch(/No users yet[\s\S]*npm run create-user -- --username <name> --role coordinator/);
    expect(server.output()).not.toContain('coord123');
    expect(await loginStatus('coord', 'coord123')).toBe(401);
    expect(await loginStatus('liwan', 'liwan123')).toBe(401);
  });

  it('create-user refuses bad input and makes a coordinator who can log in and work', async () => {
    const weak = await createUser(['--username', 'wang', '--role', 'coordinator'], 'short', db.url);
    expect(weak.code).toBe(2);
    expect(weak.output).toMatch(/password: must be at least 10 characters/);
    const official = await createUser(['--username', 'li', '--role', 'district_official'], 'long-enough-pw', db.url);
    expect(official.code).toBe(2);
    expect(official.output).toMatch(/a district_official needs --district/);

    const made = await createUser(['--username', 'wang', '--role', 'coordinator', '--display-name', '王主任'], 'correct horse battery', db.url);
    expect(made.code, made.output).toBe(0);
    expect(made.output).not.toContain('correct horse battery');
    const token = await loginAt(server.url, 'wang', 'correct horse battery');
    const me = await fetch(`${server.url}/api/zones`, { headers: { authorization: `Bearer ${token}` } });
    expect(me.status).toBe(200);
    expect(await loginStatus('wang', 'wrong password!')).toBe(401);

    const again = await createUser(['--username', 'wang', '--role', 'coordinator'], 'another-password', db.url);
    expect(again.code).toBe(2);
    expect(again.output).toMatch(/username "wang" is taken/);
  }, 60_000);
});
