import type { Knex } from 'knex';
import { oneOf } from './helpers';

// Alerts (weak signals). The level is not stored: it is a function of age until acknowledgement.

const RULES = ['request_spike', 'commodity_complaints', 'low_cover', 'failed_handoff', 'no_delivery'];

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('alerts', (t) => {
    t.text('id').primary().notNullable();
    // What makes two signals the same alert (rule, zone, and commodity or plan or event).
    t.text('key').notNullable();
    // No foreign keys, as in the audit log: an alert's history outlives a zone removed later.
    t.text('zone_id').notNullable();
    t.text('district_id').notNullable();
    t.text('rule').notNullable();
    oneOf(t, 'alerts', 'rule', RULES);
    t.text('reason_zh').notNullable();
    t.text('reason_en').notNullable();
    t.text('state').notNullable();
    oneOf(t, 'alerts', 'state', ['open', 'acknowledged', 'closed']);
    t.text('owner_id').nullable();
    t.text('raised_at').notNullable();
    t.text('acknowledged_at').nullable();
    t.text('closed_at').nullable();
    t.text('closed_by').nullable();
    t.text('close_note').nullable();
    // Closing takes a note: the reason it was closed is the one thing a later reader needs.
    t.check("?? <> 'closed' or (?? is not null and ?? is not null)", ['state', 'close_note', 'closed_at'], 'alerts_closed_has_note');
    t.index(['key', 'raised_at'], 'alerts_key_idx');
    t.index(['district_id', 'state'], 'alerts_district_state_idx');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('alerts');
}
