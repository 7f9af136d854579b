import type { HandoffPoint, Zone, ZoneStatus } from '../../contract';
import type { DistrictFilter } from '../references/ports';

// Store ports for the sealed zones (with their tier history) and their handoff points.

/** A tier and the instant it took effect. */
export interface TierSince {
  tier: string;
  since: string;
}

export interface ZoneRepo {
  list(filter?: DistrictFilter & { status?: ZoneStatus }): Promise<Zone[]>;
  get(id: string): Promise<Zone | null>;
  /** Insert or replace the whole zone; a changed tier is added to the zone's tier history, since its updatedAt. */
  upsert(zone: Zone): Promise<void>;
  /** zoneId → the zone's tiers over time, oldest first (zones given, or all). */
  tierHistory(zoneIds?: readonly string[]): Promise<Map<string, TierSince[]>>;
  /** False when there was no such zone. */
  delete(id: string): Promise<boolean>;
}

export interface HandoffPointRepo {
  list(filter?: { zoneId?: string; districtId?: string }): Promise<HandoffPoint[]>;
  upsert(point: HandoffPoint): Promise<void>;
  deleteForZone(zoneId: string): Promise<void>;
}
