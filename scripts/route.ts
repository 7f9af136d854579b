/**
 * npm run --silent route -- --instance FILE.vrp --time-limit SECONDS --seed N [--max-iterations N] [--sol-numbering]
 * Prints one JSON object {cost, routes}. Routes list node ids as in the instance file (depot
 * excluded); --sol-numbering prints CVRPLIB .sol numbers instead (node id minus one when the
 * depot is node 1). With --max-iterations reached inside the time limit, a seed gives one answer.
 */
import { parseArgs } from 'node:util';
import { readCvrp, solveCvrp } from './cvrplib';

const { values } = parseArgs({
  options: {
    instance: { type: 'string' },
    'time-limit': { type: 'string', default: '10' },
    seed: { type: 'string', default: '1' },
    'max-iterations': { type: 'string' },
    'sol-numbering': { type: 'boolean', default: false },
  },
});
if (!values.instance) {
  process.stderr.write('usage: route --instance FILE.vrp [--time-limit S] [--seed N] [--max-iterations N] [--sol-numbering]\n');
  process.exit(2);
}
const inst = readCvrp(values.instance);
const maxIterations = values['max-iterations'] === undefined ? undefined : Number(values['max-iterations']);
const run = solveCvrp(inst, Number(values['time-limit']), Number(values.seed), maxIterations);
const toOut = values['sol-numbering']
  ? (node: number) => (node < inst.depot ? node + 1 : node)
  : (node: number) => node + 1;
process.stdout.write(`${JSON.stringify({ cost: run.cost, routes: run.routes.map((r) => r.map(toOut)) })}\n`);
