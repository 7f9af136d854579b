import type { Knex } from 'knex';
import { oneOf } from './helpers';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('users', (t) => {
    t.text('id').primary().notNullable();
    t.text('username').notNullable().unique({ indexName: 'users_username_unique' });
    t.text('display_name').notNullable();
    t.text('role').notNullable();
    oneOf(t, 'users', 'role', ['coordinator', 'district_official', 'driver']);
    t.text('district_id').nullable().references('id').inTable('districts').onDelete('RESTRICT');
    t.text('vehicle_id').nullable().references('id').inTable('vehicles').onDelete('RESTRICT');
    t.text('password_hash').notNullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('users');
}
