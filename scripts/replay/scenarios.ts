// What --scenario names: a scenario under data/ (with its timeline when it has one), or
// `gen-city:<zones>` — a seeded synthetic city from scripts/gen-city.ts, as a soak test.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Scenario } from '../../server/domain/scenario';
import { DATA_DIR, loadScenario } from '../../server/store/scenario-files';
import { cityScenario } from './city-scenario';
import { defaultRange, loadTimeline, type Timeline } from './timeline';

export interface ReplaySource { name: string; scenario: Scenario; timeline: Timeline; range: { from: string; to: string } }

export function loadReplayScenario(name: string): ReplaySource {
  const city = /^gen-city:(\d+)$/.exec(name);
  const scenario = city ? cityScenario(Number(city[1])) : loadScenario(name);
  const timeline = loadTimeline(city ? '-none-' : name, scenario);
  const hasFile = !city && existsSync(join(DATA_DIR, name, 'timeline.json'));
  return { name, scenario, timeline, range: defaultRange(timeline, scenario, hasFile) };
}
