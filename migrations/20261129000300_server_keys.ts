import type { Knex } from 'knex';

// The server's signing keys (Ed25519 for frontline passes), made on first use. In the database so
// every server process of a deployment signs with the same key, and a backup carries it along.

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('server_keys', (t) => {
    t.text('id').primary().notNullable();
    t.text('algorithm').notNullable();
    t.text('private_pem').notNullable();
    t.text('public_pem').notNullable();
    t.text('created_at').notNullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('server_keys');
}
