import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('districts', (t) => {
    t.text('id').primary().notNullable();
    t.text('name').notNullable();
    t.text('name_en').notNullable();
    t.text('city').notNullable();
    // Four columns rather than a JSON array: the bbox is queried (is a point inside the district?).
    t.double('bbox_min_lng').notNullable();
    t.double('bbox_min_lat').notNullable();
    t.double('bbox_max_lng').notNullable();
    t.double('bbox_max_lat').notNullable();
    t.check('?? <= ??', ['bbox_min_lng', 'bbox_max_lng'], 'districts_bbox_lng_order');
    t.check('?? <= ??', ['bbox_min_lat', 'bbox_max_lat'], 'districts_bbox_lat_order');
  });
  await knex.schema.createTable('streets', (t) => {
    t.text('id').primary().notNullable();
    t.text('district_id').notNullable().references('id').inTable('districts').onDelete('RESTRICT');
    t.text('name').notNullable();
    t.text('name_en').notNullable();
    t.text('stats_code').nullable();
    t.index(['district_id'], 'streets_district_id_idx');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('streets');
  await knex.schema.dropTable('districts');
}
