// Which database engine the test suite runs on. vitest.config.ts runs the suite as two projects
// ("sqlite" and "postgres") and sets TEST_DB_KIND for each; a file run on its own outside a
// project gets SQLite. Test-only: production code reads its database from server/config.ts.
import { loadTestSettings } from '../config';
import { tempPostgres, tempSqlite, type TempDatabase } from '../store/test-support';

export type TestDbKind = 'sqlite' | 'postgres';

export function testDbKind(): TestDbKind {
  return loadTestSettings().dbKind === 'postgres' ? 'postgres' : 'sqlite';
}

/** A throwaway database of the suite's current kind (a SQLite file, or a fresh PostgreSQL database). */
export function tempTestDatabase(): Promise<TempDatabase> {
  return testDbKind() === 'postgres' ? tempPostgres() : tempSqlite();
}
