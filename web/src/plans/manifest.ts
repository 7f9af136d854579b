import type { PlannedRoute } from '../../../server/contract';
import { csvText } from '../../../server/contract/csv';
import { localName, t } from '../i18n';
import { hhmm } from './plan-format';
import type { PlanRefs } from './plan-refs';

/** One line of a van's manifest: a stop in driving order with what to hand over. */
export interface ManifestRow {
  trip: number;
  order: number;
  zoneId: string;
  zone: string;
  handoff: string;
  location: [number, number];
  arrival: string;
  quantitiesKg: Record<string, number>;
}

export function manifestRows(route: PlannedRoute, refs: PlanRefs): ManifestRow[] {
  const rows: ManifestRow[] = [];
  let order = 0;
  route.trips.forEach((trip, tripIndex) => {
    for (const stop of trip.stops) {
      const zone = refs.zones.get(stop.zoneId);
      const handoff = stop.handoffPointId ? refs.handoffs.get(stop.handoffPointId) : undefined;
      rows.push({
        trip: tripIndex + 1, order: ++order, zoneId: stop.zoneId, zone: zone ? localName(zone) : stop.zoneId,
        handoff: handoff?.name ?? '', location: stop.location, arrival: hhmm(stop.arrivalS), quantitiesKg: stop.quantitiesKg,
      });
    }
  });
  return rows;
}

/** The commodities that appear in any row, in the reference order. */
export function manifestCommodities(rows: readonly ManifestRow[], refs: PlanRefs): { id: string; label: string }[] {
  const used = new Set(rows.flatMap((r) => Object.keys(r.quantitiesKg).filter((id) => r.quantitiesKg[id]! > 0)));
  return refs.commodities.filter((c) => used.has(c.id)).map((c) => ({ id: c.id, label: localName(c) }));
}

/** RFC 4180 CSV (CRLF, quoted where needed, formula-like text escaped: server/contract/csv.ts); quantities in kg rounded to 0.1. */
export function manifestCsv(rows: readonly ManifestRow[], refs: PlanRefs): string {
  const commodities = manifestCommodities(rows, refs);
  const head = [
    t('manifest.trip'), t('manifest.order'), 'zone_id', t('plans.zone'), t('manifest.handoff'), 'lng', 'lat', t('manifest.arrival'),
    ...commodities.map((c) => `${c.label} (kg)`),
  ];
  const lines = rows.map((r) => [
    r.trip, r.order, r.zoneId, r.zone, r.handoff, r.location[0], r.location[1], r.arrival,
    ...commodities.map((c) => Math.round((r.quantitiesKg[c.id] ?? 0) * 10) / 10),
  ]);
  return csvText([head, ...lines]);
}
