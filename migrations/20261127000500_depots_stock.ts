import type { Knex } from 'knex';
import { lngLatColumns, nonNegative } from './helpers';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('depots', (t) => {
    t.text('id').primary().notNullable();
    t.text('district_id').nullable().references('id').inTable('districts').onDelete('RESTRICT');
    t.text('name').notNullable();
    t.text('name_en').notNullable();
    lngLatColumns(t, 'depots');
    t.text('opens_at').notNullable();
    t.text('closes_at').notNullable();
    t.index(['district_id'], 'depots_district_id_idx');
  });
  await knex.schema.createTable('depot_stock', (t) => {
    // Stock is part of the depot aggregate; a commodity still held somewhere cannot be deleted.
    t.text('depot_id').notNullable().references('id').inTable('depots').onDelete('CASCADE');
    t.text('commodity_id').notNullable().references('id').inTable('commodities').onDelete('RESTRICT');
    t.double('kg').notNullable();
    nonNegative(t, 'depot_stock', 'kg');
    t.primary(['depot_id', 'commodity_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('depot_stock');
  await knex.schema.dropTable('depots');
}
