import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Scenario } from '../domain/scenario';

/** data/ at the repository root, found from this file so the working directory does not matter. */
export const DATA_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../data');

const NAME = /^[a-z0-9][a-z0-9-]*$/;
const LISTS = ['districts', 'streets', 'zones', 'handoffPoints', 'commodities', 'depots', 'vehicles', 'staff', 'users'] as const;

export function scenarioPath(name: string, dataDir = DATA_DIR): string {
  // The name becomes a path: allow nothing that could climb out of data/.
  if (!NAME.test(name)) throw new Error(`scenario name "${name}" must be lowercase letters, digits and dashes`);
  return join(dataDir, name, 'scenario.json');
}

/** Reads data/<name>/scenario.json; throws with the path when it is missing or malformed. */
export function loadScenario(name: string, dataDir = DATA_DIR): Scenario {
  const path = scenarioPath(name, dataDir);
  if (!existsSync(path)) throw new Error(`scenario "${name}" not found: no ${path}`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new Error(`scenario "${name}": ${path} is not valid JSON`, { cause: err });
  }
  const record = parsed as Record<string, unknown>;
  if (typeof parsed !== 'object' || parsed === null) throw new Error(`scenario "${name}": ${path} must hold an object`);
  const missing = LISTS.filter((key) => !Array.isArray(record[key]));
  if (missing.length) throw new Error(`scenario "${name}": ${path} lacks the array(s) ${missing.join(', ')}`);
  return parsed as Scenario;
}

/** Names of the scenarios present under data/. */
export function listScenarios(dataDir = DATA_DIR): string[] {
  if (!existsSync(dataDir)) return [];
  return readdirSync(dataDir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && NAME.test(d.name) && existsSync(join(dataDir, d.name, 'scenario.json')))
    .map((d) => d.name)
    .sort();
}
