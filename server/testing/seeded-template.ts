// One migrated and seeded database per set of scenarios, copied for each test server instead of
// migrating and seeding every time (about 5 s a server on the loaded CI machine, ×2 for the demo pair):
// a SQLite file copied byte for byte, or a PostgreSQL template database cloned with CREATE DATABASE …
// TEMPLATE. A test gets its own copy, so nothing it writes reaches another test. Test-only.
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import knexFactory from 'knex';
import { migrateLatest, openDatabase } from '../store/db';
import { hashPassword } from '../store/passwords';
import { loadScenario, scenarioPath } from '../store/scenario-files';
import { isEmpty, seedScenario } from '../store/seed';
import { createStore } from '../store/store';
import { createPostgresDatabase, postgresAdminUrl } from '../store/test-support';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** Path, size and mtime of every file the template is made from: a changed migration, store file or scenario makes a new one. */
function fingerprint(paths: string[], into: ReturnType<typeof createHash>): void {
  for (const path of paths) {
    const info = statSync(path);
    if (info.isDirectory()) {
      fingerprint(readdirSync(path).sort().map((name) => join(path, name)), into);
    } else {
      into.update(`${path}\0${info.size}\0${info.mtimeMs}\n`);
    }
  }
}

/** The migrations, the store's code and the scenario files the template is made from, with the scenario set: two sets never share a name. */
function templateHash(scenarios: string[]): string {
  const hash = createHash('sha1');
  hash.update(scenarios.join(','));
  fingerprint([join(ROOT, 'migrations'), join(ROOT, 'server/store'), join(ROOT, 'server/domain'), ...scenarios.map((n) => scenarioPath(n))], hash);
  return hash.digest('hex').slice(0, 16);
}

function templatePath(scenarios: string[]): string {
  return join(tmpdir(), 'baogong-templates', `${templateHash(scenarios)}.sqlite`);
}

/** What startServer does to an empty database: migrate, then seed each scenario. */
async function build(databaseUrl: string, scenarios: string[]): Promise<void> {
  const db = openDatabase(databaseUrl);
  try {
    await migrateLatest(db);
    const store = createStore(db);
    if (await isEmpty(store)) for (const name of scenarios) await seedScenario(store, loadScenario(name), hashPassword);
    if (databaseUrl.startsWith('sqlite:')) {
      // Everything into the main file, so a copy of that one file is the whole database.
      await db.raw('PRAGMA wal_checkpoint(TRUNCATE)');
      await db.raw('PRAGMA journal_mode = DELETE');
    }
  } finally {
    await db.destroy();
  }
}

/**
 * Writes a migrated database seeded with `scenarios` to `target` (a new SQLite file). The template is
 * built once and kept in the temp folder; parallel test files that both miss it each build their own
 * copy under a unique name and rename it into place, so a reader never sees a half-written file.
 */
export async function copySeededSqlite(scenarios: string[], target: string): Promise<void> {
  const template = templatePath(scenarios);
  if (!existsSync(template)) {
    mkdirSync(dirname(template), { recursive: true });
    const partial = `${template}.${process.pid}.${Date.now()}.partial`;
    try {
      await build(`sqlite:${partial}`, scenarios);
      renameSync(partial, template);
    } finally {
      for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(partial + suffix, { force: true });
    }
  }
  mkdirSync(dirname(target), { recursive: true });
  copyFileSync(template, target);
}

// ---- PostgreSQL ------------------------------------------------------------------------------

const PG_PREFIX = 'bg_tpl_';
/** Another run's templates (other code, other scenarios) are dropped once this old: no run of the suite lasts that long. */
const PG_STALE_MS = 6 * 3600_000;
const pgTemplates = new Map<string, Promise<string>>();

/**
 * The name of a migrated PostgreSQL database seeded with `scenarios`, made once per hash on the server
 * and kept for later runs. Parallel test files serialise on an advisory lock, so one builds and the
 * others find it. The template refuses connections (ALLOW_CONNECTIONS false): CREATE DATABASE …
 * TEMPLATE fails while anyone is connected to the source, and nobody ever is.
 */
function seededPostgresTemplate(scenarios: string[]): Promise<string> {
  const name = `${PG_PREFIX}${templateHash(scenarios)}`;
  let made = pgTemplates.get(name);
  if (!made) {
    made = makePgTemplate(name, scenarios);
    made.catch(() => pgTemplates.delete(name));
    pgTemplates.set(name, made);
  }
  return made;
}

async function makePgTemplate(name: string, scenarios: string[]): Promise<string> {
  // Two connections: the lock's transaction holds one, CREATE / ALTER DATABASE cannot run inside it.
  const admin = knexFactory({ client: 'pg', connection: postgresAdminUrl(), pool: { min: 0, max: 2 } });
  try {
    await admin.transaction(async (trx) => {
      await trx.raw('select pg_advisory_xact_lock(hashtext(?))', [name]);
      const exists = await admin.raw('select 1 from pg_database where datname = ?', [name]);
      if (exists.rows.length > 0) return;
      await pruneStalePgTemplates(admin, name);
      const building = await createPostgresDatabase({ fastCommit: true });
      try {
        await build(building.url, scenarios);
        const partial = new URL(building.url).pathname.slice(1);
        // COMMENT takes no bound parameters; an ISO time has no quote in it.
        await admin.raw(`comment on database ?? is 'baogong test template, built ${new Date().toISOString()}'`, [partial]);
        await admin.raw('alter database ?? rename to ??', [partial, name]);
        await admin.raw('alter database ?? with is_template true allow_connections false', [name]);
      } catch (err) {
        await building.drop();
        throw err;
      }
      // Renamed: drop() would now miss it, and the template must stay. Only close the admin pool.
      await building.close();
    });
  } finally {
    await admin.destroy();
  }
  return name;
}

/** Drops other hashes' templates built more than PG_STALE_MS ago (the comment holds the time); never the current one. */
async function pruneStalePgTemplates(admin: ReturnType<typeof knexFactory>, keep: string): Promise<void> {
  const { rows } = await admin.raw<{ rows: Array<{ datname: string; note: string | null }> }>(
    "select datname, shobj_description(oid, 'pg_database') as note from pg_database where datname like ? and datname <> ?",
    [`${PG_PREFIX}%`, keep],
  );
  for (const { datname, note } of rows) {
    const built = Date.parse(/built (\S+)/.exec(note ?? '')?.[1] ?? '');
    if (!(Date.now() - built > PG_STALE_MS)) continue;
    await admin.raw('alter database ?? with is_template false', [datname]).catch(() => undefined);
    await admin.raw('drop database if exists ??', [datname]).catch(() => undefined);
  }
}

/** A fresh PostgreSQL database cloned from the seeded template of `scenarios`; drop() removes it. */
export async function createSeededPostgres(scenarios: string[]): Promise<{ url: string; drop(): Promise<void> }> {
  const template = await seededPostgresTemplate(scenarios);
  return createPostgresDatabase({ template, fastCommit: true });
}
