import { randomUUID } from 'node:crypto';
import type {
  Plan, PlanComparison, PlanEvent, PlanListQuery, PlanRunInput, PlanSituation, PlanSummary, User, VehicleRoute,
} from '../../contract';
import type { TierRule } from '../../domain/tiers';
import { UNFINISHED_STATUSES } from '../../domain/plan-status';
import { writeAudited } from '../audit';
import { AppError, notFound } from '../errors';
import { kpiDeltas, planChanges } from './plan-diff';
import { createLocalPlanEventBus, type PlanEventBus, type PlanEventMeta } from './plan-events';
import { districtParts, executePlan } from './plan-execution';
import { createPlanLifecycle, planEventOf } from './plan-lifecycle';
import type { Logger } from '../logger';
import { createLocalPlanQueue, type PlanQueue, type PlanRunner } from './plan-queue';
import { checkRunInput, type RunSettings } from './plan-run-checks';
import type { Store } from '../ports';
import type { PlanRecord } from './ports';
import { routePlaces } from './route-places';
import { canReadDistrict, listDistrict } from '../scope';
import { clockNowS } from './replan';

export interface PlanServiceDeps {
  store: Store;
  tierRules: readonly TierRule[];
  now: () => Date;
  /** Local time's offset from UTC (plan days are local days), from the configuration. */
  utcOffset: string;
  runner?: PlanRunner;
  /** Cluster mode: plans go to worker processes and their events come back over this bus. */
  cluster?: { queue: PlanQueue; events: PlanEventBus };
  /** Most plans one caller may have queued or running at once (0: no bound). */
  queuePerUser?: number;
  /** Where status changes are logged (every one, with the failures' errors). */
  log: Logger;
}

const DEFAULT_TIME_LIMIT_S = 5;
export const DEFAULT_PLAN_QUEUE_PER_USER = 3;

/** What a run records besides its settings: the scope's newest version when it was queued. */
interface RunBasis {
  basisVersion?: number;
}

/** Coordinators see every plan; a district official only their district's. */
const canReadPlan = (actor: User, plan: { districtId: string | null }) =>
  actor.role === 'coordinator' || (actor.role === 'district_official' && plan.districtId !== null && canReadDistrict(actor, plan.districtId));

const summaryOf = ({ inputSettings: _s, result: _r, changes: _c, ...summary }: PlanRecord): PlanSummary => summary;
const planOf = ({ inputSettings: _s, ...plan }: PlanRecord): Plan => plan;

export { planEventOf };

export function createPlanService(deps: PlanServiceDeps) {
  const { store, now, tierRules } = deps;
  const { utcOffset } = deps;
  const events = deps.cluster?.events ?? createLocalPlanEventBus();
  const lifecycle = createPlanLifecycle({ store, events, log: deps.log });
  const queuePerUser = deps.queuePerUser ?? DEFAULT_PLAN_QUEUE_PER_USER;
  const queue = deps.cluster?.queue ?? (() => {
    const runner = deps.runner;
    if (!runner) throw new Error('createPlanService: plans run here (no cluster queue), so a plan runner is needed');
    return createLocalPlanQueue((id) => executePlan({ store, tierRules, utcOffset, runner, lifecycle, now, log: deps.log }, id), () => runner.close());
  })();
  let closed = false;

  async function readable(actor: User, id: string, field?: string): Promise<PlanRecord> {
    const plan = await store.plans.get(id);
    if (!plan || !canReadPlan(actor, plan)) throw notFound('plan', id, field);
    return plan;
  }

  return {
    /** Queues a plan and answers at once with its summary (status queued); the worker does the rest. */
    async run(actor: User, input: PlanRunInput): Promise<PlanSummary> {
      if (closed) throw new AppError('CONFLICT', 'the server is shutting down: no new plans');
      const checked = await checkRunInput(store, actor, input, readable);
      const settings: RunSettings & RunBasis = {
        days: input.days ?? 1,
        timeLimitS: input.timeLimitS ?? DEFAULT_TIME_LIMIT_S,
        seed: input.seed ?? 1,
        situation: withNow(input.situation ?? { completedStops: [], loadedVehicles: [], brokenVehicles: [] }, input, now(), utcOffset),
      };
      const record: PlanRecord = {
        id: randomUUID(), version: null, status: 'queued', date: input.date, districtId: checked.districtId,
        createdAt: now().toISOString(), createdBy: actor.id, publishedAt: null, basePlanId: input.basePlanId ?? null,
        progress: 0, error: null, kpis: null, result: null, changes: null, inputSettings: settings,
      };
      await writeAudited(store, actor, now, async (tx) => {
        // Fairness: one caller cannot fill the queue. Counted under the caller's lock, so that
        // requests racing each other (several processes on PostgreSQL) cannot all pass the count.
        if (queuePerUser > 0) {
          await tx.plans.lockKey(`plan-queue:${actor.id}`);
          const unfinished = await tx.plans.countUnfinished(actor.id);
          if (unfinished >= queuePerUser) {
            throw new AppError('RATE_LIMITED', `you have ${unfinished} plans ${UNFINISHED_STATUSES.join(' or ')} (at most ${queuePerUser} per user): wait for one to finish`);
          }
        }
        // A draft may later be published only over the version it was planned against (publish).
        settings.basisVersion = await tx.plans.maxVersion(checked.districtId);
        await tx.plans.insert(record);
        return { result: null, audit: { action: 'plan.run', entity: 'plan', entityId: record.id, detail: input } };
      });
      // Told before the hand-off: a worker's "running" must not arrive ahead of "queued".
      lifecycle.tell(record);
      // Split where parts can run side by side (a cluster's workers): a fresh city-wide plan, one part
      // per district. One process plans a city in one piece, where vans may cross districts.
      await queue.enqueue(record.id, queue.runsParts ? await districtParts(store, record) : null);
      return summaryOf(record);
    },

    async list(actor: User, query: PlanListQuery = {}): Promise<PlanSummary[]> {
      const districtId = listDistrict(actor, query.districtId);
      return store.plans.list({ districtId, status: query.status, date: query.date });
    },

    get: async (actor: User, id: string): Promise<Plan> => planOf(await readable(actor, id)),

    /**
     * draft → published with the scope's next version; the scope's previous published plan is
     * superseded. One publish per scope at a time (the scope's lock), and only over the version the
     * draft was planned against: of drafts published at once, one wins and the others get 409.
     */
    async publish(actor: User, id: string): Promise<PlanSummary> {
      return lifecycle.transaction(async (move, tx) => {
        const found = await tx.plans.get(id);
        if (!found || !canReadPlan(actor, found)) throw notFound('plan', id);
        await tx.plans.lockKey(`plan-scope:${found.districtId ?? ''}`);
        const plan = (await tx.plans.get(id))!;
        if (plan.status !== 'draft') throw new AppError('CONFLICT', `plan "${id}" is ${plan.status}: only a draft can be published`);
        const current = await tx.plans.maxVersion(plan.districtId);
        const basis = (plan.inputSettings as RunBasis | null)?.basisVersion;
        if (basis !== undefined && current > basis) {
          throw new AppError('CONFLICT', `plan "${id}" was made before version ${current} of this ${plan.districtId ? 'district' : 'city'}'s plan was published: run it again (or replan) to publish`);
        }
        const superseded = (await tx.plans.list({ districtId: plan.districtId, status: 'published' })).map((p) => p.id);
        // Events being recorded on the old plan finish first; later ones find it superseded (PostgreSQL).
        for (const old of superseded) await tx.deliveries.lockPlanForPublish(old);
        for (const old of superseded) await move(old, 'superseded');
        const version = current + 1;
        const publishedAt = now().toISOString();
        await move(id, 'published', { version, publishedAt });
        await tx.audit.append({ action: 'plan.publish', entity: 'plan', entityId: id, detail: { version, superseded }, at: now().toISOString(), userId: actor.id });
        return { ...summaryOf(plan), status: 'published', version, publishedAt } satisfies PlanSummary;
      });
    },

    async compare(actor: User, a: string, b: string): Promise<PlanComparison> {
      const before = await readable(actor, a);
      const after = await readable(actor, b);
      for (const p of [before, after]) {
        if (!p.result) throw new AppError('CONFLICT', `plan "${p.id}" is ${p.status} and has no result to compare yet`);
      }
      return {
        before: summaryOf(before), after: summaryOf(after),
        ...planChanges(before.result!, after.result!),
        kpis: kpiDeltas(before.result!.kpis, after.result!.kpis),
      };
    },

    /** The van's route in the newest published plan covering it (a driver: only their own van). */
    async vehicleRoute(actor: User, vehicleId: string, date?: string): Promise<VehicleRoute | null> {
      const vehicle = await store.vehicles.get(vehicleId);
      const allowed = vehicle && (actor.role === 'driver' ? actor.vehicleId === vehicle.id : canReadDistrict(actor, vehicle.districtId));
      if (!allowed) throw notFound('vehicle', vehicleId);
      const ref = await store.plans.latestPublishedForVehicle(vehicleId, date);
      const route = ref ? (await store.plans.get(ref.id))?.result?.routes.find((r) => r.vehicleId === vehicleId) : undefined;
      if (!ref || !route) return null;
      return { ...route, planId: ref.id, planVersion: ref.version, date: ref.date, publishedAt: ref.publishedAt, ...(await routePlaces(store, route, tierRules)) };
    },

    /** Progress and status changes of every plan (in cluster mode: of every process); returns the unsubscribe. */
    onPlanEvent(listener: (event: PlanEvent, meta: PlanEventMeta) => void): () => void {
      return events.subscribe(listener);
    },

    /** Resolves when no plan is queued or running. */
    idle: (): Promise<void> => queue.idle(),

    /** Plans a previous process left queued or running will never finish: mark them failed. */
    async failInterrupted(): Promise<number> {
      let n = 0;
      for (const status of UNFINISHED_STATUSES) {
        for (const p of await store.plans.list({ status })) {
          if (queue.holds(p.id)) continue;
          const failed = await lifecycle.transition(p.id, 'failed', { error: 'the server restarted before the plan finished' }, { onlyFrom: UNFINISHED_STATUSES });
          if (failed) n++;
        }
      }
      return n;
    },

    /** Moves a plan's status: checked against the transition table, written, told (server/services/plans/plan-lifecycle.ts). */
    transition: lifecycle.transition,

    /** Stops taking plans, fails the queued ones and stops the worker. */
    async close(): Promise<void> {
      closed = true;
      const dropped = await queue.close();
      for (const id of dropped) {
        await lifecycle.transition(id, 'failed', { error: 'the server shut down before the plan ran' }, { onlyFrom: UNFINISHED_STATUSES })
          .catch((err: unknown) => deps.log.error({ err, planId: id }, 'plan could not be marked failed at shutdown'));
      }
    },
  };
}

export type PlanService = ReturnType<typeof createPlanService>;

/** A replan without situation.nowS is made now, by the server clock (when that is on the plan day). */
function withNow(situation: PlanSituation, input: PlanRunInput, clock: Date, utcOffset: string): PlanSituation {
  if (!input.basePlanId || situation.nowS !== undefined) return situation;
  const nowS = clockNowS(clock.getTime(), input.date, utcOffset);
  return nowS === undefined ? situation : { ...situation, nowS };
}
