import type { Knex } from 'knex';
import { booleanColumn, jsonColumn, nonNegative, oneOf } from './helpers';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('zones', (t) => {
    t.text('id').primary().notNullable();
    t.text('district_id').notNullable().references('id').inTable('districts').onDelete('RESTRICT');
    t.text('street_id').nullable().references('id').inTable('streets').onDelete('RESTRICT');
    t.text('name').notNullable();
    t.text('name_en').notNullable();
    // Free text, not a CHECK: tiers are configurable per deployment (TIERS_FILE).
    t.text('tier').notNullable();
    t.text('status').notNullable();
    oneOf(t, 'zones', 'status', ['active', 'lifted']);
    t.integer('population').notNullable();
    booleanColumn(knex, t, 'zones', 'population_estimated').notNullable();
    t.integer('households').notNullable();
    t.integer('elderly_alone').notNullable();
    t.integer('infants').notNullable();
    t.integer('chronic_patients').notNullable();
    nonNegative(t, 'zones', 'population', 'households', 'elderly_alone', 'infants', 'chronic_patients');
    jsonColumn(knex, t, 'zones', 'polygon').notNullable();
    t.text('sealed_at').nullable();
    t.text('lifted_at').nullable();
    t.text('updated_at').notNullable();
    t.index(['district_id'], 'zones_district_id_idx');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('zones');
}
