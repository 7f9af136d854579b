import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createPostgresDatabase } from '../store/test-support';
import { testDbKind } from './test-db';

// The real server as a separate process (`tsx server/main.ts`, what `npm start` runs after building
// the web pages), for tests about signals, crashes and restarts, which an in-process server cannot show.

const ROOT = resolve(fileURLToPath(import.meta.url), '../../..');

/** A throwaway database of the suite's kind that outlives server processes: a SQLite file or a PG database. */
export async function processDatabase(): Promise<{ url: string; cleanup(): Promise<void> }> {
  if (testDbKind() === 'postgres') {
    const pg = await createPostgresDatabase();
    return { url: pg.url, cleanup: () => pg.drop() };
  }
  const dir = mkdtempSync(join(tmpdir(), 'baogong-proc-'));
  return { url: `sqlite:${join(dir, 'server.sqlite')}`, async cleanup() { rmSync(dir, { recursive: true, force: true }); } };
}

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  output(): string;
  /** Resolves when the process has exited, with its code or signal and when. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;
}

export interface SpawnOptions {
  /** In a process group of its own: a Ctrl+C in the terminal reaches only the parent, which then decides. */
  detached?: boolean;
}

/** Starts `server/main.ts` on port `port` (0: any) over `databaseUrl`, seeded with the demo; resolves once it listens. */
export async function startServerProcess(databaseUrl: string, env: Record<string, string> = {}, port = 0, spawnOptions: SpawnOptions = {}): Promise<ServerProcess> {
  const started = await spawnEntry('server/main.ts', { PORT: String(port), DATABASE_URL: databaseUrl, SEED_DEMO: '1', ...env }, spawnOptions,
    /running: (http:\/\/\S+)/, 'the server printed no URL', 'before listening');
  return { url: started.match[1]!, child: started.child, output: started.output, exited: started.exited };
}

/**
 * Spawns `tsx <entry>` and resolves once its output matches `ready` (60 s at most; a process that
 * is not ready by then is killed, since the caller gets no handle to stop it).
 */
async function spawnEntry(entry: string, env: Record<string, string>, spawnOptions: SpawnOptions, ready: RegExp, notReady: string, exitedWhen: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', entry], {
    cwd: ROOT,
    detached: spawnOptions.detached ?? false,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((done) => {
    child.once('exit', (code, signal) => done({ code, signal, at: Date.now() }));
  });
  const match = await new Promise<RegExpExecArray>((done, fail) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      fail(new Error(`${notReady} within 60 s:\n${output}`));
    }, 60_000);
    const check = () => {
      const m = ready.exec(output);
      if (m) { clearTimeout(timer); done(m); }
    };
    child.stdout!.on('data', check);
    child.stderr!.on('data', check);
    void exited.then(({ code, signal }) => { clearTimeout(timer); fail(new Error(`${entry} exited (${code ?? signal}) ${exitedWhen}:\n${output}`)); });
  });
  return { child, match, output: () => output, exited };
}

export async function loginAt(url: string, username: string, password: string): Promise<string> {
  const res = await fetch(`${url}/api/sessions`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }),
  });
  if (res.status !== 201) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { data: { token: string } }).data.token;
}

export interface WorkerProcess {
  child: ChildProcess;
  output(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;
}

/**
 * Starts a plan worker (`server/workers/plan-worker-main.ts`, cluster mode) with `env` on top of this
 * process's (DATABASE_URL, REDIS_URL, CLUSTER_PREFIX); resolves once it prints `plan worker ready`.
 */
export async function startWorkerProcess(env: Record<string, string>, spawnOptions: SpawnOptions = {}): Promise<WorkerProcess> {
  // Its readiness is a log line (info): a LOG_LEVEL in this process's environment must not hide it.
  const started = await spawnEntry('server/workers/plan-worker-main.ts', { LOG_LEVEL: 'info', ...env }, spawnOptions, /plan worker ready/, 'the plan worker was not ready', 'before it was ready');
  return { child: started.child, output: started.output, exited: started.exited };
}
