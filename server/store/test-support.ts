// Shared by the store's and the migrations' tests: throwaway databases and a small consistent
// set of records. Not imported by production code.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import knexFactory, { type Knex } from 'knex';
import type { Commodity, Depot, District, HandoffPoint, Staff, Street, User, Vehicle, Zone } from '../contract';
import { loadConfig, loadTestSettings } from '../config';
import { openDatabase } from './db';

export interface TempDatabase {
  kind: 'sqlite' | 'postgres';
  url: string;
  db: Knex;
  /** Destroys the pool and removes the file or database. */
  cleanup(): Promise<void>;
}

export async function tempSqlite(): Promise<TempDatabase> {
  const dir = mkdtempSync(join(tmpdir(), 'bg-store-'));
  const url = `sqlite:${join(dir, 'nested', 'test.sqlite')}`;
  const db = openDatabase(url);
  return {
    kind: 'sqlite', url, db,
    async cleanup() {
      await db.destroy();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The server to create throwaway databases on: DATABASE_URL when it is PostgreSQL, else the local default. */
export function postgresAdminUrl(): string {
  const configured = loadConfig().databaseUrl;
  return /^postgres(ql)?:\/\//.test(configured) ? configured : 'postgres://postgres@127.0.0.1:5432/test';
}

let reachable: Promise<boolean> | undefined;

export function postgresReachable(): Promise<boolean> {
  reachable ??= (async () => {
    const admin = knexFactory({ client: 'pg', connection: postgresAdminUrl(), acquireConnectionTimeout: 3000 });
    try {
      await admin.raw('select 1');
      return true;
    } catch {
      return false;
    } finally {
      await admin.destroy();
    }
  })();
  return reachable;
}

export interface NewPostgresOptions {
  /** Copy this database (CREATE DATABASE … TEMPLATE) instead of starting empty. */
  template?: string;
  /**
   * Commit without waiting for the WAL flush (synchronous_commit = off). A crash of the server could lose the
   * last few commits, which a throwaway test database never needs; every test write gets cheaper.
   */
  fastCommit?: boolean;
}

/** A fresh database `bg_test_<random>` on the PostgreSQL server, empty or a copy of `options.template`; drop() removes it (closing its connections). */
export async function createPostgresDatabase(options: NewPostgresOptions = {}): Promise<{ url: string; drop(): Promise<void>; close(): Promise<void> }> {
  const name = `bg_test_${randomBytes(6).toString('hex')}`;
  const adminUrl = postgresAdminUrl();
  const admin = knexFactory({ client: 'pg', connection: adminUrl, pool: { min: 0, max: 1 } });
  try {
    if (options.template) await admin.raw('create database ?? template ??', [name, options.template]);
    else await admin.raw('create database ??', [name]);
    // Per database, not copied from a template: set on each new one.
    if (options.fastCommit) await admin.raw('alter database ?? set synchronous_commit = off', [name]);
  } catch (err) {
    await admin.raw('drop database if exists ?? with (force)', [name]).catch(() => undefined);
    await admin.destroy();
    throw err;
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      try {
        await admin.raw('drop database if exists ?? with (force)', [name]);
      } finally {
        await admin.destroy();
      }
    },
    /** Keeps the database (a template built from it, say) and only closes the admin connection. */
    async close() {
      await admin.destroy();
    },
  };
}

/** A fresh database `bg_test_<random>` on the PostgreSQL server, dropped by cleanup(). */
export async function tempPostgres(): Promise<TempDatabase> {
  const created = await createPostgresDatabase({ fastCommit: true });
  const db = openDatabase(created.url);
  return {
    kind: 'postgres', url: created.url, db,
    async cleanup() {
      await db.destroy();
      await created.drop();
    },
  };
}

type Backend = { kind: 'sqlite' | 'postgres'; open: () => Promise<TempDatabase> };

/**
 * Every backend to run a suite against. Inside a vitest project (TEST_DB_KIND set by
 * vitest.config.ts) only that project's engine, so the two passes do not repeat each other;
 * run outside a project: SQLite always, PostgreSQL when reachable.
 */
export async function backends(): Promise<Backend[]> {
  const only = loadTestSettings().dbKind;
  if (only === 'sqlite') return [{ kind: 'sqlite', open: tempSqlite }];
  if (only === 'postgres') return [{ kind: 'postgres', open: tempPostgres }];
  const list: Backend[] = [{ kind: 'sqlite', open: tempSqlite }];
  if (await postgresReachable()) list.push({ kind: 'postgres', open: tempPostgres });
  else console.warn(`PostgreSQL at ${postgresAdminUrl()} is unreachable: running the SQLite half of the store tests only`);
  return list;
}

// ---- Fixtures: one of everything, consistent with each other --------------------------------

export const district: District = { id: 'd1', name: '荔湾区', nameEn: 'Liwan', city: 'Guangzhou', bbox: [113.17, 23.04, 113.27, 23.16] };
export const street: Street = { id: 's1', districtId: 'd1', name: '白鹤洞街', nameEn: 'Baihedong', statsCode: '440103016' };
export const commodities: Commodity[] = [
  { id: 'eggs', name: '蛋', nameEn: 'Eggs', unit: 'kg', dailyRationKgPerPerson: 0.05, coldChain: false },
  { id: 'meat', name: '肉', nameEn: 'Meat', unit: 'kg', dailyRationKgPerPerson: 0.075, coldChain: true },
];
export const zone: Zone = {
  id: 'z1', districtId: 'd1', streetId: 's1', name: '芳村大道中', nameEn: 'Fangcun Avenue Middle', tier: 'sealed',
  status: 'active', population: 12345, populationEstimated: true, households: 4321,
  specialNeeds: { elderlyAlone: 12, infants: 0, chronicPatients: 37 },
  polygon: { type: 'Polygon', coordinates: [[[113.23, 23.08], [113.24, 23.08], [113.24, 23.09], [113.23, 23.08]]] },
  sealedAt: '2021-05-29T16:00:00.000Z', liftedAt: null, updatedAt: '2021-06-01T02:03:04.005Z',
};
export const handoffPoint: HandoffPoint = { id: 'h1', zoneId: 'z1', name: '东门', location: [113.2351, 23.0812] };
export const depot: Depot = {
  id: 'dep1', districtId: 'd1', name: '江南果菜批发市场', nameEn: 'Jiangnan market', location: [113.262, 23.167],
  opensAt: '05:00', closesAt: '22:00', stockKg: { eggs: 1200.5, meat: 0 },
};
export const staff: Staff = {
  id: 'st1', name: '陈志强', role: 'driver', passNumber: 'LW-0001', healthCheckValidUntil: '2021-06-05T15:59:59.000Z',
  vehicleId: 'v1', districtId: 'd1',
};
export const vehicle: Vehicle = {
  id: 'v1', name: 'LW-01', kind: 'van', homeDepotId: 'dep1', districtId: 'd1', capacityKg: 1500, coldChainKg: 500.25,
  shiftStart: '06:00', shiftEnd: '18:00', driverId: 'st1',
};
export const user: User = { id: 'u1', username: 'driver1', displayName: '司机一', role: 'driver', districtId: 'd1', vehicleId: 'v1' };
