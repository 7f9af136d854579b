import type { Knex } from 'knex';
import { isPostgres } from './helpers';

// Alerts gain what is at stake (severity) and the commodity they are about. Low-cover alerts change
// key from one per plan and zone ("low_cover:<planId>:<zoneId>", so each publish raised a twin) to one
// per zone and commodity ("low_cover/<zoneId>/<commodityId>"), which a newer plan updates or closes.
// The open old-style ones are closed here: the next evaluation raises their successors.
// Plain added columns: SQLite adds them in place, so alerts_open_key_unique stays as it is.

const NOTE = 'closed by migration 20261205170100: low-cover alerts are now one per zone and commodity, raised again by the next evaluation';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('alerts', (t) => {
    t.text('severity').notNullable().defaultTo('medium');
    t.text('commodity_id').nullable();
  });
  if (isPostgres(knex)) {
    await knex.raw("alter table alerts add constraint alerts_severity_values check (severity in ('low', 'medium', 'high', 'critical'))");
  }
  await knex('alerts').where('key', 'like', 'low_cover:%').whereNot('state', 'closed')
    .update({ state: 'closed', closed_at: new Date().toISOString(), close_note: NOTE });
  await knex.schema.alterTable('alerts', (t) => t.index(['state', 'severity'], 'alerts_state_severity_idx'));
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop index alerts_state_severity_idx');
  if (isPostgres(knex)) await knex.raw('alter table alerts drop constraint alerts_severity_values');
  // Raw drops (SQLite ≥ 3.35 and PostgreSQL alike): knex's SQLite dropColumn rebuilds the table.
  await knex.raw('alter table alerts drop column severity');
  await knex.raw('alter table alerts drop column commodity_id');
}
