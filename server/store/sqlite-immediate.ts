import { createRequire } from 'node:module';
import type { Knex } from 'knex';

// knex's SQLite transactions open with a plain BEGIN (deferred): the write lock is taken only at
// the first write, and if another connection wrote meanwhile, the upgrade fails with SQLITE_BUSY at
// once, without waiting for busy_timeout. BEGIN IMMEDIATE takes the write lock up front, so a
// second writer (another process: the seed script beside the server) waits its turn instead.
// knex accepts a client class in `client`; this one differs from the stock sqlite3 client only in
// the transaction's opening statement. Nested transactions still use SAVEPOINT (knex's base class).

const require = createRequire(import.meta.url);

type Conn = unknown;
interface TransactionInternals {
  query(conn: Conn, sql: string): Promise<unknown>;
}
type TransactionClass = new (...args: unknown[]) => TransactionInternals;
type ClientClass = new (config: Knex.Config) => Knex.Client;

const SqliteClient = require('knex/lib/dialects/sqlite3/index.js') as ClientClass;
const SqliteTransaction = require('knex/lib/dialects/sqlite3/execution/sqlite-transaction.js') as TransactionClass;

class ImmediateTransaction extends SqliteTransaction {
  begin(conn: Conn): Promise<unknown> {
    return this.query(conn, 'BEGIN IMMEDIATE;');
  }
}

export class ImmediateSqliteClient extends SqliteClient {
  override transaction(...args: unknown[]): Knex.Transaction {
    return new ImmediateTransaction(this, ...args) as unknown as Knex.Transaction;
  }
}
