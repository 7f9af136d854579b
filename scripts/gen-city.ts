/**
 * Seeded synthetic lockdown city around Guangzhou, for benchmarks (allocation, whole plan).
 * Plain data only: zones (polygon, centroid, population, tier, special needs, weight, demand),
 * depots (stock, scarce by `supplyRatio`), vans (home depot, kg and cold-chain kg, shift).
 * The same options and seed always give the same city.
 *
 * CLI: tsx scripts/gen-city.ts --zones 2000 --depots 20 --vehicles 120 --seed 7 > city.json
 */
import { pathToFileURL } from 'node:url';

export type LngLat = [number, number];
export type CityTier = 'sealed' | 'controlled' | 'precaution';

export interface CityCommodity {
  id: string;
  name: string;
  nameEn: string;
  /** Chinese Dietary Guidelines 2022 daily ration per person. */
  rationKgPerPersonDay: number;
  coldChain: boolean;
}

export interface CityZone {
  id: string;
  name: string;
  district: string;
  tier: CityTier;
  /** Closed ring, [lng, lat]. */
  polygon: LngLat[];
  centroid: LngLat;
  population: number;
  households: number;
  specialNeeds: { elderlyAlone: number; infants: number; chronicPatients: number };
  /** Allocation priority: tier weight × (1 + special-needs share), the rule of server/domain/priority. */
  weight: number;
  demandKg: Record<string, number>;
}

export interface CityDepot {
  id: string;
  name: string;
  location: LngLat;
  stockKg: Record<string, number>;
}

export interface CityVehicle {
  id: string;
  homeDepotId: string;
  capacityKg: number;
  coldChainKg: number;
  shiftStartS: number;
  shiftEndS: number;
  driverCleared: boolean;
}

export interface City {
  centre: LngLat;
  days: number;
  commodities: CityCommodity[];
  zones: CityZone[];
  depots: CityDepot[];
  vehicles: CityVehicle[];
}

export interface CityOptions {
  zones: number;
  depots: number;
  /** Default: one van per 40 zones, at least one per depot. */
  vehicles?: number;
  seed?: number;
  /** Total stock ÷ total demand, per commodity (default 0.85: scarce). */
  supplyRatio?: number;
  /** Days until the next resupply (default 3). */
  days?: number;
}

export const GUANGZHOU: LngLat = [113.2644, 23.1291];

export const DEFAULT_COMMODITIES: CityCommodity[] = [
  { id: 'vegetables', name: '蔬菜', nameEn: 'Vegetables', rationKgPerPersonDay: 0.4, coldChain: false },
  { id: 'eggs', name: '鸡蛋', nameEn: 'Eggs', rationKgPerPersonDay: 0.05, coldChain: false },
  { id: 'meat', name: '肉类', nameEn: 'Meat', rationKgPerPersonDay: 0.075, coldChain: true },
  { id: 'oil', name: '食用油', nameEn: 'Cooking oil', rationKgPerPersonDay: 0.03, coldChain: false },
];

const TIER_WEIGHT: Record<CityTier, number> = { sealed: 1.5, controlled: 1.2, precaution: 1 };
const KM_PER_DEG_LAT = 111.32;
const KM_PER_DEG_LNG = KM_PER_DEG_LAT * Math.cos((GUANGZHOU[1] * Math.PI) / 180);

export function generateCity(options: CityOptions): City {
  const rng = mulberry32(options.seed ?? 1);
  const days = options.days ?? 3;
  const supplyRatio = options.supplyRatio ?? 0.85;
  const commodities = DEFAULT_COMMODITIES.map((c) => ({ ...c }));
  // Density of a dense Chinese city: ~0.25 km² per residential compound, in districts.
  const sideKm = Math.max(3, Math.sqrt(options.zones * 0.25));
  const districtCount = Math.max(1, Math.round(Math.sqrt(options.zones) / 4));
  const districts = Array.from({ length: districtCount }, (_, i) => ({
    name: `D${String(i + 1).padStart(2, '0')}`,
    x: (rng() - 0.5) * sideKm,
    y: (rng() - 0.5) * sideKm,
    spreadKm: sideKm / Math.sqrt(districtCount) / 2,
    // Outbreaks are local: some districts are mostly sealed.
    sealedShare: rng() < 0.3 ? 0.7 : 0.15,
  }));
  const toLngLat = (xKm: number, yKm: number): LngLat => [
    round6(GUANGZHOU[0] + xKm / KM_PER_DEG_LNG),
    round6(GUANGZHOU[1] + yKm / KM_PER_DEG_LAT),
  ];

  const zones: CityZone[] = [];
  for (let i = 0; i < options.zones; i++) {
    const district = districts[Math.floor(rng() * districtCount)]!;
    const x = district.x + gaussian(rng) * district.spreadKm;
    const y = district.y + gaussian(rng) * district.spreadKm;
    const population = Math.round(300 + Math.exp(7 + gaussian(rng) * 0.6));
    const roll = rng();
    const tier: CityTier = roll < district.sealedShare ? 'sealed' : roll < district.sealedShare + 0.3 ? 'controlled' : 'precaution';
    const specialNeeds = {
      elderlyAlone: Math.round(population * (0.01 + 0.05 * rng())),
      infants: Math.round(population * (0.005 + 0.02 * rng())),
      chronicPatients: Math.round(population * (0.03 + 0.1 * rng())),
    };
    const share = Math.min(1, (specialNeeds.elderlyAlone + specialNeeds.infants + specialNeeds.chronicPatients) / population);
    const halfKm = 0.1 + 0.15 * rng();
    const polygon = [
      toLngLat(x - halfKm, y - halfKm),
      toLngLat(x + halfKm, y - halfKm),
      toLngLat(x + halfKm, y + halfKm),
      toLngLat(x - halfKm, y + halfKm),
      toLngLat(x - halfKm, y - halfKm),
    ];
    zones.push({
      id: `Z${String(i + 1).padStart(5, '0')}`,
      name: `${district.name}-${i + 1}`,
      district: district.name,
      tier,
      polygon,
      centroid: toLngLat(x, y),
      population,
      households: Math.round(population / 2.8),
      specialNeeds,
      weight: round6(TIER_WEIGHT[tier] * (1 + share)),
      demandKg: Object.fromEntries(commodities.map((c) => [c.id, round3(population * c.rationKgPerPersonDay * days)])),
    });
  }

  const depots: CityDepot[] = Array.from({ length: options.depots }, (_, i) => {
    // Wholesale markets and warehouses sit near, not in, the districts.
    const district = districts[i % districtCount]!;
    const x = district.x + gaussian(rng) * district.spreadKm * 1.5;
    const y = district.y + gaussian(rng) * district.spreadKm * 1.5;
    return { id: `P${String(i + 1).padStart(3, '0')}`, name: `Depot ${i + 1}`, location: toLngLat(x, y), stockKg: {} };
  });
  for (const c of commodities) {
    const total = zones.reduce((s, z) => s + z.demandKg[c.id]!, 0) * supplyRatio;
    // Uneven shares; about one depot in ten lacks the commodity altogether.
    const shares: number[] = depots.map(() => (rng() < 0.1 ? 0 : 0.3 + rng()));
    if (!shares.some((s) => s > 0)) shares[0] = 1;
    const sum = shares.reduce((s, x) => s + x, 0);
    depots.forEach((d, i) => (d.stockKg[c.id] = round3((total * shares[i]!) / sum)));
  }

  const vehicleCount = options.vehicles ?? Math.max(options.depots, Math.round(options.zones / 40));
  const vehicles: CityVehicle[] = Array.from({ length: vehicleCount }, (_, i) => {
    const refrigerated = rng() < 0.4;
    const capacityKg = [1500, 2500, 4000][Math.floor(rng() * 3)]!;
    const early = rng() < 0.5;
    return {
      id: `V${String(i + 1).padStart(4, '0')}`,
      homeDepotId: depots[i % depots.length]!.id,
      capacityKg,
      coldChainKg: refrigerated ? Math.round(capacityKg * 0.4) : 0,
      shiftStartS: early ? 6 * 3600 : 8 * 3600,
      shiftEndS: early ? 14 * 3600 : 18 * 3600,
      driverCleared: rng() >= 0.05,
    };
  });
  return { centre: GUANGZHOU, days, commodities, zones, depots, vehicles };
}

/** Straight-line metres on the sphere times a road detour factor. */
export function haversineM(a: readonly [number, number], b: readonly [number, number], detourFactor = 1.3): number {
  const rad = Math.PI / 180;
  const dLat = (b[1] - a[1]) * rad;
  const dLng = (b[0] - a[0]) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a[1] * rad) * Math.cos(b[1] * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * 6_371_008.8 * Math.asin(Math.min(1, Math.sqrt(h))) * detourFactor;
}

/** A small seeded generator: same seed, same city (and the same replay failures). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function gaussian(rng: () => number): number {
  const u = Math.max(rng(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng());
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;
const round6 = (x: number) => Math.round(x * 1e6) / 1e6;

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const arg = (name: string) => {
    const i = process.argv.indexOf(`--${name}`);
    return i >= 0 ? Number(process.argv[i + 1]) : undefined;
  };
  const city = generateCity({ zones: arg('zones') ?? 200, depots: arg('depots') ?? 10, vehicles: arg('vehicles'), seed: arg('seed') ?? 1 });
  process.stdout.write(`${JSON.stringify(city)}\n`);
}
