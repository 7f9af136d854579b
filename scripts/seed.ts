// npm run seed -- --scenario liwan-2021 [--scenario foshan-2021] [--reset]
// Migrates, then upserts the scenario(s) from data/<name>/scenario.json. --reset first undoes every
// migration (dropping all data, including other scenarios) and migrates up again.
import { parseArgs } from 'node:util';
import { loadConfig } from '../server/config';
import { migrateLatest, migrateRollbackAll, openDatabase } from '../server/store/db';
import { hashPassword } from '../server/store/passwords';
import { listScenarios, loadScenario } from '../server/store/scenario-files';
import { seedScenario } from '../server/store/seed';
import { createStore } from '../server/store/store';

let options: { scenario: string[]; reset: boolean };
try {
  const { values } = parseArgs({
    options: { scenario: { type: 'string', multiple: true }, reset: { type: 'boolean', default: false } },
  });
  options = { scenario: values.scenario ?? [], reset: values.reset ?? false };
} catch (err) {
  console.error(`${(err as Error).message}\nusage: npm run seed -- --scenario <name> [--reset]`);
  process.exit(2);
}
if (options.scenario.length === 0) {
  console.error(`usage: npm run seed -- --scenario <name> [--reset]\navailable: ${listScenarios().join(', ') || '(none under data/)'}`);
  process.exit(2);
}

const { databaseUrl } = loadConfig();
const db = openDatabase(databaseUrl);
const store = createStore(db);
try {
  // Read every file first: a typo in the second name should not leave the first half-reset.
  const scenarios = options.scenario.map((name) => loadScenario(name));
  if (options.reset) console.log(`reset: ${(await migrateRollbackAll(db)).length} migration(s) undone`);
  await migrateLatest(db);
  for (const scenario of scenarios) {
    const summary = await seedScenario(store, scenario, hashPassword);
    const counts = Object.entries(summary).filter(([k]) => k !== 'scenario').map(([k, n]) => `${n} ${k}`).join(', ');
    console.log(`seeded ${summary.scenario}: ${counts}`);
  }
} catch (err) {
  console.error('seed failed:', err instanceof Error ? err.message : err);
  process.exitCode = 1;
} finally {
  await store.close();
}
