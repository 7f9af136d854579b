// Supply channels (every way goods reach a zone's homes) and the days-of-cover projection over a horizon.
// Part of the typed contract (re-exported by index.ts).
import type { ImportResult } from './base';

/**
 * `mobile_van`: the planned vans (the published plan's deliveries; a stored channel of this kind adds a fleet
 * outside the planner). `supply_point`: a temporary or fixed sales point residents walk to. `store`: shops
 * trading as usual. `platform`: online or group orders delivered to the gate. `donation`: goods given out.
 */
export type ChannelKind = 'mobile_van' | 'supply_point' | 'store' | 'platform' | 'donation';
export const CHANNEL_KINDS: readonly ChannelKind[] = ['mobile_van', 'supply_point', 'store', 'platform', 'donation'];

/** A day's capacity for one commodity: kg, or orders × kg per order (kg wins when both are given). */
export interface ChannelCapacity {
  kgPerDay?: number;
  ordersPerDay?: number;
  kgPerOrder?: number;
}

export interface SupplyChannel {
  id: string;
  districtId: string;
  name: string;
  nameEn: string;
  kind: ChannelKind;
  /** Zones whose residents it serves (all in its district). */
  zoneIds: string[];
  /** commodityId → capacity per day. */
  capacity: Record<string, ChannelCapacity>;
  /** 'HH:MM' local; closesAt after opensAt. */
  opensAt: string;
  closesAt: string;
  /** Tiers it may serve; empty = every tier (the tier rules still decide which kinds a tier may use). */
  tiers: string[];
  /** Local days, inclusive; activeUntil null = open-ended. */
  activeFrom: string;
  activeUntil: string | null;
  /** Where the numbers come from, and which of them are assumptions. */
  note: string;
}

export interface SupplyChannelInput extends Omit<SupplyChannel, 'id' | 'nameEn' | 'tiers' | 'activeUntil' | 'note'> {
  id?: string;
  nameEn?: string;
  tiers?: string[];
  activeUntil?: string | null;
  note?: string;
}

export interface CoverQuery {
  date: string;
  horizonDays?: number;
  districtId?: string;
}

export interface ZoneCommodityCover {
  /** Days of cover at the end of each day of the horizon (null: the zone needs none of it). */
  coverDays: (number | null)[];
  /** Kind → kg brought on each day of the horizon. */
  suppliedKgByChannel: Partial<Record<ChannelKind, number[]>>;
}

export interface CoverProjection {
  zones: { zoneId: string; commodities: Record<string, ZoneCommodityCover> }[];
}

export interface SupplyApiRoutes {
  'GET /api/supply-channels': { body: never; query: { districtId?: string }; reply: SupplyChannel[] };
  'GET /api/supply-channels/:id': { body: never; reply: SupplyChannel };
  'POST /api/supply-channels': { body: SupplyChannelInput; reply: SupplyChannel };
  'PUT /api/supply-channels/:id': { body: SupplyChannelInput; reply: SupplyChannel };
  'DELETE /api/supply-channels/:id': { body: never; reply: { deleted: true } };
  /** CSV (text/csv), one row per channel (columns in server/services/supply/channel-csv.ts); all or nothing. */
  'POST /api/supply-channels/import': { body: string; reply: ImportResult };
  'GET /api/cover': { body: never; query: CoverQuery; reply: CoverProjection };
  /** Household stock at sealing, days per commodity (defaults filled in for commodities without a row). */
  'GET /api/household-stock': { body: never; reply: Record<string, number> };
  'PUT /api/household-stock': { body: { days: Record<string, number> }; reply: Record<string, number> };
}
