// Before a cluster starts: are PostgreSQL and Redis there? A clear message naming which one is
// missing and how to start it beats sixty seconds of a server retrying its pool.
import knexFactory from 'knex';
import { createClient } from 'redis';

const redact = (url: string) => url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');

/** Connects to the server of `databaseUrl` (its `postgres` database) and creates the database when `create` and it is missing. */
export async function ensurePostgres(databaseUrl: string, options: { create?: boolean } = {}): Promise<{ created: boolean }> {
  if (!/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new Error(`cluster mode needs PostgreSQL (servers and workers share one database): DATABASE_URL is ${redact(databaseUrl)}`);
  }
  const name = decodeURIComponent(new URL(databaseUrl).pathname.slice(1)) || 'postgres';
  const adminUrl = new URL(databaseUrl);
  adminUrl.pathname = '/postgres';
  // knex rather than a bare pg.Client: the project has no @types/pg, and knex types its own use of pg.
  const admin = knexFactory({ client: 'pg', connection: adminUrl.toString(), pool: { min: 0, max: 1 }, acquireConnectionTimeout: 3000,
    // Quiet: the error below says it better than knex's own log line.
    log: { error() {}, warn() {}, debug() {}, deprecate() {} },
  });
  try {
    try {
      await admin.raw('select 1');
    } catch (err) {
      throw new Error(
        `PostgreSQL is unreachable at ${redact(adminUrl.toString())} (${(err as Error).message}).\n` +
          '  Start it (e.g. `sudo service postgresql start`, or `docker run -d -p 5432:5432 -e POSTGRES_HOST_AUTH_METHOD=trust postgres:16`)\n' +
          '  or point DATABASE_URL at a running server.',
      );
    }
    const found = await admin.raw('select 1 from pg_database where datname = ?', [name]);
    if ((found as { rowCount: number }).rowCount) return { created: false };
    if (!options.create) throw new Error(`PostgreSQL database "${name}" does not exist`);
    await admin.raw('create database ??', [name]);
    return { created: true };
  } finally {
    await admin.destroy();
  }
}

export async function ensureRedis(redisUrl: string): Promise<void> {
  const client = createClient({ url: redisUrl, socket: { connectTimeout: 3000, reconnectStrategy: false } });
  client.on('error', () => {});
  try {
    await client.connect();
    await client.ping();
  } catch (err) {
    throw new Error(
      `Redis is unreachable at ${redact(redisUrl)} (${(err as Error).message || String(err)}).\n` +
        '  Start it (e.g. `sudo service redis-server start`, or `docker run -d -p 6379:6379 redis:7`)\n' +
        '  or point REDIS_URL at a running server.',
    );
  } finally {
    if (client.isOpen) await client.close().catch(() => client.destroy());
  }
}
