import type { Knex } from 'knex';
import { jsonColumn } from './helpers';

// The response playbook: one template per city (absent: the built-in defaults) and one checklist per
// zone and sealing. Steps live as a JSON document in their checklist: they are read and written whole.

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('playbook_templates', (t) => {
    t.text('city').primary().notNullable();
    jsonColumn(knex, t, 'playbook_templates', 'start_tiers').notNullable();
    jsonColumn(knex, t, 'playbook_templates', 'steps').notNullable();
    t.text('updated_at').notNullable();
    t.text('updated_by').notNullable();
  });
  await knex.schema.createTable('zone_checklists', (t) => {
    t.text('id').primary().notNullable();
    // No foreign key, as with alerts: a checklist is a record of what was done, kept if the zone goes.
    t.text('zone_id').notNullable();
    t.text('district_id').notNullable();
    t.text('city').notNullable();
    t.text('tier').notNullable();
    t.text('started_at').notNullable();
    jsonColumn(knex, t, 'zone_checklists', 'steps').notNullable();
    t.unique(['zone_id', 'started_at'], { indexName: 'zone_checklists_zone_start_uq' });
    t.index(['district_id'], 'zone_checklists_district_idx');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('zone_checklists');
  await knex.schema.dropTable('playbook_templates');
}
