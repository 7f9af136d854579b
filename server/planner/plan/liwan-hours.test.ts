import { describe, expect, it } from 'vitest';
import { DEFAULT_TIER_RULES } from '../../domain/tiers';
import { loadScenario } from '../../store/scenario-files';
import { planInputFromRecords } from '../input-from-records';
import { plan } from './plan';

describe('plan: the Liwan demo with its depots\' real opening hours', () => {
  it('loads only inside the hours and still brings every zone some of every commodity it needs', () => {
    const s = loadScenario('liwan-2021');
    const input = planInputFromRecords(
      { ...s, zones: s.zones.map((z) => ({ ...z, updatedAt: s.date })) },
      { date: s.date, days: 1, utcOffset: '+08:00', tierRules: DEFAULT_TIER_RULES },
    );
    // 江南 market closes at 12:00: trips dropped after closing must be re-shared, not leave a zone with nothing.
    expect(input.depots.find((d) => d.id === 'gz-jiangnan-market')!.closesS).toBe(12 * 3600);
    const result = plan(input, { maxIterations: 3000 });
    const depots = new Map(input.depots.map((d) => [d.id, d]));
    for (const r of result.routes) for (const t of r.trips) {
      expect(t.departS).toBeGreaterThanOrEqual(depots.get(t.depotId)!.opensS!);
      expect(t.departS).toBeLessThanOrEqual(depots.get(t.depotId)!.closesS!);
    }
    for (const z of result.zones) for (const [c, demand] of Object.entries(z.demandKg)) {
      if (demand > 0) expect(z.deliveredKg[c]!, `${z.zoneId} ${c}`).toBeGreaterThan(0);
    }
  });
});
