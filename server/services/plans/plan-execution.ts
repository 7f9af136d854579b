import type { Depot, PlanResult, Vehicle } from '../../contract';
import type { TierRule } from '../../domain/tiers';
import { extraDemandKg } from '../../domain/request-demand';
import { planInputFromRecords } from '../../planner/input-from-records';
import { addExcluded, withoutBrokenVans } from './broken-vans';
import { planChanges } from './plan-diff';
import type { RunSettings } from './plan-run-checks';
import type { PlanRunner } from './plan-queue';
import type { PlanLifecycle, PlanStatusChange } from './plan-lifecycle';
import type { Logger } from '../logger';
import type { Store } from '../ports';
import type { PlanRecord } from './ports';
import { mergeReplan, remainingInput, replanBasis, type RecordedDelivery } from './replan';
import { mergePlanParts, splitShared } from './plan-parts';
import { vanGaps } from './van-gaps';
import { depotsOnDate } from '../supply/depot-outlook';

// Running one queued plan, wherever it runs: in the server's own worker thread (embedded) or in a
// planner worker process fed by the job queue (cluster). The record in the store is the hand-off.

export interface PlanExecutionDeps {
  store: Store;
  tierRules: readonly TierRule[];
  /** Local time's offset from UTC (plan days are local days). */
  utcOffset: string;
  runner: PlanRunner;
  /** Every status change goes through it (checked, written, told); progress is told through it. */
  lifecycle: PlanLifecycle;
  /** The clock that says which day is today (a plan for a later day sees that day's rolled-forward stock); default: the system's. */
  now?: () => Date;
  /** Where a failure that has no one to answer goes (a plan that could not even be marked failed). */
  log: Logger;
}

export type { PlanStatusChange };

/** Progress is written to the store at most this often (events go out on every step). */
const PROGRESS_WRITE_MS = 250;

/** queued → running → draft (or failed, with the error), every step through the lifecycle. */
export async function executePlan(deps: PlanExecutionDeps, id: string): Promise<void> {
  const { store, lifecycle } = deps;
  const plan = await store.plans.get(id);
  // Gone, or already finished by a worker that died before acknowledging its job: nothing to do.
  if (!plan || (plan.status !== 'queued' && plan.status !== 'running')) return;
  const settings = plan.inputSettings as RunSettings;
  let lastWrite = 0;
  // The last progress write lands before the final one (a pool could otherwise reorder them).
  let progressWrite: Promise<unknown> = Promise.resolve();
  try {
    // Another worker may have finished it meanwhile: then nothing to do.
    if (!(await lifecycle.transition(id, 'running', { progress: 0 }, { onlyFrom: ['queued', 'running'] }))) return;
    const result = await compute(deps, plan, settings, (progress) => {
      lifecycle.tell({ ...plan, status: 'running', progress });
      if (Date.now() - lastWrite < PROGRESS_WRITE_MS || progress >= 1) return;
      lastWrite = Date.now();
      progressWrite = progressWrite.then(() => store.plans.update(id, { progress: Math.min(0.99, progress) })).catch(() => {});
    });
    await progressWrite;
    const changes = result.base ? planChanges(result.base, result.plan) : null;
    await lifecycle.transition(id, 'draft', { progress: 1, result: result.plan, kpis: result.plan.kpis, changes, error: null });
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    await progressWrite;
    // The lifecycle logs the move itself; a plan that cannot even be marked failed (the database gone)
    // stays running until a restart fails it (failInterrupted), and must show in the log meanwhile.
    await lifecycle.transition(id, 'failed', { error: message }, { onlyFrom: ['queued', 'running'] })
      .catch((err: unknown) => deps.log.error({ err, planId: id, error: message }, 'plan failed and could not be marked failed'));
  }
}

/**
 * The depots with their stock and, for a replan, the deliveries drivers recorded on the base plan:
 * those already drew the stock read here, so the replan must not take them off again
 * (server/services/plans/replan.ts). One transaction, stock first: on SQLite a delivery recorded
 * meanwhile is in both or neither; on PostgreSQL (read committed) it can at worst be in the
 * deliveries only, seeing the stock high by it rather than taking it off twice.
 */
async function stockAndDeliveries(deps: PlanExecutionDeps, plan: PlanRecord, base: PlanResult | null): Promise<{ depots: Depot[]; recorded: RecordedDelivery[] }> {
  const { store } = deps;
  const basePlanId = plan.basePlanId;
  // A fresh plan for a later day plans with that day's stock: suppliers' inbound and the published plans' draw
  // rolled forward from the stock counted now (server/services/supply/depot-outlook.ts). A replan keeps today's.
  if (!basePlanId || !base) {
    return { depots: await depotsOnDate({ store, utcOffset: deps.utcOffset, now: deps.now ?? (() => new Date()) }, plan.date, await store.depots.list()), recorded: [] };
  }
  return store.transaction(async (tx) => {
    const depots = await tx.depots.list();
    const recorded: RecordedDelivery[] = (await tx.deliveries.stopProgress(basePlanId)).filter((p) => p.status === 'delivered')
      .map((p) => ({ vehicleId: p.vehicleId, tripIndex: p.tripIndex, stopIndex: p.stopIndex, deliveredKg: p.deliveredKg }));
    return { depots, recorded };
  });
}

/** What a plan is made of, read as it is now; `stock` reads the depots (and, for a replan, the recorded deliveries). */
async function loadRecords(deps: PlanExecutionDeps, plan: PlanRecord, stock: Promise<{ depots: Depot[]; recorded: RecordedDelivery[] }>) {
  const { store } = deps;
  const settings = plan.inputSettings as RunSettings;
  const [zones, handoffPoints, commodities, { depots, recorded }, fleet, staff, requests, availability, gapKg] = await Promise.all([
    store.zones.list(), store.handoffPoints.list(), store.commodities.list(), stock,
    store.vehicles.list(), store.staff.list(),
    // Residents' open requests raise their zone's demand (server/domain/request-demand.ts).
    store.requests.list({ status: ['new', 'assigned'] }),
    store.vehicleAvailability.list(),
    // The vans fill the gap household stock and the other channels leave (server/domain/van-gap.ts), city-wide:
    // a channel serves zones of its own district only, so a district's gaps are the same either way.
    vanGaps(deps, plan.date, settings.days, undefined),
  ]);
  return { zones, handoffPoints, commodities, depots, recorded, fleet, staff, availability, gapKg, extraKg: extraDemandKg(requests, commodities) };
}

type PlanRecords = Awaited<ReturnType<typeof loadRecords>>;

/** The planner's input for one district (its own depots and the shared ones) or, with none, the city. */
function inputFor(
  deps: PlanExecutionDeps, records: PlanRecords, vehicles: Vehicle[], plan: PlanRecord, settings: RunSettings,
  districtId: string | undefined, onHandKg?: Map<string, Record<string, number>>,
) {
  const { zones, handoffPoints, commodities, staff, depots, extraKg, gapKg } = records;
  return planInputFromRecords(
    { zones, handoffPoints, commodities, staff, vehicles, depots: depots.filter((d) => !districtId || d.districtId === null || d.districtId === districtId) },
    { date: plan.date, days: settings.days, utcOffset: deps.utcOffset, tierRules: deps.tierRules, districtId, onHandKg, extraKg, gapKg },
  );
}

/** The search runs until the plan's time limit, not an iteration count. */
const searchOptions = (settings: RunSettings) => ({ seed: settings.seed, maxIterations: Number.MAX_SAFE_INTEGER });

/** Loads the records as they are now, plans what is left and, for a replan, merges the kept part. */
async function compute(deps: PlanExecutionDeps, plan: PlanRecord, settings: RunSettings, onProgress: (f: number) => void): Promise<{ plan: PlanResult; base: PlanResult | null }> {
  const { store, runner } = deps;
  const base = plan.basePlanId ? (await store.plans.get(plan.basePlanId))?.result ?? null : null;
  if (plan.basePlanId && !base) throw new Error(`base plan "${plan.basePlanId}" has no result`);
  const records = await loadRecords(deps, plan, stockAndDeliveries(deps, plan, base));
  // Vans marked broken down are left out and listed among the excluded vans (server/services/plans/broken-vans.ts).
  const { vehicles, excluded } = withoutBrokenVans(records.fleet, records.availability, plan.districtId);
  const basis = base ? replanBasis(base, settings.situation, records.recorded) : null;
  const input = inputFor(deps, records, vehicles, plan, settings, plan.districtId ?? undefined, basis?.onHandKg);
  if (!base || !basis) return { plan: addExcluded(await runner.run(input, searchOptions(settings), settings.timeLimitS, onProgress), excluded), base: null };
  const rest = addExcluded(await runner.run(remainingInput(input, basis), searchOptions(settings), settings.timeLimitS, onProgress), excluded);
  const merged = mergeReplan(base, rest, basis, {
    coldChainCommodities: new Set(records.commodities.filter((c) => c.coldChain).map((c) => c.id)),
    capacityKg: new Map(records.fleet.map((v) => [v.id, v.capacityKg])),
    vehicleNames: new Map(records.fleet.map((v) => [v.id, v.name])),
  });
  return { plan: merged, base };
}

// ── A city-wide plan in parts (cluster mode): one job per district, then one that merges them ──

/** The districts a plan splits into: a fresh city-wide plan over more than one district; else null (one job). */
export async function districtParts(store: Store, plan: Pick<PlanRecord, 'districtId' | 'basePlanId'>): Promise<string[] | null> {
  // A replan merges with its base as a whole: it stays one job.
  if (plan.districtId !== null || plan.basePlanId !== null) return null;
  const districts = [...new Set((await store.zones.list()).filter((z) => z.status === 'active').map((z) => z.districtId))].sort();
  return districts.length > 1 ? districts : null;
}

/** Plans one district's part of a city-wide plan (nothing written: the merge step writes the plan). */
export async function runPlanPart(deps: PlanExecutionDeps, id: string, districtId: string): Promise<PlanResult> {
  const { store, runner, lifecycle } = deps;
  const plan = await store.plans.get(id);
  if (!plan) throw new Error(`plan "${id}" does not exist`);
  const settings = plan.inputSettings as RunSettings;
  // The first part to start moves the plan on; the others find it running already.
  await lifecycle.transition(id, 'running', { progress: 0 }, { onlyFrom: ['queued'] });
  const records = await loadRecords(deps, plan, store.depots.list().then(async (all) => ({ depots: await depotsOnDate({ store, utcOffset: deps.utcOffset, now: deps.now ?? (() => new Date()) }, plan.date, all), recorded: [] })));
  const { vehicles, excluded } = withoutBrokenVans(records.fleet, records.availability, null);
  // Every part builds every part's input, so that all workers share the common supply out alike.
  const districts = [...new Set(records.zones.filter((z) => z.status === 'active').map((z) => z.districtId))].sort();
  const inputs = new Map(districts.map((d) => [d, inputFor(deps, records, vehicles, plan, settings, d)]));
  const shared = splitShared(
    inputs,
    new Set(records.depots.filter((x) => x.districtId === null).map((x) => x.id)),
    new Set(vehicles.filter((v) => v.districtId === null).map((v) => v.id)),
  );
  const input = shared.get(districtId);
  if (!input) throw new Error(`district "${districtId}" has no active zone any more`);
  const result = await runner.run(input, searchOptions(settings), settings.timeLimitS, () => {});
  // The broken-down vans of this district, and the shared ones (the merge lists each once).
  const districtOf = new Map(records.fleet.map((v) => [v.id, v.districtId]));
  return addExcluded(result, excluded.filter((e) => (districtOf.get(e.vehicleId) ?? null) === districtId || (districtOf.get(e.vehicleId) ?? null) === null));
}

/** Merges the parts into the plan's draft. */
export async function finishSplitPlan(deps: PlanExecutionDeps, id: string, parts: readonly PlanResult[]): Promise<void> {
  const { store, lifecycle } = deps;
  const plan = await store.plans.get(id);
  if (!plan || (plan.status !== 'queued' && plan.status !== 'running')) return;
  const fleet = await store.vehicles.list();
  const result = mergePlanParts(parts, new Map(fleet.map((v) => [v.id, v.capacityKg])));
  await lifecycle.transition(id, 'draft', { progress: 1, result, kpis: result.kpis, changes: null, error: null }, { onlyFrom: ['running'] });
}

/** A part failed: the whole plan has. */
export async function failPlan(lifecycle: PlanLifecycle, id: string, message: string): Promise<void> {
  await lifecycle.transition(id, 'failed', { error: message }, { onlyFrom: ['queued', 'running'] });
}
