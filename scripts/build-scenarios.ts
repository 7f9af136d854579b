// Builds data/liwan-2021/scenario.json, data/liwan-2021/timeline.json and data/foshan-2021/scenario.json
// from the fact tables beside them. Run: npx tsx scripts/build-scenarios.ts
import { writeFileSync } from 'node:fs';
import { HOUSEHOLD_STOCK_DAYS, SUPPLY_CHANNELS } from '../data/liwan-2021/supply-channels-input';
import { SUPPLIERS } from '../data/liwan-2021/suppliers-input';
import { resolve } from 'node:path';
import type { HandoffPoint, LngLat, PolygonGeometry, Staff, Vehicle } from '../server/contract';
import type { Scenario, ScenarioUser } from '../server/domain/scenario';
import { containsPoint, polygonAreaM2, representativePoint } from '../server/domain/geo';
import { validatePolygon } from '../server/domain/geo-validate';
import { tessellate } from '../server/domain/tessellate';
import { COMMODITIES, PERSONS_PER_HOUSEHOLD, SPECIAL_NEEDS_SHARE, localEndOfDayUtc, localMidnightUtc } from '../data/shared-input';
import * as lw from '../data/liwan-2021/build-input';
import * as fs from '../data/foshan-2021/build-input';
import { LEVEL_TO_TIER, SUPPLY_EVENTS, TIMELINE_STEPS } from '../data/liwan-2021/timeline-input';

const slug = (pinyin: string): string => `liwan-${pinyin.toLowerCase()}`;
const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

function people(population: number) {
  return {
    households: Math.round(population / PERSONS_PER_HOUSEHOLD),
    specialNeeds: {
      elderlyAlone: Math.round(population * SPECIAL_NEEDS_SHARE.elderlyAlone),
      infants: Math.round(population * SPECIAL_NEEDS_SHARE.infants),
      chronicPatients: Math.round(population * SPECIAL_NEEDS_SHARE.chronicPatients),
    },
  };
}

/** Moves a gate toward the zone's inner point until it is inside: the offsets are only a sketch. */
function gateInside(polygon: PolygonGeometry, centre: LngLat, dLng: number, dLat: number): LngLat {
  const r5 = (x: number): number => Math.round(x * 1e5) / 1e5;
  const anchor = containsPoint(polygon, centre) ? centre : representativePoint(polygon);
  for (let f = 1; f > 0.05; f *= 0.7) {
    const p: LngLat = [r5(anchor[0] + dLng * f), r5(anchor[1] + dLat * f)];
    if (containsPoint(polygon, p)) return p;
  }
  return anchor;
}

function handoffs(zoneId: string, polygon: PolygonGeometry, centre: LngLat, specs: [string, number, number][]): HandoffPoint[] {
  return specs.map(([name, dLng, dLat], i) => ({
    id: `${zoneId}-gate-${i + 1}`, zoneId, name, location: gateInside(polygon, centre, dLng, dLat),
  }));
}

function driver(prefix: string, i: number, name: string, vehicleId: string, districtId: string, lapsed: boolean): Staff {
  return {
    id: `${prefix.toLowerCase()}-drv-${pad(i)}`, name, role: 'driver', passNumber: `${prefix}-2021-${pad(i, 4)}`,
    healthCheckValidUntil: localEndOfDayUtc(lapsed ? '2021-06-01' : '2021-06-05'), vehicleId, districtId,
  };
}

function buildLiwan(): Scenario {
  const polygons = tessellate(
    lw.ZONES.map((z) => ({ id: slug(z.pinyin), centre: z.centre, targetAreaM2: z.targetAreaKm2 * 1e6 })),
    lw.FANGCUN_OUTLINE,
  );
  const streetId = (pinyin: string): string => `liwan-street-${pinyin.toLowerCase()}`;
  const zones: Scenario['zones'] = [];
  const handoffPoints: HandoffPoint[] = [];
  for (const z of lw.ZONES) {
    const id = slug(z.pinyin);
    const polygon = polygons.get(id) as PolygonGeometry;
    const street = lw.STREETS.find((s) => s[2] === z.pinyin);
    zones.push({
      id, districtId: 'liwan', streetId: streetId(z.pinyin), name: street?.[1] ?? z.pinyin, nameEn: z.pinyin,
      tier: z.tier, status: 'active', population: z.population, populationEstimated: z.populationEstimated,
      ...people(z.population), polygon, sealedAt: localMidnightUtc(z.lockedSince), liftedAt: null,
    });
    handoffPoints.push(...handoffs(id, polygon, z.centre, z.handoffs));
  }
  const vehicles: Vehicle[] = [];
  const staff: Staff[] = [];
  lw.VAN_HOME_DEPOTS.forEach((homeDepotId, k) => {
    const n = k + 1;
    vehicles.push({
      id: `lw-van-${pad(n)}`, name: `保供车 LW-${pad(n)}`, kind: 'van', homeDepotId, districtId: 'liwan', capacityKg: 1500,
      coldChainKg: lw.VAN_COLD_CHAIN_KG[k] ?? 0, shiftStart: n % 2 ? '06:00' : '07:00', shiftEnd: n % 2 ? '18:00' : '19:00',
      driverId: `lw-drv-${pad(n)}`,
    });
  });
  for (let b = 1; b <= 6; b += 1) {
    const n = lw.VAN_HOME_DEPOTS.length + b;
    vehicles.push({
      id: `lw-bus-${pad(b)}`, name: `公交超市 ${b}号`, kind: 'bus', homeDepotId: b <= 3 ? 'liwan-lilang-market' : 'gz-jiangnan-market',
      districtId: 'liwan', capacityKg: 3000, coldChainKg: 0, shiftStart: '08:00', shiftEnd: '18:00', driverId: `lw-drv-${pad(n)}`,
    });
  }
  vehicles.forEach((v, k) => {
    staff.push(driver('LW', k + 1, lw.DRIVER_NAMES[k] ?? `司机${k + 1}`, v.id, 'liwan', lw.LAPSED_DRIVERS.includes(k + 1)));
  });
  lw.HANDOFF_WORKER_NAMES.forEach((name, k) => staff.push({
    id: `lw-hw-${pad(k + 1)}`, name, role: 'handoff_worker', passNumber: `LW-2021-${pad(101 + k, 4)}`,
    healthCheckValidUntil: localEndOfDayUtc('2021-06-05'), vehicleId: null, districtId: 'liwan',
  }));
  const users: ScenarioUser[] = [
    { id: 'u-coord', username: 'coord', displayName: '市保供专班 协调员', role: 'coordinator', districtId: null, vehicleId: null, password: 'coord123' },
    { id: 'u-liwan', username: 'liwan', displayName: '荔湾区保供专班', role: 'district_official', districtId: 'liwan', vehicleId: null, password: 'liwan123' },
    // One login per van: driver1 … driver20 (password driver123), in vehicle order, so the simulator
    // can drive every van of a published plan; driver1 stays on lw-van-01.
    ...vehicles.map((v, k): ScenarioUser => ({
      id: `u-driver${k + 1}`, username: `driver${k + 1}`, displayName: lw.DRIVER_NAMES[k] ?? `driver${k + 1}`, role: 'driver',
      districtId: 'liwan', vehicleId: v.id, password: 'driver123',
    })),
  ];
  return {
    id: 'liwan-2021', name: '广州荔湾 2021年6月3日 (第16号通告)', nameEn: 'Guangzhou Liwan, 3 June 2021 (Notice No.16)',
    date: '2021-06-03', districts: [lw.DISTRICT],
    streets: lw.STREETS.map(([code, name, pinyin]) => ({ id: streetId(pinyin), districtId: 'liwan', name, nameEn: pinyin, statsCode: code })),
    zones, handoffPoints, commodities: COMMODITIES, depots: lw.DEPOTS, vehicles, staff, users,
    supplyChannels: SUPPLY_CHANNELS, householdStockDays: HOUSEHOLD_STOCK_DAYS, suppliers: SUPPLIERS,
  };
}

function buildFoshan(): Scenario {
  const outline: PolygonGeometry = { type: 'Polygon', coordinates: [[[113.05, 22.95], [113.26, 22.95], [113.26, 23.15], [113.05, 23.15], [113.05, 22.95]]] };
  const polygons = tessellate(fs.ZONES.map((z) => ({ id: z.id, centre: z.centre, targetAreaM2: z.areaKm2 * 1e6 })), outline);
  const zones: Scenario['zones'] = [];
  const handoffPoints: HandoffPoint[] = [];
  for (const z of fs.ZONES) {
    const polygon = polygons.get(z.id) as PolygonGeometry;
    zones.push({
      id: z.id, districtId: z.districtId, streetId: z.streetId, name: z.name, nameEn: z.nameEn, tier: z.tier, status: 'active',
      population: z.population, populationEstimated: true, ...people(z.population), polygon,
      sealedAt: localMidnightUtc('2021-06-01'), liftedAt: null,
    });
    handoffPoints.push(...handoffs(z.id, polygon, z.centre, z.handoffs));
  }
  const vehicles: Vehicle[] = fs.DRIVER_NAMES.map((_, k) => ({
    id: `fs-van-${pad(k + 1)}`, name: `保供车 FS-${pad(k + 1)}`, kind: 'van',
    homeDepotId: k < 2 ? 'foshan-chancheng-depot' : 'foshan-nanhai-depot', districtId: k < 2 ? 'foshan-chancheng' : 'foshan-nanhai',
    capacityKg: 1500, coldChainKg: k % 2 ? 0 : 400, shiftStart: '07:00', shiftEnd: '19:00', driverId: `fs-drv-${pad(k + 1)}`,
  }));
  const staff = vehicles.map((v, k) => driver('FS', k + 1, fs.DRIVER_NAMES[k] ?? `司机${k + 1}`, v.id, v.districtId ?? '', false));
  const users: ScenarioUser[] = [
    { id: 'u-coord-fs', username: 'coord-fs', displayName: '佛山市保供专班 协调员', role: 'coordinator', districtId: null, vehicleId: null, password: 'coord123' },
    { id: 'u-foshan', username: 'foshan', displayName: '南海区保供专班', role: 'district_official', districtId: 'foshan-nanhai', vehicleId: null, password: 'foshan123' },
    { id: 'u-chancheng', username: 'chancheng', displayName: '禅城区保供专班', role: 'district_official', districtId: 'foshan-chancheng', vehicleId: null, password: 'chancheng123' },
  ];
  return {
    id: 'foshan-2021', name: '佛山 2021年6月1日', nameEn: 'Foshan, 1 June 2021', date: '2021-06-01',
    districts: fs.DISTRICTS, streets: fs.STREETS.map((s) => ({ ...s, statsCode: null })), zones, handoffPoints,
    commodities: COMMODITIES, depots: fs.DEPOTS, vehicles, staff, users,
  };
}

function buildTimeline() {
  return {
    about: 'Control levels of the nine Fangcun streets, May-June 2021, mapped to this app\'s zone ids and tiers. '
      + 'Each step is the full state from that day (00:00 +08:00): zones not listed are unrestricted.',
    levelToTier: { ...LEVEL_TO_TIER, traffic_restored: null },
    steps: TIMELINE_STEPS.map((s) => ({
      date: s.date, effectiveAt: localMidnightUtc(s.date), notice: s.notice, source: s.source,
      zones: Object.fromEntries(Object.entries(s.levels).map(([p, level]) => [slug(p), {
        tier: s.lifted ? null : LEVEL_TO_TIER[level] ?? null, status: s.lifted ? 'lifted' : 'active', level,
      }])),
      stillSealedPoints: (s.stillSealedPoints ?? []).map(([p, name]) => ({ zoneId: slug(p), name })),
      ...(s.note ? { note: s.note } : {}),
    })),
    supplyEvents: SUPPLY_EVENTS.map((e) => ({ ...e, zones: e.zones.map(slug) })),
  };
}

function check(s: Scenario): void {
  for (const z of s.zones) {
    const problems = validatePolygon(z.polygon, { path: `${z.id}.polygon` });
    if (problems.length) throw new Error(problems.map((p) => `${p.path}: ${p.message}`).join('\n'));
    const ring = z.polygon.coordinates[0] ?? [];
    console.log(`${z.id.padEnd(28)} ${z.tier.padEnd(11)} pop ${String(z.population).padStart(6)}  ${(polygonAreaM2(z.polygon) / 1e6).toFixed(2)} km²  ${ring.length - 1} vertices`);
  }
}

/** Two-space JSON with number arrays ([lng, lat], bbox) on one line, so polygons stay readable in diffs. */
function toJson(x: unknown): string {
  const numberArray = /\[\s+(-?[\d.e+-]+(?:,\s+-?[\d.e+-]+)*)\s+\]/g;
  return `${JSON.stringify(x, null, 2).replace(numberArray, (_, body: string) => `[${body.split(/,\s+/).join(', ')}]`)}\n`;
}

const root = resolve(import.meta.dirname, '..');
const liwan = buildLiwan();
const foshan = buildFoshan();
check(liwan);
check(foshan);
writeFileSync(resolve(root, 'data/liwan-2021/scenario.json'), toJson(liwan));
writeFileSync(resolve(root, 'data/liwan-2021/timeline.json'), toJson(buildTimeline()));
writeFileSync(resolve(root, 'data/foshan-2021/scenario.json'), toJson(foshan));
console.log('wrote data/liwan-2021/scenario.json, data/liwan-2021/timeline.json, data/foshan-2021/scenario.json');
