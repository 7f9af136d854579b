import type { Knex } from 'knex';
import type { StopEventResult } from '../contract';
import type { Codec } from './codec';
import { canonicalIso } from './codec';
import type { DeliveryRepo, StopProgress } from '../services/deliveries/ports';
import { DuplicateError } from '../services/errors';
import { isUniqueViolation } from './errors';

interface ProgressRow {
  plan_id: string; vehicle_id: string; trip_index: number; stop_index: number; zone_id: string;
  status: StopProgress['status']; arrived_at: string | null; finished_at: string | null;
  delivered_kg: unknown; last_event_id: number;
}

// SQLite allows 32766 bound variables per statement: a long list of zones is read 500 at a time.
const IN_CHUNK = 500;

/** Stop events, stop progress and deliveries (the DeliveryRepo port), and the locks that order their recording. */
export function createDeliveryRepo(db: Knex, codec: Codec): DeliveryRepo {
  return {
    async findStopEvent(vehicleId, key) {
      const row = await db('stop_events').select('id', 'request_hash', 'result').where({ vehicle_id: vehicleId, idempotency_key: key }).first();
      if (!row) return null;
      return { requestHash: row.request_hash, result: { ...(codec.fromJson(row.result) as StopEventResult), eventId: Number(row.id) } };
    },
    async insertStopEvent(e) {
      try {
        const [row] = await db('stop_events').insert({
          vehicle_id: e.vehicleId, idempotency_key: e.key, request_hash: e.requestHash, kind: e.kind, plan_id: e.planId,
          trip_index: e.tripIndex, stop_index: e.stopIndex, zone_id: e.zoneId, user_id: e.userId,
          at: canonicalIso(e.at), recorded_at: canonicalIso(e.recordedAt), detail: codec.json(e.detail), result: codec.json(e.result),
        }).returning('id');
        return Number(typeof row === 'object' ? (row as { id: number }).id : row);
      } catch (err) {
        if (isUniqueViolation(err)) throw new DuplicateError(`van "${e.vehicleId}" already stored an event with key "${e.key}"`, err);
        throw err;
      }
    },
    async stopProgress(planId, vehicleId) {
      const rows = await db<ProgressRow>('stop_progress').where({ plan_id: planId, ...(vehicleId === undefined ? {} : { vehicle_id: vehicleId }) })
        .orderBy([{ column: 'vehicle_id' }, { column: 'trip_index' }, { column: 'stop_index' }]);
      return rows.map((r) => ({
        planId: r.plan_id, vehicleId: r.vehicle_id, tripIndex: r.trip_index, stopIndex: r.stop_index, zoneId: r.zone_id,
        status: r.status, arrivedAt: r.arrived_at, finishedAt: r.finished_at,
        deliveredKg: codec.fromJson(r.delivered_kg) as Record<string, number>, lastEventId: Number(r.last_event_id),
      }));
    },
    async upsertStopProgress(p) {
      await db('stop_progress').insert({
        plan_id: p.planId, vehicle_id: p.vehicleId, trip_index: p.tripIndex, stop_index: p.stopIndex, zone_id: p.zoneId,
        status: p.status, arrived_at: p.arrivedAt, finished_at: p.finishedAt, delivered_kg: codec.json(p.deliveredKg),
        last_event_id: p.lastEventId,
      }).onConflict(['plan_id', 'vehicle_id', 'trip_index', 'stop_index']).merge();
    },
    async addDeliveries(eventId, zoneId, localDate, kg) {
      const rows = Object.entries(kg).filter(([, v]) => v > 0)
        .map(([commodityId, v]) => ({ stop_event_id: eventId, zone_id: zoneId, local_date: localDate, commodity_id: commodityId, kg: v }));
      if (rows.length === 0) return;
      await db('deliveries').insert(rows);
      for (const r of rows) {
        await db('zone_delivered').insert({ zone_id: zoneId, local_date: localDate, commodity_id: r.commodity_id, kg: r.kg })
          .onConflict(['zone_id', 'local_date', 'commodity_id']).merge({ kg: db.raw('zone_delivered.kg + excluded.kg') });
      }
    },
    async lockStops(planId, vehicleId) {
      // SQLite: every write transaction is BEGIN IMMEDIATE, already one at a time. PostgreSQL runs
      // them concurrently (READ COMMITTED): two confirmations of one stop with different keys both
      // read "pending" and both wrote (found by server/live/live-race.test.ts). The stop's progress
      // row may not exist yet, so there is no row to lock: a transaction-scoped advisory lock on the
      // (plan, van) pair serialises them instead.
      if (db.client.dialect !== 'postgresql') return;
      await db.raw('select pg_advisory_xact_lock(hashtextextended(?, 0))', [`stops:${planId}:${vehicleId}`]);
    },
    async stillPublished(planId) {
      // SQLite: transactions already run one at a time. PostgreSQL: without this, a confirmation on
      // the old plan committed after the replan was published (found by live-race.test.ts).
      if (db.client.dialect === 'postgresql') {
        await db.raw('select pg_advisory_xact_lock_shared(hashtextextended(?, 0))', [`plan:${planId}`]);
      }
      const row = await db('plans').first('status').where({ id: planId });
      return row?.status === 'published';
    },
    async lockPlanForPublish(planId) {
      if (db.client.dialect !== 'postgresql') return;
      await db.raw('select pg_advisory_xact_lock(hashtextextended(?, 0))', [`plan:${planId}`]);
    },
    async zoneDelivered(localDate) {
      const rows = await db('zone_delivered').select('zone_id', 'commodity_id', 'kg').where({ local_date: localDate });
      const out = new Map<string, Record<string, number>>();
      for (const r of rows) {
        const zone = out.get(r.zone_id) ?? {};
        zone[r.commodity_id] = Number(r.kg);
        out.set(r.zone_id, zone);
      }
      return out;
    },
    async zoneDeliveredFor(zoneId, localDate) {
      const rows = await db('zone_delivered').select('commodity_id', 'kg').where({ zone_id: zoneId, local_date: localDate });
      return Object.fromEntries(rows.map((r) => [r.commodity_id as string, Number(r.kg)]));
    },
    async stopEventsSince(kind, sinceIso) {
      const rows = await db('stop_events').select('id', 'zone_id', 'at').where({ kind })
        .where('recorded_at', '>=', canonicalIso(sinceIso)).orderBy('id');
      return rows.map((r) => ({ eventId: Number(r.id), zoneId: r.zone_id as string, at: r.at as string }));
    },
    async lastDeliveredAt(zoneIds) {
      const out = new Map<string, string>();
      for (let i = 0; i < zoneIds.length; i += IN_CHUNK) {
        const rows = await db('stop_events').select('zone_id').max({ last: 'at' }).where({ kind: 'delivered' })
          .whereIn('zone_id', zoneIds.slice(i, i + IN_CHUNK)).groupBy('zone_id');
        for (const r of rows as { zone_id: string; last: string }[]) out.set(r.zone_id, r.last);
      }
      return out;
    },
  };
}
