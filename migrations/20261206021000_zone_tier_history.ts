import type { Knex } from 'knex';

// A zone's tier over time: the days-of-cover projection rolls stock forward day by day from the sealing,
// and which channels residents could use on a past day depends on the tier they were under that day
// (a street eased from 封控区 to 防范区 could not use the shops while it was controlled). One row per change,
// written by the zone repository whenever a zone is stored with a tier different from its latest row.

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('zone_tiers', (t) => {
    t.text('zone_id').notNullable().references('id').inTable('zones').onDelete('CASCADE');
    t.text('tier').notNullable();
    /** The instant the tier took effect (the zone's updatedAt when it was stored; its sealing for the first row). */
    t.text('since').notNullable();
    t.primary(['zone_id', 'since']);
  });
  // Zones stored before this table: their current tier since their sealing (or their last update).
  await knex.raw('insert into zone_tiers (zone_id, tier, since) select id, tier, coalesce(sealed_at, updated_at) from zones');
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('zone_tiers');
}
