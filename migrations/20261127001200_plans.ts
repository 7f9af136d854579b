import type { Knex } from 'knex';
import { jsonColumn, nonNegative, oneOf } from './helpers';

// Plans: one row per optimiser run, its result as a JSON document; plan_stops repeats the result's
// stops as rows so a driver's route can be found by vehicle and later live features can mark stops.

const PLAN_STATUSES = ['queued', 'running', 'draft', 'published', 'superseded', 'failed'];
const STOP_STATUSES = ['pending', 'arrived', 'delivered', 'failed'];

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('plans', (t) => {
    t.text('id').primary().notNullable();
    // Set on publish, counting up per scope (one district, or the whole city when district_id is null).
    t.integer('version').nullable();
    t.text('status').notNullable();
    oneOf(t, 'plans', 'status', PLAN_STATUSES);
    t.text('date').notNullable();
    t.text('district_id').nullable().references('id').inTable('districts').onDelete('RESTRICT');
    t.text('created_at').notNullable();
    // No foreign key, as in audit_log: a plan's history outlives the account that ran it.
    t.text('created_by').notNullable();
    t.text('published_at').nullable();
    t.text('base_plan_id').nullable().references('id').inTable('plans').onDelete('RESTRICT');
    t.double('progress').notNullable().defaultTo(0);
    t.check('?? between 0 and 1', ['progress'], 'plans_progress_range');
    t.text('error').nullable();
    jsonColumn(knex, t, 'plans', 'input_settings').notNullable();
    jsonColumn(knex, t, 'plans', 'kpis').nullable();
    jsonColumn(knex, t, 'plans', 'result').nullable();
    jsonColumn(knex, t, 'plans', 'changes').nullable();
    t.check('?? is null or ?? >= 1', ['version', 'version'], 'plans_version_positive');
    t.check("?? <> 'published' or ?? is not null", ['status', 'version'], 'plans_published_has_version');
    t.index(['district_id', 'status'], 'plans_district_status_idx');
    t.index(['created_at'], 'plans_created_at_idx');
  });
  // One version number per scope; a city-wide plan (null district) is its own scope.
  await knex.raw("create unique index plans_scope_version_unique on plans ((coalesce(district_id, '')), version)");

  await knex.schema.createTable('plan_stops', (t) => {
    t.text('plan_id').notNullable().references('id').inTable('plans').onDelete('CASCADE');
    // No foreign keys to vehicles and zones: a published plan stays readable after either is removed.
    t.text('vehicle_id').notNullable();
    t.integer('trip_index').notNullable();
    t.integer('stop_index').notNullable();
    t.text('zone_id').notNullable();
    t.text('handoff_point_id').nullable();
    t.integer('arrival_s').notNullable();
    t.integer('departure_s').notNullable();
    nonNegative(t, 'plan_stops', 'trip_index', 'stop_index', 'arrival_s', 'departure_s');
    jsonColumn(knex, t, 'plan_stops', 'quantities').notNullable();
    t.text('status').notNullable().defaultTo('pending');
    oneOf(t, 'plan_stops', 'status', STOP_STATUSES);
    t.primary(['plan_id', 'vehicle_id', 'trip_index', 'stop_index']);
    t.index(['vehicle_id'], 'plan_stops_vehicle_id_idx');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('plan_stops');
  await knex.schema.dropTable('plans');
}
