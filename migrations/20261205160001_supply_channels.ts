import type { Knex } from 'knex';
import { jsonColumn, nonNegative, oneOf } from './helpers';

// Supply channels other than the planned vans (supply points, shops, platforms, donations, other mobile shops),
// the zones each serves, and the household stock a zone's homes hold at sealing (days per commodity). Capacity is
// a JSON document (commodity → kg per day or orders × kg per order): the service checks its numbers.

const KINDS = ['mobile_van', 'supply_point', 'store', 'platform', 'donation'];

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('supply_channels', (t) => {
    t.text('id').primary();
    t.text('district_id').notNullable().references('id').inTable('districts');
    t.text('name').notNullable();
    t.text('name_en').notNullable().defaultTo('');
    t.text('kind').notNullable();
    oneOf(t, 'supply_channels', 'kind', KINDS);
    jsonColumn(knex, t, 'supply_channels', 'capacity').notNullable();
    t.text('opens_at').notNullable();
    t.text('closes_at').notNullable();
    t.check('?? < ??', ['opens_at', 'closes_at'], 'supply_channels_hours_order');
    jsonColumn(knex, t, 'supply_channels', 'tiers').notNullable();
    t.text('active_from').notNullable();
    t.text('active_until');
    t.text('note').notNullable().defaultTo('');
    t.text('updated_at').notNullable();
    t.index(['district_id']);
  });
  await knex.schema.createTable('supply_channel_zones', (t) => {
    t.text('channel_id').notNullable().references('id').inTable('supply_channels').onDelete('CASCADE');
    // A deleted zone is no longer served; the channel stays.
    t.text('zone_id').notNullable().references('id').inTable('zones').onDelete('CASCADE');
    t.primary(['channel_id', 'zone_id']);
    t.index(['zone_id']);
  });
  await knex.schema.createTable('household_stock_days', (t) => {
    t.text('commodity_id').primary().references('id').inTable('commodities').onDelete('CASCADE');
    t.double('days').notNullable();
    nonNegative(t, 'household_stock_days', 'days');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('household_stock_days');
  await knex.schema.dropTable('supply_channel_zones');
  await knex.schema.dropTable('supply_channels');
}
