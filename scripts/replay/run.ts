// Runs a whole replay: its own server process (fresh SQLite file, virtual clock) or a server at --url,
// the coordinator's and drivers' logins, then day after day. Returns the record; the CLI writes the report.
import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Commodity, Depot, PlaybookTemplate, SupplyChannel, Vehicle, Zone } from '../../server/contract';
import type { Scenario } from '../../server/domain/scenario';
import { instantOf } from '../../server/domain/local-time';
import { loadUtcOffset } from '../../server/config';
import { http, login } from '../live-client';
import { driverLogins, type DriverLogin } from '../live-driver';
import { VirtualClock, type ClockSetting } from './clock';
import type { ReplayContext } from './context';
import { runDay } from './day-runner';
import { scheduleFailures } from './failures';
import type { DayRecord, ReplayRecord } from './records';
import { REPLAY_DRIVER_PASSWORD } from './replay-constants';
import { daysBetween, tierOn, type Timeline } from './timeline';

export interface ReplayOptions {
  name: string;
  scenario: Scenario;
  timeline: Timeline;
  from: string;
  to: string;
  speed: number;
  seed: number;
  url?: string;
  planTimeLimitS: number;
  failures: boolean;
  utcOffset?: string;
  log?: (msg: string) => void;
  onDay?: (day: DayRecord) => void;
}

interface OwnServer { url: string; child: ChildProcess; rssMb(): Promise<number>; stop(): Promise<void> }

async function startOwnServer(scenario: Scenario, clock: ClockSetting): Promise<OwnServer> {
  const dir = mkdtempSync(join(tmpdir(), 'baogong-replay-scenario-'));
  const file = join(dir, 'scenario.json');
  writeFileSync(file, JSON.stringify(scenario));
  const child = fork('scripts/replay/server-process.ts', [file, JSON.stringify(clock)], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const [ready] = (await once(child, 'message')) as [{ type: string; url: string }];
  if (ready.type !== 'ready') throw new Error(`replay server: unexpected ${JSON.stringify(ready)}`);
  return {
    url: ready.url, child,
    async rssMb() {
      const reply = new Promise<number>((done) => {
        const on = (m: { type: string; rssMb: number }) => { if (m.type === 'rss') { child.off('message', on); done(m.rssMb); } };
        child.on('message', on);
      });
      child.send({ type: 'rss' });
      return reply;
    },
    async stop() {
      const exited = once(child, 'exit');
      child.send({ type: 'stop' });
      // A server still busy (alert evaluation over thousands of zones) gets 30 s to close, then is killed.
      const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      await exited;
      clearTimeout(timer);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function runReplay(o: ReplayOptions): Promise<ReplayRecord> {
  const log = o.log ?? ((msg: string) => console.log(msg));
  // The server it starts reads the same UTC_OFFSET from the environment it inherits.
  const utcOffset = o.utcOffset ?? loadUtcOffset();
  const clock = new VirtualClock();
  clock.set(instantOf(o.from, 0, utcOffset), 1);
  const own = o.url ? null : await startOwnServer(o.scenario, clock.set(instantOf(o.from, 0, utcOffset), 1));
  const base = o.url ?? own!.url;
  try {
    const coord = o.scenario.users.find((u) => u.role === 'coordinator');
    const coordToken = coord ? await login(base, coord.username, coord.password) : null;
    if (!coordToken) throw new Error(`cannot log in as the scenario's coordinator at ${base}`);
    const known = own
      ? o.scenario.vehicles.map((v) => ({ username: `replay-${v.id}`, password: REPLAY_DRIVER_PASSWORD }))
      : o.scenario.users.filter((u) => u.role === 'driver');
    const logins: DriverLogin[] = await driverLogins(base, known);
    const get = async <T>(path: string) => (await http<T>(base, 'GET', path, coordToken)).data;
    const ours = new Set(o.scenario.zones.map((z) => z.id));
    const zones = (await get<Zone[]>('/api/zones')).filter((z) => ours.has(z.id));
    const depotIds = new Set(o.scenario.depots.map((d) => d.id));
    const depots = (await get<Depot[]>('/api/depots')).filter((d) => depotIds.has(d.id));
    const vehicleIds = new Set(o.scenario.vehicles.map((v) => v.id));
    const vehicles = (await get<Vehicle[]>('/api/vehicles')).filter((v) => vehicleIds.has(v.id));
    const commodities = await get<Commodity[]>('/api/commodities');
    const channels = (await get<SupplyChannel[]>('/api/supply-channels')).filter((c) => c.zoneIds.some((z) => ours.has(z)));
    const householdStockDays = await get<Record<string, number>>('/api/household-stock');
    // The playbook's limit for the first published plan after sealing (the city's template, or its defaults).
    const city = o.scenario.districts[0]?.city ?? '';
    const playbook = await http<PlaybookTemplate>(base, 'GET', `/api/playbooks/${encodeURIComponent(city)}`, coordToken);
    const limitH = playbook.status < 300 ? playbook.data.firstPlanWithinH : null;
    const days = daysBetween(o.from, o.to);
    const activeDays = days.filter((d) => o.scenario.zones.some((z) => tierOn(o.timeline, d, z.id) !== null));
    const ctx: ReplayContext = {
      base, coordToken, scenario: o.scenario, timeline: o.timeline, clock,
      pushClock: (setting) => { own?.child.send({ type: 'clock', setting }); },
      rssMb: async () => (own ? Math.round(await own.rssMb()) : null),
      drivers: new Map(logins.map((l) => [l.user.vehicleId!, l])),
      speed: o.speed, seed: o.seed, planTimeLimitS: o.planTimeLimitS, utcOffset,
      failures: scheduleFailures(activeDays, o.seed, o.failures),
      districtId: o.scenario.districts.length === 1 ? o.scenario.districts[0]!.id : undefined,
      zones: new Map(zones.map((z) => [z.id, z])), depots, vehicles, commodities,
      baselineStock: new Map(o.scenario.depots.map((d) => [d.id, { ...d.stockKg }])),
      lastCover: new Map(), seals: [], log, channels, householdStockDays, homeStockKg: new Map(),
    };
    log(`replay ${o.name} ${o.from}..${o.to} at ${o.speed}x on ${base}: ${logins.length} driver logins, failures ${JSON.stringify(ctx.failures)}`);
    const record: ReplayRecord = {
      scenario: o.name, from: o.from, to: o.to, speed: o.speed, seed: o.seed, limitS: limitH === null ? null : limitH * 3600,
      days: [], seals: ctx.seals, commodities: commodities.map((c) => c.id), householdStockDays,
      zones: zones.map((z) => ({ id: z.id, name: z.name, polygon: z.polygon.coordinates as [number, number][][] })),
    };
    for (const date of days) {
      const day = await runDay(ctx, date);
      record.days.push(day);
      o.onDay?.(day);
    }
    return record;
  } finally {
    await own?.stop();
  }
}
