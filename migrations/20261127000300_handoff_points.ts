import type { Knex } from 'knex';
import { lngLatColumns } from './helpers';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('handoff_points', (t) => {
    t.text('id').primary().notNullable();
    // A gate exists only as part of its zone: deleting the zone takes its gates with it.
    t.text('zone_id').notNullable().references('id').inTable('zones').onDelete('CASCADE');
    t.text('name').notNullable();
    lngLatColumns(t, 'handoff_points');
    t.index(['zone_id'], 'handoff_points_zone_id_idx');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('handoff_points');
}
