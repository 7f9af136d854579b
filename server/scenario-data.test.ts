import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DATA_DIR, loadScenario } from './store/scenario-files';
import { zoneDailyDemandKg } from './domain/demand';
import { containsPoint, overlapAreaM2, polygonAreaM2 } from './domain/geo';
import { validatePolygon } from './domain/geo-validate';
import { isKnownTier } from './domain/tiers';

const liwan = loadScenario('liwan-2021');
const foshan = loadScenario('foshan-2021');
const dupes = (xs: string[]): string[] => xs.filter((x, i) => xs.indexOf(x) !== i);

describe.each([liwan, foshan])('scenario $id', (s) => {
  const ids = <T extends { id: string }>(xs: T[]): Set<string> => new Set(xs.map((x) => x.id));
  const districts = ids(s.districts);
  const depots = ids(s.depots);
  const commodities = ids(s.commodities);

  it('has unique ids in every collection and unique usernames', () => {
    for (const list of [s.districts, s.streets, s.zones, s.handoffPoints, s.commodities, s.depots, s.vehicles, s.staff, s.users]) {
      expect(dupes(list.map((x) => x.id))).toEqual([]);
    }
    expect(dupes(s.users.map((u) => u.username))).toEqual([]);
  });

  it('resolves every reference', () => {
    const streets = new Map(s.streets.map((x) => [x.id, x]));
    for (const st of s.streets) expect(districts.has(st.districtId), st.id).toBe(true);
    for (const z of s.zones) {
      expect(districts.has(z.districtId), z.id).toBe(true);
      if (z.streetId !== null) expect(streets.get(z.streetId)?.districtId, z.id).toBe(z.districtId);
    }
    for (const h of s.handoffPoints) expect(s.zones.some((z) => z.id === h.zoneId), h.id).toBe(true);
    for (const d of s.depots) {
      if (d.districtId !== null) expect(districts.has(d.districtId), d.id).toBe(true);
      for (const [c, kg] of Object.entries(d.stockKg)) {
        expect(commodities.has(c), `${d.id}.${c}`).toBe(true);
        expect(kg).toBeGreaterThanOrEqual(0);
      }
    }
    for (const v of s.vehicles) {
      expect(depots.has(v.homeDepotId), v.id).toBe(true);
      if (v.districtId !== null) expect(districts.has(v.districtId), v.id).toBe(true);
      const drv = s.staff.find((x) => x.id === v.driverId);
      expect(drv?.role, v.id).toBe('driver');
      expect(drv?.vehicleId, v.id).toBe(v.id);
      expect(v.coldChainKg).toBeLessThanOrEqual(v.capacityKg);
    }
    for (const st of s.staff) {
      if (st.vehicleId !== null) expect(s.vehicles.some((v) => v.id === st.vehicleId), st.id).toBe(true);
      if (st.districtId !== null) expect(districts.has(st.districtId), st.id).toBe(true);
    }
    for (const u of s.users) {
      if (u.role === 'coordinator') expect([u.districtId, u.vehicleId]).toEqual([null, null]);
      if (u.role === 'district_official') expect(districts.has(u.districtId ?? ''), u.username).toBe(true);
      if (u.role === 'driver') expect(s.vehicles.some((v) => v.id === u.vehicleId), u.username).toBe(true);
      expect(u.password.length).toBeGreaterThanOrEqual(6);
    }
  });

  it('has valid zone polygons of 6–12 vertices, inside their district bounds, with known tiers', () => {
    for (const z of s.zones) {
      const district = s.districts.find((d) => d.id === z.districtId);
      expect(validatePolygon(z.polygon, { districtBbox: district?.bbox, path: z.id })).toEqual([]);
      const ring = z.polygon.coordinates[0] ?? [];
      expect(ring.length - 1, z.id).toBeGreaterThanOrEqual(6);
      expect(ring.length - 1, z.id).toBeLessThanOrEqual(12);
      const [w, so, e, n] = district?.bbox ?? [0, 0, 0, 0];
      for (const [lng, lat] of ring) {
        expect(lng >= w && lng <= e && lat >= so && lat <= n, `${z.id} [${lng}, ${lat}]`).toBe(true);
        expect(Math.round(lng * 1e5) / 1e5).toBe(lng);
      }
      expect(isKnownTier(z.tier), z.id).toBe(true);
      expect(z.status).toBe('active');
      expect(Date.parse(z.sealedAt ?? '')).toBeLessThan(Date.parse(`${s.date}T23:59:59+08:00`));
      expect(z.households).toBe(Math.round(z.population / 2.6));
    }
  });

  it('has no two zones overlapping', () => {
    for (const [i, a] of s.zones.entries()) {
      for (const b of s.zones.slice(i + 1)) expect(overlapAreaM2(a.polygon, b.polygon), `${a.id} × ${b.id}`).toBeLessThan(1);
    }
  });

  it('has 1–3 handoff points per zone, each inside its zone', () => {
    for (const z of s.zones) {
      const points = s.handoffPoints.filter((h) => h.zoneId === z.id);
      expect(points.length, z.id).toBeGreaterThanOrEqual(1);
      expect(points.length, z.id).toBeLessThanOrEqual(3);
      for (const h of points) expect(containsPoint(z.polygon, h.location), h.id).toBe(true);
    }
  });
});

describe('the two scenarios together', () => {
  it('can be seeded into one database: no shared ids or usernames except identical commodities', () => {
    for (const key of ['districts', 'streets', 'zones', 'handoffPoints', 'depots', 'vehicles', 'staff', 'users'] as const) {
      const a = new Set(liwan[key].map((x) => x.id));
      expect(foshan[key].map((x) => x.id).filter((id) => a.has(id)), key).toEqual([]);
    }
    expect(foshan.users.map((u) => u.username).filter((n) => liwan.users.some((u) => u.username === n))).toEqual([]);
    expect(foshan.commodities).toEqual(liwan.commodities);
  });
});

describe('Liwan on 3 June 2021', () => {
  const zone = (slug: string) => liwan.zones.find((z) => z.id === `liwan-${slug}`);

  it('has the nine Fangcun streets with the Notice No.16 tiers', () => {
    expect(liwan.zones).toHaveLength(9);
    expect(liwan.zones.filter((z) => z.tier === 'sealed').map((z) => z.id).sort())
      .toEqual(['liwan-baihedong', 'liwan-dongjiao', 'liwan-zhongnan']);
    expect(liwan.zones.filter((z) => z.tier === 'controlled')).toHaveLength(6);
    expect(liwan.streets).toHaveLength(22);
  });

  it('uses the official populations and flags the rest as estimates', () => {
    expect(zone('baihedong')).toMatchObject({ population: 74442, populationEstimated: false });
    expect(zone('dongjiao')).toMatchObject({ population: 63997, populationEstimated: false });
    expect(zone('zhongnan')).toMatchObject({ population: 8300, populationEstimated: false });
    expect(zone('dongsha')).toMatchObject({ population: 37970, populationEstimated: true });
    for (const slug of ['chongkou', 'huadi', 'shiweitang', 'chajiao', 'hailong']) expect(zone(slug)?.populationEstimated).toBe(true);
  });

  it('draws the four streets of known size within 20 % of their area', () => {
    for (const [slug, km2] of [['baihedong', 3.1], ['dongjiao', 4.4], ['zhongnan', 7], ['dongsha', 5.64]] as const) {
      const area = polygonAreaM2(zone(slug)!.polygon) / 1e6;
      expect(Math.abs(area - km2) / km2, slug).toBeLessThan(0.2);
    }
  });

  it('stocks about a day for the sealed streets, with eggs short', () => {
    const sealed = liwan.zones.filter((z) => z.tier === 'sealed');
    const supply = (c: string): number => liwan.depots.reduce((t, d) => t + (d.stockKg[c] ?? 0), 0);
    const need = (c: string): number => sealed.reduce((t, z) => t + (zoneDailyDemandKg(z, liwan.commodities)[c] ?? 0), 0);
    expect(supply('eggs') / need('eggs')).toBeLessThan(0.9);
    for (const c of ['vegetables', 'meat', 'oil']) {
      expect(supply(c) / need(c), c).toBeGreaterThan(0.9);
      expect(supply(c) / need(c), c).toBeLessThan(1.1);
    }
  });

  it('has a mixed fleet and some drivers whose health check lapsed, but not driver1', () => {
    expect(liwan.vehicles.filter((v) => v.kind === 'van')).toHaveLength(14);
    expect(liwan.vehicles.filter((v) => v.kind === 'bus')).toHaveLength(6);
    const dayStart = Date.parse(`${liwan.date}T00:00:00+08:00`);
    const lapsed = liwan.staff.filter((x) => x.role === 'driver' && Date.parse(x.healthCheckValidUntil) < dayStart);
    expect(lapsed.length).toBeGreaterThanOrEqual(1);
    const van1 = liwan.vehicles.find((v) => v.id === liwan.users.find((u) => u.username === 'driver1')?.vehicleId);
    expect(lapsed.map((x) => x.id)).not.toContain(van1?.driverId);
  });

  it('has a timeline whose zone ids resolve and whose 3 June state matches the scenario', () => {
    type Step = { date: string; zones: Record<string, { tier: string | null }>; stillSealedPoints: { zoneId: string }[] };
    const timeline = JSON.parse(readFileSync(resolve(DATA_DIR, 'liwan-2021/timeline.json'), 'utf8')) as { steps: Step[] };
    const known = new Set(liwan.zones.map((z) => z.id));
    for (const step of timeline.steps) {
      for (const id of [...Object.keys(step.zones), ...step.stillSealedPoints.map((p) => p.zoneId)]) expect(known.has(id), id).toBe(true);
    }
    const june3 = timeline.steps.find((s) => s.date === liwan.date);
    for (const z of liwan.zones) expect(june3?.zones[z.id]?.tier, z.id).toBe(z.tier);
  });
});
