import type { Knex } from 'knex';
import { oneOf } from './helpers';

// Residents' requests (群众诉求), filed from a zone's public page without a login.

const CATEGORIES = ['food_shortage', 'medicine', 'special_diet', 'elderly_disabled_care', 'infant_needs', 'complaint', 'other'];
const STATUSES = ['new', 'assigned', 'resolved', 'referred'];

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('resident_requests', (t) => {
    t.text('id').primary().notNullable();
    t.text('receipt_id').notNullable().unique({ indexName: 'resident_requests_receipt_unique' });
    // RESTRICT: a zone with requests on record is lifted, not deleted (the requests are the history).
    t.text('zone_id').notNullable().references('id').inTable('zones').onDelete('RESTRICT');
    // Copied from the zone so district scoping needs no join (a zone never changes district).
    t.text('district_id').notNullable();
    t.text('category').notNullable();
    oneOf(t, 'resident_requests', 'category', CATEGORIES);
    // No foreign key: a commodity removed later must not take residents' words with it.
    t.text('commodity_id').nullable();
    t.text('building').notNullable();
    t.text('contact').notNullable();
    t.text('text').notNullable();
    // SHA-256 of the normalised text: finds a duplicate without comparing long text.
    t.text('text_hash').notNullable();
    t.text('status').notNullable();
    oneOf(t, 'resident_requests', 'status', STATUSES);
    t.text('owner_id').nullable();
    t.text('note').nullable();
    t.text('created_at').notNullable();
    t.text('updated_at').notNullable();
    t.check("?? <> 'assigned' or ?? is not null", ['status', 'owner_id'], 'resident_requests_assigned_has_owner');
    t.index(['district_id', 'status'], 'resident_requests_district_status_idx');
    t.index(['zone_id', 'created_at'], 'resident_requests_zone_created_idx');
    t.index(['zone_id', 'text_hash'], 'resident_requests_zone_text_idx');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('resident_requests');
}
