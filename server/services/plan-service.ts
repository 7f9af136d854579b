import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type {
  Depot, Plan, PlanComparison, PlanEvent, PlanListQuery, PlanResult, PlanRunInput, PlanSummary, User, VehicleRoute,
} from '../contract';
import type { TierRule } from '../domain/tiers';
import { planInputFromRecords } from '../planner/input-from-records';
import { extraDemandKg } from '../domain/request-demand';
import { writeAudited } from './audit';
import { AppError, notFound } from './errors';
import { kpiDeltas, planChanges } from './plan-diff';
import { createWorkerRunner, type PlanRunner } from './plan-runner';
import { checkRunInput, type RunSettings } from './plan-run-checks';
import type { PlanRecord, Store } from './ports';
import { addExcluded, withoutBrokenVans } from './broken-vans';
import { routePlaces } from './route-places';
import { mergeReplan, remainingInput, replanBasis, type RecordedDelivery } from './replan';
import { canReadDistrict, listDistrict } from './scope';

export interface PlanServiceDeps {
  store: Store;
  tierRules: readonly TierRule[];
  now: () => Date;
  /** Local time's offset from UTC (plan days are local days). */
  utcOffset?: string;
  runner?: PlanRunner;
}

const DEFAULT_TIME_LIMIT_S = 5;
/** Progress is written to the store at most this often (events go out on every step). */
const PROGRESS_WRITE_MS = 250;

/** Coordinators see every plan; a district official only their district's. */
const canReadPlan = (actor: User, plan: { districtId: string | null }) =>
  actor.role === 'coordinator' || (actor.role === 'district_official' && plan.districtId !== null && canReadDistrict(actor, plan.districtId));

const summaryOf = ({ inputSettings: _s, result: _r, changes: _c, ...summary }: PlanRecord): PlanSummary => summary;
const planOf = ({ inputSettings: _s, ...plan }: PlanRecord): Plan => plan;

export function createPlanService(deps: PlanServiceDeps) {
  const { store, now, tierRules } = deps;
  const utcOffset = deps.utcOffset ?? '+08:00';
  const runner = deps.runner ?? createWorkerRunner();
  const events = new EventEmitter();
  const queue: string[] = [];
  let running: Promise<void> | null = null;
  let closed = false;
  const idleWaiters: (() => void)[] = [];

  const emit = (p: Pick<PlanSummary, 'id' | 'districtId' | 'status' | 'progress' | 'version'>) =>
    events.emit('plan', { planId: p.id, districtId: p.districtId, status: p.status, progress: p.progress, version: p.version } satisfies PlanEvent);

  async function readable(actor: User, id: string, field?: string): Promise<PlanRecord> {
    const plan = await store.plans.get(id);
    if (!plan || !canReadPlan(actor, plan)) throw notFound('plan', id, field);
    return plan;
  }

  function pump(): void {
    if (running || closed) return;
    const id = queue.shift();
    if (!id) {
      for (const done of idleWaiters.splice(0)) done();
      return;
    }
    running = execute(id).finally(() => {
      running = null;
      pump();
    });
  }

  async function execute(id: string): Promise<void> {
    const plan = await store.plans.get(id);
    if (!plan) return;
    const settings = plan.inputSettings as RunSettings;
    let lastWrite = 0;
    // The last progress write lands before the final one (a pool could otherwise reorder them).
    let progressWrite: Promise<unknown> = Promise.resolve();
    try {
      await store.plans.update(id, { status: 'running', progress: 0 });
      emit({ ...plan, status: 'running', progress: 0 });
      const result = await compute(plan, settings, (progress) => {
        emit({ ...plan, status: 'running', progress });
        if (Date.now() - lastWrite < PROGRESS_WRITE_MS || progress >= 1) return;
        lastWrite = Date.now();
        progressWrite = progressWrite.then(() => store.plans.update(id, { progress: Math.min(0.99, progress) })).catch(() => {});
      });
      await progressWrite;
      const changes = result.base ? planChanges(result.base, result.plan) : null;
      await store.plans.update(id, { status: 'draft', progress: 1, result: result.plan, kpis: result.plan.kpis, changes, error: null });
      emit({ ...plan, status: 'draft', progress: 1 });
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      await progressWrite;
      await store.plans.update(id, { status: 'failed', error: message }).catch(() => {});
      emit({ ...plan, status: 'failed' });
    }
  }

  /**
   * The depots with their stock and, for a replan, the deliveries drivers recorded on the base plan:
   * those already drew the stock read here, so the replan must not take them off again
   * (server/services/replan.ts). One transaction, stock first: on SQLite a delivery recorded
   * meanwhile is in both or neither; on PostgreSQL (read committed) it can at worst be in the
   * deliveries only, seeing the stock high by it rather than taking it off twice.
   */
  async function stockAndDeliveries(basePlanId: string | null, base: PlanResult | null): Promise<{ depots: Depot[]; recorded: RecordedDelivery[] }> {
    if (!basePlanId || !base) return { depots: await store.depots.list(), recorded: [] };
    return store.transaction(async (tx) => {
      const depots = await tx.depots.list();
      const recorded: RecordedDelivery[] = [];
      for (const r of base.routes) {
        for (const p of await tx.live.stopProgress(basePlanId, r.vehicleId)) {
          if (p.status === 'delivered') recorded.push({ vehicleId: p.vehicleId, tripIndex: p.tripIndex, stopIndex: p.stopIndex, deliveredKg: p.deliveredKg });
        }
      }
      return { depots, recorded };
    });
  }

  /** Loads the records as they are now, plans what is left and, for a replan, merges the kept part. */
  async function compute(plan: PlanRecord, settings: RunSettings, onProgress: (f: number) => void): Promise<{ plan: PlanResult; base: PlanResult | null }> {
    const base = plan.basePlanId ? (await store.plans.get(plan.basePlanId))?.result ?? null : null;
    if (plan.basePlanId && !base) throw new Error(`base plan "${plan.basePlanId}" has no result`);
    const [zones, handoffPoints, commodities, { depots, recorded }, fleet, staff, requests, availability] = await Promise.all([
      store.zones.list(), store.handoffPoints.list(), store.commodities.list(), stockAndDeliveries(plan.basePlanId, base),
      store.vehicles.list(), store.staff.list(),
      // Residents' open requests raise their zone's demand (server/domain/request-demand.ts).
      store.requests.list({ status: ['new', 'assigned'] }),
      store.vehicleAvailability.list(),
    ]);
    // Vans marked broken down are left out and listed among the excluded vans (server/services/broken-vans.ts).
    const { vehicles, excluded } = withoutBrokenVans(fleet, availability, plan.districtId);
    const districtId = plan.districtId ?? undefined;
    const basis = base ? replanBasis(base, settings.situation, recorded) : null;
    const input = planInputFromRecords(
      { zones, handoffPoints, commodities, staff, vehicles, depots: depots.filter((d) => !districtId || d.districtId === null || d.districtId === districtId) },
      { date: plan.date, days: settings.days, utcOffset, tierRules, districtId, onHandKg: basis?.onHandKg, extraKg: extraDemandKg(requests, commodities) },
    );
    const options = { seed: settings.seed, maxIterations: Number.MAX_SAFE_INTEGER };
    if (!base || !basis) return { plan: addExcluded(await runner.run(input, options, settings.timeLimitS, onProgress), excluded), base: null };
    const rest = addExcluded(await runner.run(remainingInput(input, basis), options, settings.timeLimitS, onProgress), excluded);
    const merged = mergeReplan(base, rest, basis, {
      coldChainCommodities: new Set(commodities.filter((c) => c.coldChain).map((c) => c.id)),
      capacityKg: new Map(fleet.map((v) => [v.id, v.capacityKg])),
      vehicleNames: new Map(fleet.map((v) => [v.id, v.name])),
    });
    return { plan: merged, base };
  }

  return {
    /** Queues a plan and answers at once with its summary (status queued); the worker does the rest. */
    async run(actor: User, input: PlanRunInput): Promise<PlanSummary> {
      if (closed) throw new AppError('CONFLICT', 'the server is shutting down: no new plans');
      const checked = await checkRunInput(store, actor, input, readable);
      const settings: RunSettings = {
        days: input.days ?? 1,
        timeLimitS: input.timeLimitS ?? DEFAULT_TIME_LIMIT_S,
        seed: input.seed ?? 1,
        situation: input.situation ?? { completedStops: [], loadedVehicles: [], brokenVehicles: [] },
      };
      const record: PlanRecord = {
        id: randomUUID(), version: null, status: 'queued', date: input.date, districtId: checked.districtId,
        createdAt: now().toISOString(), createdBy: actor.id, publishedAt: null, basePlanId: input.basePlanId ?? null,
        progress: 0, error: null, kpis: null, result: null, changes: null, inputSettings: settings,
      };
      await writeAudited(store, actor, now, async (tx) => {
        await tx.plans.insert(record);
        return { result: null, audit: { action: 'plan.run', entity: 'plan', entityId: record.id, detail: input } };
      });
      queue.push(record.id);
      emit(record);
      pump();
      return summaryOf(record);
    },

    async list(actor: User, query: PlanListQuery = {}): Promise<PlanSummary[]> {
      const districtId = listDistrict(actor, query.districtId);
      return store.plans.list({ districtId, status: query.status, date: query.date });
    },

    get: async (actor: User, id: string): Promise<Plan> => planOf(await readable(actor, id)),

    /** draft → published with the scope's next version; the scope's previous published plan is superseded. */
    async publish(actor: User, id: string): Promise<PlanSummary> {
      const published = await writeAudited(store, actor, now, async (tx) => {
        const plan = await tx.plans.get(id);
        if (!plan || !canReadPlan(actor, plan)) throw notFound('plan', id);
        if (plan.status !== 'draft') throw new AppError('CONFLICT', `plan "${id}" is ${plan.status}: only a draft can be published`);
        const superseded = (await tx.plans.list({ districtId: plan.districtId, status: 'published' })).map((p) => p.id);
        // Events being recorded on the old plan finish first; later ones find it superseded (PostgreSQL).
        for (const old of superseded) await tx.live.lockPlanForPublish(old);
        for (const old of superseded) await tx.plans.update(old, { status: 'superseded' });
        const version = (await tx.plans.maxVersion(plan.districtId)) + 1;
        const publishedAt = now().toISOString();
        await tx.plans.update(id, { status: 'published', version, publishedAt });
        const summary: PlanSummary = { ...summaryOf(plan), status: 'published', version, publishedAt };
        return { result: summary, audit: { action: 'plan.publish', entity: 'plan', entityId: id, detail: { version, superseded } } };
      });
      emit(published);
      return published;
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
      return { ...route, planId: ref.id, planVersion: ref.version, date: ref.date, publishedAt: ref.publishedAt, ...(await routePlaces(store, route)) };
    },

    /** Progress and status changes of every plan in this process; returns the unsubscribe. */
    onPlanEvent(listener: (event: PlanEvent) => void): () => void {
      events.on('plan', listener);
      return () => events.off('plan', listener);
    },

    /** Resolves when no plan is queued or running. */
    idle(): Promise<void> {
      if (!running && queue.length === 0) return Promise.resolve();
      return new Promise((done) => idleWaiters.push(done));
    },

    /** Plans a previous process left queued or running will never finish: mark them failed. */
    async failInterrupted(): Promise<number> {
      let n = 0;
      for (const status of ['queued', 'running'] as const) {
        for (const p of await store.plans.list({ status })) {
          if (queue.includes(p.id)) continue;
          await store.plans.update(p.id, { status: 'failed', error: 'the server restarted before the plan finished' });
          n++;
        }
      }
      return n;
    },

    /** Stops taking plans, fails the queued ones and stops the worker. */
    async close(): Promise<void> {
      closed = true;
      const dropped = queue.splice(0);
      await runner.close();
      await running;
      for (const id of dropped) await store.plans.update(id, { status: 'failed', error: 'the server shut down before the plan ran' }).catch(() => {});
      for (const done of idleWaiters.splice(0)) done();
    },
  };
}

export type PlanService = ReturnType<typeof createPlanService>;
