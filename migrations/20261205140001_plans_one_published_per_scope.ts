import type { Knex } from 'knex';

// At most one published plan per scope (a district, or the city: district_id null). The plan
// service publishes under the scope's lock and supersedes the previous plan in the same
// transaction; this index is the database's own guard behind it. Before it, concurrent publishes
// on PostgreSQL could leave several plans of one scope published (issue 15): of those, the highest
// version stays published and the others become superseded, as a later publish would have made them.

export async function up(knex: Knex): Promise<void> {
  await knex('plans')
    .where('status', 'published')
    .whereExists(function newer() {
      this.select(knex.raw('1')).from('plans as b')
        .where('b.status', 'published')
        .whereRaw("coalesce(b.district_id, '') = coalesce(plans.district_id, '')")
        .where((w) => w.whereRaw('b.version > plans.version').orWhere((x) => x.whereRaw('b.version = plans.version').andWhereRaw('b.id > plans.id')));
    })
    .update({ status: 'superseded' });
  await knex.raw("create unique index plans_one_published_per_scope on plans ((coalesce(district_id, ''))) where status = 'published'");
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop index plans_one_published_per_scope');
}
