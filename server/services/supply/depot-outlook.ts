import type { Depot, DepotCommodityOutlook, DepotOutlook, DepotOutlookQuery, PlanResult, Supplier, User } from '../../contract';
import { daysBetween } from '../../domain/cover-projection';
import { daysOfStock, inboundOn, rollDepotStock, suppliersToCall, type DayFlow, type KgByCommodity } from '../../domain/depot-roll';
import type { Store } from '../ports';
import { canReadDistrictOrCity, listDistrict } from '../scope';
import { localDate, localHhmm } from '../../domain/local-time';

// Depot stock rolled forward (server/domain/depot-roll.ts) from the stock counted now: a plan for a later day
// plans with that day's stock, and the coordinator sees each depot's days of stock and whom to call.

export interface DepotRollDeps {
  store: Store;
  utcOffset: string;
  now: () => Date;
}

const DAY_MS = 86_400_000;
const shift = (day: string, n: number): string => new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);

/** The local day and time of day ('HH:MM') of an instant. */
export function localNow(now: Date, utcOffset: string): { day: string; time: string } {
  return { day: localDate(now, utcOffset), time: localHhmm(now.getTime(), utcOffset) };
}

type ByDepot = Map<string, KgByCommodity>;

function addLoads(out: ByDepot, result: PlanResult, skip: ReadonlySet<string>): void {
  for (const route of result.routes) {
    route.trips.forEach((trip, t) => trip.stops.forEach((stop, s) => {
      // Stops done or delivered already drew the depot's stock when they were recorded.
      if (stop.done || skip.has(`${route.vehicleId}/${t}/${s}`)) return;
      const kg = out.get(trip.depotId) ?? {};
      for (const [c, q] of Object.entries(stop.quantitiesKg)) kg[c] = (kg[c] ?? 0) + q;
      out.set(trip.depotId, kg);
    }));
  }
}

/**
 * Per day, what the vans of the published plans for that day take from each depot (one plan per scope: the
 * latest published). On `today` the stops already delivered are left out: their goods are off the stock already.
 */
async function shippedByDay(store: Store, days: readonly string[], today: string): Promise<Map<string, ByDepot>> {
  const published = (await store.plans.list({ status: 'published' })).filter((p) => days.includes(p.date));
  const out = new Map<string, ByDepot>();
  const latest = new Map<string, (typeof published)[number]>();
  for (const p of published) {
    const key = `${p.date}/${p.districtId ?? ''}`;
    const seen = latest.get(key);
    if (!seen || (p.publishedAt ?? '') > (seen.publishedAt ?? '')) latest.set(key, p);
  }
  for (const p of latest.values()) {
    const result = (await store.plans.get(p.id))?.result;
    if (!result) continue;
    const skip = p.date === today
      ? new Set((await store.deliveries.stopProgress(p.id)).filter((x) => x.status === 'delivered').map((x) => `${x.vehicleId}/${x.tripIndex}/${x.stopIndex}`))
      : new Set<string>();
    const byDepot = out.get(p.date) ?? new Map();
    addLoads(byDepot, result, skip);
    out.set(p.date, byDepot);
  }
  return out;
}

/** Flows of one depot over `days`: suppliers' inbound (today: only what is still to arrive) and the vans' draw. */
function flowsOf(depotId: string, days: readonly string[], suppliers: readonly Supplier[], shipped: Map<string, ByDepot>,
  today: { day: string; time: string }, typicalShipped?: KgByCommodity): DayFlow[] {
  return days.map((d) => ({
    inboundKg: inboundOn(suppliers, depotId, d, d === today.day ? { arrivingAfter: today.time } : {}),
    shippedKg: shipped.get(d)?.get(depotId) ?? (d > today.day && typicalShipped ? typicalShipped : {}),
  }));
}

/**
 * The depots as a plan for `date` sees them: for a later day than today, the stock counted now rolled forward
 * over the days in between (suppliers' inbound − the published plans' draw), plus what suppliers bring on
 * `date` itself before the depot opens. On or before today: as counted.
 */
export async function depotsOnDate(deps: DepotRollDeps, date: string, depots: Depot[]): Promise<Depot[]> {
  const today = localNow(deps.now(), deps.utcOffset);
  if (date <= today.day) return depots;
  const days = daysBetween(today.day, shift(date, -1));
  const [suppliers, shipped] = await Promise.all([deps.store.suppliers.list(), shippedByDay(deps.store, days, today.day)]);
  return depots.map((d) => {
    const rolled = rollDepotStock(d.stockKg, flowsOf(d.id, days, suppliers, shipped, today)).at(-1)!;
    const early = inboundOn(suppliers, d.id, date, { arrivingBy: d.opensAt });
    const stockKg = Object.fromEntries(Object.entries(rollDepotStock(rolled, [{ inboundKg: early, shippedKg: {} }])[1]!)
      .map(([c, kg]) => [c, Math.round(kg * 1000) / 1000]));
    return { ...d, stockKg };
  });
}

/** The latest published plan's draw per depot: what a day's vans typically take (for days no plan covers yet). */
async function typicalDraw(store: Store): Promise<ByDepot> {
  const latest = (await store.plans.list({ status: 'published' })).sort((a, b) => ((a.publishedAt ?? '') < (b.publishedAt ?? '') ? 1 : -1))[0];
  const out: ByDepot = new Map();
  const result = latest ? (await store.plans.get(latest.id))?.result : null;
  if (result) addLoads(out, result, new Set());
  return out;
}

export function createDepotOutlookService(deps: DepotRollDeps & { horizonDays: number }) {
  const { store } = deps;
  return {
    async get(actor: User, query: DepotOutlookQuery): Promise<DepotOutlook[]> {
      const own = listDistrict(actor, query.districtId);
      const all = (await store.depots.list()).filter((d) => canReadDistrictOrCity(actor, d.districtId)
        && (own === undefined || d.districtId === own || (actor.role !== 'coordinator' && d.districtId === null)));
      const horizon = daysBetween(query.date, shift(query.date, (query.horizonDays ?? deps.horizonDays) - 1));
      const today = localNow(deps.now(), deps.utcOffset);
      const [depots, suppliers, shipped, typical] = await Promise.all([
        depotsOnDate(deps, query.date, all), store.suppliers.list(), shippedByDay(store, horizon, today.day), typicalDraw(store)]);
      return depots.map((d): DepotOutlook => {
        const flows = flowsOf(d.id, horizon, suppliers, shipped, today, typical.get(d.id) ?? {});
        const starts = rollDepotStock(d.stockKg, flows);
        const commodityIds = [...new Set([...Object.keys(d.stockKg), ...flows.flatMap((f) => [...Object.keys(f.inboundKg), ...Object.keys(f.shippedKg)])])].sort();
        const commodities: Record<string, DepotCommodityOutlook> = {};
        for (const c of commodityIds) {
          const shippedPerDay = typical.get(d.id)?.[c] ?? flows[0]?.shippedKg[c] ?? 0;
          const inboundPerDay = inboundOn(suppliers, d.id, query.date)[c] ?? 0;
          const shortIndex = horizon.findIndex((_, i) => (flows[i]!.shippedKg[c] ?? 0) > 0 && (starts[i]![c] ?? 0) < (flows[i]!.shippedKg[c] ?? 0));
          const shortOn = shortIndex >= 0 ? horizon[shortIndex]! : null;
          const days = daysOfStock(starts[0]![c] ?? 0, inboundPerDay, shippedPerDay);
          commodities[c] = {
            stockKg: starts.slice(0, horizon.length).map((s) => Math.round((s[c] ?? 0) * 10) / 10),
            inboundKgPerDay: inboundPerDay, shippedKgPerDay: Math.round(shippedPerDay * 10) / 10,
            daysOfStock: days === null ? null : Math.round(days * 100) / 100,
            shortOn, call: shortOn ? suppliersToCall(suppliers, d.id, c, shortOn) : [],
          };
        }
        return { depotId: d.id, days: horizon, commodities };
      });
    },
  };
}
