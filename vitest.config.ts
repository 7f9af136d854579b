import knexFactory from 'knex';
import { defineConfig, type TestProjectInlineConfiguration } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

// The suite runs twice: once on SQLite (every test) and once on PostgreSQL (only the files that
// open a database: the store, migrations, and everything that starts a real server). Pure domain,
// planner and web-unit tests never touch a database, so a second run would repeat them verbatim.
// The browser tests (web/e2e) stay SQLite-only: they drive the same HTTP API the PostgreSQL pass
// already covers, and a second chromium pass would double the slowest part of CI.
//
// TEST_DB=sqlite|postgres|both selects (default both; "both" drops PostgreSQL with a warning when
// it is unreachable, "postgres" fails instead). Each project sets TEST_DB_KIND for its workers,
// which server/testing/test-db.ts reads.

const ALL = ['server/**/*.test.ts', 'web/**/*.test.ts', 'scripts/**/*.test.ts', 'migrations/**/*.test.ts'];
const TOUCHES_DATABASE = [
  'server/store/**/*.test.ts',
  'migrations/**/*.test.ts',
  'server/http/**/*.test.ts',
  'server/live/**/*.test.ts',
  'server/resilience/**/*.test.ts',
  'server/cluster/**/*.test.ts',
];
// Pure files (no database, server, socket or child process): the domain, the planner, the contract, the web's
// unit tests and a few pure helpers elsewhere. They run once, in a project of their own, as vitest's "unit" project.
// None of them stubs a module; outbox.test stubs a global, which unstubGlobals restores after each test.
// Measured on these 70 files under the same load: 61 s with a fresh module graph per file, 25 s sharing it.
const PURE = [
  'server/domain/**/*.test.ts', 'server/planner/**/*.test.ts', 'server/contract/**/*.test.ts', 'web/src/**/*.test.ts',
  'server/config.test.ts', 'server/glossary.test.ts', 'server/scenario-data.test.ts', 'server/pure-core.test.ts', 'server/import-rules.test.ts',
  'server/services/live/route-reloader.test.ts', 'server/services/plans/plan-parts.test.ts', 'server/services/plans/replan.test.ts',
  'scripts/bench-allocation.gen-city.test.ts', 'scripts/cvrplib.test.ts', 'scripts/replay/cover-check.test.ts', 'scripts/replay/street-days.test.ts',
];
// Cluster mode runs on PostgreSQL and Redis only.
const POSTGRES_ONLY = ['server/cluster/**/*.test.ts'];
// The browser tests run last, two files at a time, with no server-side file beside them: chromium's timings
// are the first to suffer when other files load the two cores (a district's logout redirect took > 30 s).
// Two browser files side by side (each a server and a page) passed 19/19 files in 140 s, against ~190 s one by one.
const BROWSER = ['web/e2e/**/*.test.ts'];
// SQLite-specific, or pure (no database) files inside the folders above.
const SQLITE_ONLY = ['server/store/db.test.ts', 'server/store/sqlite-load.test.ts', 'server/store/passwords.test.ts'];

// The files that take longest (vitest's JSON reporter on the 2-core machine), started first in their
// project. Without a results cache (a fresh CI checkout) vitest starts the largest files first, and the
// fuzz test, a short file that runs for minutes, began late and ran on alone at the end of the pass.
const SLOW_FIRST = [
  'server/http/fuzz.property.test.ts', 'server/http/authorization-matrix.test.ts', 'server/cluster/cluster.test.ts',
  'server/resilience/kill9.test.ts', 'scripts/replay/replay-tier-change.test.ts', 'scripts/replay/replay.test.ts', 'server/http/plan-load.test.ts', 'server/live/live-race.test.ts',
  'server/main.test.ts', 'server/http/first-user.test.ts', 'server/resilience/graceful-shutdown.test.ts', 'server/live/liwan-day.test.ts',
];

class SlowFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const rank = (spec: TestSpecification) => {
      const at = SLOW_FIRST.findIndex((path) => spec.moduleId.endsWith(`/${path}`));
      return at < 0 ? SLOW_FIRST.length : at;
    };
    // The base order keeps each project's files together (group order, then project): reorder inside each run only.
    const out: TestSpecification[] = [];
    for (let i = 0; i < sorted.length;) {
      let j = i;
      while (j < sorted.length && sorted[j]!.project === sorted[i]!.project) j++;
      out.push(...sorted.slice(i, j).map((spec, k) => ({ spec, k })).sort((a, b) => rank(a.spec) - rank(b.spec) || a.k - b.k).map((x) => x.spec));
      i = j;
    }
    return out;
  }
}

async function postgresReachable(): Promise<boolean> {
  const url = process.env.DATABASE_URL?.startsWith('postgres') ? process.env.DATABASE_URL : 'postgres://postgres@127.0.0.1:5432/test';
  const admin = knexFactory({ client: 'pg', connection: url, acquireConnectionTimeout: 2000 });
  try {
    await admin.raw('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await admin.destroy();
  }
}

export default defineConfig(async () => {
  const wanted = process.env.TEST_DB ?? 'both';
  if (!['sqlite', 'postgres', 'both'].includes(wanted)) throw new Error(`TEST_DB must be sqlite, postgres or both, got "${wanted}"`);
  let runPostgres = wanted !== 'sqlite';
  if (wanted === 'both' && !(await postgresReachable())) {
    console.warn('PostgreSQL is unreachable: running the SQLite pass only (TEST_DB=postgres makes this an error)');
    runPostgres = false;
  }
  const projects: TestProjectInlineConfiguration[] = [];
  // Three files at a time over both passes (projects of one group share the count): most files spend
  // their time waiting on servers, sockets and the database, about one core for two files. Measured on
  // the 2-core machine: both passes in 296 s with three, against ~335 s with two.
  //
  // isolate: false lets a worker keep its imported modules from one file to the next. Every server-side file
  // imported the whole server afresh otherwise: measured on the SQLite pass of server/http under the same load,
  // 162 s of import against 21 s, and 195 s against 109 s for the pass. Each file still opens its own database
  // and server on port 0, and none stubs a module, so files share nothing but the module cache (the seeded
  // template databases included, which is the point).
  const together = { maxWorkers: 3, isolate: false, sequence: { groupOrder: 0 } };
  if (wanted !== 'postgres') {
    projects.push({ extends: true, test: { name: 'unit', include: PURE, unstubGlobals: true, ...together } });
    projects.push({ extends: true, test: { name: 'sqlite', include: ALL, exclude: [...PURE, ...POSTGRES_ONLY, ...BROWSER], env: { TEST_DB_KIND: 'sqlite' }, ...together } });
    // One chromium for every browser file (web/e2e/chromium-server.ts); each file connects to it.
    projects.push({
      extends: true,
      test: { name: 'browser', include: BROWSER, env: { TEST_DB_KIND: 'sqlite' }, maxWorkers: 2, isolate: false, sequence: { groupOrder: 1 }, globalSetup: ['web/e2e/chromium-server.ts'] },
    });
  }
  if (runPostgres) {
    projects.push({
      extends: true,
      test: { name: 'postgres', include: TOUCHES_DATABASE, exclude: SQLITE_ONLY, env: { TEST_DB_KIND: 'postgres' }, ...together },
    });
  }
  return {
    test: {
      // Generous: CI runs both passes on two cores with servers, workers and chromium side by side;
      // speed is measured by the benches, never by these limits.
      testTimeout: 60_000,
      hookTimeout: 60_000,
      // Integration tests each open their own database and port 0 server, so files may run in parallel.
      pool: 'forks' as const,
      sequence: { sequencer: SlowFirstSequencer },
      projects,
    },
  };
});
