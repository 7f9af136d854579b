import type { Knex } from 'knex';
import { jsonColumn } from './helpers';

// Signed passes issued to frontline staff; a revoked pass stays on record (the gate list needs it).

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('staff_passes', (t) => {
    t.text('pass_id').primary().notNullable();
    // No foreign key: a pass that was shown at a gate stays on record after the person is removed.
    t.text('staff_id').notNullable();
    t.text('pass_number').notNullable();
    jsonColumn(knex, t, 'staff_passes', 'claims').notNullable();
    t.text('issued_at').notNullable();
    t.text('valid_until').notNullable();
    t.text('revoked_at').nullable();
    t.text('revoked_by').nullable();
    t.index(['staff_id'], 'staff_passes_staff_idx');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('staff_passes');
}
