import type { ExcludedVehicle, PlanKpis, PlannedRoute, PlannedStop, PlannedTrip, PlanResult, PlanSituation, ZoneOutcome } from '../../contract';
import type { PlanInput } from '../../planner/plan-input';
import { secondsIntoDay } from '../../domain/local-time';
import { kpisOf } from '../../planner/plan/kpis';

// Pure helpers for a replan: what the base plan already did (done stops, loaded vans), what that
// leaves for the planner, and how the kept part and the new plan merge into one result.
//
// Depot stock in the store is already down by every delivery a driver recorded (services/deliveries/
// draws it in the delivery's transaction). A replan takes off only the goods that left a depot
// without such a draw: stops done by the situation's word alone, and a loaded van's stops not yet
// delivered. Taking off recorded deliveries again counted them twice (the 2021 Liwan
// replay: replans reported no_stock and two streets got nothing on two days).

type Kg = Record<string, number>;

const stopKey = (vehicleId: string, tripIndex: number, stopIndex: number) => `${vehicleId}#${tripIndex}#${stopIndex}`;

const addKg = (into: Map<string, Kg>, id: string, kg: Kg) => {
  const acc = into.get(id) ?? {};
  for (const [c, q] of Object.entries(kg)) acc[c] = (acc[c] ?? 0) + q;
  into.set(id, acc);
};

/** A delivery a driver recorded on the base plan: it already drew deliveredKg from the trip's depot. */
export interface RecordedDelivery {
  vehicleId: string;
  tripIndex: number;
  stopIndex: number;
  deliveredKg: Kg;
}

export interface ReplanBasis {
  /** Stops of the base plan already handed off: earlier replans' done stops and the situation's. */
  done: ReadonlySet<string>;
  /**
   * Stops whose delivery a driver recorded (on the base plan, or on an earlier plan as the base's
   * done stops carry): stop key → kg handed over. Their goods are off the depot's stock already.
   */
  delivered: ReadonlyMap<string, Kg>;
  /** vehicleId → index in the base route of the trip the van is loaded for. */
  kept: ReadonlyMap<string, number>;
  broken: ReadonlySet<string>;
  /** Goods already in each zone (recorded deliveries as handed over), or on a van bound for it: zoneId → commodity → kg. */
  onHandKg: Map<string, Kg>;
  /**
   * Goods that left each depot but no recorded delivery has drawn from its stock yet (done stops
   * without a recorded delivery, a loaded van's stops not yet delivered): depotId → commodity → kg.
   */
  takenKg: Map<string, Kg>;
  /** vehicleId → second of the day the van is free again (end of its last done or kept trip). */
  busyUntilS: Map<string, number>;
  /** When the replan is made (situation.nowS): nothing new is scheduled before it. */
  nowS?: number;
}

/**
 * The server clock as seconds since local midnight of the plan day, or undefined when the clock is
 * not on that day (a replay of a past day, a plan for tomorrow): then no "now" bounds the replan.
 */
export function clockNowS(nowMs: number, date: string, utcOffset: string): number | undefined {
  const s = secondsIntoDay(nowMs, date, utcOffset);
  return s >= 0 && s < 86_400 ? Math.floor(s) : undefined;
}

/** What the base plan already did, given the situation and the deliveries drivers recorded on it. */
export function replanBasis(base: PlanResult, situation: PlanSituation, recorded: readonly RecordedDelivery[] = []): ReplanBasis {
  const done = new Set<string>();
  const delivered = new Map<string, Kg>();
  for (const r of base.routes) {
    r.trips.forEach((t, ti) => t.stops.forEach((s, si) => {
      if (!s.done) return;
      done.add(stopKey(r.vehicleId, ti, si));
      if (s.deliveredKg) delivered.set(stopKey(r.vehicleId, ti, si), s.deliveredKg);
    }));
  }
  for (const s of situation.completedStops) done.add(stopKey(s.vehicleId, s.tripIndex, s.stopIndex));
  // A recorded delivery is done whether or not the coordinator's situation lists it (it may have
  // been recorded after the situation was written): the database read at run time is the later word.
  for (const d of recorded) {
    delivered.set(stopKey(d.vehicleId, d.tripIndex, d.stopIndex), d.deliveredKg);
    done.add(stopKey(d.vehicleId, d.tripIndex, d.stopIndex));
  }
  const hasStopToDo = (r: PlannedRoute, ti: number) => r.trips[ti]?.stops.some((_, si) => !done.has(stopKey(r.vehicleId, ti, si))) ?? false;

  const kept = new Map<string, number>();
  for (const vehicleId of situation.loadedVehicles) {
    const route = base.routes.find((r) => r.vehicleId === vehicleId);
    // The current trip: the first with a stop still to do.
    const current = route?.trips.findIndex((_, ti) => hasStopToDo(route, ti)) ?? -1;
    if (current >= 0) kept.set(vehicleId, current);
  }
  // A van whose driver recorded a delivery the situation does not know of, on a trip with stops still
  // to do, carries the rest of that trip's goods, unless it is broken down. (A delivery the situation
  // lists was known to the coordinator, whose word on the van's load stands.)
  const listed = new Set(situation.completedStops.map((s) => stopKey(s.vehicleId, s.tripIndex, s.stopIndex)));
  const lastRecordedTrip = new Map<string, number>();
  for (const d of recorded) {
    if (listed.has(stopKey(d.vehicleId, d.tripIndex, d.stopIndex))) continue;
    lastRecordedTrip.set(d.vehicleId, Math.max(lastRecordedTrip.get(d.vehicleId) ?? -1, d.tripIndex));
  }
  for (const [vehicleId, ti] of lastRecordedTrip) {
    const route = base.routes.find((r) => r.vehicleId === vehicleId);
    if (kept.has(vehicleId) || situation.brokenVehicles.includes(vehicleId) || !route || !hasStopToDo(route, ti)) continue;
    kept.set(vehicleId, ti);
  }

  const onHandKg = new Map<string, Kg>();
  const takenKg = new Map<string, Kg>();
  const busyUntilS = new Map<string, number>();
  for (const r of base.routes) {
    r.trips.forEach((t, ti) => {
      const whole = kept.get(r.vehicleId) === ti;
      let used = false;
      t.stops.forEach((s, si) => {
        const key = stopKey(r.vehicleId, ti, si);
        if (!whole && !done.has(key)) return;
        used = true;
        // A recorded delivery: the zone holds what the driver handed over, and the depot's stock
        // is already down by it. Otherwise the planned goods are on the way, not yet drawn.
        const handed = delivered.get(key);
        addKg(onHandKg, s.zoneId, handed ?? s.quantitiesKg);
        if (!handed) addKg(takenKg, t.depotId, s.quantitiesKg);
      });
      if (used) busyUntilS.set(r.vehicleId, Math.max(busyUntilS.get(r.vehicleId) ?? 0, t.returnS));
    });
  }
  return { done, delivered, kept, broken: new Set(situation.brokenVehicles), onHandKg, takenKg, busyUntilS, ...(situation.nowS === undefined ? {} : { nowS: situation.nowS }) };
}

/** The planner's input for what is left: depots without the goods that left undrawn, broken vans out, busy vans later. */
export function remainingInput(input: PlanInput, basis: ReplanBasis): PlanInput {
  return {
    ...input,
    ...(basis.nowS === undefined ? {} : { nowS: basis.nowS }),
    depots: input.depots.map((d) => {
      const taken = basis.takenKg.get(d.id);
      if (!taken) return d;
      return { ...d, stockKg: Object.fromEntries(Object.entries(d.stockKg).map(([c, kg]) => [c, Math.max(0, kg - (taken[c] ?? 0))])) };
    }),
    vehicles: input.vehicles.filter((v) => !basis.broken.has(v.id)).map((v) => {
      const busy = basis.busyUntilS.get(v.id);
      return busy === undefined ? v : { ...v, shiftStartS: Math.min(v.shiftEndS, Math.max(v.shiftStartS, busy)) };
    }),
  };
}

/**
 * The base route's trips that stand: the loaded trip whole, and the done stops of the others. A done
 * stop with a recorded delivery keeps what was handed over, so the next replan knows it is drawn.
 */
function standingTrips(route: PlannedRoute, basis: ReplanBasis, coldChain: ReadonlySet<string>): PlannedTrip[] {
  const trips: PlannedTrip[] = [];
  route.trips.forEach((t, ti) => {
    const isDone = (si: number) => basis.done.has(stopKey(route.vehicleId, ti, si));
    const doneStop = (s: PlannedStop, si: number): PlannedStop => {
      const handed = basis.delivered.get(stopKey(route.vehicleId, ti, si));
      return { ...s, done: true, ...(handed ? { deliveredKg: handed } : {}) };
    };
    if (basis.kept.get(route.vehicleId) === ti) {
      trips.push({ ...t, kept: true, stops: t.stops.map((s, si) => (isDone(si) ? doneStop(s, si) : s)) });
      return;
    }
    const stops = t.stops.flatMap((s, si) => (isDone(si) ? [doneStop(s, si)] : []));
    if (stops.length === 0) return;
    let loadKg = 0;
    let coldChainLoadKg = 0;
    for (const s of stops) for (const [c, kg] of Object.entries(s.quantitiesKg)) {
      loadKg += kg;
      if (coldChain.has(c)) coldChainLoadKg += kg;
    }
    trips.push({ ...t, stops, loadKg, coldChainLoadKg });
  });
  return trips;
}

export interface MergeFacts {
  coldChainCommodities: ReadonlySet<string>;
  capacityKg: ReadonlyMap<string, number>;
  vehicleNames: ReadonlyMap<string, string>;
}

/** The base plan's standing part and the new plan of what was left, as one result. */
export function mergeReplan(base: PlanResult, rest: PlanResult, basis: ReplanBasis, facts: MergeFacts): PlanResult {
  const routes = new Map<string, PlannedRoute>();
  for (const r of base.routes) {
    const trips = standingTrips(r, basis, facts.coldChainCommodities);
    if (trips.length) routes.set(r.vehicleId, { ...r, trips });
  }
  for (const r of rest.routes) {
    const before = routes.get(r.vehicleId);
    routes.set(r.vehicleId, before ? { ...r, trips: [...before.trips, ...r.trips].sort((x, y) => x.departS - y.departS) } : r);
  }
  const merged = [...routes.values()]
    .map((r) => ({ ...r, distanceM: r.trips.reduce((s, t) => s + t.distanceM, 0) }))
    .sort((a, b) => a.vehicleId.localeCompare(b.vehicleId));

  // The planner saw demand less what the zone already holds; report against the whole need.
  const zones: ZoneOutcome[] = rest.zones.map((z) => {
    const prior = basis.onHandKg.get(z.zoneId) ?? {};
    const out: ZoneOutcome = { ...z, demandKg: {}, deliveredKg: {}, fillRate: {} };
    for (const c of Object.keys(z.demandKg)) {
      const demand = z.demandKg[c]! + (prior[c] ?? 0);
      const delivered = z.deliveredKg[c]! + (prior[c] ?? 0);
      out.demandKg[c] = demand;
      out.deliveredKg[c] = delivered;
      out.fillRate[c] = demand > 0 ? Math.min(1, delivered / demand) : 1;
    }
    return out;
  });

  const broken: ExcludedVehicle[] = [...basis.broken].sort().map((vehicleId) => {
    const name = facts.vehicleNames.get(vehicleId) ?? vehicleId;
    return { vehicleId, reason: 'broken_down', zh: `${name}故障停驶`, en: `${name} is broken down` };
  });
  const excludedVehicles = [...rest.excludedVehicles.filter((e) => !basis.broken.has(e.vehicleId)), ...broken];
  return { routes: merged, zones, excludedVehicles, supplyLimits: rest.supplyLimits, fleetLimits: rest.fleetLimits, kpis: kpisOf(merged, zones, facts.capacityKg, rest.kpis.allocationFillRate, rest.kpis.runtimeMs) };
}

