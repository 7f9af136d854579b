import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, expect, it } from 'vitest';
import { openDatabase } from './db';

// Two real processes (the server and the seed script, or two servers on one file) write the same
// SQLite file at once: WAL, busy_timeout and BEGIN IMMEDIATE must make them queue, never fail with
// SQLITE_BUSY, and serialise read-then-write transactions (each saw a distinct row count).

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'bg-sqlite-load-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const PER_PROCESS = 300;

it(`two processes × ${PER_PROCESS} read-then-write transactions and ${PER_PROCESS} plain writes: no SQLITE_BUSY, nothing lost`, async () => {
  const url = `sqlite:${join(dir, 'load.sqlite')}`;
  const db = openDatabase(url);
  await db.schema.createTable('load_rows', (t) => { t.string('id').primary(); t.integer('seen').notNullable(); });
  await db.schema.createTable('load_counter', (t) => { t.integer('id').primary(); t.integer('value').notNullable(); });
  await db('load_counter').insert({ id: 1, value: 0 });
  try {
    const writer = join(import.meta.dirname, 'sqlite-load-writer.ts');
    const results = await Promise.all(['a', 'b'].map((name) =>
      run(process.execPath, ['--import', 'tsx', writer, url, name, String(PER_PROCESS)], { timeout: 60_000 })));
    const reports = results.map((r) => JSON.parse(r.stdout.trim().split('\n').pop()!) as { writer: string; errors: string[] });
    expect(reports.flatMap((r) => r.errors)).toEqual([]);
    const rows = await db('load_rows').select('id', 'seen');
    expect(rows).toHaveLength(2 * PER_PROCESS);
    // Serialised: every transaction saw a different count, 0 … 599.
    expect(rows.map((r: { seen: number }) => r.seen).sort((x: number, y: number) => x - y))
      .toEqual(Array.from({ length: 2 * PER_PROCESS }, (_, i) => i));
    expect((await db('load_counter').first('value')).value).toBe(2 * PER_PROCESS);
    // Both processes really overlapped: one's rows lie between the other's (A…B…A at least). How
    // often they alternate depends on the scheduler: a loaded machine runs each in longer bursts.
    const order = [...rows].sort((x: { seen: number }, y: { seen: number }) => x.seen - y.seen).map((r: { id: string }) => r.id[0]);
    const switches = order.filter((w, i) => i > 0 && w !== order[i - 1]).length;
    expect(switches).toBeGreaterThanOrEqual(2);
  } finally {
    await db.destroy();
  }
}, 90_000);
