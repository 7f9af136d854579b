import type { Knex } from 'knex';
import { jsonColumn } from './helpers';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('audit_log', (t) => {
    t.increments('id');
    t.text('at').notNullable();
    // No foreign key: the log must outlive the users it names, and ON DELETE SET NULL would be an
    // UPDATE, which the append-only triggers refuse.
    t.text('user_id').nullable();
    t.text('action').notNullable();
    t.text('entity').notNullable();
    t.text('entity_id').nullable();
    jsonColumn(knex, t, 'audit_log', 'detail').nullable();
    t.index(['entity', 'entity_id'], 'audit_log_entity_idx');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('audit_log');
}
