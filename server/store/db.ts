import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import knexFactory, { type Knex } from 'knex';
import { migrationSource } from '../../migrations/index';
import { ImmediateSqliteClient } from './sqlite-immediate';

export type DatabaseKind = 'sqlite' | 'postgres';

/** How long a SQLite writer waits for another process's write lock before giving up. */
const SQLITE_BUSY_TIMEOUT_MS = 5000;

/**
 * `sqlite:<path>` (relative paths resolve against the working directory; the folder is created)
 * or `postgres://…` / `postgresql://…`.
 */
export function openDatabase(databaseUrl: string): Knex {
  if (databaseUrl.startsWith('sqlite:')) return openSqlite(databaseUrl.slice('sqlite:'.length));
  if (/^postgres(ql)?:\/\//.test(databaseUrl)) {
    return knexFactory({ client: 'pg', connection: databaseUrl, pool: { min: 0, max: 10 } });
  }
  throw new Error(`DATABASE_URL must start with sqlite: or postgres://, got "${databaseUrl.replace(/:[^:@/]*@/, ':***@')}"`);
}

function openSqlite(rawPath: string): Knex {
  if (rawPath === '') throw new Error('DATABASE_URL sqlite: needs a file path, e.g. sqlite:var/baogong.sqlite');
  const inMemory = rawPath === ':memory:';
  const filename = inMemory ? rawPath : resolve(rawPath.replace(/^\/\/(?=\/)/, ''));
  if (!inMemory) mkdirSync(dirname(filename), { recursive: true });
  return knexFactory({
    client: ImmediateSqliteClient as unknown as typeof Knex.Client,
    connection: { filename },
    useNullAsDefault: true,
    pool: {
      // Per connection, not per database: foreign_keys and busy_timeout reset on every new
      // connection, so a pooled connection opened later (after an idle reap) needs them too.
      afterCreate(conn: SqliteConnection, done: (err: Error | null, conn: SqliteConnection) => void) {
        conn.exec(
          `PRAGMA foreign_keys = ON; PRAGMA journal_mode = WAL; PRAGMA busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}; PRAGMA synchronous = NORMAL;`,
          (err) => done(err, conn),
        );
      },
    },
  });
}

interface SqliteConnection {
  exec(sql: string, callback: (err: Error | null) => void): void;
}

export function databaseKind(db: Knex): DatabaseKind {
  return db.client.dialect === 'postgresql' ? 'postgres' : 'sqlite';
}

const migratorConfig: Knex.MigratorConfig = { migrationSource };

/** Applies every pending migration; returns the names applied. */
export async function migrateLatest(db: Knex): Promise<string[]> {
  const [, applied] = (await db.migrate.latest(migratorConfig)) as [number, string[]];
  return applied;
}

/** Undoes every applied migration, newest first; returns the names undone. */
export async function migrateRollbackAll(db: Knex): Promise<string[]> {
  const [, undone] = (await db.migrate.rollback(migratorConfig, true)) as [number, string[]];
  return undone;
}
