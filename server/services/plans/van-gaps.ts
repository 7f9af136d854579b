import { targetCoverDaysFor, type TierRule } from '../../domain/tiers';
import { commodityTargetDays, vanGapKg } from '../../domain/van-gap';
import { projectZones } from '../cover/cover-service';
import type { Store } from '../ports';

/**
 * zoneId → commodityId → kg the plan's vans must bring on `date` (server/domain/van-gap.ts): the projection
 * of household stock and every other channel, with the vans of the published plans before `date` and none
 * from `date` on, over the days until the next resupply.
 */
export async function vanGaps(
  deps: { store: Store; tierRules: readonly TierRule[]; utcOffset: string },
  date: string, days: number, districtId: string | undefined,
): Promise<Map<string, Record<string, number>>> {
  const horizonDays = Math.max(1, Math.ceil(days - 1e-9));
  const { zones, commodityIds, dailyNeedKg, householdStockDays, projection } = await projectZones(deps, { date, horizonDays, districtId, vansUntil: date });
  const out = new Map<string, Record<string, number>>();
  for (const z of zones.filter((x) => x.status === 'active')) {
    const tierTarget = targetCoverDaysFor(z.tier, deps.tierRules);
    const rec = projection.get(z.id)!;
    const gap: Record<string, number> = {};
    for (const c of commodityIds) {
      const daily = dailyNeedKg.get(z.id)![c] ?? 0;
      gap[c] = vanGapKg(rec[c]!, daily, commodityTargetDays(tierTarget, householdStockDays[c] ?? 0));
    }
    out.set(z.id, gap);
  }
  return out;
}
