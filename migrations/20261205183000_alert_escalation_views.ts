import type { Knex } from 'knex';

// Escalation to the top level is told once (escalated_at marks it, across evaluations and servers),
// and an alert's history shows who saw it: one row per alert and user, stamped at the first view.

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('alerts', (t) => {
    t.text('escalated_at').nullable();
  });
  await knex.schema.createTable('alert_views', (t) => {
    // No foreign key to alerts, as alerts have none: history outlives what it speaks of.
    t.text('alert_id').notNullable();
    t.text('user_id').notNullable().references('id').inTable('users').onDelete('CASCADE');
    t.text('seen_at').notNullable();
    t.primary(['alert_id', 'user_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('alert_views');
  await knex.raw('alter table alerts drop column escalated_at');
}
