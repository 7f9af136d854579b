import { loadConfig } from './config';
import { startServer } from './server';
import { loadScenario } from './store/scenario-files';

const DEMO_SCENARIOS = ['liwan-2021', 'foshan-2021'];

const config = loadConfig();
const server = await startServer(config, { seedScenarios: config.seedDemo ? DEMO_SCENARIOS : [] });

console.log(`\n保供 planner is running: ${server.url}  (database: ${server.store.kind})`);
if (config.seedDemo) {
  console.log('Demo logins (username / password):');
  for (const name of DEMO_SCENARIOS) {
    const users = loadScenario(name).users;
    // One driver login per van: print the first and the range, not twenty lines.
    const drivers = users.filter((u) => u.role === 'driver');
    for (const user of users.filter((u) => u.role !== 'driver' || u === drivers[0])) {
      console.log(`  ${user.role.padEnd(18)} ${user.username.padEnd(10)} / ${user.password.padEnd(10)} ${user.displayName} ${user.vehicleId ?? ''}`.trimEnd());
    }
    if (drivers.length > 1) {
      console.log(`  ${'driver'.padEnd(18)} ${`${drivers[1]!.username} … ${drivers.at(-1)!.username}`} / ${drivers[1]!.password}  one login per van, in van order`);
    }
  }
}
console.log('Stop with Ctrl+C.\n');

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    // Graceful: requests in flight finish, GPS fixes are written, socket clients get a reconnect hint.
    console.log(`${signal}: shutting down…`);
    const started = Date.now();
    server.close().then(
      () => {
        console.log(`stopped in ${Date.now() - started} ms`);
        process.exit(0);
      },
      (err: unknown) => {
        console.error('shutdown failed', err);
        process.exit(1);
      },
    );
    setTimeout(() => process.exit(1), 10_000).unref();
  });
}
