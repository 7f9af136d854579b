import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { offsetMs } from './domain/local-time';
import { DEFAULT_TIER_RULES, type TierRule } from './domain/tiers';
import { DEFAULT_OPS, type OpsConfig } from './ops-config';

/** Cluster mode (REDIS_URL set): server/cluster/. */
export interface ClusterConfig {
  redisUrl: string;
  /** Namespaces every key, stream, channel and queue: several clusters (or tests) share one Redis. */
  prefix: string;
  /**
   * A worker holds its plan job's lock this long, renewing it as it goes; a worker that died is
   * noticed once its lock lapses (checked as often), and its plan goes to another worker.
   */
  jobLockMs: number;
}

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
  /** The map's background tiles, served to the pages (meta tags) and allowed by their CSP; null: none (plain background). */
  tiles: MapTiles | null;
  /** Seed the demo scenarios and their well-known logins into an empty database at start (SEED_DEMO=1; off by default). */
  seedDemo: boolean;
  /** How much the server logs (LOG_LEVEL): pino's levels, `silent` for none. */
  logLevel: LogLevel;
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
  /** Most plans one caller may have queued or running at once (0: no bound). */
  planQueuePerUser: number;
  /** Days of cover are projected over this many days by default (GET /api/cover). */
  coverHorizonDays: number;
  edge: EdgeConfig;
}

/** The HTTP edge: which origins may write, who the client is, how the session cookie is marked. */
export interface EdgeConfig {
  /** Origins (scheme://host[:port]) allowed to send state-changing requests besides the server's own. */
  allowedOrigins: string[];
  /** express 'trust proxy': false (the TCP peer is the client), a hop count, or addresses/subnets of trusted proxies. */
  trustProxy: boolean | number | string;
  /** Mark the session cookie Secure (sent over HTTPS only). */
  cookieSecure: boolean;
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
  /** The van board's changed rows are pushed at most this long after a van's event (issue 14: within 2 s). */
  boardPushMs?: number;
  /** Connected sessions are re-validated this often (catches expiry and changes made outside this process). */
  revalidateMs: number;
  /** socket.io connection-state recovery window. */
  recoveryMs: number;
  /** The reconnect hint sent with server:shutdown: how long clients should wait before reconnecting. */
  shutdownRetryAfterMs: number;
  /** The live layer re-reads zones when its copy is older than this (a lifted zone leaves snapshots that soon). */
  zoneMaxAgeMs: number;
  /** Driver events and GPS fixes dated further ahead of the server's clock than this are refused. */
  maxFutureMs: number;
  /**
   * GPS fixes outside this box (min lng, min lat, max lng, max lat; WGS-84) are refused: a phone's
   * cold fix at 0,0 or a spoofed one would put the van on the other side of the world. Default: Guangdong.
   */
  positionBounds: readonly [number, number, number, number];
  /** For ETAs: the planner's straight-line detour factor and mean speed. */
  detourFactor: number;
  speedKmh: number;
}

/** A Leaflet tile layer: URL template ({z} {x} {y}, {s} for a subdomain), credit line, and an optional labels layer on top. */
export interface MapTiles {
  url: string;
  attribution: string;
  /** The letters or digits {s} takes (Leaflet's default: abc). */
  subdomains: string;
  /** A transparent layer of place names drawn over the tiles (Tianditu's vector tiles carry none). */
  labelsUrl: string | null;
}

export const TILE_PRESETS = ['osm', 'tianditu', 'none'] as const;

const OSM_TILES: MapTiles = {
  url: 'https://tile.openstreetmap.org/{z}/{x}/{y}.png',
  attribution: '© OpenStreetMap contributors',
  subdomains: 'abc',
  labelsUrl: null,
};

/**
 * Tianditu (天地图, the national surveying service's map): reachable inside mainland China, where
 * OpenStreetMap's tile servers often are not, and on CGCS2000 coordinates (WGS-84 within centimetres),
 * so the zones' WGS-84 polygons sit right on it, unlike on GCJ-02 maps. Its vector layer (vec) carries
 * no names: the annotation layer (cva) goes on top. The key is a browser key (the page sends it).
 */
function tiandituTiles(key: string): MapTiles {
  const layer = (name: string) =>
    `https://t{s}.tianditu.gov.cn/${name}_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=${name}&STYLE=default` +
    `&TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk=${encodeURIComponent(key)}`;
  return { url: layer('vec'), attribution: '© 天地图 Tianditu', subdomains: '01234567', labelsUrl: layer('cva') };
}

/** TILE_URL (with TILE_ATTRIBUTION) wins; else TILE_PRESET: osm (default), tianditu (needs TIANDITU_KEY) or none. */
function tilesFrom(env: NodeJS.ProcessEnv): MapTiles | null {
  if (env.TILE_URL) {
    return { url: env.TILE_URL, attribution: env.TILE_ATTRIBUTION ?? '', subdomains: env.TILE_SUBDOMAINS || 'abc', labelsUrl: null };
  }
  const preset = env.TILE_PRESET || 'osm';
  if (preset === 'osm') return OSM_TILES;
  if (preset === 'none') return null;
  if (preset === 'tianditu') {
    if (!env.TIANDITU_KEY) throw new Error('TILE_PRESET=tianditu needs TIANDITU_KEY (a browser key from console.tianditu.gov.cn)');
    return tiandituTiles(env.TIANDITU_KEY);
  }
  throw new Error(`TILE_PRESET must be one of ${TILE_PRESETS.join(', ')}, got "${preset}"`);
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    port: intFrom(env.PORT, 3000, 'PORT'),
    host: env.HOST ?? '127.0.0.1',
    databaseUrl: env.DATABASE_URL ?? `sqlite:${resolve('var/baogong.sqlite')}`,
    sessionTtlS: intFrom(env.SESSION_TTL_S, 12 * 3600, 'SESSION_TTL_S'),
    maxBodyBytes: intFrom(env.MAX_BODY_BYTES, 2 * 1024 * 1024, 'MAX_BODY_BYTES'),
    tierRules: env.TIERS_FILE ? readTierRules(env.TIERS_FILE) : DEFAULT_TIER_RULES,
    tiles: tilesFrom(env),
    // Off unless asked for: the demo logins' passwords are public, so only `npm run demo` seeds them.
    seedDemo: env.SEED_DEMO === '1',
    logLevel: levelFrom(env.LOG_LEVEL, 'info', 'LOG_LEVEL'),
    ops: {
      requests: {
        ...DEFAULT_OPS.requests,
        deviceBurst: intFrom(env.REQUEST_DEVICE_BURST, DEFAULT_OPS.requests.deviceBurst, 'REQUEST_DEVICE_BURST'),
        zoneBurst: intFrom(env.REQUEST_ZONE_BURST, DEFAULT_OPS.requests.zoneBurst, 'REQUEST_ZONE_BURST'),
        ipZoneMax: intFrom(env.REQUEST_IP_ZONE_MAX, DEFAULT_OPS.requests.ipZoneMax, 'REQUEST_IP_ZONE_MAX'),
        ipZoneWindowS: intFrom(env.REQUEST_IP_ZONE_WINDOW_S, DEFAULT_OPS.requests.ipZoneWindowS, 'REQUEST_IP_ZONE_WINDOW_S'),
      },
      login: {
        maxFailures: intFrom(env.LOGIN_MAX_FAILURES, DEFAULT_OPS.login.maxFailures, 'LOGIN_MAX_FAILURES'),
        ipMaxFailures: intFrom(env.LOGIN_IP_MAX_FAILURES, intFrom(env.LOGIN_MAX_FAILURES, DEFAULT_OPS.login.ipMaxFailures, 'LOGIN_MAX_FAILURES'), 'LOGIN_IP_MAX_FAILURES'),
        windowS: intFrom(env.LOGIN_WINDOW_S, DEFAULT_OPS.login.windowS, 'LOGIN_WINDOW_S'),
      },
      alerts: {
        ...DEFAULT_OPS.alerts,
        intervalMs: intFrom(env.ALERT_INTERVAL_MS, DEFAULT_OPS.alerts.intervalMs, 'ALERT_INTERVAL_MS'),
        missedEtaS: intFrom(env.MISSED_ETA_S, DEFAULT_OPS.alerts.missedEtaS, 'MISSED_ETA_S'),
        playbookGraceS: intFrom(env.PLAYBOOK_GRACE_S, DEFAULT_OPS.alerts.playbookGraceS, 'PLAYBOOK_GRACE_S'),
      },
    },
    passKeyFile: env.PASS_KEY_FILE ? resolve(env.PASS_KEY_FILE) : null,
    edge: {
      allowedOrigins: originsFrom(env.ALLOWED_ORIGINS),
      trustProxy: trustProxyFrom(env.TRUST_PROXY),
      // Secure by default in production (served over HTTPS); plain http://127.0.0.1 demos need it off.
      cookieSecure: env.COOKIE_SECURE ? flagFrom(env.COOKIE_SECURE, 'COOKIE_SECURE') : env.NODE_ENV === 'production',
    },
    planQueuePerUser: intFrom(env.PLAN_QUEUE_PER_USER, 3, 'PLAN_QUEUE_PER_USER'),
    coverHorizonDays: intFrom(env.COVER_HORIZON_DAYS, 3, 'COVER_HORIZON_DAYS') || 3,
    cluster: env.REDIS_URL ? {
      redisUrl: env.REDIS_URL, prefix: env.CLUSTER_PREFIX || 'baogong',
      jobLockMs: intFrom(env.PLAN_JOB_LOCK_MS, 30_000, 'PLAN_JOB_LOCK_MS'),
    } : null,
    live: {
      utcOffset: loadUtcOffset(env),
      offRouteM: intFrom(env.LIVE_OFF_ROUTE_M, 800, 'LIVE_OFF_ROUTE_M'),
      lateAfterS: intFrom(env.LIVE_LATE_AFTER_S, 900, 'LIVE_LATE_AFTER_S'),
      positionFlushMs: intFrom(env.LIVE_POSITION_FLUSH_MS, 250, 'LIVE_POSITION_FLUSH_MS'),
      positionFlushRows: intFrom(env.LIVE_POSITION_FLUSH_ROWS, 500, 'LIVE_POSITION_FLUSH_ROWS'),
      moveBatchMs: intFrom(env.LIVE_MOVE_BATCH_MS, 50, 'LIVE_MOVE_BATCH_MS'),
      boardPushMs: intFrom(env.LIVE_BOARD_PUSH_MS, 1000, 'LIVE_BOARD_PUSH_MS'),
      revalidateMs: intFrom(env.LIVE_REVALIDATE_MS, 500, 'LIVE_REVALIDATE_MS'),
      recoveryMs: intFrom(env.LIVE_RECOVERY_MS, 2 * 60 * 1000, 'LIVE_RECOVERY_MS'),
      shutdownRetryAfterMs: intFrom(env.LIVE_SHUTDOWN_RETRY_MS, 2000, 'LIVE_SHUTDOWN_RETRY_MS'),
      zoneMaxAgeMs: intFrom(env.LIVE_ZONE_MAX_AGE_MS, 5000, 'LIVE_ZONE_MAX_AGE_MS'),
      maxFutureMs: intFrom(env.LIVE_MAX_FUTURE_S, 300, 'LIVE_MAX_FUTURE_S') * 1000,
      positionBounds: boundsFrom(env.LIVE_POSITION_BOUNDS, GUANGDONG_BOUNDS, 'LIVE_POSITION_BOUNDS'),
      detourFactor: 1.3,
      speedKmh: 25,
    },
  };
}

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

function levelFrom(raw: string | undefined, fallback: LogLevel, name: string): LogLevel {
  if (raw === undefined || raw === '') return fallback;
  if (!(LOG_LEVELS as readonly string[]).includes(raw)) throw new Error(`${name} must be one of ${LOG_LEVELS.join(', ')}, got "${raw}"`);
  return raw as LogLevel;
}

/** Guangdong province's bounding box, with a little margin (Zhanjiang's Xuwen to Meizhou's Dabu). */
const GUANGDONG_BOUNDS = [109.5, 20.0, 117.5, 25.6] as const;

function boundsFrom(raw: string | undefined, fallback: readonly [number, number, number, number], name: string): readonly [number, number, number, number] {
  if (raw === undefined || raw === '') return fallback;
  const n = raw.split(',').map((x) => Number(x.trim()));
  if (n.length !== 4 || n.some((x) => !Number.isFinite(x)) || n[0]! >= n[2]! || n[1]! >= n[3]!) {
    throw new Error(`${name} must be "minLng,minLat,maxLng,maxLat" with min < max, got "${raw}"`);
  }
  return [n[0]!, n[1]!, n[2]!, n[3]!];
}

/**
 * Local time's offset from UTC (UTC_OFFSET; China keeps UTC+8 all year), alone: for scripts that need
 * the local day and not the rest of the configuration. A malformed one stops the start, not the first plan or page.
 */
export function loadUtcOffset(env: NodeJS.ProcessEnv = process.env): string {
  const offset = env.UTC_OFFSET || '+08:00';
  try {
    offsetMs(offset);
  } catch {
    throw new Error(`UTC_OFFSET must look like +08:00 or -05:30, got "${offset}"`);
  }
  return offset;
}

function intFrom(raw: string | undefined, fallback: number, name: string): number {
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a non-negative integer, got "${raw}"`);
  return n;
}

function flagFrom(raw: string, name: string): boolean {
  if (raw === '1' || raw === 'true') return true;
  if (raw === '0' || raw === 'false') return false;
  throw new Error(`${name} must be 1 or 0, got "${raw}"`);
}

/** A comma-separated list of origins, each normalised to scheme://host[:port] (what browsers send). */
function originsFrom(raw: string | undefined): string[] {
  if (!raw?.trim()) return [];
  return raw.split(',').map((s) => s.trim()).filter(Boolean).map((s) => {
    let url: URL;
    try { url = new URL(s); } catch { throw new Error(`ALLOWED_ORIGINS: "${s}" is not an origin like https://example.org`); }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`ALLOWED_ORIGINS: "${s}" must be http(s)`);
    return url.origin;
  });
}

/** Unset or 0: trust no proxy. A positive integer: that many proxy hops. Else addresses/subnets (express syntax). */
function trustProxyFrom(raw: string | undefined): boolean | number | string {
  if (raw === undefined || raw.trim() === '' || raw === '0' || raw === 'false') return false;
  if (/^\d+$/.test(raw)) return Number(raw);
  if (raw === 'true') return true;
  return raw;
}

function readTierRules(path: string): TierRule[] {
  const rules = JSON.parse(readFileSync(path, 'utf8')) as TierRule[];
  if (!Array.isArray(rules) || rules.length === 0) throw new Error(`TIERS_FILE ${path} must hold a non-empty array`);
  return rules;
}

// ---- Settings of the tools and the test harness (not the server's): parsed here too, so that this
// file lists every variable anything reads and the README's table can be checked against it.

/** `npm run start:cluster`: flags win over CLUSTER_SERVERS / CLUSTER_WORKERS. */
export interface ClusterLaunchSettings {
  servers: number;
  workers: number;
  /** The round-robin proxy's port (servers take the next ones; 0: any free ports). */
  port: number;
  databaseUrl: string;
  redisUrl: string;
  prefix: string;
  seedDemo: boolean;
}

export function loadClusterLaunchSettings(flags: { servers?: string; workers?: string }, env: NodeJS.ProcessEnv = process.env): ClusterLaunchSettings {
  return {
    servers: countFrom(flags.servers ?? env.CLUSTER_SERVERS, 2, '--servers', 1),
    workers: countFrom(flags.workers ?? env.CLUSTER_WORKERS, 2, '--workers', 0),
    port: countFrom(env.PORT, 3000, 'PORT', 0),
    databaseUrl: env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/baogong',
    redisUrl: env.REDIS_URL ?? DEFAULT_REDIS_URL,
    prefix: env.CLUSTER_PREFIX ?? 'baogong',
    seedDemo: env.SEED_DEMO === '1',
  };
}

/** Benchmarks: bench:live's profiling and debugging switches, bench:cluster's Redis. */
export interface BenchSettings {
  /** BENCH_CPU_PROF=<dir>: bench:live's server writes a V8 CPU profile there. */
  cpuProfileDir: string | null;
  /** BENCH_DEBUG=1: bench:live keeps every sample with its arrival time. */
  debug: boolean;
  /** BENCH_BOARD_PUSH_MS: bench:live's server pushes the van board at this interval (0: off, for comparison); unset: LIVE_BOARD_PUSH_MS. */
  boardPushMs: number | null;
  redisUrl: string;
}

export function loadBenchSettings(env: NodeJS.ProcessEnv = process.env): BenchSettings {
  return {
    cpuProfileDir: env.BENCH_CPU_PROF || null,
    debug: Boolean(env.BENCH_DEBUG),
    boardPushMs: env.BENCH_BOARD_PUSH_MS === undefined ? null : Number(env.BENCH_BOARD_PUSH_MS),
    redisUrl: env.REDIS_URL ?? DEFAULT_REDIS_URL,
  };
}

/** `npm run create-user`: the password from BAOGONG_PASSWORD instead of the prompt (scripts, provisioning). */
export function createUserPassword(env: NodeJS.ProcessEnv = process.env): string | null {
  return env.BAOGONG_PASSWORD || null;
}

/** The test harness (server/testing, server/store/test-support.ts). */
export interface TestSettings {
  /** Set per vitest project by vitest.config.ts (TEST_DB_KIND); null: a file run outside a project. */
  dbKind: 'sqlite' | 'postgres' | null;
  /** Redis for the cluster tests (REDIS_URL). */
  redisUrl: string;
  /** How much servers started in-process by tests log (TEST_LOG_LEVEL, default silent: test output stays quiet). */
  logLevel: LogLevel;
}

export function loadTestSettings(env: NodeJS.ProcessEnv = process.env): TestSettings {
  const kind = env.TEST_DB_KIND;
  return {
    dbKind: kind === 'sqlite' || kind === 'postgres' ? kind : null,
    redisUrl: env.REDIS_URL ?? DEFAULT_REDIS_URL,
    logLevel: levelFrom(env.TEST_LOG_LEVEL, 'silent', 'TEST_LOG_LEVEL'),
  };
}

const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';

function countFrom(raw: string | undefined, fallback: number, name: string, min: number): number {
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) throw new Error(`${name} must be an integer ≥ ${min}, got "${raw}"`);
  return n;
}
