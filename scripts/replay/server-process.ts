/**
 * The replay's own server (forked by scripts/replay/run.ts): a real server on a fresh SQLite file with
 * the scenario seeded, a driver login per vehicle (`replay-<vehicleId>` / REPLAY_DRIVER_PASSWORD; the
 * demo scenarios have one driver login only), and the replay's virtual clock injected as the server's
 * `now` (StartOptions.now). The clock is replay-only: nothing in server/ reads it, and normal runs
 * (server/main.ts) never start this file. In its own process so its RSS is the server's alone.
 * IPC in: {type:'clock', setting} | {type:'rss'} | {type:'stop'}; out: {type:'ready', url} | {type:'rss', rssMb}.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../server/config';
import { createLogger } from '../../server/logger';
import type { Scenario } from '../../server/domain/scenario';
import { startServer } from '../../server/server';
import { hashPassword } from '../../server/store/passwords';
import { seedScenario } from '../../server/store/seed';
import { VirtualClock, type ClockSetting } from './clock';
import { REPLAY_DRIVER_PASSWORD } from './replay-constants';

const scenario = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as Scenario;
const clock = new VirtualClock();
if (process.argv[3]) clock.apply(JSON.parse(process.argv[3]) as ClockSetting);
const dir = mkdtempSync(join(tmpdir(), 'baogong-replay-'));
const base = loadConfig({});
const server = await startServer({
  ...base,
  port: 0,
  databaseUrl: `sqlite:${join(dir, 'replay.sqlite')}`,
  // Virtual days pass in seconds: a 12 h session would expire mid-replay; alerts are evaluated often.
  sessionTtlS: 90 * 24 * 3600,
  ops: { ...base.ops, alerts: { ...base.ops.alerts, intervalMs: 1000 } },
}, { now: () => new Date(clock.now()), log: createLogger('warn', { name: 'replay-server' }) });

await seedScenario(server.store, scenario, hashPassword);
const hash = await hashPassword(REPLAY_DRIVER_PASSWORD);
await server.store.transaction(async (tx) => {
  for (const v of scenario.vehicles) {
    await tx.users.upsert({ id: `replay-${v.id}`, username: `replay-${v.id}`, displayName: v.name, role: 'driver', districtId: v.districtId, vehicleId: v.id }, hash);
  }
});

process.on('message', (msg: { type: string; setting?: ClockSetting }) => {
  if (msg.type === 'clock' && msg.setting) clock.apply(msg.setting);
  else if (msg.type === 'rss') process.send!({ type: 'rss', rssMb: process.memoryUsage().rss / 2 ** 20 });
  else if (msg.type === 'stop') void server.close().finally(() => { rmSync(dir, { recursive: true, force: true }); process.exit(0); });
});
process.send!({ type: 'ready', url: server.url });
