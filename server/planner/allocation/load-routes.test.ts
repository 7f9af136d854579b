import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadRoutes, type LoadRoutesInput } from './load-routes';
import { loadRoutesMaxMinByLp } from './load-routes-lp';

const COMMODITIES = [
  { id: 'veg', coldChain: false },
  { id: 'eggs', coldChain: false },
  { id: 'meat', coldChain: true },
];

const sum = (xs: number[]) => xs.reduce((s, x) => s + x, 0);

describe('loadRoutes: golden cases', () => {
  it('shares one van fairly: 320 kg wanted, 150 kg fit, so t = 150/320 everywhere and the van leaves full', () => {
    const input: LoadRoutesInput = {
      commodities: COMMODITIES,
      depots: [{ id: 'A', stockKg: { veg: 1000, eggs: 100 } }],
      zones: [
        { id: 'z1', weight: 1, demandKg: { veg: 100, eggs: 60 } },
        { id: 'z2', weight: 1, demandKg: { veg: 100, eggs: 60 } },
      ],
      trips: [{ id: 'T1', depotId: 'A', capacityKg: 150, coldChainKg: 0, stopZoneIds: ['z1', 'z2'] }],
    };
    const r = loadRoutes(input);
    expect(r.minLevel).toBeCloseTo(150 / 320, 7);
    for (const f of r.fills) expect(f.fillRate).toBeCloseTo(150 / 320, 6);
    expect(r.deliveredKg).toBeCloseTo(150, 6);
    expect(r.limits).toContainEqual({ kind: 'saturated', tripIds: ['T1'], depotStocks: [] });
  });

  it('splits a zone over two trips and names what no van can bring', () => {
    const input: LoadRoutesInput = {
      commodities: COMMODITIES,
      depots: [{ id: 'A', stockKg: { veg: 500, eggs: 10, meat: 50 } }],
      zones: [
        { id: 'big', weight: 1.5, demandKg: { veg: 300, eggs: 20, meat: 40 } },
        { id: 'small', weight: 1, demandKg: { veg: 50 } },
        { id: 'off', weight: 1, demandKg: { veg: 50 } },
      ],
      trips: [
        { id: 'T1', depotId: 'A', capacityKg: 200, coldChainKg: 0, stopZoneIds: ['big'] },
        { id: 'T2', depotId: 'A', capacityKg: 200, coldChainKg: 0, stopZoneIds: ['small', 'big'] },
      ],
    };
    const r = loadRoutes(input);
    const got = (zoneId: string, c: string) => r.fills.find((f) => f.zoneId === zoneId && f.commodityId === c)!.deliveredKg;
    // Capacity 400 kg covers veg 350 + eggs 10 (all the stock): everyone served is full but eggs.
    expect(got('big', 'veg')).toBeCloseTo(300, 6);
    expect(got('small', 'veg')).toBeCloseTo(50, 6);
    expect(got('big', 'eggs')).toBeCloseTo(10, 6);
    expect(sum(r.loads.filter((l) => l.zoneId === 'big' && l.commodityId === 'veg').map((l) => l.kg))).toBeCloseTo(300, 6);
    expect(r.limits).toContainEqual({ kind: 'not-on-any-trip', zoneIds: ['off'] });
    expect(r.limits).toContainEqual({ kind: 'no-cold-chain-on-visiting-trips', commodityId: 'meat', zoneIds: ['big'] });
    // 360 kg over two 200 kg vans: which van, if any, is full depends on the split.
    expect(r.limits).toContainEqual(expect.objectContaining({ kind: 'saturated', depotStocks: [{ depotId: 'A', commodityId: 'eggs' }] }));
    expect(r.minFillRate).toBeCloseTo(0.5, 6);
  });
});

describe('loadRoutes: a zone served from two depots', () => {
  it('shares its demand by the planned flows, then fills each share from its own depot', () => {
    const input: LoadRoutesInput = {
      commodities: COMMODITIES,
      depots: [
        { id: 'A', stockKg: { veg: 1000 } },
        { id: 'B', stockKg: { veg: 10 } },
      ],
      zones: [{ id: 'z', weight: 1, demandKg: { veg: 100 } }],
      trips: [
        { id: 'TA', depotId: 'A', capacityKg: 500, coldChainKg: 0, stopZoneIds: ['z'] },
        { id: 'TB', depotId: 'B', capacityKg: 500, coldChainKg: 0, stopZoneIds: ['z'] },
      ],
    };
    const plannedKg = [
      { depotId: 'A', zoneId: 'z', commodityId: 'veg', kg: 75 },
      { depotId: 'B', zoneId: 'z', commodityId: 'veg', kg: 25 },
    ];
    const r = loadRoutes(input, { plannedKg });
    const on = (tripId: string) => sum(r.loads.filter((l) => l.tripId === tripId).map((l) => l.kg));
    expect(on('TA')).toBeCloseTo(75, 9);
    expect(on('TB')).toBeCloseTo(10, 9);
    // Without a plan the halves are equal.
    expect(loadRoutes(input).loads.find((l) => l.tripId === 'TA')!.kg).toBeCloseTo(50, 9);
  });
});

interface RandomCase {
  input: LoadRoutesInput;
  /** Each zone is on at most one trip: the max-min then has a closed form to check against. */
  simple: boolean;
}

const randomCase: fc.Arbitrary<RandomCase> = fc
  .record({
    depots: fc.array(fc.tuple(fc.nat(300), fc.nat(60), fc.nat(80)), { minLength: 1, maxLength: 2 }),
    zones: fc.array(fc.record({ demand: fc.tuple(fc.nat(120), fc.nat(30), fc.nat(40)), weight: fc.constantFrom(1, 1.3, 2) }), {
      minLength: 1,
      maxLength: 6,
    }),
    trips: fc.array(fc.record({ depot: fc.nat(1), cap: fc.nat(300), cold: fc.constantFrom(0, 30, 100), stops: fc.array(fc.nat(5), { maxLength: 4 }) }), {
      minLength: 1,
      maxLength: 4,
    }),
  })
  .map(({ depots, zones, trips }) => {
    const seen = new Set<number>();
    let simple = true;
    const input: LoadRoutesInput = {
      commodities: COMMODITIES,
      depots: depots.map(([veg, eggs, meat], i) => ({ id: `d${i}`, stockKg: { veg, eggs, meat } })),
      zones: zones.map((z, i) => ({ id: `z${i}`, weight: z.weight, demandKg: { veg: z.demand[0], eggs: z.demand[1], meat: z.demand[2] } })),
      trips: trips.map((t, i) => {
        const stops = [...new Set(t.stops.filter((s) => s < zones.length))];
        for (const s of stops) {
          if (seen.has(s)) simple = false;
          seen.add(s);
        }
        return { id: `t${i}`, depotId: `d${Math.min(t.depot, depots.length - 1)}`, capacityKg: t.cap, coldChainKg: t.cold, stopZoneIds: stops.map((s) => `z${s}`) };
      }),
    };
    return { input, simple };
  });

/** max t by bisection when each zone is on one trip: then each pair's load is its own. */
function maxMinBySearch(input: LoadRoutesInput, served: { trip: number; zone: number; c: number }[]): number {
  const feasible = (t: number) => {
    const use = new Map<string, number>();
    const add = (key: string, kg: number) => use.set(key, (use.get(key) ?? 0) + kg);
    for (const p of served) {
      const zone = input.zones[p.zone]!;
      const c = input.commodities[p.c]!;
      const need = Math.max(0, zone.demandKg[c.id]! * (1 - (1 - t) / zone.weight));
      const trip = input.trips[p.trip]!;
      add(`k${p.trip}`, need);
      if (c.coldChain) add(`c${p.trip}`, need);
      add(`s${trip.depotId}|${c.id}`, need);
    }
    return [...use].every(([key, kg]) => {
      const limit = key.startsWith('k')
        ? input.trips[Number(key.slice(1))]!.capacityKg
        : key.startsWith('c')
          ? input.trips[Number(key.slice(1))]!.coldChainKg
          : input.depots.find((d) => d.id === key.slice(1).split('|')[0])!.stockKg[key.split('|')[1]!]!;
      return kg <= limit + 1e-12;
    });
  };
  let lo = -2;
  let hi = 1;
  if (feasible(hi)) return hi;
  for (let i = 0; i < 100; i++) {
    const mid = (lo + hi) / 2;
    if (feasible(mid)) lo = mid;
    else hi = mid;
  }
  return lo;
}

describe('loadRoutes: properties', () => {
  it('never overloads a van, a cold box, a depot or a zone; matches the max-min; leaves nothing deliverable behind', () => {
    fc.assert(
      fc.property(randomCase, ({ input, simple }) => {
        const r = loadRoutes(input);
        const tripOf = new Map(input.trips.map((t) => [t.id, t]));
        for (const t of input.trips) {
          const loads = r.loads.filter((l) => l.tripId === t.id);
          expect(sum(loads.map((l) => l.kg))).toBeLessThanOrEqual(t.capacityKg + 1e-9);
          expect(sum(loads.filter((l) => l.commodityId === 'meat').map((l) => l.kg))).toBeLessThanOrEqual(t.coldChainKg + 1e-9);
          for (const l of loads) expect(t.stopZoneIds[l.stopIndex]).toBe(l.zoneId);
        }
        for (const d of input.depots) {
          for (const c of COMMODITIES) {
            const shipped = sum(r.loads.filter((l) => l.commodityId === c.id && tripOf.get(l.tripId)!.depotId === d.id).map((l) => l.kg));
            expect(shipped).toBeLessThanOrEqual(d.stockKg[c.id]! + 1e-9);
          }
        }
        for (const f of r.fills) expect(f.deliveredKg).toBeLessThanOrEqual(f.demandKg + 1e-9);
        if (!simple) return;
        const served: { trip: number; zone: number; c: number }[] = [];
        input.trips.forEach((t, trip) =>
          t.stopZoneIds.forEach((zoneId) => {
            const zone = Number(zoneId.slice(1));
            COMMODITIES.forEach((c, ci) => {
              const ok = input.zones[zone]!.demandKg[c.id]! > 0 && t.capacityKg > 0 && (!c.coldChain || t.coldChainKg > 0);
              if (ok && input.depots.find((d) => d.id === t.depotId)!.stockKg[c.id]! > 0) served.push({ trip, zone, c: ci });
            });
          }),
        );
        if (served.length === 0) return;
        expect(Math.abs(r.minLevel - maxMinBySearch(input, served))).toBeLessThanOrEqual(1e-6);
        // Max delivered: a pair short of demand must be stopped by a full van, cold box or stock.
        const used = (pred: (l: { tripId: string; commodityId: string }) => boolean) => sum(r.loads.filter(pred).map((l) => l.kg));
        for (const p of served) {
          const trip = input.trips[p.trip]!;
          const c = COMMODITIES[p.c]!;
          const zone = input.zones[p.zone]!;
          const fill = r.fills.find((f) => f.zoneId === zone.id && f.commodityId === c.id)!;
          if (fill.deliveredKg >= fill.demandKg - 1e-6) continue;
          const vanFull = used((l) => l.tripId === trip.id) >= trip.capacityKg - 1e-6;
          const coldFull = c.coldChain && used((l) => l.tripId === trip.id && l.commodityId === 'meat') >= trip.coldChainKg - 1e-6;
          const stockOut =
            used((l) => l.commodityId === c.id && tripOf.get(l.tripId)!.depotId === trip.depotId) >=
            input.depots.find((d) => d.id === trip.depotId)!.stockKg[c.id]! - 1e-6;
          expect(vanFull || coldFull || stockOut).toBe(true);
        }
      }),
      { numRuns: 150, seed: 42 },
    );
  });

  it('finds the same max-min as the full LP in javascript-lp-solver, zones split over trips included', () => {
    fc.assert(
      fc.property(randomCase, ({ input }) => {
        // A zone-commodity brought from two depots is shared out first, which the plain LP does not do.
        const depotsOf = new Map<string, Set<string>>();
        for (const t of input.trips) for (const z of t.stopZoneIds) depotsOf.set(z, (depotsOf.get(z) ?? new Set()).add(t.depotId));
        fc.pre([...depotsOf.values()].every((s) => s.size === 1));
        expect(Math.abs(loadRoutes(input).minLevel - loadRoutesMaxMinByLp(input))).toBeLessThanOrEqual(1e-6);
      }),
      { numRuns: 200, seed: 7 },
    );
  });
});

describe('loadRoutes: rounding at scale', () => {
  it('finishes when gram-size pieces sit beside tens of kg on full trips (frozen amounts overshoot by rounding)', async () => {
    // Found by the plan's fairness property test: one depot's reload, with gaps of a third of a gram
    // next to 500 kg, made the leximin stop with "no progress" once the trips were full.
    const input = (await import('./fixtures/load-rounding.json')).default as LoadRoutesInput;
    const r = loadRoutes(input);
    expect(Math.abs(r.minLevel - loadRoutesMaxMinByLp(input))).toBeLessThanOrEqual(1e-6);
    const onTrip = new Map<string, number>();
    for (const l of r.loads) onTrip.set(l.tripId, (onTrip.get(l.tripId) ?? 0) + l.kg);
    for (const t of input.trips) expect(onTrip.get(t.id) ?? 0).toBeLessThanOrEqual(t.capacityKg + 1e-9);
  });
});
