/**
 * npx tsx scripts/tune-routing.ts [--iterations N] [--seeds 1,2] [--temperatures 0.1,0.3,1,3] [--split-stops 0.01,0.1,0.5]
 *
 * How the routing solver's global defaults (DEFAULT_PARAMS in server/planner/routing/search.ts)
 * are chosen: on seeded random CVRP instances generated here, never on the CVRPLIB benchmark
 * instances that `npm run bench:routing` reports (project rule: benchmarks measure general
 * ability, nothing is tuned to a named instance).
 *
 * Instances follow the X generator of Uchoa et al. (2017): a 1000 x 1000 integer grid, depot
 * central, eccentric or random, customers random, clustered or half of each, demands unitary or
 * from a small or large range, and a capacity set so that a route holds about r customers,
 * r in 5..25. The instance seeds below were picked once, before any run, and mean nothing.
 *
 * Every candidate runs with a fixed iteration budget, not a time limit, so the load from other
 * work on the machine changes how long this takes but not the costs. Costs are reported as % above
 * the best cost any run found on that instance, averaged over solver seeds and instances.
 */
import { parseArgs } from 'node:util';
import { cvrpToProblem, DEFAULT_PARAMS, solveRouting, type CvrpInstance, type SearchParams } from '../server/planner/routing';
import { Rng } from '../server/planner/routing/rng';
import { checkCvrp } from './cvrplib';

type DepotType = 'central' | 'eccentric' | 'random';
type CustomerType = 'random' | 'clustered' | 'mixed';
type DemandType = 'unitary' | 'small' | 'small-narrow' | 'large' | 'large-narrow';

interface Spec {
  seed: number;
  n: number;
  depot: DepotType;
  customers: CustomerType;
  demand: DemandType;
  /** Target mean number of customers per route. */
  routeSize: number;
}

/** Six instances covering n, depot, layout, demand and route length; none is a CVRPLIB instance. */
const SPECS: Spec[] = [
  { seed: 9101, n: 100, depot: 'central', customers: 'random', demand: 'unitary', routeSize: 8 },
  { seed: 9102, n: 100, depot: 'random', customers: 'clustered', demand: 'large', routeSize: 18 },
  { seed: 9201, n: 200, depot: 'central', customers: 'mixed', demand: 'small', routeSize: 12 },
  { seed: 9202, n: 200, depot: 'eccentric', customers: 'random', demand: 'large-narrow', routeSize: 6 },
  { seed: 9301, n: 300, depot: 'random', customers: 'clustered', demand: 'small-narrow', routeSize: 22 },
  { seed: 9302, n: 300, depot: 'central', customers: 'mixed', demand: 'large', routeSize: 14 },
];

const GRID = 1000;

function uniformInt(rng: Rng, lo: number, hi: number): number {
  return lo + rng.int(hi - lo + 1);
}

/** An X-style CVRP instance (Uchoa et al. 2017, section 3), node 0 is the depot. */
export function generateInstance(spec: Spec): CvrpInstance {
  const rng = new Rng(spec.seed);
  const depot: [number, number] =
    spec.depot === 'central' ? [GRID / 2, GRID / 2]
      : spec.depot === 'eccentric' ? [0, 0]
        : [uniformInt(rng, 0, GRID), uniformInt(rng, 0, GRID)];
  const coords: [number, number][] = [depot];
  const taken = new Set<string>([depot.join(',')]);
  const place = (p: [number, number]) => {
    const key = p.join(',');
    if (taken.has(key)) return false;
    taken.add(key);
    coords.push(p);
    return true;
  };
  const randomPoint = (): [number, number] => [uniformInt(rng, 0, GRID), uniformInt(rng, 0, GRID)];

  const clustered = spec.customers === 'random' ? 0 : spec.customers === 'clustered' ? spec.n : Math.floor(spec.n / 2);
  if (clustered > 0) {
    // Cluster seeds are customers themselves; other points are accepted with a probability that
    // decays exponentially with their distance to the seeds.
    const seeds: [number, number][] = [];
    const seedCount = uniformInt(rng, 3, 8);
    while (seeds.length < seedCount) {
      const p = randomPoint();
      if (place(p)) seeds.push(p);
    }
    while (coords.length - 1 < clustered) {
      const p = randomPoint();
      let attraction = 0;
      for (const s of seeds) attraction += Math.exp(-Math.hypot(p[0] - s[0], p[1] - s[1]) / 40);
      if (rng.next() < attraction) place(p);
    }
  }
  while (coords.length - 1 < spec.n) place(randomPoint());

  const demands = [0];
  for (let i = 0; i < spec.n; i++) {
    demands.push(
      spec.demand === 'unitary' ? 1
        : spec.demand === 'small' ? uniformInt(rng, 1, 10)
          : spec.demand === 'small-narrow' ? uniformInt(rng, 5, 10)
            : spec.demand === 'large' ? uniformInt(rng, 1, 100)
              : uniformInt(rng, 50, 100),
    );
  }
  const total = demands.reduce((a, b) => a + b, 0);
  const capacity = Math.max(Math.max(...demands), Math.ceil((spec.routeSize * total) / spec.n));
  const name = `gen-n${spec.n}-s${spec.seed}`;
  return { name, dimension: spec.n + 1, capacity, coords, demands, depot: 0 };
}

const list = (s: string) => s.split(',').map(Number);

function main(): void {
  const { values } = parseArgs({
    options: {
      iterations: { type: 'string', default: '400000' },
      seeds: { type: 'string', default: '1,2' },
      temperatures: { type: 'string', default: '0.1,0.3,1,3' },
      'split-stops': { type: 'string', default: '0.01,0.1,0.5' },
    },
  });
  const iterations = Number(values.iterations);
  const seeds = list(values.seeds);
  const candidates: Partial<SearchParams>[] = [];
  for (const splitDepth of list(values['split-stops'])) {
    for (const startTemperature of list(values.temperatures)) candidates.push({ startTemperature, splitDepth });
  }
  const label = (c: Partial<SearchParams>) => `T0 ${c.startTemperature} beta ${c.splitDepth}`;
  const isDefault = (c: Partial<SearchParams>) =>
    c.startTemperature === DEFAULT_PARAMS.startTemperature && c.splitDepth === DEFAULT_PARAMS.splitDepth;

  const instances = SPECS.map(generateInstance);
  console.log(`${iterations} iterations per run, solver seeds ${seeds.join(',')}, ${candidates.length} candidates, ` +
    `defaults T0 ${DEFAULT_PARAMS.startTemperature} beta ${DEFAULT_PARAMS.splitDepth}`);
  for (const [k, inst] of instances.entries()) {
    const s = SPECS[k]!;
    const routes = (inst.dimension - 1) * inst.capacity / inst.demands.reduce((a, b) => a + b, 0);
    console.log(`  ${inst.name.padEnd(16)} depot ${s.depot}, customers ${s.customers}, demand ${s.demand}, Q ${inst.capacity} (~${routes.toFixed(1)} per route)`);
  }

  // cost[candidate][instance][seed]
  const cost: number[][][] = candidates.map(() => instances.map(() => []));
  let cpuTotal = 0;
  const startedMs = Date.now();
  for (const [i, inst] of instances.entries()) {
    const problem = cvrpToProblem(inst);
    for (const [c, params] of candidates.entries()) {
      for (const seed of seeds) {
        const cpu0 = process.cpuUsage();
        const sol = solveRouting(problem, { seed, maxIterations: iterations, params });
        const cpu = process.cpuUsage(cpu0);
        const cpuS = (cpu.user + cpu.system) / 1e6;
        cpuTotal += cpuS;
        const routes = sol.routes.flatMap((r) => r.trips.map((t) => t.stops.map((st) => Number(st.jobId))));
        const check = checkCvrp(inst, routes);
        if (!check.feasible || check.cost !== sol.totalDistanceM) {
          throw new Error(`${inst.name} ${label(params)} seed ${seed}: infeasible or cost mismatch: ${check.errors.slice(0, 3).join('; ')}`);
        }
        cost[c]![i]!.push(check.cost);
        process.stderr.write(`${inst.name} ${label(params)} seed ${seed}: ${check.cost} (${cpuS.toFixed(1)} s cpu, ${((Date.now() - startedMs) / 1000).toFixed(0)} s elapsed)\n`);
      }
    }
  }

  const best = instances.map((_, i) => Math.min(...candidates.map((_, c) => Math.min(...cost[c]![i]!))));
  const gap = (c: number, i: number, s: number) => ((cost[c]![i]![s]! - best[i]!) / best[i]!) * 100;
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const def = candidates.findIndex(isDefault);
  const pad = (x: string | number, w: number) => String(x).padStart(w);
  console.log(`\n% above the best cost found on each instance (mean of ${seeds.length} seeds); best: ${best.join(', ')}`);
  console.log(`${'candidate'.padEnd(22)}${instances.map((x) => pad(`n${x.dimension - 1}-${x.name.slice(-4)}`, 11)).join('')}${pad('mean', 8)}` +
    `${def >= 0 ? pad('vs default', 20) : ''}`);
  const rows = candidates.map((params, c) => {
    const perInstance = instances.map((_, i) => mean(seeds.map((_, s) => gap(c, i, s))));
    return { params, c, perInstance, overall: mean(perInstance) };
  });
  for (const row of rows) {
    let vsDefault = '';
    if (def >= 0) {
      // Paired difference over (instance, seed): same instance and seed, only the parameter differs.
      const diffs = instances.flatMap((_, i) => seeds.map((_, s) => gap(row.c, i, s) - gap(def, i, s)));
      const m = mean(diffs);
      const se = Math.sqrt(diffs.reduce((a, d) => a + (d - m) ** 2, 0) / (diffs.length - 1) / diffs.length);
      vsDefault = pad(`${m >= 0 ? '+' : ''}${m.toFixed(2)} ± ${se.toFixed(2)}`, 20);
    }
    console.log(`${(label(row.params) + (row.c === def ? ' *' : '')).padEnd(22)}${row.perInstance.map((g) => pad(g.toFixed(2), 11)).join('')}` +
      `${pad(row.overall.toFixed(2), 8)}${vsDefault}`);
  }
  const winner = rows.reduce((a, b) => (b.overall < a.overall ? b : a));
  console.log(`\n* current default; "vs default" is the mean paired difference in % points ± its standard error`);
  console.log(`lowest mean: ${label(winner.params)} (${winner.overall.toFixed(2)} %); ` +
    `${rows.length * instances.length * seeds.length} runs, ${cpuTotal.toFixed(0)} s cpu, ${((Date.now() - startedMs) / 1000).toFixed(0)} s elapsed`);
}

main();
