import type { Commodity, SpecialNeeds } from '../contract';

export type SpecialGroup = keyof SpecialNeeds;

/**
 * Extra share of the ordinary ration a member of a special group gets, per commodity id:
 * 0.5 means that person counts as 1.5 people for that commodity. Missing entries mean 0.
 */
export type SpecialGroupUplift = Record<SpecialGroup, Readonly<Record<string, number>>>;

export interface DemandParams {
  uplift: SpecialGroupUplift;
}

/**
 * Planning assumptions, not official figures (documented in data/README.md). Infants' families get
 * an extra egg a day (eggs are the first protein food in Chinese infant feeding guidance); chronic
 * patients (diabetes, hypertension) get a quarter more vegetables, as their diets lean on them;
 * elderly people living alone get more eggs and meat because they cannot top up from a shop and
 * protein loss is their main nutrition risk. Nothing is lowered: a shortfall hurts more than waste.
 */
export const DEFAULT_DEMAND_PARAMS: DemandParams = {
  uplift: {
    infants: { eggs: 1 },
    chronicPatients: { vegetables: 0.25 },
    elderlyAlone: { eggs: 0.5, meat: 0.25 },
  },
};

export interface DemandZone {
  population: number;
  specialNeeds: SpecialNeeds;
}

export type RationedCommodity = Pick<Commodity, 'id' | 'dailyRationKgPerPerson'>;

const GROUPS: readonly SpecialGroup[] = ['elderlyAlone', 'infants', 'chronicPatients'];

/** Kg per day a zone needs of one commodity: population × ration, plus the special-group uplift. */
export function dailyDemandKg(
  zone: DemandZone,
  commodity: RationedCommodity,
  params: DemandParams = DEFAULT_DEMAND_PARAMS,
): number {
  assertCount(zone.population, 'population');
  assertNonNegative(commodity.dailyRationKgPerPerson, `ration of ${commodity.id}`);
  let personEquivalents = zone.population;
  for (const group of GROUPS) {
    const members = zone.specialNeeds[group];
    assertCount(members, `specialNeeds.${group}`);
    const extra = params.uplift[group][commodity.id] ?? 0;
    assertNonNegative(extra, `uplift ${group}.${commodity.id}`);
    personEquivalents += members * extra;
  }
  return personEquivalents * commodity.dailyRationKgPerPerson;
}

/** commodityId → kg per day for one zone. */
export function zoneDailyDemandKg(
  zone: DemandZone,
  commodities: readonly RationedCommodity[],
  params: DemandParams = DEFAULT_DEMAND_PARAMS,
): Record<string, number> {
  const out: Record<string, number> = {};
  for (const c of commodities) out[c.id] = dailyDemandKg(zone, c, params);
  return out;
}

/**
 * commodityId → kg to deliver so the zone lasts `days` until the next resupply, plus what residents'
 * requests added (extraKg, already in kg). Fractional days are allowed (a drop every 36 h is 1.5).
 */
export function demandForDaysKg(
  zone: DemandZone,
  commodities: readonly RationedCommodity[],
  days: number,
  options: { params?: DemandParams; extraKg?: Readonly<Record<string, number>> } = {},
): Record<string, number> {
  assertNonNegative(days, 'days');
  const daily = zoneDailyDemandKg(zone, commodities, options.params);
  const out: Record<string, number> = {};
  for (const c of commodities) {
    const extra = options.extraKg?.[c.id] ?? 0;
    assertNonNegative(extra, `extraKg.${c.id}`);
    out[c.id] = (daily[c.id] ?? 0) * days + extra;
  }
  return out;
}

/** Days from `now` to the next resupply, never negative (an overdue drop means "needed now"). */
export function daysUntil(nowIso: string, nextResupplyIso: string): number {
  const from = Date.parse(nowIso);
  const to = Date.parse(nextResupplyIso);
  if (Number.isNaN(from) || Number.isNaN(to)) throw new RangeError('daysUntil: both instants must be ISO-8601');
  return Math.max(0, (to - from) / 86_400_000);
}

function assertCount(n: number, what: string): void {
  if (!Number.isFinite(n) || n < 0) throw new RangeError(`${what} must be a finite number ≥ 0, got ${n}`);
}

function assertNonNegative(n: number, what: string): void {
  if (!Number.isFinite(n) || n < 0) throw new RangeError(`${what} must be a finite number ≥ 0, got ${n}`);
}
