import type { Knex } from 'knex';

// Whether a van can be planned (可用 / 故障停驶). A table of its own so the vehicle record (and every copy of it in
// scenarios and fixtures) stays as it is; a van without a row is available. Deleting the van drops its row.

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('vehicle_availability', (t) => {
    t.text('vehicle_id').primary().notNullable().references('id').inTable('vehicles').onDelete('CASCADE');
    t.text('status').notNullable();
    t.text('note').notNullable().defaultTo('');
    t.text('updated_at').notNullable();
    t.text('updated_by').notNullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('vehicle_availability');
}
