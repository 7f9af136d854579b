import type { Knex } from 'knex';

// Shared by landed migrations: change nothing here that would alter what an old migration builds;
// add a new helper instead. Constraint names carry the table name because PostgreSQL wants them
// unique per schema, and a named CHECK tells whoever hits it which rule failed.

export function isPostgres(knex: Knex): boolean {
  return knex.client.dialect === 'postgresql';
}

/**
 * JSON documents: `json` (not `jsonb`) on PostgreSQL so the text round-trips as written; TEXT with a
 * json_valid() check on SQLite, because a column typed "json" there gets NUMERIC affinity and would
 * turn a document such as `42` into a number.
 */
export function jsonColumn(knex: Knex, t: Knex.CreateTableBuilder, table: string, name: string): Knex.ColumnBuilder {
  if (isPostgres(knex)) return t.json(name);
  t.check('json_valid(??)', [name], `${table}_${name}_json`);
  return t.text(name);
}

/** SQLite stores booleans as integers: hold them to exactly 0 and 1. */
export function booleanColumn(knex: Knex, t: Knex.CreateTableBuilder, table: string, name: string): Knex.ColumnBuilder {
  if (!isPostgres(knex)) t.check('?? in (0, 1)', [name], `${table}_${name}_bool`);
  return t.boolean(name);
}

export function nonNegative(t: Knex.CreateTableBuilder, table: string, ...columns: string[]): void {
  for (const c of columns) t.check('?? >= 0', [c], `${table}_${c}_non_negative`);
}

/** A WGS-84 point as two columns; the range checks catch [lat, lng] swapped at the far edges only. */
export function lngLatColumns(t: Knex.CreateTableBuilder, table: string): void {
  t.double('lng').notNullable();
  t.double('lat').notNullable();
  t.check('?? between -180 and 180', ['lng'], `${table}_lng_range`);
  t.check('?? between -90 and 90', ['lat'], `${table}_lat_range`);
}

export function oneOf(t: Knex.CreateTableBuilder, table: string, column: string, values: readonly string[]): void {
  const list = values.map((v) => `'${v.replace(/'/g, "''")}'`).join(', ');
  t.check(`?? in (${list})`, [column], `${table}_${column}_values`);
}
