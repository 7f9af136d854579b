// What a replay records: per day, per street (zone) and per plan. Plain data, written as JSON beside
// the report so a test (or a person) can check it without re-running anything.

export interface StreetDay {
  date: string;
  zoneId: string;
  name: string;
  /** null: unrestricted that day (zone lifted, not planned). */
  tier: string | null;
  population: number;
  /** Daily need per commodity (server/domain/demand: rations plus special-needs uplifts). */
  needKg: Record<string, number>;
  plannedKg: Record<string, number>;
  deliveredKg: Record<string, number>;
  /** min over commodities of coverDays (every channel and the homes' stock); null when unrestricted. */
  minCover: number | null;
  /** min over commodities of delivered ÷ daily need: what the vans alone brought (the live layer's days of cover). */
  vanCover: number | null;
  /** Days of cover at the end of the day per commodity: stockKg ÷ needKg (absent when unrestricted). */
  coverDays: Record<string, number | null>;
  /** End-of-day stock in the homes: max(0, the day before's (or household stock when newly sealed) + Σ channels − need). */
  stockKg: Record<string, number>;
  /** Channel kind → commodity → kg brought that day (mobile_van: what drivers handed off). */
  suppliedKgByChannel: Record<string, Record<string, number>>;
  /** The server's end-of-day cover for the street (GET /api/cover that evening), per commodity: should equal coverDays. */
  serverCoverDays?: Record<string, number | null>;
  /** Commodities the street would have run out of that day without the vans (same start, the other channels only). */
  outWithoutVans: string[];
  worstCommodity: string | null;
  /** Residents of an active zone that got nothing at all that day. */
  residentsWithoutDelivery: number;
  /** Alerts on this zone raised / closed during the day. */
  alertsRaised: number;
  alertsClosed: number;
  /** Why cover < 1: the plan's shortfall codes (`code:commodity`) and what went wrong on the road. */
  reasons: string[];
}

export interface PlanRun {
  date: string;
  kind: 'plan' | 'replan';
  trigger: string;
  planId: string;
  version: number | null;
  /** Wall-clock ms: POST to draft, POST to published. */
  runMs: number;
  totalMs: number;
  publishedAt: string;
  zonesShort: number;
  minFillRate: number;
}

export interface SealEvent {
  date: string;
  zoneId: string;
  tier: string;
  /** Virtual instants (the server's clock). */
  sealedAt: string;
  publishedAt: string | null;
  latencyS: number | null;
  /** The zone's playbook checklist step completed by a published plan, as the server reports it (null: no checklist). */
  checklist: { doneAt: string | null; dueAt: string; overdue: boolean } | null;
}

/** See sufficiencyOf (street-days.ts) for the precise definition. */
export interface Sufficiency {
  /** Σ depot stock ≥ Σ daily need, for every commodity. */
  stock: boolean;
  /** The vans cut nothing: for every commodity, haulable ≥ min(need, stock). */
  fleet: boolean;
  /**
   * Over every channel, street by street: for every commodity, what the vans can haul ≥ Σ over streets of
   * max(0, 2 × need − the street's homes' stock at the start of the day − what the other channels brought it),
   * i.e. every street can end the day with a day of cover (streetGapKg).
   */
  sufficient: boolean;
  /** The vans alone: haulable stock ≥ daily need for every commodity (the earlier, vans-only verdict). */
  vansSufficient: boolean;
  /** What the other channels brought, Σ over streets (no van counted), and the homes' stock at the start of the day. */
  otherChannelsKg: Record<string, number>;
  homeStockKg: Record<string, number>;
  /** Σ over streets of what the homes' stock and the other channels leave short of 2 × need (the vans' part). */
  streetGapKg: Record<string, number>;
  needKg: Record<string, number>;
  stockKg: Record<string, number>;
  haulableKg: Record<string, number>;
  fleetKg: number;
  coldFleetKg: number;
}

export interface DayRecord {
  date: string;
  notice: string;
  peopleByTier: Record<string, number>;
  streets: StreetDay[];
  plans: PlanRun[];
  failures: string[];
  sufficiency: Sufficiency | null;
  requestsFiled: number;
  requestsRefused: number;
  alertsRaised: number;
  alertsClosed: number;
  alertsOpenAtEnd: number;
  deliveredKg: Record<string, number>;
  /** Server RSS at the end of the day (MB); null when the replay targets a server it did not start. */
  rssMb: number | null;
  wallS: number;
}

export interface ReplayRecord {
  scenario: string;
  from: string;
  to: string;
  speed: number;
  seed: number;
  /** The playbook's limit for the first published plan after sealing (GET /api/playbooks/:city); null when the server has none. */
  limitS: number | null;
  days: DayRecord[];
  seals: SealEvent[];
  commodities: string[];
  /** Household stock at sealing, days per commodity (the server's GET /api/household-stock). */
  householdStockDays: Record<string, number>;
  zones: { id: string; name: string; polygon: [number, number][][] }[];
}
