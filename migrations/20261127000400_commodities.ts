import type { Knex } from 'knex';
import { booleanColumn, nonNegative, oneOf } from './helpers';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('commodities', (t) => {
    t.text('id').primary().notNullable();
    t.text('name').notNullable();
    t.text('name_en').notNullable();
    t.text('unit').notNullable();
    oneOf(t, 'commodities', 'unit', ['kg']);
    t.double('daily_ration_kg_per_person').notNullable();
    nonNegative(t, 'commodities', 'daily_ration_kg_per_person');
    booleanColumn(knex, t, 'commodities', 'cold_chain').notNullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('commodities');
}
