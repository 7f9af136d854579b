import type { AllocationLimit, AllocationResult, ZoneFill } from '../allocation';
import { parseJobId, type DepotRouting, type GoodsClass } from '../plan/route-depot';
import type { UnassignedReason } from '../routing';

type StockLimit = Extract<AllocationLimit, { kind: 'depot-stock' }>;

/** Lookups by zone, commodity and depot, built once: the reasons are asked for every short zone × commodity. */
export class ModelIndex {
  private readonly fills = new Map<string, ZoneFill>();
  private readonly limits = new Map<string, StockLimit[]>();
  private readonly serving = new Map<string, string[]>();
  /** `depot|zone|goods` and `depot|*|goods` → reasons routing gave in earlier rounds. */
  private readonly earlier = new Map<string, Set<UnassignedReason>>();
  /** `zone|goods` → [depot, reason] left by the last round. */
  private readonly last = new Map<string, Map<string, Set<UnassignedReason>>>();

  constructor(allocation: AllocationResult, routings: readonly DepotRouting[], earlierRoutings: readonly DepotRouting[]) {
    for (const f of allocation.fills) this.fills.set(`${f.zoneId}|${f.commodityId}`, f);
    for (const l of allocation.limits) {
      if (l.kind !== 'depot-stock') continue;
      for (const z of l.zoneIds) push(this.limits, `${z}|${l.commodityId}`, l);
    }
    for (const f of allocation.flows) push(this.serving, `${f.zoneId}|${f.commodityId}`, f.depotId);
    for (const { depot, solution } of earlierRoutings) for (const u of solution.unassigned) {
      const job = parseJobId(u.parentJobId);
      for (const key of [`${depot.id}|${job.zoneId}|${job.goods}`, `${depot.id}|*|${job.goods}`]) {
        const set = this.earlier.get(key) ?? new Set();
        set.add(u.reason);
        this.earlier.set(key, set);
      }
    }
    for (const { depot, solution } of routings) for (const u of solution.unassigned) {
      const job = parseJobId(u.parentJobId);
      const key = `${job.zoneId}|${job.goods}`;
      const byDepot = this.last.get(key) ?? new Map<string, Set<UnassignedReason>>();
      const set = byDepot.get(depot.id) ?? new Set();
      set.add(u.reason);
      byDepot.set(depot.id, set);
      this.last.set(key, byDepot);
    }
  }

  fill(zoneId: string, c: string): ZoneFill | undefined {
    return this.fills.get(`${zoneId}|${c}`);
  }

  stockLimits(zoneId: string, c: string): readonly StockLimit[] {
    return this.limits.get(`${zoneId}|${c}`) ?? [];
  }

  servingDepots(zoneId: string, c: string): string[] {
    return [...new Set(this.serving.get(`${zoneId}|${c}`) ?? [])];
  }

  /** Why earlier rounds left goods of this class at the depot: for this zone if any, else for any zone. */
  earlierReasons(depotId: string, zoneId: string, goods: GoodsClass): ReadonlySet<UnassignedReason> {
    return this.earlier.get(`${depotId}|${zoneId}|${goods}`) ?? this.earlier.get(`${depotId}|*|${goods}`) ?? new Set();
  }

  lastRound(zoneId: string, goods: GoodsClass): ReadonlyMap<string, ReadonlySet<UnassignedReason>> {
    return this.last.get(`${zoneId}|${goods}`) ?? new Map();
  }
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
