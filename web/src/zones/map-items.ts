import type { Commodity, Depot, HandoffPoint, LiveVehicle, Zone } from '../../../server/contract';
import { depotCard } from '../components/stock-bars';
import { localName } from '../i18n';
import type { MapDepot, MapPoint, MapZone } from '../map/zone-map';
import { colourFor, OUTSIDE_PLAN_COLOUR } from './colour';
import { tierLabel } from './tiers';

/** What the map draws for each zone: by tier, or by days of cover when a plan's cover is given (zones outside it pale). */
export function mapZones(zones: readonly Zone[], coverDays?: ReadonlyMap<string, number>): MapZone[] {
  return zones.map((zone) => ({
    id: zone.id,
    label: `${localName(zone)} · ${tierLabel(zone.tier)}`,
    polygon: zone.polygon,
    fill: coverDays && !coverDays.has(zone.id) && zone.status !== 'lifted' ? OUTSIDE_PLAN_COLOUR : colourFor(zone, coverDays?.get(zone.id)),
  }));
}

export function mapDepots(depots: readonly Depot[], commodities: readonly Commodity[], scale: ReadonlyMap<string, number>): MapDepot[] {
  return depots.map((depot) => ({
    id: depot.id,
    label: localName(depot),
    location: depot.location,
    popup: () => depotCard(depot, commodities, scale),
  }));
}

/** Handoff points (gates) labelled with their zone. */
export function mapHandoffs(points: readonly HandoffPoint[], zones: ReadonlyMap<string, Zone>): MapPoint[] {
  return points.map((p) => {
    const zone = zones.get(p.zoneId);
    return { id: p.id, label: zone ? `${p.name} · ${localName(zone)}` : p.name, location: p.location };
  });
}

/** Vans at their last live position. */
export function mapVans(vans: readonly LiveVehicle[], names: ReadonlyMap<string, string>): MapPoint[] {
  return vans.flatMap((v): MapPoint[] => (v.position
    ? [{ id: v.vehicleId, label: names.get(v.vehicleId) ?? v.vehicleId, location: [v.position.lng, v.position.lat] }] : []));
}

/** Stops of the live routes on the map, by state (an arrived stop is still to deliver: pending). */
export function mapStops(vans: readonly LiveVehicle[], zoneName: (id: string) => string): { pending: MapPoint[]; delivered: MapPoint[]; failed: MapPoint[] } {
  const out = { pending: [] as MapPoint[], delivered: [] as MapPoint[], failed: [] as MapPoint[] };
  for (const v of vans) {
    for (const s of v.stops) {
      const bucket = s.status === 'delivered' ? out.delivered : s.status === 'failed' ? out.failed : out.pending;
      bucket.push({ id: `${v.vehicleId}/${s.planId}/${s.tripIndex}/${s.stopIndex}`, label: zoneName(s.zoneId), location: s.location });
    }
  }
  return out;
}
