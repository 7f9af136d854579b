import type { Knex } from 'knex';
import { oneOf } from './helpers';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('staff', (t) => {
    t.text('id').primary().notNullable();
    t.text('name').notNullable();
    t.text('role').notNullable();
    oneOf(t, 'staff', 'role', ['driver', 'handoff_worker']);
    t.text('pass_number').notNullable().unique({ indexName: 'staff_pass_number_unique' });
    t.text('health_check_valid_until').notNullable();
    // Deliberately no foreign key: vehicles.driver_id → staff.id is the enforced side of the
    // vehicle ↔ driver cycle (see the vehicles migration). This column is the crew member's
    // current van, a hint the vehicle repository clears when the van is deleted.
    t.text('vehicle_id').nullable();
    t.text('district_id').nullable().references('id').inTable('districts').onDelete('RESTRICT');
    t.index(['district_id'], 'staff_district_id_idx');
    t.index(['vehicle_id'], 'staff_vehicle_id_idx');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('staff');
}
