import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('sessions', (t) => {
    t.text('token_hash').primary().notNullable();
    t.text('user_id').notNullable().references('id').inTable('users').onDelete('CASCADE');
    // Canonical ISO-8601 UTC text (toISOString), so comparing the text compares the instants.
    t.text('created_at').notNullable();
    t.text('expires_at').notNullable();
    t.text('revoked_at').nullable();
    t.index(['user_id'], 'sessions_user_id_idx');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('sessions');
}
