import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, type Config } from '../config';
import { startServer, type RunningServer } from '../server';
import { createPostgresDatabase } from '../store/test-support';
import { copySeededSqlite, createSeededPostgres } from './seeded-template';
import { testDbKind } from './test-db';
import { testLogger } from './test-log';
import type { Logger } from '../services/logger';

export interface TestServer extends RunningServer {
  /** Logs in and returns the bearer token. */
  login(username: string, password: string): Promise<string>;
  call(method: string, path: string, options?: { token?: string; body?: unknown; contentType?: string }): Promise<{ status: number; json: any }>;
  dispose(): Promise<void>;
}

/**
 * A real server on port 0 over a fresh database of the suite's kind (server/testing/test-db.ts):
 * a SQLite file, or a throwaway PostgreSQL database dropped by dispose(); either a copy of the seeded
 * template (server/testing/seeded-template.ts). Seeded with the demo scenarios.
 */
export async function startTestServer(
  scenarios = ['liwan-2021', 'foshan-2021'], overrides: Partial<Config> = {},
  options: { now?: () => Date; log?: Logger } = {},
): Promise<TestServer> {
  const dir = mkdtempSync(join(tmpdir(), 'baogong-test-'));
  // PostgreSQL: a clone of the seeded template (or an empty database when there is nothing to seed).
  const pg = testDbKind() === 'postgres' && overrides.databaseUrl === undefined
    ? await (scenarios.length > 0 ? createSeededPostgres(scenarios) : createPostgresDatabase({ fastCommit: true }))
    : undefined;
  const databaseUrl = pg?.url ?? `sqlite:${join(dir, 'test.sqlite')}`;
  // startServer finds the copy migrated and seeded, and goes straight on.
  if (!pg && overrides.databaseUrl === undefined && scenarios.length > 0) await copySeededSqlite(scenarios, join(dir, 'test.sqlite'));
  const config = { ...loadConfig({}), port: 0, databaseUrl, ...overrides };
  let server: RunningServer;
  try {
    server = await startServer(config, { seedScenarios: scenarios, log: options.log ?? testLogger(), now: options.now });
  } catch (err) {
    await pg?.drop();
    throw err;
  }

  async function call(method: string, path: string, options: { token?: string; body?: unknown; contentType?: string } = {}) {
    const headers: Record<string, string> = {};
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    let body: string | undefined;
    if (options.body !== undefined) {
      headers['content-type'] = options.contentType ?? 'application/json';
      body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
    }
    const res = await fetch(server.url + path, { method, headers, body });
    const text = await res.text();
    let json: unknown = null;
    try { json = JSON.parse(text); } catch { json = text; }
    return { status: res.status, json: json as any };
  }

  return {
    ...server,
    call,
    async login(username, password) {
      const { status, json } = await call('POST', '/api/sessions', { body: { username, password } });
      if (status !== 201) throw new Error(`login ${username} failed: ${status} ${JSON.stringify(json)}`);
      return json.data.token as string;
    },
    async dispose() {
      try {
        await server.close();
      } finally {
        await pg?.drop();
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

/**
 * A snapshot once the background reactions of earlier requests have landed: filing a request evaluates the
 * alerts after its 201 is sent, so a snapshot taken right after may still change under a test that writes nothing.
 */
export async function settledSnapshot(server: RunningServer, quietMs = 300): Promise<string> {
  let last = await snapshot(server);
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, quietMs));
    const next = await snapshot(server);
    if (next === last) return next;
    last = next;
  }
}

/** Everything a request could have changed, as one comparable value (the audit log included). */
export async function snapshot(server: RunningServer): Promise<string> {
  const s = server.store;
  const parts = await Promise.all([
    s.districts.list(), s.streets.list(), s.zones.list(), s.handoffPoints.list(), s.commodities.list(),
    s.depots.list(), s.vehicles.list(), s.staff.list(), s.users.list(), s.audit.list({ limit: 100_000 }), s.plans.list(),
    s.requests.list(),
    s.alerts.list(),
    s.passes.list(), s.disinfections.list(), s.vehicleAvailability.list(),
    s.playbook.listTemplates(), s.playbook.currentChecklists(),
    s.supplyChannels.list(), s.householdStock.get(),
  ]);
  return JSON.stringify(parts);
}
