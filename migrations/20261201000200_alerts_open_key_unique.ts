import type { Knex } from 'knex';

// At most one alert per key that is not closed. The alert service checks for an open alert before
// raising one, but only its own process's evaluations are serialised: two server processes on one
// database (cluster mode) could both find none and both insert. With this partial unique index the
// second insert is a unique violation, which the service takes as "already raised".
//
// A later migration that rebuilds the alerts table on SQLite (as 20261130050200 and 20261201000100
// do) must create this index again.

const NOTE = 'closed by migration 20261201000200: a duplicate of an older open alert with the same key';

export async function up(knex: Knex): Promise<void> {
  // Twins raised before the index: keep the oldest open one of each key, close the others.
  await knex('alerts')
    .whereNot('state', 'closed')
    .whereExists(function older() {
      this.select(knex.raw('1')).from('alerts as b')
        .whereRaw('b.key = alerts.key')
        .whereNot('b.state', 'closed')
        .where((w) => w.whereRaw('b.raised_at < alerts.raised_at').orWhere((x) => x.whereRaw('b.raised_at = alerts.raised_at').andWhereRaw('b.id < alerts.id')));
    })
    .update({ state: 'closed', closed_at: new Date().toISOString(), close_note: NOTE });
  await knex.raw("create unique index alerts_open_key_unique on alerts (key) where state <> 'closed'");
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop index alerts_open_key_unique');
}
