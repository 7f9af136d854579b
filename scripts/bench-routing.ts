/**
 * npm run bench:routing -- [--time-limit S] [--small-time-limit S] [--seed N] [--only PATTERN]
 * Solves every CVRPLIB instance under ../shared/bench/cvrplib/{A,B,P,X} and compares with bks.json.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { SearchParams } from '../server/planner/routing';
import { checkCvrp, readCvrp, solveCvrp } from './cvrplib';

const { values } = parseArgs({
  options: {
    'time-limit': { type: 'string', default: '10' },
    'small-time-limit': { type: 'string' },
    seed: { type: 'string', default: '1' },
    only: { type: 'string' },
    /** JSON object of SearchParams overrides, for experiments; the defaults are what is reported. */
    params: { type: 'string' },
    dir: { type: 'string', default: resolve(import.meta.dirname, '../../shared/bench/cvrplib') },
  },
});
const timeLimitS = Number(values['time-limit']);
const smallLimitS = Number(values['small-time-limit'] ?? timeLimitS);
const seed = Number(values.seed);
const root = values.dir;
const bks = JSON.parse(readFileSync(join(root, 'bks.json'), 'utf8')) as Record<string, { bks: number }>;
const params = values.params ? (JSON.parse(values.params) as Partial<SearchParams>) : undefined;
const pattern = values.only ? new RegExp(values.only) : null;

const files: { set: string; name: string; path: string }[] = [];
for (const set of ['A', 'B', 'P', 'X']) {
  const dir = join(root, set);
  if (!existsSync(dir)) continue;
  for (const f of readdirSync(dir).filter((x) => x.endsWith('.vrp'))) {
    const name = f.replace(/\.vrp$/, '');
    if (!pattern || pattern.test(name)) files.push({ set, name, path: join(dir, f) });
  }
}
const customers = (name: string) => Number(/-n(\d+)-/.exec(name)?.[1] ?? 0) - 1;
files.sort((a, b) => a.set.localeCompare(b.set) || customers(a.name) - customers(b.name));

const pad = (s: string | number, w: number) => String(s).padStart(w);
console.log(`time limit ${timeLimitS} s per instance (A/B/P: ${smallLimitS} s), seed ${seed}${params ? `, params ${JSON.stringify(params)}` : ''}`);
console.log(`${'instance'.padEnd(14)}${pad('n', 6)}${pad('cost', 9)}${pad('bks', 9)}${pad('gap %', 8)}${pad('seconds', 9)}${pad('iters', 10)}${pad('cpu %', 7)}  feasible`);
const xGaps: number[] = [];
for (const f of files) {
  const inst = readCvrp(f.path);
  const cpu0 = process.cpuUsage();
  const run = solveCvrp(inst, f.set === 'X' ? timeLimitS : smallLimitS, seed, undefined, params);
  const cpu = process.cpuUsage(cpu0);
  // Other work on the machine shows up as a CPU share well below 100 %.
  const cpuPct = ((cpu.user + cpu.system) / 1e4 / run.seconds).toFixed(0);
  const check = checkCvrp(inst, run.routes);
  const ref = bks[f.name]?.bks;
  const gap = ref ? ((check.cost - ref) / ref) * 100 : NaN;
  const feasible = check.feasible && check.cost === run.cost;
  if (f.set === 'X' && inst.dimension - 1 <= 400 && Number.isFinite(gap)) xGaps.push(gap);
  console.log(
    `${f.name.padEnd(14)}${pad(inst.dimension - 1, 6)}${pad(check.cost, 9)}${pad(ref ?? '-', 9)}${pad(gap.toFixed(2), 8)}` +
      `${pad(run.seconds.toFixed(1), 9)}${pad(run.iterations, 10)}${pad(cpuPct, 7)}  ${feasible ? 'yes' : `NO ${check.errors.slice(0, 3).join('; ')}${check.cost !== run.cost ? ` cost reported ${run.cost}` : ''}`}`,
  );
}
if (xGaps.length > 0) {
  const mean = xGaps.reduce((a, b) => a + b, 0) / xGaps.length;
  console.log(`\nmean gap on ${xGaps.length} X instances with <= 400 customers: ${mean.toFixed(2)} %`);
  console.log('reference: VROOM 1.15 averages 2.3 % (fastest setting) and 1.6 % (most thorough) on X-n101...X-n401');
}
