import { describe, expect, it } from 'vitest';
import type { Commodity, Depot, Plan, PlannedRoute, Zone, ZoneOutcome } from '../../../server/contract';
import { amapUri, geoUri } from '../driver/nav-link';
import { manifestCsv, manifestRows } from './manifest';
import { coverByZone, formatKpi, hhmm, latestSealedDate } from './plan-format';
import { planGeoJson, tripPaths } from './plan-geojson';
import { makeRefs } from './plan-refs';

const commodity = (id: string, name: string): Commodity => ({ id, name, nameEn: id, unit: 'kg', dailyRationKgPerPerson: 0.5, coldChain: false });
const zone = (id: string, sealedAt: string | null, districtId = 'liwan'): Zone => ({
  id, districtId, streetId: null, name: `区${id}`, nameEn: id, tier: 'sealed', status: 'active', population: 100, populationEstimated: false,
  households: 40, specialNeeds: { elderlyAlone: 0, infants: 0, chronicPatients: 0 },
  polygon: { type: 'Polygon', coordinates: [[[113, 23], [113.01, 23], [113.01, 23.01], [113, 23]]] }, sealedAt, liftedAt: null, updatedAt: '',
});
const depot: Depot = { id: 'd1', districtId: 'liwan', name: '仓', nameEn: 'Depot', location: [113.2, 23.1], opensAt: '06:00', closesAt: '20:00', stockKg: {} };
const route: PlannedRoute = {
  vehicleId: 'v1', driverId: 's1', distanceM: 12000,
  trips: [{
    depotId: 'd1', departS: 6 * 3600, returnS: 9 * 3600, distanceM: 12000, loadKg: 300, coldChainLoadKg: 0,
    stops: [
      { zoneId: 'a', handoffPointId: 'h1', location: [113.21, 23.11], arrivalS: 6 * 3600 + 25 * 60, departureS: 0, quantitiesKg: { rice: 100.04, oil: 0 } },
      { zoneId: 'b', handoffPointId: null, location: [113.22, 23.12], arrivalS: 7 * 3600 + 5 * 60 + 40, departureS: 0, quantitiesKg: { rice: 50, oil: 20 } },
    ],
  }],
};
const refs = makeRefs({
  zones: [zone('a', null), zone('b', null)], depots: [depot], vehicles: [],
  handoffs: [{ id: 'h1', zoneId: 'a', name: '东门, "北"', location: [113.21, 23.11] }],
  commodities: [commodity('rice', '大米'), commodity('oil', '食用油')],
});

describe('plan helpers', () => {
  it('defaults the plan date to the latest sealing, as a local day in the configured offset', () => {
    const zones = [zone('a', '2021-05-30T16:00:00.000Z'), zone('b', '2021-06-02T16:00:00.000Z'), zone('c', '2021-06-05T16:00:00.000Z', 'foshan')];
    expect(latestSealedDate(zones, 'liwan', '+08:00')).toBe('2021-06-03');
    expect(latestSealedDate(zones, undefined, '+08:00')).toBe('2021-06-06');
    // West of UTC the same instants fall on the day they are written in UTC.
    expect(latestSealedDate(zones, 'liwan', '-05:00')).toBe('2021-06-02');
    expect(latestSealedDate([zone('x', null)], undefined, '+08:00')).toBeNull();
  });

  it('formats times of day, KPIs and the worst cover per zone', () => {
    expect(hhmm(6 * 3600 + 5 * 60 + 40)).toBe('06:06');
    expect(hhmm(25 * 3600)).toBe('25:00');
    expect(formatKpi('minFillRate', 0.4567)).toBe('45.7%');
    expect(formatKpi('distanceKm', -3.21, true)).toBe('-3.2');
    expect(formatKpi('vehiclesUsed', 2, true)).toBe('+2');
    expect(formatKpi('minDaysOfCover', null)).toBe('—');
    const outcome = (zoneId: string, daysOfCover: Record<string, number | null>): ZoneOutcome =>
      ({ zoneId, demandKg: {}, deliveredKg: {}, fillRate: {}, daysOfCover, shortfalls: [] });
    const cover = coverByZone([outcome('a', { rice: 2, oil: 0.5 }), outcome('b', { rice: null })]);
    expect([...cover]).toEqual([['a', 0.5]]);
  });

  it('builds a manifest CSV with stops in order, quoted cells and used commodities only', () => {
    const rows = manifestRows(route, refs);
    expect(rows.map((r) => [r.order, r.zoneId, r.arrival])).toEqual([[1, 'a', '06:25'], [2, 'b', '07:06']]);
    const lines = manifestCsv(rows, refs).replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]!.endsWith('大米 (kg),食用油 (kg)')).toBe(true);
    expect(lines[1]).toBe('1,1,a,区a,"东门, ""北""",113.21,23.11,06:25,100,0');
    expect(lines[2]).toBe('1,2,b,区b,,113.22,23.12,07:06,50,20');
  });

  it('escapes formula-like zone and gate names in the manifest CSV, keeping numbers as numbers (issue 15)', () => {
    const evil = makeRefs({
      zones: [{ ...zone('a', null), name: '=HYPERLINK("http://x","ok")' }, { ...zone('b', null), name: '@SUM(1)' }], depots: [depot], vehicles: [],
      handoffs: [{ id: 'h1', zoneId: 'a', name: '-2+3+cmd', location: [-73.5, 23.11] }],
      commodities: [commodity('rice', '+大米'), commodity('oil', '食用油')],
    });
    const west: PlannedRoute = { ...route, trips: [{ ...route.trips[0]!, stops: route.trips[0]!.stops.map((s) => ({ ...s, location: [-73.5, s.location[1]] as [number, number] })) }] };
    const lines = manifestCsv(manifestRows(west, evil), evil).replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]!.endsWith("'+大米 (kg),食用油 (kg)")).toBe(true);
    expect(lines[1]).toBe(`1,1,a,"'=HYPERLINK(""http://x"",""ok"")",'-2+3+cmd,-73.5,23.11,06:25,100,0`);
    expect(lines[2]).toBe("1,2,b,'@SUM(1),,-73.5,23.12,07:06,50,20");
  });

  it('exports zones with outcomes and trips as depot → stops → depot LineStrings', () => {
    expect(tripPaths([route], refs)[0]!.path).toEqual([[113.2, 23.1], [113.21, 23.11], [113.22, 23.12], [113.2, 23.1]]);
    const plan = { id: 'p', version: 1, status: 'published', date: '2021-06-03', districtId: 'liwan', kpis: null, result: {
      routes: [route], excludedVehicles: [], supplyLimits: [], kpis: null,
      zones: [{ zoneId: 'a', demandKg: { rice: 50 }, deliveredKg: { rice: 100 }, fillRate: { rice: 1 }, daysOfCover: { rice: 2 }, shortfalls: [] }],
    } } as unknown as Plan;
    const geo = planGeoJson(plan, refs);
    expect(geo.features.map((f) => f.geometry.type)).toEqual(['Polygon', 'LineString']);
    expect(geo.features[0]!.properties).toMatchObject({ zoneId: 'a', minDaysOfCover: 2 });
    expect(geo.features[1]!.properties).toMatchObject({ vehicleId: 'v1', trip: 1, stops: ['a', 'b'] });
  });

  it('navigation links carry WGS-84 lat,lng (geo:) and lng,lat with coordinate=wgs84 (Amap)', () => {
    expect(geoUri([113.25, 23.125], '东门')).toBe('geo:23.125000,113.250000?q=23.125000,113.250000(%E4%B8%9C%E9%97%A8)');
    const amap = new URL(amapUri([113.25, 23.125], 'gate'));
    expect(amap.searchParams.get('position')).toBe('113.250000,23.125000');
    expect(amap.searchParams.get('coordinate')).toBe('wgs84');
  });
});
