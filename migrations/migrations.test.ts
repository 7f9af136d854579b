import { readdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateLatest, migrateRollbackAll } from '../server/store/db';
import { postgresAdminUrl, postgresReachable, tempPostgres, tempSqlite, type TempDatabase } from '../server/store/test-support';
import { MIGRATIONS } from './index';

const KNEX_TABLES = ['knex_migrations', 'knex_migrations_lock'];
const OUR_TABLES = [
  'audit_log', 'commodities', 'depot_stock', 'depots', 'districts', 'handoff_points', 'plan_stops', 'plans', 'sessions', 'staff',
  'streets', 'users', 'vehicles', 'zones', 'zone_tiers',
  'resident_requests', 'alerts', 'server_keys', 'staff_passes', 'vehicle_disinfections',
  'deliveries', 'stop_events', 'stop_progress', 'vehicle_positions', 'zone_delivered',
  'playbook_templates', 'zone_checklists',
  'vehicle_availability',
  'supply_channels', 'supply_channel_zones', 'household_stock_days',
  'alert_views',
  'suppliers', 'supplier_deliveries',
];

describe('the static migration list', () => {
  it('names every migration file in the folder, in order, each with up and down', () => {
    const folder = dirname(fileURLToPath(import.meta.url));
    const files = readdirSync(folder).filter((f) => /^\d{14}_[a-z0-9_]+\.ts$/.test(f)).map((f) => f.replace(/\.ts$/, '')).sort();
    expect(MIGRATIONS.map((m) => m.name)).toEqual(files);
    for (const m of MIGRATIONS) {
      expect(typeof m.up, m.name).toBe('function');
      expect(typeof m.down, m.name).toBe('function');
    }
  });
});

async function tables(db: Knex): Promise<string[]> {
  if (db.client.dialect === 'postgresql') {
    const result = await db.raw<{ rows: Array<{ tablename: string }> }>("select tablename from pg_tables where schemaname = 'public'");
    return result.rows.map((r) => r.tablename).sort();
  }
  const rows = await db.raw<Array<{ name: string }>>("select name from sqlite_master where type = 'table' and name not like 'sqlite_%'");
  return rows.map((r) => r.name).sort();
}

async function routines(db: Knex): Promise<string[]> {
  if (db.client.dialect === 'postgresql') {
    const result = await db.raw<{ rows: Array<{ proname: string }> }>(
      "select proname from pg_proc p join pg_namespace n on n.oid = p.pronamespace where n.nspname = 'public'");
    return result.rows.map((r) => r.proname);
  }
  const rows = await db.raw<Array<{ name: string }>>("select name from sqlite_master where type = 'trigger'");
  return rows.map((r) => r.name);
}

function upDownUp(open: () => Promise<TempDatabase>) {
  let temp: TempDatabase;
  beforeAll(async () => {
    temp = await open();
  });
  afterAll(async () => temp?.cleanup());

  it('migrates a fresh database up, all the way down, and up again', async () => {
    const names = MIGRATIONS.map((m) => m.name);
    expect(await migrateLatest(temp.db)).toEqual(names);
    expect(await tables(temp.db)).toEqual([...KNEX_TABLES, ...OUR_TABLES].sort());
    expect(await migrateLatest(temp.db)).toEqual([]);

    expect(await migrateRollbackAll(temp.db)).toEqual([...names].reverse());
    expect(await tables(temp.db)).toEqual(KNEX_TABLES);
    expect(await routines(temp.db)).toEqual([]);

    expect(await migrateLatest(temp.db)).toEqual(names);
    expect(await tables(temp.db)).toEqual([...KNEX_TABLES, ...OUR_TABLES].sort());
  });
}

describe('migrations on SQLite', () => upDownUp(tempSqlite));

const pg = await postgresReachable();
if (!pg) console.warn(`SKIPPED: migrations on PostgreSQL: ${postgresAdminUrl()} is unreachable`);
describe.skipIf(!pg)('migrations on PostgreSQL (throwaway database)', () => upDownUp(tempPostgres));
