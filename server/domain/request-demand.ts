import type { RequestCategory, RequestStatus } from '../contract/requests';

// How residents' requests raise a zone's demand for the next plan. A table, not code, so a city can
// change what one request is worth without touching the planner.

export interface RequestDemandRule {
  /** A fixed commodity, or 'named' for the commodity the resident picked (none picked: no extra). */
  commodity: string | 'named' | null;
  /** kg added per open request. */
  kgPerRequest: number;
  /** Raised for staff attention rather than for the plan (medicine is not something vans carry). */
  flag?: 'medicine' | 'care';
}

export const REQUEST_DEMAND_TABLE: Readonly<Record<RequestCategory, RequestDemandRule>> = {
  // A tray of eggs (about 20) for a household with an infant: eggs are the ration's protein that keeps.
  infant_needs: { commodity: 'eggs', kgPerRequest: 1 },
  // A household short of food: roughly two days of a household's share of the commodity they named.
  food_shortage: { commodity: 'named', kgPerRequest: 2 },
  special_diet: { commodity: 'named', kgPerRequest: 1 },
  medicine: { commodity: null, kgPerRequest: 0, flag: 'medicine' },
  elderly_disabled_care: { commodity: null, kgPerRequest: 0, flag: 'care' },
  complaint: { commodity: null, kgPerRequest: 0 },
  other: { commodity: null, kgPerRequest: 0 },
};

export interface DemandRequest {
  zoneId: string;
  category: RequestCategory;
  commodityId: string | null;
  status: RequestStatus;
}

/** Only requests still being handled count: a resolved one was met, a referred one went elsewhere. */
const OPEN: ReadonlySet<RequestStatus> = new Set(['new', 'assigned']);

/**
 * Anyone can file a request (no login), so requests no staff member has looked at yet ('new') add at
 * most this many kg to a zone in all, whatever their number: a flood of forged requests cannot pull
 * a plan's goods into one zone. Once staff take a request on ('assigned') it counts in full.
 * Ten food-shortage requests' worth; README, "Residents' requests and demand".
 */
export const UNVERIFIED_KG_CAP_PER_ZONE = 20;

/**
 * zoneId → commodityId → extra kg, for planInputFromRecords' `extraKg`. Unknown commodities are
 * skipped; unverified requests fill the zone's cap in the order given (oldest first from the store).
 */
export function extraDemandKg(
  requests: readonly DemandRequest[],
  commodities: readonly { id: string }[],
  table: Readonly<Record<RequestCategory, RequestDemandRule>> = REQUEST_DEMAND_TABLE,
  unverifiedCapKg = UNVERIFIED_KG_CAP_PER_ZONE,
): Map<string, Record<string, number>> {
  const known = new Set(commodities.map((c) => c.id));
  const out = new Map<string, Record<string, number>>();
  const unverified = new Map<string, number>();
  for (const r of requests) {
    if (!OPEN.has(r.status)) continue;
    const rule = table[r.category];
    const commodity = rule.commodity === 'named' ? r.commodityId : rule.commodity;
    if (!commodity || !known.has(commodity) || rule.kgPerRequest <= 0) continue;
    let kg = rule.kgPerRequest;
    if (r.status === 'new') {
      const used = unverified.get(r.zoneId) ?? 0;
      kg = Math.min(kg, Math.max(0, unverifiedCapKg - used));
      if (kg <= 0) continue;
      unverified.set(r.zoneId, used + kg);
    }
    const zone = out.get(r.zoneId) ?? {};
    zone[commodity] = (zone[commodity] ?? 0) + kg;
    out.set(r.zoneId, zone);
  }
  return out;
}

/** Requests that need a staff flag (medicine, care) per zone: shown beside the plan, not added to it. */
export function flaggedRequests(requests: readonly DemandRequest[], table = REQUEST_DEMAND_TABLE): Map<string, number> {
  const out = new Map<string, number>();
  for (const r of requests) if (OPEN.has(r.status) && table[r.category].flag) out.set(r.zoneId, (out.get(r.zoneId) ?? 0) + 1);
  return out;
}
