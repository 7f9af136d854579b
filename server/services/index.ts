import type { TierRule } from '../domain/tiers';
import type { Logger } from './logger';
import type { PlanEventBus } from './plans/plan-events';
import type { RateLimiterFactory, WindowCounterFactory } from './rate-limit';
import { createAuthService, type PasswordHasher } from './staff/auth-service';
import { createAvailabilityService } from './fleet/availability-service';
import { createCoverHistoryService } from './cover/cover-history-service';
import { createDepotService } from './supply/depot-service';
import { createVehicleService } from './fleet/vehicle-service';
import { createStaffService } from './staff/staff-service';
import type { PlanQueue, PlanRunner } from './plans/plan-queue';
import { createPlanService } from './plans/plan-service';
import type { Store } from './ports';
import { createRequestService } from './requests/request-service';
import { createAlertService } from './alerts/alert-service';
import { createDisinfectionService } from './fleet/disinfection-service';
import { createPassService } from './staff/pass-service';
import { DEFAULT_OPS, type OpsConfig } from '../ops-config';
import { createReferenceService } from './references/reference-service';
import { createTrackService } from './fleet/track-service';
import { createVanBoardService } from './fleet/van-board-service';
import { createZoneService } from './zones/zone-service';
import { createPlaybookService } from './playbook/playbook-service';
import { createReportService } from './reports/report-service';
import { createCoverService } from './cover/cover-service';
import { createSupplyChannelService } from './supply/supply-channel-service';
import { createSupplierService } from './supply/supplier-service';
import { createDepotOutlookService } from './supply/depot-outlook';

export interface ServiceDeps {
  store: Store;
  passwords: PasswordHasher;
  tierRules: readonly TierRule[];
  sessionTtlS: number;
  /** The services' clock (tests fix it; the live layer and the alerts read the same one). */
  clock: () => Date;
  /** Where the services log what no request answers for: plan status changes, failed alert evaluations. Required. */
  log: Logger;
  /** Local time's offset from UTC (plan days are local days): config.live.utcOffset, never assumed. */
  utcOffset: string;
  /** Where plans run (a worker thread: server/workers/thread-runner.ts); needed unless planCluster is given. */
  planRunner?: PlanRunner;
  /** Cluster mode: plans go to worker processes through this queue and their events come back on this bus. */
  planCluster?: { queue: PlanQueue; events: PlanEventBus };
  /** Cluster mode: rate limits shared by every server (default: per process). */
  rateLimiters?: RateLimiterFactory;
  /** Cluster mode: the login throttle's and the request form's window counts, shared by every server. */
  windowCounters?: WindowCounterFactory;
  /** Requests, alerts and passes: limits and thresholds (defaults: DEFAULT_OPS). */
  ops?: OpsConfig;
  /** Most plans one caller may have queued or running at once (0: no bound; default 3). */
  planQueuePerUser?: number;
  /** The pass signing key from a key file (PKCS#8 PEM); absent: the key lives in the database. */
  passSigningKey?: () => Promise<string>;
  /** Default horizon of the days-of-cover projection (GET /api/cover). */
  coverHorizonDays?: number;
}

/**
 * Every use case over one store, clock and logger. Features that react to one another (a filed request
 * → an alert evaluation, the playbook's overdue steps → alerts, plan events → sockets) are wired in
 * server/reactions.ts, not here; only a zone write starting its checklist stays, since it runs inside
 * the zone write's transaction.
 */
export function createServices(deps: ServiceDeps) {
  const { store, clock: now, log } = deps;
  const requests = createRequestService({
    store, now, limits: deps.ops?.requests, rateLimiters: deps.rateLimiters, windowCounters: deps.windowCounters,
  });
  const alerts = createAlertService({ store, now, thresholds: deps.ops?.alerts, utcOffset: deps.utcOffset, log: log.child({ feature: 'alerts' }) });
  const vehicles = createVehicleService(store, now);
  const playbook = createPlaybookService({ store, now, tierRules: deps.tierRules, graceS: alertsConfig(deps).playbookGraceS });
  return {
    auth: createAuthService({ ...deps, now, loginLimits: deps.ops?.login }),
    zones: createZoneService({ ...deps, now, onZoneWritten: playbook.onZoneWritten }),
    playbook,
    reports: createReportService({ store, now, utcOffset: deps.utcOffset, thresholds: alertsConfig(deps), tierRules: deps.tierRules }),
    depots: createDepotService(store, now),
    vehicles,
    availability: createAvailabilityService(store, now),
    coverHistory: createCoverHistoryService(store, now, deps.utcOffset),
    supplyChannels: createSupplyChannelService(store, now, deps.tierRules),
    suppliers: createSupplierService(store, now),
    depotOutlook: createDepotOutlookService({ store, now, utcOffset: deps.utcOffset, horizonDays: deps.coverHorizonDays ?? 3 }),
    cover: createCoverService({ store, tierRules: deps.tierRules, utcOffset: deps.utcOffset, horizonDays: deps.coverHorizonDays ?? 3 }),
    tracks: createTrackService(store, vehicles),
    vanBoard: createVanBoardService(),
    staff: createStaffService(store, now, deps.utcOffset),
    reference: createReferenceService(store, now),
    /** The tier glossary from the configuration (TIERS_FILE or the Guangzhou 2021 defaults). */
    tierNames: () => deps.tierRules.map(({ tier, nameZh, nameEn, handoffMode }) => ({ tier, nameZh, nameEn, handoffMode })),
    plans: createPlanService({ store, now, tierRules: deps.tierRules, utcOffset: deps.utcOffset, runner: deps.planRunner, cluster: deps.planCluster, queuePerUser: deps.planQueuePerUser, log: log.child({ feature: 'plans' }) }),
    requests,
    alerts,
    passes: createPassService(store, now, deps.utcOffset, deps.passSigningKey),
    // Its own (stateless) vehicle service: only for the read rule of vans.
    disinfections: createDisinfectionService(store, now, createVehicleService(store, now)),
  };
}

const alertsConfig = (deps: ServiceDeps) => deps.ops?.alerts ?? DEFAULT_OPS.alerts;

export type Services = ReturnType<typeof createServices>;
