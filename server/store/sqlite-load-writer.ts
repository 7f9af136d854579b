// Child process for sqlite-load.test.ts: one of two processes writing the same SQLite file at once.
// argv: <sqlite url> <writer name> <transactions>. Each transaction reads the row count and then
// inserts a row named after it (read-then-write: the pattern a deferred BEGIN turns into
// SQLITE_BUSY); between them, single-statement writes outside any transaction. Prints one JSON line.
import { openDatabase } from './db';

const [url, writer, countRaw] = process.argv.slice(2);
const count = Number(countRaw);
const db = openDatabase(url!);
const errors: string[] = [];
// Several connections per process, as the server's pool has.
await Promise.all(Array.from({ length: 4 }, async (_, lane) => {
  for (let i = lane; i < count; i += 4) {
    try {
      await db.transaction(async (t) => {
        const row = await t('load_rows').count({ n: '*' }).first();
        await t('load_rows').insert({ id: `${writer}-${i}`, seen: Number(row?.n) });
      });
      await db('load_counter').where({ id: 1 }).increment('value', 1);
    } catch (err) {
      errors.push(String((err as Error).message));
    }
  }
}));
await db.destroy();
// The child's answer to the test (a result, not a log line): the last line of its stdout.
process.stdout.write(`${JSON.stringify({ writer, errors })}\n`);
