import type { Knex } from 'knex';
import type { DatabaseKind } from './db';

/**
 * Value conversions that differ between SQLite and PostgreSQL, so every repository reads back
 * exactly what it wrote on either database.
 */
export interface Codec {
  kind: DatabaseKind;
  /** Always serialised by us: node-pg would turn a JS array into a PostgreSQL array literal. */
  json(value: unknown): string | null;
  fromJson(raw: unknown): unknown;
  /** SQLite hands back 0/1. */
  fromBool(raw: unknown): boolean;
  /** ORDER BY that sorts text the same way on both: byte order, as SQLite's default collation. */
  orderBy(column: string): Knex.Raw;
}

export function createCodec(db: Knex, kind: DatabaseKind): Codec {
  return {
    kind,
    json: (value) => (value === undefined ? null : JSON.stringify(value)),
    // PostgreSQL's json columns arrive parsed; SQLite's TEXT columns arrive as the text we wrote.
    fromJson: (raw) => (raw === null || raw === undefined ? null : kind === 'postgres' ? raw : JSON.parse(String(raw))),
    fromBool: (raw) => raw === true || raw === 1 || raw === '1',
    orderBy: (column) => (kind === 'postgres' ? db.raw('?? collate "C"', [column]) : db.raw('??', [column])),
  };
}

/** Canonical ISO-8601 UTC (as toISOString writes it), so that text order is time order. */
export function canonicalIso(instant: string): string {
  const ms = Date.parse(instant);
  if (Number.isNaN(ms)) throw new RangeError(`not an ISO-8601 instant: "${instant}"`);
  return new Date(ms).toISOString();
}

/** Runs fn in a transaction unless db already is one (a nested BEGIN is not needed there). */
export function atomically<T>(db: Knex, fn: (trx: Knex) => Promise<T>): Promise<T> {
  return db.isTransaction ? fn(db) : db.transaction(fn);
}
