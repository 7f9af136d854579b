/**
 * npm run replay -- --scenario liwan-2021 [--from 2021-05-29 --to 2021-06-24] [--speed 1440] [--seed 1]
 *   [--url http://127.0.0.1:3000] [--plan-s 3] [--no-failures] [--out artifacts/replay]
 *
 * Replays a lockdown day by day against a real server (its own, on a fresh SQLite file with a virtual
 * clock, unless --url is given) as coordinator, drivers and residents; writes a terminal table and an
 * HTML report (scripts/replay/README.md says what is measured and how).
 */
import { parseArgs } from 'node:util';
import { runReplay } from './replay/run';
import { writeReport } from './replay/report';
import { terminalReport } from './replay/table';
import { loadReplayScenario } from './replay/scenarios';

const { values: a } = parseArgs({
  options: {
    scenario: { type: 'string', default: 'liwan-2021' }, from: { type: 'string' }, to: { type: 'string' }, days: { type: 'string' },
    speed: { type: 'string', default: '1440' }, seed: { type: 'string', default: '1' }, url: { type: 'string' },
    'plan-s': { type: 'string', default: '3' }, 'no-failures': { type: 'boolean', default: false },
    out: { type: 'string', default: 'artifacts/replay' }, quiet: { type: 'boolean', default: false },
  },
});
const source = loadReplayScenario(a.scenario!);
const from = a.from ?? source.range.from;
const to = a.to ?? (a.days ? new Date(Date.parse(`${from}T00:00:00Z`) + (Number(a.days) - 1) * 86_400_000).toISOString().slice(0, 10) : source.range.to);
const t0 = Date.now();
const record = await runReplay({
  name: source.name, scenario: source.scenario, timeline: source.timeline, from, to, speed: Number(a.speed), seed: Number(a.seed),
  url: a.url, planTimeLimitS: Number(a['plan-s']), failures: !a['no-failures'],
  log: a.quiet ? () => {} : (msg) => { if (!/ (delivered|failed:) /.test(msg)) console.log(`${new Date().toISOString().slice(11, 19)} ${msg}`); },
  onDay: (d) => console.log(`${new Date().toISOString().slice(11, 19)} day ${d.date} done in ${d.wallS.toFixed(1)} s, RSS ${d.rssMb ?? '-'} MB`),
});
console.log(`\n${terminalReport(record)}\n`);
const files = writeReport(record, a.out!);
console.log(`report: ${files.html}\nrecord: ${files.json}\nwall time ${((Date.now() - t0) / 1000).toFixed(0)} s`);
