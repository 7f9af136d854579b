import type { Knex } from 'knex';
import { nonNegative, oneOf } from './helpers';

// Suppliers behind the depots (wholesale markets, enterprises on the government's supply list) and their
// daily deliveries per commodity to named depots. A depot or commodity that goes takes its deliveries with it.

const KINDS = ['wholesale_market', 'enterprise', 'other'];

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('suppliers', (t) => {
    t.text('id').primary();
    t.text('district_id').nullable().references('id').inTable('districts').onDelete('RESTRICT');
    t.text('name').notNullable();
    t.text('name_en').notNullable().defaultTo('');
    t.text('kind').notNullable();
    oneOf(t, 'suppliers', 'kind', KINDS);
    t.text('contact').notNullable().defaultTo('');
    t.text('active_from').notNullable();
    t.text('active_until');
    t.text('note').notNullable().defaultTo('');
    t.text('updated_at').notNullable();
    t.index(['district_id']);
  });
  await knex.schema.createTable('supplier_deliveries', (t) => {
    t.text('supplier_id').notNullable().references('id').inTable('suppliers').onDelete('CASCADE');
    t.text('depot_id').notNullable().references('id').inTable('depots').onDelete('CASCADE');
    t.text('commodity_id').notNullable().references('id').inTable('commodities').onDelete('CASCADE');
    t.double('kg_per_day').notNullable();
    t.text('arrives_at').notNullable();
    t.integer('lead_time_days').notNullable();
    nonNegative(t, 'supplier_deliveries', 'kg_per_day', 'lead_time_days');
    t.primary(['supplier_id', 'depot_id', 'commodity_id']);
    t.index(['depot_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('supplier_deliveries');
  await knex.schema.dropTable('suppliers');
}
