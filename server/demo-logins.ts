import { loadScenario } from './store/scenario-files';

/** The demo's scenarios, seeded into an empty database when SEED_DEMO is on. */
export const DEMO_SCENARIOS = ['liwan-2021', 'foshan-2021'];

/** Prints the demo logins (username / password) of `scenarios`, one driver line per scenario plus the range. */
export function printDemoLogins(scenarios: readonly string[] = DEMO_SCENARIOS, print: (line: string) => void = console.log): void {
  print('Demo logins (username / password):');
  for (const name of scenarios) {
    const users = loadScenario(name).users;
    // One driver login per van: print the first and the range, not twenty lines.
    const drivers = users.filter((u) => u.role === 'driver');
    for (const user of users.filter((u) => u.role !== 'driver' || u === drivers[0])) {
      print(`  ${user.role.padEnd(18)} ${user.username.padEnd(10)} / ${user.password.padEnd(10)} ${user.displayName} ${user.vehicleId ?? ''}`.trimEnd());
    }
    if (drivers.length > 1) {
      print(`  ${'driver'.padEnd(18)} ${`${drivers[1]!.username} … ${drivers.at(-1)!.username}`} / ${drivers[1]!.password}  one login per van, in van order`);
    }
  }
}
