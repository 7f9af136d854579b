import type { Knex } from 'knex';
import type { TrackPoint } from '../contract';
import type { PositionRow, TrackRepo } from '../services/deliveries/ports';
import { canonicalIso } from './codec';

interface PositionDbRow {
  vehicle_id: string; local_date: string; at: string; lng: number; lat: number; speed_kmh: number;
}

// SQLite allows 32766 bound variables per statement; 7 columns × 500 rows stays far below.
const INSERT_CHUNK = 500;

const point = (r: PositionDbRow): TrackPoint => ({ lng: r.lng, lat: r.lat, speedKmh: r.speed_kmh, at: r.at });

/** The vans' GPS fixes (the TrackRepo port). */
export function createTrackRepo(db: Knex): TrackRepo {
  return {
    async insertPositions(rows) {
      let fresh = 0;
      for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
        const chunk = rows.slice(i, i + INSERT_CHUNK).map((p: PositionRow) => ({
          vehicle_id: p.vehicleId, local_date: p.localDate, at: canonicalIso(p.at), lng: p.lng, lat: p.lat, speed_kmh: p.speedKmh,
        }));
        const inserted = await db('vehicle_positions').insert(chunk).onConflict(['vehicle_id', 'at']).ignore().returning('id');
        fresh += inserted.length;
      }
      return fresh;
    },
    async track(vehicleId, localDate) {
      const rows = await db<PositionDbRow>('vehicle_positions').where({ vehicle_id: vehicleId, local_date: localDate }).orderBy('at');
      return rows.map(point);
    },
    async lastPositions(vehicleId) {
      const q = db<PositionDbRow>('vehicle_positions as p')
        .whereRaw('p.at = (select max(q.at) from vehicle_positions q where q.vehicle_id = p.vehicle_id)');
      if (vehicleId !== undefined) q.where('p.vehicle_id', vehicleId);
      const rows = await q;
      return rows.map((r) => ({ ...point(r), vehicleId: r.vehicle_id, localDate: r.local_date }));
    },
  };
}
