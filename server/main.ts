import { loadConfig } from './config';
import { createLogger } from './logger';
import { startServer } from './server';
import { DEMO_SCENARIOS, printDemoLogins } from './demo-logins';

const config = loadConfig();
const log = createLogger(config.logLevel, { name: 'server' });
const server = await startServer(config, { seedScenarios: config.seedDemo ? DEMO_SCENARIOS : [], log });

// For the person who started it (the README's quick start shows this): plain text, not log lines.
console.log(`\n保供 planner is running: ${server.url}  (database: ${server.store.kind})`);
if (config.seedDemo) printDemoLogins(DEMO_SCENARIOS);
else if ((await server.store.users.list()).length === 0) {
  // A fresh production database has no logins (the demo's are seeded only by `npm run demo`).
  console.log('No users yet. Create the first coordinator (it asks for the password, or reads BAOGONG_PASSWORD):');
  console.log('  npm run create-user -- --username <name> --role coordinator --display-name <name>');
}
console.log('Stop with Ctrl+C.\n');
log.info({ url: server.url, database: server.store.kind, logLevel: config.logLevel }, 'listening');

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    // Graceful: requests in flight finish, GPS fixes are written, socket clients get a reconnect hint.
    log.info({ signal }, `${signal}: shutting down`);
    const started = Date.now();
    server.close().then(
      () => {
        log.info({ ms: Date.now() - started }, 'stopped');
        process.exit(0);
      },
      (err: unknown) => {
        log.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
    setTimeout(() => process.exit(1), 10_000).unref();
  });
}
