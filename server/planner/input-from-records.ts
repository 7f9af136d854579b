import type { Commodity, Depot, HandoffPoint, Staff, Vehicle, Zone } from '../contract';
import { isDriverCleared } from '../domain/clearance';
import { demandForDaysKg, zoneDailyDemandKg } from '../domain/demand';
import { representativePoint } from '../domain/geo';
import { isoOf } from '../domain/local-time';
import { allocationWeight } from '../domain/priority';
import { tierRuleFor, type TierRule } from '../domain/tiers';
import type { PlanInput } from './plan-input';

export interface Records {
  zones: Zone[];
  handoffPoints: HandoffPoint[];
  commodities: Commodity[];
  depots: Depot[];
  vehicles: Vehicle[];
  staff: Staff[];
}

export interface InputSettings {
  /** Plan day, YYYY-MM-DD, local time. */
  date: string;
  /** Days until the next resupply. */
  days: number;
  /** Local time's offset from UTC, e.g. '+08:00' for China. */
  utcOffset: string;
  tierRules: readonly TierRule[];
  districtId?: string;
  /** Stock already in each zone, zoneId → commodityId → kg (from earlier deliveries). */
  onHandKg?: ReadonlyMap<string, Record<string, number>>;
  /** Extra demand from residents' requests, zoneId → commodityId → kg. */
  extraKg?: ReadonlyMap<string, Record<string, number>>;
  /**
   * What the vans must bring, zoneId → commodityId → kg, after household stock and every other channel
   * (server/domain/van-gap.ts). When given it replaces daily need × days; a zone missing from it needs nothing.
   */
  gapKg?: ReadonlyMap<string, Record<string, number>>;
}

export const secondsOfDay = (hhmm: string) => Number(hhmm.slice(0, 2)) * 3600 + Number(hhmm.slice(3, 5)) * 60;

/** Resolves stored records into the planner's plain input: active zones only, drivers checked. */
export function planInputFromRecords(records: Records, settings: InputSettings): PlanInput {
  const gates = new Map<string, HandoffPoint>();
  for (const p of [...records.handoffPoints].sort((a, b) => a.id.localeCompare(b.id))) if (!gates.has(p.zoneId)) gates.set(p.zoneId, p);
  const zones = records.zones
    .filter((z) => z.status === 'active' && (!settings.districtId || z.districtId === settings.districtId))
    .sort((a, b) => a.id.localeCompare(b.id));
  const staff = new Map(records.staff.map((s) => [s.id, s]));
  return {
    commodities: records.commodities.map((c) => ({ id: c.id, name: c.name, nameEn: c.nameEn, coldChain: c.coldChain })),
    zones: zones.map((z) => {
      const gate = gates.get(z.id);
      const onHand = settings.onHandKg?.get(z.id) ?? {};
      const needed = settings.gapKg ? withExtra(settings.gapKg.get(z.id) ?? {}, settings.extraKg?.get(z.id), records.commodities)
        : demandForDaysKg(z, records.commodities, settings.days, { extraKg: settings.extraKg?.get(z.id) });
      // What the zone still holds counts against what it needs.
      const demandKg = Object.fromEntries(Object.entries(needed).map(([c, kg]) => [c, Math.max(0, kg - (onHand[c] ?? 0))]));
      return {
        id: z.id, name: z.name, nameEn: z.nameEn,
        handoffPointId: gate?.id ?? null,
        location: gate?.location ?? representativePoint(z.polygon),
        demandKg,
        dailyNeedKg: zoneDailyDemandKg(z, records.commodities),
        onHandKg: onHand,
        weight: allocationWeight(z, settings.tierRules),
        serviceS: tierRuleFor(z.tier, settings.tierRules).serviceS,
      };
    }),
    depots: [...records.depots].sort((a, b) => a.id.localeCompare(b.id))
      .map((d) => ({
        id: d.id, name: d.name, nameEn: d.nameEn, location: d.location, stockKg: d.stockKg,
        // A depot open past midnight (closes at or before it opens) closes on the next day.
        opensS: secondsOfDay(d.opensAt),
        closesS: secondsOfDay(d.closesAt) + (secondsOfDay(d.closesAt) <= secondsOfDay(d.opensAt) ? 86_400 : 0),
      })),
    vehicles: [...records.vehicles].sort((a, b) => a.id.localeCompare(b.id))
      .filter((v) => !settings.districtId || v.districtId === settings.districtId || v.districtId === null)
      .map((v) => {
        const driver = v.driverId ? staff.get(v.driverId) : undefined;
        const shiftEndIso = isoOf(settings.date, secondsOfDay(v.shiftEnd), settings.utcOffset);
        return {
          id: v.id, name: v.name, homeDepotId: v.homeDepotId, capacityKg: v.capacityKg, coldChainKg: v.coldChainKg,
          shiftStartS: secondsOfDay(v.shiftStart), shiftEndS: secondsOfDay(v.shiftEnd),
          driverId: driver?.id ?? null,
          driverCleared: driver ? isDriverCleared(driver.healthCheckValidUntil, settings.date, shiftEndIso) : false,
        };
      }),
  };
}

/** The gap plus what residents' requests add, per commodity of the list. */
function withExtra(gap: Record<string, number>, extra: Record<string, number> | undefined, commodities: readonly Commodity[]): Record<string, number> {
  return Object.fromEntries(commodities.map((c) => [c.id, (gap[c.id] ?? 0) + (extra?.[c.id] ?? 0)]));
}
