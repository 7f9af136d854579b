import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { DEFAULT_TIER_RULES, type TierRule } from './domain/tiers';
import { DEFAULT_OPS, type OpsConfig } from './ops-config';
import type { ClusterConfig } from './cluster/redis-connection';

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
  live: LiveConfig;
  /**
   * Cluster mode (REDIS_URL set): socket.io shared through Redis, plans run by worker processes from
   * a Redis job queue. null: one process does everything (the embedded default).
   */
  cluster: ClusterConfig | null;
  /** PEM file holding the pass signing key (made 0600 on first start); null: the key lives in the database. */
  passKeyFile: string | null;
  /** Days of cover are projected over this many days by default (GET /api/cover). */
  coverHorizonDays: number;
}

/** Live operations (server/live): thresholds and batching. */
export interface LiveConfig {
  /** Local time's offset from UTC: plan days and track days are local days. */
  utcOffset: string;
  /** A van further than this from its planned legs is off its route (legs are straight lines, roads are not). */
  offRouteM: number;
  /** A van whose next ETA is this far behind plan is late. */
  lateAfterS: number;
  /** Position fixes are written in batches: every flushMs or every flushRows fixes, whichever comes first. */
  positionFlushMs: number;
  positionFlushRows: number;
  /**
   * Van moves are pushed in batches per room, at most this long after the fix: one frame per room
   * and window instead of one per fix and watcher (the socket writes were the bottleneck).
   */
  moveBatchMs: number;
  /** Connected sessions are re-validated this often (catches expiry and changes made outside this process). */
  revalidateMs: number;
  /** socket.io connection-state recovery window. */
  recoveryMs: number;
  /** The reconnect hint sent with server:shutdown: how long clients should wait before reconnecting. */
  shutdownRetryAfterMs: number;
  /** The live layer re-reads zones when its copy is older than this (a lifted zone leaves snapshots that soon). */
  zoneMaxAgeMs: number;
  /** For ETAs: the planner's straight-line detour factor and mean speed. */
  detourFactor: number;
  speedKmh: number;
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
      alerts: {
        ...DEFAULT_OPS.alerts,
        intervalMs: intFrom(env.ALERT_INTERVAL_MS, DEFAULT_OPS.alerts.intervalMs, 'ALERT_INTERVAL_MS'),
        missedEtaS: intFrom(env.MISSED_ETA_S, DEFAULT_OPS.alerts.missedEtaS, 'MISSED_ETA_S'),
        playbookGraceS: intFrom(env.PLAYBOOK_GRACE_S, DEFAULT_OPS.alerts.playbookGraceS, 'PLAYBOOK_GRACE_S'),
      },
    },
    passKeyFile: env.PASS_KEY_FILE ? resolve(env.PASS_KEY_FILE) : null,
    coverHorizonDays: intFrom(env.COVER_HORIZON_DAYS, 3, 'COVER_HORIZON_DAYS') || 3,
    cluster: env.REDIS_URL ? {
      redisUrl: env.REDIS_URL, prefix: env.CLUSTER_PREFIX || 'baogong',
      jobLockMs: intFrom(env.PLAN_JOB_LOCK_MS, 30_000, 'PLAN_JOB_LOCK_MS'),
    } : null,
    live: {
      utcOffset: env.UTC_OFFSET ?? '+08:00',
      offRouteM: intFrom(env.LIVE_OFF_ROUTE_M, 800, 'LIVE_OFF_ROUTE_M'),
      lateAfterS: intFrom(env.LIVE_LATE_AFTER_S, 900, 'LIVE_LATE_AFTER_S'),
      positionFlushMs: intFrom(env.LIVE_POSITION_FLUSH_MS, 250, 'LIVE_POSITION_FLUSH_MS'),
      positionFlushRows: intFrom(env.LIVE_POSITION_FLUSH_ROWS, 500, 'LIVE_POSITION_FLUSH_ROWS'),
      moveBatchMs: intFrom(env.LIVE_MOVE_BATCH_MS, 50, 'LIVE_MOVE_BATCH_MS'),
      revalidateMs: intFrom(env.LIVE_REVALIDATE_MS, 500, 'LIVE_REVALIDATE_MS'),
      recoveryMs: intFrom(env.LIVE_RECOVERY_MS, 2 * 60 * 1000, 'LIVE_RECOVERY_MS'),
      shutdownRetryAfterMs: intFrom(env.LIVE_SHUTDOWN_RETRY_MS, 2000, 'LIVE_SHUTDOWN_RETRY_MS'),
      zoneMaxAgeMs: intFrom(env.LIVE_ZONE_MAX_AGE_MS, 5000, 'LIVE_ZONE_MAX_AGE_MS'),
      detourFactor: 1.3,
      speedKmh: 25,
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
