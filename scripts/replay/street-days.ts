// Turns a day's plan and what the drivers did into street-days (cover, reasons) and the day's
// sufficiency verdict. Pure: no I/O.
import type { Commodity, Plan, Vehicle, Zone } from '../../server/contract';
import { zoneDailyDemandKg } from '../../server/domain/demand';
import type { StopOutcome } from '../live-driver';
import type { StreetDay, Sufficiency } from './records';
import type { StreetCover } from './cover-days';

/**
 * A van's round trip (load at the depot, drive out, hand off at a few gates, drive back) takes about
 * this long in Fangcun, so a shift allows floor(shift ÷ this) trips. The one assumption in "sufficient".
 */
export const TRIP_CYCLE_S = 4 * 3600;

/**
 * A street-day is short when its cover is below this: one day less a tenth of a percent, because
 * handoffs are recorded to the gram (rounded down) and a plan that meets the need exactly lands a
 * hair under 1.
 */
export const SHORT_BELOW = 0.999;
export const isShort = (cover: number | null) => cover !== null && cover < SHORT_BELOW;

const add = (into: Record<string, number>, from: Record<string, number>) => {
  for (const [k, v] of Object.entries(from)) into[k] = (into[k] ?? 0) + v;
};
const hhmmS = (t: string) => Number(t.slice(0, 2)) * 3600 + Number(t.slice(3, 5)) * 60;

/**
 * Sufficient supply, precisely: for every commodity, what the depots can send ≥ the active zones' daily
 * need (rations + uplifts). A depot can send its stock only as far as its own usable vans (home depot;
 * not excluded by the plan, i.e. driver cleared) haul it in a shift: capacityKg × trips, trips =
 * floor(shift ÷ TRIP_CYCLE_S); cold-chain commodities only in cold-chain kg. Each depot's stock is
 * scaled down to that haul keeping its commodity mix (as the planner's allocation sees it). So meat
 * at a depot whose vans have no cold chain does not count. `stock` says whether raw stock alone would
 * do, `fleet` whether the vans' haul is what falls short.
 *
 * `sufficient` is judged street by street (issue 17): a street's gap of a commodity is what its homes' stock at
 * the start of the day and the other channels (no van) leave short of the day's need plus a day of cover at its
 * end, max(0, 2 × need − stock − other channels); the day is sufficient when, for every commodity, the vans'
 * haul covers the sum of the streets' gaps. Goods in one street's homes, or a channel that serves one street,
 * cannot make up for another street that starts the day empty.
 */
export interface StreetSupply {
  /** The homes' stock at the start of the day. */
  homeStockKg: Record<string, number>;
  /** What the other channels brought when no van came (cover-days.ts). */
  otherChannelsKg: Record<string, number>;
}

export function sufficiencyOf(
  zones: Zone[], commodities: Commodity[], depots: { id: string; stockKg: Record<string, number> }[], vehicles: Vehicle[], excluded: Set<string>,
  streets: ReadonlyMap<string, StreetSupply> = new Map(),
): Sufficiency {
  const needKg: Record<string, number> = {};
  const homeStockKg: Record<string, number> = {};
  const otherChannelsKg: Record<string, number> = {};
  const streetGapKg: Record<string, number> = {};
  for (const z of zones.filter((x) => x.status === 'active')) {
    const need = zoneDailyDemandKg(z, commodities);
    const own = streets.get(z.id);
    add(needKg, need);
    add(homeStockKg, own?.homeStockKg ?? {});
    add(otherChannelsKg, own?.otherChannelsKg ?? {});
    for (const [c, kg] of Object.entries(need)) {
      streetGapKg[c] = (streetGapKg[c] ?? 0) + Math.max(0, 2 * kg - (own?.homeStockKg[c] ?? 0) - (own?.otherChannelsKg[c] ?? 0));
    }
  }
  const cold = new Set(commodities.filter((c) => c.coldChain).map((c) => c.id));
  const stockKg: Record<string, number> = {};
  const haulableKg: Record<string, number> = {};
  let fleetKg = 0;
  let coldFleetKg = 0;
  for (const depot of depots) {
    let kg = 0;
    let coldKg = 0;
    for (const v of vehicles.filter((x) => x.homeDepotId === depot.id && !excluded.has(x.id))) {
      const trips = Math.floor((hhmmS(v.shiftEnd) - hhmmS(v.shiftStart)) / TRIP_CYCLE_S);
      kg += v.capacityKg * trips;
      coldKg += v.coldChainKg * trips;
    }
    fleetKg += kg;
    coldFleetKg += coldKg;
    const entries = Object.entries(depot.stockKg);
    const coldStock = entries.filter(([c]) => cold.has(c)).reduce((a, [, q]) => a + q, 0);
    const ambientStock = entries.filter(([c]) => !cold.has(c)).reduce((a, [, q]) => a + q, 0);
    const coldScale = coldStock > coldKg ? coldKg / coldStock : 1;
    const ambientRoom = Math.max(0, kg - Math.min(coldKg, coldStock));
    const ambientScale = ambientStock > ambientRoom ? ambientRoom / ambientStock : 1;
    for (const [c, q] of entries) {
      stockKg[c] = (stockKg[c] ?? 0) + q;
      haulableKg[c] = (haulableKg[c] ?? 0) + q * (cold.has(c) ? coldScale : ambientScale);
    }
  }
  const stock = Object.entries(needKg).every(([c, kg]) => (stockKg[c] ?? 0) >= kg);
  const vansSufficient = Object.entries(needKg).every(([c, kg]) => (haulableKg[c] ?? 0) >= kg);
  // Over every channel, street by street: the vans can fill every street's gap to the need and a day left at its end.
  const sufficient = Object.keys(needKg).every((c) => (haulableKg[c] ?? 0) >= (streetGapKg[c] ?? 0) - 1e-6);
  const fleet = Object.entries(needKg).every(([c, kg]) => (haulableKg[c] ?? 0) >= Math.min(kg, stockKg[c] ?? 0) - 1e-6);
  return { stock, fleet, sufficient, vansSufficient, needKg, stockKg, haulableKg, fleetKg, coldFleetKg, homeStockKg, otherChannelsKg, streetGapKg };
}

export interface DayFacts {
  date: string;
  zones: Zone[];
  commodities: Commodity[];
  /** Plans published today, first to last; shortfalls come from the last that covers the zone. */
  plans: Plan[];
  outcomes: StopOutcome[];
  brokenVehicle: string | null;
  unattended: Set<string>;
  /** Cover over every channel per street under control (cover-days.ts). */
  cover: Map<string, StreetCover>;
}

export function streetDays(f: DayFacts): StreetDay[] {
  return f.zones.map((zone) => {
    const active = zone.status === 'active';
    const needKg = active ? zoneDailyDemandKg(zone, f.commodities) : {};
    const deliveredKg: Record<string, number> = {};
    for (const o of f.outcomes.filter((x) => x.ok && x.zoneId === zone.id)) add(deliveredKg, o.deliveredKg);
    const last = [...f.plans].reverse().find((p) => p.result?.zones.some((z) => z.zoneId === zone.id));
    const outcome = last?.result?.zones.find((z) => z.zoneId === zone.id);
    let vanCover: number | null = null;
    let minCover: number | null = null;
    let worst: string | null = null;
    const cover = active ? f.cover.get(zone.id) : undefined;
    if (active) {
      for (const [c, need] of Object.entries(needKg)) {
        if (need <= 0) continue;
        const van = (deliveredKg[c] ?? 0) / need;
        if (vanCover === null || van < vanCover) vanCover = van;
        const all = cover?.coverDays[c] ?? van;
        if (minCover === null || all < minCover) { minCover = all; worst = c; }
      }
    }
    const reasons: string[] = [];
    if (active && isShort(minCover)) {
      if (!outcome) reasons.push('not_in_plan');
      for (const s of outcome?.shortfalls ?? []) reasons.push(s.commodityId ? `${s.code}:${s.commodityId}` : s.code);
      if (f.outcomes.some((o) => o.zoneId === zone.id && o.kind === 'failed')) reasons.push('handoff_failed');
      if (f.brokenVehicle && f.plans.some((p) => p.result?.routes.some((r) => r.vehicleId === f.brokenVehicle && r.trips.some((t) => t.stops.some((s) => s.zoneId === zone.id))))) reasons.push('van_broken_down');
      if (f.unattended.has(zone.id)) reasons.push('van_without_driver_login');
      if (f.outcomes.some((o) => o.zoneId === zone.id && !o.ok)) reasons.push('event_refused');
    }
    return {
      date: f.date, zoneId: zone.id, name: zone.name, tier: active ? zone.tier : null, population: zone.population,
      needKg, plannedKg: outcome?.deliveredKg ?? {}, deliveredKg, minCover, vanCover, worstCommodity: worst,
      coverDays: cover?.coverDays ?? {}, stockKg: cover?.stockKg ?? {},
      suppliedKgByChannel: (cover?.suppliedKgByChannel ?? {}) as Record<string, Record<string, number>>, outWithoutVans: cover?.outWithoutVans ?? [],
      residentsWithoutDelivery: active && Object.values(deliveredKg).every((kg) => kg <= 0) ? zone.population : 0,
      alertsRaised: 0, alertsClosed: 0,
      reasons: [...new Set(reasons)],
    };
  });
}
