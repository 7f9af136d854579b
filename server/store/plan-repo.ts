import type { Knex } from 'knex';
import type { PlanChanges, PlanKpis, PlanResult, PlanStatus, PlanSummary } from '../contract';
import type { PlanFilter, PlanPatch, PlanRecord, PlanRepo } from '../services/plans/ports';
import { UNFINISHED_STATUSES } from '../domain/plan-status';
import { DuplicateError } from '../services/errors';
import { atomically, type Codec } from './codec';
import { isUniqueViolation } from './errors';

interface PlanRow {
  id: string;
  version: number | null;
  status: PlanStatus;
  date: string;
  district_id: string | null;
  created_at: string;
  created_by: string;
  published_at: string | null;
  base_plan_id: string | null;
  progress: number;
  error: string | null;
  input_settings: unknown;
  kpis: unknown;
  result?: unknown;
  changes?: unknown;
}

/** Every column but the large documents: what a list needs. */
const SUMMARY_COLUMNS = [
  'id', 'version', 'status', 'date', 'district_id', 'created_at', 'created_by', 'published_at', 'base_plan_id', 'progress', 'error', 'kpis',
];

/** Stops written per INSERT: 10 columns each keeps far below SQLite's bound-variable limit. */
const STOP_BATCH = 80;

export function createPlanRepo(db: Knex, codec: Codec): PlanRepo {
  const summaryFromRow = (r: PlanRow): PlanSummary => ({
    id: r.id,
    version: r.version === null ? null : Number(r.version),
    status: r.status,
    date: r.date,
    districtId: r.district_id,
    createdAt: r.created_at,
    createdBy: r.created_by,
    publishedAt: r.published_at,
    basePlanId: r.base_plan_id,
    progress: Number(r.progress),
    error: r.error,
    kpis: codec.fromJson(r.kpis) as PlanKpis | null,
  });

  async function writeStops(trx: Knex, planId: string, result: PlanResult | null): Promise<void> {
    await trx('plan_stops').where({ plan_id: planId }).delete();
    if (!result) return;
    const rows = result.routes.flatMap((route) => route.trips.flatMap((trip, tripIndex) => trip.stops.map((stop, stopIndex) => ({
      plan_id: planId,
      vehicle_id: route.vehicleId,
      trip_index: tripIndex,
      stop_index: stopIndex,
      zone_id: stop.zoneId,
      handoff_point_id: stop.handoffPointId,
      arrival_s: Math.round(stop.arrivalS),
      departure_s: Math.round(stop.departureS),
      quantities: codec.json(stop.quantitiesKg),
      status: stop.done ? 'delivered' : 'pending',
    }))));
    for (let i = 0; i < rows.length; i += STOP_BATCH) await trx('plan_stops').insert(rows.slice(i, i + STOP_BATCH));
  }

  async function get(id: string): Promise<PlanRecord | null> {
    const row = await db<PlanRow>('plans').where({ id }).first();
    if (!row) return null;
    return {
      ...summaryFromRow(row),
      inputSettings: codec.fromJson(row.input_settings),
      result: codec.fromJson(row.result) as PlanResult | null,
      changes: codec.fromJson(row.changes) as PlanChanges | null,
    };
  }

  return {
    async insert(p: PlanRecord) {
      await atomically(db, async (trx) => {
        await trx('plans').insert({
          id: p.id, version: p.version, status: p.status, date: p.date, district_id: p.districtId, created_at: p.createdAt,
          created_by: p.createdBy, published_at: p.publishedAt, base_plan_id: p.basePlanId, progress: p.progress, error: p.error,
          input_settings: codec.json(p.inputSettings), kpis: codec.json(p.kpis), result: codec.json(p.result), changes: codec.json(p.changes),
        });
        await writeStops(trx, p.id, p.result);
      });
    },

    get,

    async getForUpdate(id) {
      if (db.client.dialect !== 'postgresql') return get(id);
      // The row is locked first, then read through get(): both run on this transaction's connection.
      const locked = await db('plans').where({ id }).forUpdate().first('id');
      return locked ? get(id) : null;
    },

    async lockKey(key) {
      if (db.client.dialect !== 'postgresql') return;
      await db.raw('select pg_advisory_xact_lock(hashtextextended(?, 0))', [key]);
    },

    async countUnfinished(createdBy) {
      const [row] = (await db('plans').where({ created_by: createdBy }).whereIn('status', UNFINISHED_STATUSES).count({ n: '*' })) as Array<{ n: number | string }>;
      return Number(row?.n ?? 0);
    },

    async list(filter: PlanFilter = {}) {
      const q = db<PlanRow>('plans').select(SUMMARY_COLUMNS).orderBy([{ column: 'created_at', order: 'desc' }, { column: 'id', order: 'desc' }]);
      if (filter.districtId === null) q.whereNull('district_id');
      else if (filter.districtId !== undefined) q.where({ district_id: filter.districtId });
      if (filter.status !== undefined) q.where({ status: filter.status });
      if (filter.date !== undefined) q.where({ date: filter.date });
      return ((await q) as unknown as PlanRow[]).map(summaryFromRow);
    },

    async update(id, patch: PlanPatch) {
      const row: Record<string, unknown> = {};
      if (patch.status !== undefined) row.status = patch.status;
      if (patch.progress !== undefined) row.progress = patch.progress;
      if (patch.error !== undefined) row.error = patch.error;
      if (patch.version !== undefined) row.version = patch.version;
      if (patch.publishedAt !== undefined) row.published_at = patch.publishedAt;
      if (patch.kpis !== undefined) row.kpis = codec.json(patch.kpis);
      if (patch.result !== undefined) row.result = codec.json(patch.result);
      if (patch.changes !== undefined) row.changes = codec.json(patch.changes);
      if (Object.keys(row).length === 0) return (await db('plans').where({ id }).first('id')) !== undefined;
      try {
        return await atomically(db, async (trx) => {
          const updated = (await trx('plans').where({ id }).update(row)) > 0;
          if (updated && patch.result !== undefined) await writeStops(trx, id, patch.result);
          return updated;
        });
      } catch (err) {
        if (isUniqueViolation(err)) throw new DuplicateError(`plan "${id}": another plan of its scope already has version ${patch.version ?? '(unchanged)'}`, err);
        throw err;
      }
    },

    async maxVersion(districtId) {
      const q = db('plans').max<{ v: number | null }[]>({ v: 'version' });
      if (districtId === null) q.whereNull('district_id');
      else q.where({ district_id: districtId });
      const [row] = await q;
      return Number(row?.v ?? 0);
    },

    async latestPublishedForVehicle(vehicleId, date) {
      const q = db('plans as p')
        .select('p.id', 'p.version', 'p.date', 'p.published_at')
        .where('p.status', 'published')
        .whereExists(db('plan_stops as s').select(db.raw('1')).whereRaw('s.plan_id = p.id').andWhere('s.vehicle_id', vehicleId))
        .orderBy([{ column: 'p.published_at', order: 'desc' }, { column: 'p.id', order: 'desc' }])
        .first();
      if (date !== undefined) q.where('p.date', date);
      const row = (await q) as { id: string; version: number; date: string; published_at: string } | undefined;
      return row ? { id: row.id, version: Number(row.version), date: row.date, publishedAt: row.published_at } : null;
    },

    async publishedStamp() {
      // A publish either opens a scope (one more published plan) or supersedes the scope's plan with
      // a higher version: either way the pair changes, and it never comes back to an earlier value.
      const [row] = (await db('plans').where('status', 'published').count({ n: '*' }).sum({ v: 'version' })) as Array<{ n: number | string; v: number | string | null }>;
      return `${Number(row?.n ?? 0)}:${Number(row?.v ?? 0)}`;
    },
  };
}
