import type { LiveStop, LiveVehicle, LiveZoneCover, Zone, Commodity } from '../../contract';
import { coverForJson, zoneCover } from '../../domain/cover';
import { zoneDailyDemandKg } from '../../domain/demand';
import type { LiveConfig } from '../../config';
import { estimateEtas, type EtaOptions, type EtaResult } from '../../domain/eta';
import { instantOf } from '../../domain/local-time';
import type { VehicleEntry } from './live-state';
import { allStops, stopKey, type RouteStop } from '../../domain/route-model';
import type { View } from './rooms';

// Entries of the live state → the contract's DTOs, as one room may see them.

export interface Derived extends EtaResult {
  offRoute: boolean;
  late: boolean;
}

export function derive(entry: VehicleEntry, config: LiveConfig, eta: EtaOptions): Derived {
  const fix = entry.fix ? { at: Date.parse(entry.fix.at), location: [entry.fix.lng, entry.fix.lat] as [number, number] } : null;
  const result = entry.route ? estimateEtas(entry.route, entry.states, fix, eta) : { etaMs: new Map(), delayS: null, offRouteM: null };
  return {
    ...result,
    offRoute: result.offRouteM !== null && result.offRouteM > config.offRouteM,
    late: result.delayS !== null && result.delayS > config.lateAfterS,
  };
}

export function liveStop(entry: VehicleEntry, stop: RouteStop, derived: Derived | null, utcOffset: string): LiveStop {
  const state = entry.states.get(stopKey(stop.tripIndex, stop.stopIndex));
  const eta = derived?.etaMs.get(stopKey(stop.tripIndex, stop.stopIndex));
  return {
    planId: entry.route!.planId, vehicleId: entry.vehicle.id, tripIndex: stop.tripIndex, stopIndex: stop.stopIndex,
    zoneId: stop.zoneId, location: stop.location, status: state?.status ?? 'pending',
    plannedAt: new Date(instantOf(entry.route!.date, stop.arrivalS, utcOffset)).toISOString(),
    etaAt: eta === undefined ? null : new Date(eta).toISOString(),
    deliveredKg: state?.deliveredKg ?? {}, plannedKg: stop.plannedKg,
  };
}

/** The van as a room sees it; null when the room sees neither the van nor any of its stops. */
export function liveVehicle(
  entry: VehicleEntry, view: View, derived: Derived, zoneDistrict: (zoneId: string) => string | null, utcOffset: string,
): LiveVehicle | null {
  const seesVan = view.seesVehicle(entry.vehicle);
  const stops = entry.route ? allStops(entry.route).filter((s) => view.seesStop(entry.vehicle.id, zoneDistrict(s.zoneId))) : [];
  if (!seesVan && stops.length === 0) return null;
  return {
    vehicleId: entry.vehicle.id, districtId: entry.vehicle.districtId, planId: entry.route?.planId ?? null,
    // Where a van is and how late it runs belong to its own district: others see only their stops' state.
    position: seesVan ? entry.fix : null,
    offRouteM: seesVan ? derived.offRouteM : null,
    offRoute: seesVan && derived.offRoute,
    delayS: seesVan ? derived.delayS : null,
    late: seesVan && derived.late,
    stops: stops.map((s) => liveStop(entry, s, seesVan ? derived : null, utcOffset)),
  };
}

export function liveZoneCover(zone: Zone, date: string, deliveredKg: Record<string, number>, commodities: readonly Commodity[]): LiveZoneCover {
  const need = zoneDailyDemandKg(zone, commodities);
  const cover = zoneCover(deliveredKg, need);
  return {
    zoneId: zone.id, districtId: zone.districtId, date, deliveredKg: { ...deliveredKg },
    daysOfCover: Object.fromEntries(Object.entries(cover.byCommodityDays).map(([c, d]) => [c, coverForJson(d)])),
  };
}
