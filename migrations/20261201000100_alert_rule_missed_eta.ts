import type { Knex } from 'knex';
import { isPostgres } from './helpers';

// Widens alerts.rule to admit missed_eta (a stop still pending past its planned arrival). PostgreSQL
// swaps the CHECK; SQLite cannot alter a CHECK, so the table is rebuilt (new table, copy, drop,
// rename) with the same columns and indexes.
// Runs before 20261201000200 creates alerts_open_key_unique, so the rebuild need not recreate it.

const OLD = ['request_spike', 'commodity_complaints', 'low_cover', 'failed_handoff', 'no_delivery', 'playbook_overdue'];
const NEW = [...OLD, 'missed_eta'];

const list = (values: readonly string[]) => values.map((v) => `'${v}'`).join(', ');

async function setRules(knex: Knex, rules: readonly string[]): Promise<void> {
  if (isPostgres(knex)) {
    await knex.raw('alter table alerts drop constraint alerts_rule_values');
    await knex.raw(`alter table alerts add constraint alerts_rule_values check (rule in (${list(rules)}))`);
    return;
  }
  await knex.schema.createTable('alerts_rebuilt', (t) => {
    t.text('id').primary().notNullable();
    t.text('key').notNullable();
    t.text('zone_id').notNullable();
    t.text('district_id').notNullable();
    t.text('rule').notNullable();
    t.check(`?? in (${list(rules)})`, ['rule'], 'alerts_rule_values');
    t.text('reason_zh').notNullable();
    t.text('reason_en').notNullable();
    t.text('state').notNullable();
    t.check("?? in ('open', 'acknowledged', 'closed')", ['state'], 'alerts_state_values');
    t.text('owner_id').nullable();
    t.text('raised_at').notNullable();
    t.text('acknowledged_at').nullable();
    t.text('closed_at').nullable();
    t.text('closed_by').nullable();
    t.text('close_note').nullable();
    t.check("?? <> 'closed' or (?? is not null and ?? is not null)", ['state', 'close_note', 'closed_at'], 'alerts_closed_has_note');
  });
  await knex.raw('insert into alerts_rebuilt select id, key, zone_id, district_id, rule, reason_zh, reason_en, state, owner_id, raised_at, acknowledged_at, closed_at, closed_by, close_note from alerts');
  await knex.schema.dropTable('alerts');
  await knex.schema.renameTable('alerts_rebuilt', 'alerts');
  await knex.schema.alterTable('alerts', (t) => {
    t.index(['key', 'raised_at'], 'alerts_key_idx');
    t.index(['district_id', 'state'], 'alerts_district_state_idx');
  });
}

export async function up(knex: Knex): Promise<void> {
  await setRules(knex, NEW);
}

export async function down(knex: Knex): Promise<void> {
  await knex('alerts').where({ rule: 'missed_eta' }).delete();
  await setRules(knex, OLD);
}
