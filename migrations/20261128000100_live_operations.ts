import type { Knex } from 'knex';
import { jsonColumn, nonNegative, oneOf } from './helpers';

// Live operations: drivers' stop events (idempotent by the device's key), the state of each planned
// stop, deliveries per commodity, each zone's delivered-so-far per day, and GPS tracks.
// No foreign keys to plans, vehicles or zones: like the audit log, what happened on the road must
// outlive the records it names (a van deleted later, a plan superseded).

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('stop_events', (t) => {
    t.increments('id');
    t.text('vehicle_id').notNullable();
    // The device's key; unique per vehicle so two devices' keys can never collide into one event.
    t.text('idempotency_key').notNullable();
    // SHA-256 of the event's content: the same key with other content is a CONFLICT, not a retry.
    t.text('request_hash').notNullable();
    t.text('kind').notNullable();
    oneOf(t, 'stop_events', 'kind', ['arrived', 'delivered', 'failed']);
    t.text('plan_id').notNullable();
    t.integer('trip_index').notNullable();
    t.integer('stop_index').notNullable();
    t.text('zone_id').notNullable();
    t.text('user_id').notNullable();
    t.text('at').notNullable();
    t.text('recorded_at').notNullable();
    jsonColumn(knex, t, 'stop_events', 'detail').notNullable();
    // The ack as first sent: a retry gets exactly this back.
    jsonColumn(knex, t, 'stop_events', 'result').notNullable();
    t.unique(['vehicle_id', 'idempotency_key'], { indexName: 'stop_events_vehicle_key_unique' });
    t.index(['plan_id', 'vehicle_id'], 'stop_events_plan_vehicle_idx');
  });
  await knex.schema.createTable('stop_progress', (t) => {
    t.text('plan_id').notNullable();
    t.text('vehicle_id').notNullable();
    t.integer('trip_index').notNullable();
    t.integer('stop_index').notNullable();
    t.text('zone_id').notNullable();
    t.text('status').notNullable();
    oneOf(t, 'stop_progress', 'status', ['arrived', 'delivered', 'failed']);
    t.text('arrived_at').nullable();
    t.text('finished_at').nullable();
    jsonColumn(knex, t, 'stop_progress', 'delivered_kg').notNullable();
    t.integer('last_event_id').notNullable();
    t.primary(['plan_id', 'vehicle_id', 'trip_index', 'stop_index']);
  });
  await knex.schema.createTable('deliveries', (t) => {
    t.increments('id');
    t.integer('stop_event_id').notNullable().references('id').inTable('stop_events').onDelete('RESTRICT');
    t.text('zone_id').notNullable();
    // Local day (config.live.utcOffset), so "delivered today" means the residents' today.
    t.text('local_date').notNullable();
    t.text('commodity_id').notNullable();
    t.double('kg').notNullable();
    nonNegative(t, 'deliveries', 'kg');
    t.unique(['stop_event_id', 'commodity_id'], { indexName: 'deliveries_event_commodity_unique' });
    t.index(['zone_id', 'local_date'], 'deliveries_zone_date_idx');
  });
  await knex.schema.createTable('zone_delivered', (t) => {
    t.text('zone_id').notNullable();
    t.text('local_date').notNullable();
    t.text('commodity_id').notNullable();
    t.double('kg').notNullable();
    nonNegative(t, 'zone_delivered', 'kg');
    t.primary(['zone_id', 'local_date', 'commodity_id']);
  });
  await knex.schema.createTable('vehicle_positions', (t) => {
    t.increments('id');
    t.text('vehicle_id').notNullable();
    t.text('local_date').notNullable();
    t.text('at').notNullable();
    t.double('lng').notNullable();
    t.double('lat').notNullable();
    t.double('speed_kmh').notNullable();
    t.check('?? between -180 and 180', ['lng'], 'vehicle_positions_lng_range');
    t.check('?? between -90 and 90', ['lat'], 'vehicle_positions_lat_range');
    nonNegative(t, 'vehicle_positions', 'speed_kmh');
    // One fix per vehicle and instant: a resent fix is ignored, not stored twice.
    t.unique(['vehicle_id', 'at'], { indexName: 'vehicle_positions_vehicle_at_unique' });
    t.index(['vehicle_id', 'local_date', 'at'], 'vehicle_positions_track_idx');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('vehicle_positions');
  await knex.schema.dropTable('zone_delivered');
  await knex.schema.dropTable('deliveries');
  await knex.schema.dropTable('stop_progress');
  await knex.schema.dropTable('stop_events');
}
