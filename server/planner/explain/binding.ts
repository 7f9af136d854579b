import type { LngLat } from '../../contract';
import type { PlanDepot, PlanInput, PlanVehicle, PlanZone } from '../plan-input';

/** Which resource bounds a depot's supply of a commodity in the allocation model. */
export type Binding = 'stock' | 'van' | 'cold_van';

/** A depot's stock below this (kg, absolute) counts as none; the allocation's own cut is 1e-9 kg. */
const CAPPED_KG = 1e-6;

/**
 * The facts the reasons are read from: the allocation saw each depot's supply as min(its stock,
 * what its vans haul) per goods class. Where that minimum is the vans' side, the vans bind that
 * commodity there, and only that class: cold vans full leave the ambient goods to their stock.
 */
export class ModelFacts {
  readonly cold: ReadonlySet<string>;
  readonly commodityIds: readonly string[];
  private readonly seen: ReadonlyMap<string, PlanDepot>;
  private readonly real: ReadonlyMap<string, PlanDepot>;
  private readonly routed: ReadonlyMap<string, PlanVehicle[]>;
  private readonly idle: ReadonlyMap<string, string[]>;
  private readonly holders = new Map<string, string[]>();
  private readonly zones: ReadonlyMap<string, PlanZone>;

  constructor(
    private readonly input: PlanInput,
    allocationDepots: readonly PlanDepot[],
    cleared: readonly PlanVehicle[],
    private readonly distanceM: (a: LngLat, b: LngLat) => number,
    private readonly nearestDepots: number,
  ) {
    this.commodityIds = input.commodities.map((c) => c.id);
    this.zones = new Map(input.zones.map((z) => [z.id, z]));
    this.cold = new Set(input.commodities.filter((c) => c.coldChain).map((c) => c.id));
    this.seen = new Map(allocationDepots.map((d) => [d.id, d]));
    this.real = new Map(input.depots.map((d) => [d.id, d]));
    const routed = new Map<string, PlanVehicle[]>();
    for (const v of cleared) routed.set(v.homeDepotId, [...(routed.get(v.homeDepotId) ?? []), v]);
    this.routed = routed;
    const clearedIds = new Set(cleared.map((v) => v.id));
    const idle = new Map<string, string[]>();
    for (const v of input.vehicles) if (!clearedIds.has(v.id)) idle.set(v.homeDepotId, [...(idle.get(v.homeDepotId) ?? []), v.id]);
    this.idle = idle;
  }

  realStock(depotId: string, c: string): number {
    return Math.max(0, this.real.get(depotId)?.stockKg[c] ?? 0);
  }

  /** Stock the allocation could use (after the vans' haul); 0 at a depot with no cleared van. */
  modelStock(depotId: string, c: string): number {
    return Math.max(0, this.seen.get(depotId)?.stockKg[c] ?? 0);
  }

  binding(depotId: string, c: string): Binding {
    if (this.modelStock(depotId, c) < this.realStock(depotId, c) - CAPPED_KG) return this.cold.has(c) ? 'cold_van' : 'van';
    return 'stock';
  }

  vansAt(depotId: string): readonly PlanVehicle[] {
    return this.routed.get(depotId) ?? [];
  }

  /** Vans based at the depot that stand idle: no driver, or the driver is not cleared. */
  idleVansAt(depotId: string): readonly string[] {
    return this.idle.get(depotId) ?? [];
  }

  /** The zone's nearest depots that really hold the commodity (the allocation's reach, before vans). */
  nearestHolders(zoneId: string, c: string): string[] {
    const key = `${zoneId}|${c}`;
    const hit = this.holders.get(key);
    if (hit) return hit;
    const zone = this.zones.get(zoneId);
    const k = Math.max(1, Math.floor(this.nearestDepots));
    const out = !zone ? [] : this.input.depots
      .map((d) => ({ d, m: this.distanceM(d.location, zone.location) }))
      .filter(({ d, m }) => (d.stockKg[c] ?? 0) > 0 && Number.isFinite(m))
      .sort((a, b) => a.m - b.m || a.d.id.localeCompare(b.d.id))
      .slice(0, k)
      .map(({ d }) => d.id);
    this.holders.set(key, out);
    return out;
  }
}
