// One migrated and seeded SQLite file per set of scenarios, copied for each test server instead of
// migrating and seeding every time (about 5 s a server on the loaded CI machine, ×2 for the demo pair).
// A test gets a byte copy, so nothing it writes reaches another test. Test-only.
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { migrateLatest, openDatabase } from '../store/db';
import { hashPassword } from '../store/passwords';
import { loadScenario, scenarioPath } from '../store/scenario-files';
import { isEmpty, seedScenario } from '../store/seed';
import { createStore } from '../store/store';

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

function templatePath(scenarios: string[]): string {
  const hash = createHash('sha1');
  hash.update(scenarios.join(','));
  fingerprint([join(ROOT, 'migrations'), join(ROOT, 'server/store'), join(ROOT, 'server/domain'), ...scenarios.map((n) => scenarioPath(n))], hash);
  return join(tmpdir(), 'baogong-templates', `${hash.digest('hex').slice(0, 16)}.sqlite`);
}

/** What startServer does to an empty database: migrate, then seed each scenario. */
async function build(path: string, scenarios: string[]): Promise<void> {
  const db = openDatabase(`sqlite:${path}`);
  try {
    await migrateLatest(db);
    const store = createStore(db);
    if (await isEmpty(store)) for (const name of scenarios) await seedScenario(store, loadScenario(name), hashPassword);
    // Everything into the main file, so a copy of that one file is the whole database.
    await db.raw('PRAGMA wal_checkpoint(TRUNCATE)');
    await db.raw('PRAGMA journal_mode = DELETE');
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
      await build(partial, scenarios);
      renameSync(partial, template);
    } finally {
      for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(partial + suffix, { force: true });
    }
  }
  mkdirSync(dirname(target), { recursive: true });
  copyFileSync(template, target);
}
