import type { Knex } from 'knex';

// Vehicles' disinfection log (消杀记录). No foreign key to vehicles: like the audit log, the record of
// what was done outlives a van taken out of the fleet.

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('vehicle_disinfections', (t) => {
    t.increments('id');
    t.text('vehicle_id').notNullable();
    t.text('at').notNullable();
    t.text('by_name').notNullable();
    t.text('method').notNullable();
    t.text('recorded_by').notNullable();
    t.text('recorded_at').notNullable();
    t.index(['vehicle_id', 'at'], 'vehicle_disinfections_vehicle_at_idx');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('vehicle_disinfections');
}
