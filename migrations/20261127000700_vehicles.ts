import type { Knex } from 'knex';
import { nonNegative, oneOf } from './helpers';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('vehicles', (t) => {
    t.text('id').primary().notNullable();
    t.text('name').notNullable();
    t.text('kind').notNullable();
    oneOf(t, 'vehicles', 'kind', ['van', 'bus']);
    t.text('home_depot_id').notNullable().references('id').inTable('depots').onDelete('RESTRICT');
    t.text('district_id').nullable().references('id').inTable('districts').onDelete('RESTRICT');
    t.double('capacity_kg').notNullable();
    t.double('cold_chain_kg').notNullable();
    nonNegative(t, 'vehicles', 'capacity_kg', 'cold_chain_kg');
    t.check('?? <= ??', ['cold_chain_kg', 'capacity_kg'], 'vehicles_cold_chain_within_capacity');
    t.text('shift_start').notNullable();
    t.text('shift_end').notNullable();
    // The enforced side of the vehicle ↔ driver cycle: the planner reads a van's driver to check
    // the pass and health check, so this is the link that must never dangle. Enforcing both sides
    // would need deferred constraints added after both tables exist, which SQLite cannot ALTER in.
    t.text('driver_id').nullable().references('id').inTable('staff').onDelete('RESTRICT');
    t.index(['district_id'], 'vehicles_district_id_idx');
    t.index(['home_depot_id'], 'vehicles_home_depot_id_idx');
    t.index(['driver_id'], 'vehicles_driver_id_idx');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('vehicles');
}
