import { loadConfig } from './config';
import { startServer } from './server';
import { DEMO_SCENARIOS, printDemoLogins } from './demo-logins';

const config = loadConfig();
const server = await startServer(config, { seedScenarios: config.seedDemo ? DEMO_SCENARIOS : [] });

console.log(`\n保供 planner is running: ${server.url}  (database: ${server.store.kind})`);
if (config.seedDemo) printDemoLogins(DEMO_SCENARIOS);
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
