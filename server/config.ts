import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { DEFAULT_TIER_RULES, type TierRule } from './domain/tiers';
import { DEFAULT_OPS, type OpsConfig } from './ops-config';

/** Everything the process reads from its environment, read once, here and nowhere else. */
export interface Config {
  port: number;
  host: string;
  /** `sqlite:<path>` (embedded default) or a `postgres://` URL. */
  databaseUrl: string;
  sessionTtlS: number;
  /** Largest JSON body accepted; bigger uploads get 413 before they are parsed. */
  maxBodyBytes: number;
  tierRules: readonly TierRule[];
  tiles: { url: string; attribution: string };
  /** Seed the demo scenario into an empty database at start. */
  seedDemo: boolean;
  logRequests: boolean;
  /** Residents' requests, alerts and passes: limits and thresholds (server/ops-config.ts). */
  ops: OpsConfig;
}

const OSM_TILES = {
  url: 'https://tile.openstreetmap.org/{z}/{x}/{y}.png',
  attribution: '© OpenStreetMap contributors',
};

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    port: intFrom(env.PORT, 3000, 'PORT'),
    host: env.HOST ?? '127.0.0.1',
    databaseUrl: env.DATABASE_URL ?? `sqlite:${resolve('var/baogong.sqlite')}`,
    sessionTtlS: intFrom(env.SESSION_TTL_S, 12 * 3600, 'SESSION_TTL_S'),
    maxBodyBytes: intFrom(env.MAX_BODY_BYTES, 2 * 1024 * 1024, 'MAX_BODY_BYTES'),
    tierRules: env.TIERS_FILE ? readTierRules(env.TIERS_FILE) : DEFAULT_TIER_RULES,
    tiles: env.TILE_URL ? { url: env.TILE_URL, attribution: env.TILE_ATTRIBUTION ?? '' } : OSM_TILES,
    seedDemo: env.SEED_DEMO !== '0',
    logRequests: env.LOG_REQUESTS === '1',
    ops: {
      requests: {
        ...DEFAULT_OPS.requests,
        deviceBurst: intFrom(env.REQUEST_DEVICE_BURST, DEFAULT_OPS.requests.deviceBurst, 'REQUEST_DEVICE_BURST'),
        zoneBurst: intFrom(env.REQUEST_ZONE_BURST, DEFAULT_OPS.requests.zoneBurst, 'REQUEST_ZONE_BURST'),
      },
      alerts: { ...DEFAULT_OPS.alerts, intervalMs: intFrom(env.ALERT_INTERVAL_MS, DEFAULT_OPS.alerts.intervalMs, 'ALERT_INTERVAL_MS') },
    },
  };
}

function intFrom(raw: string | undefined, fallback: number, name: string): number {
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a non-negative integer, got "${raw}"`);
  return n;
}

function readTierRules(path: string): TierRule[] {
  const rules = JSON.parse(readFileSync(path, 'utf8')) as TierRule[];
  if (!Array.isArray(rules) || rules.length === 0) throw new Error(`TIERS_FILE ${path} must hold a non-empty array`);
  return rules;
}
