import type { CoverProjection, Plan, Zone } from '../../../server/contract';
import { request } from '../api';
import { dayOf } from '../local-time';

/**
 * The number the map colours a zone by: the lowest days of cover the projection (GET /api/cover: household
 * stock, every supply channel, the vans of the plan in force) reaches over its horizon, over all commodities:
 * a zone whose residents run out of anything before the horizon ends is red.
 */
export function worstProjectedCover(projection: CoverProjection): Map<string, number> {
  const out = new Map<string, number>();
  for (const z of projection.zones) {
    const days = Object.values(z.commodities).flatMap((c) => c.coverDays).filter((d): d is number => d !== null);
    if (days.length > 0) out.set(z.zoneId, Math.min(...days));
  }
  return out;
}

/**
 * The day the projection starts: the shown plan's day; without a plan, the latest day a zone was written
 * (a demo scenario's day, or the day the zones were last changed).
 */
export function projectionDate(plan: Pick<Plan, 'date'> | null, zones: readonly Pick<Zone, 'updatedAt'>[], utcOffset?: string): string | null {
  if (plan) return plan.date;
  const latest = Math.max(...zones.map((z) => Date.parse(z.updatedAt)).filter(Number.isFinite));
  return latest === -Infinity ? null : dayOf(latest, utcOffset);
}

export async function loadProjectedCover(date: string | null, districtId?: string): Promise<Map<string, number> | undefined> {
  if (!date) return undefined;
  const query = districtId ? { date, districtId } : { date };
  return worstProjectedCover(await request('GET /api/cover', { query }));
}

/** Per zone, the lowest projected days of cover over the horizon of each commodity it needs. */
export function worstByCommodity(projection: CoverProjection): Map<string, Record<string, number>> {
  const out = new Map<string, Record<string, number>>();
  for (const z of projection.zones) {
    const per: Record<string, number> = {};
    for (const [c, p] of Object.entries(z.commodities)) {
      const days = p.coverDays.filter((d): d is number => d !== null);
      if (days.length > 0) per[c] = Math.min(...days);
    }
    out.set(z.zoneId, per);
  }
  return out;
}

export interface LoadedProjection {
  date: string;
  worst: Map<string, number>;
  byCommodity: Map<string, Record<string, number>>;
}

/** The projection from a day: each zone's worst cover (what the map colours by) and its worst per commodity. */
export async function loadProjection(date: string | null, districtId?: string): Promise<LoadedProjection | undefined> {
  if (!date) return undefined;
  const projection = await request('GET /api/cover', { query: districtId ? { date, districtId } : { date } });
  return { date, worst: worstProjectedCover(projection), byCommodity: worstByCommodity(projection) };
}
