// The day on the road: drivers work the published plan; on a failure day the coordinator learns of a
// breakdown or a failed handoff at the checkpoint, replans from what was done (kept stops, loaded vans,
// the broken van left out), publishes, and the drivers carry on with the new routes.
import type { Plan, PlanSituation, VehicleRoute } from '../../server/contract';
import { instantOf } from '../../server/domain/local-time';
import { driveRoute, emptyStats, publishedRoute, type StopDecision, type StopOutcome } from '../live-driver';
import { runAndPublish } from '../plan-client';
import type { ReplayContext } from './context';
import { mulberry32 } from '../gen-city';
import { choose } from './failures';
import type { PlanRun } from './records';

/** Local time the coordinator hears of the day's failure and replans. */
export const CHECKPOINT_S = 11 * 3600;

export interface FieldResult {
  outcomes: StopOutcome[];
  replans: PlanRun[];
  failures: string[];
  /** The last published plan of the day (its shortfalls explain what it could not cover). */
  finalPlan: Plan;
  brokenVehicle: string | null;
  /** Zones with planned stops on vans that had no driver login. */
  unattended: Set<string>;
}

export function planRunOf(date: string, kind: PlanRun['kind'], trigger: string, p: { plan: Plan; runMs: number; totalMs: number; publishedAt: string }): PlanRun {
  return {
    date, kind, trigger, planId: p.plan.id, version: p.plan.version, runMs: Math.round(p.runMs), totalMs: Math.round(p.totalMs),
    publishedAt: p.publishedAt, zonesShort: p.plan.kpis?.zonesShort ?? 0, minFillRate: p.plan.kpis?.minFillRate ?? 0,
  };
}

export async function workTheDay(ctx: ReplayContext, date: string, plan: Plan): Promise<FieldResult> {
  const outcomes: StopOutcome[] = [];
  const failures: string[] = [];
  const replans: PlanRun[] = [];
  const unattended = new Set<string>();
  const routesOf = async () => {
    const out: { route: VehicleRoute; vehicleId: string }[] = [];
    for (const r of plan.result?.routes ?? []) {
      if (!r.trips.some((t) => t.stops.some((s) => !s.done))) continue;
      const driver = ctx.drivers.get(r.vehicleId);
      if (!driver) { r.trips.forEach((t) => t.stops.forEach((s) => unattended.add(s.zoneId))); continue; }
      const route = await publishedRoute(ctx.base, driver.token, r.vehicleId, date);
      if (route && route.planId === plan.id) out.push({ route, vehicleId: r.vehicleId });
    }
    return out;
  };
  let routes = await routesOf();
  const firstDepart = Math.min(...routes.map(({ route }) => instantOf(date, route.trips[0]?.departS ?? 6 * 3600, ctx.utcOffset)), instantOf(date, 6 * 3600, ctx.utcOffset));
  ctx.pushClock(ctx.clock.set(firstDepart - 60_000, ctx.speed));

  const checkpoint = instantOf(date, CHECKPOINT_S, ctx.utcOffset);
  const breakdownToday = ctx.failures.breakdown?.date === date;
  const handoffToday = ctx.failures.failedHandoff?.date === date;
  const ids = routes.map((r) => r.vehicleId).sort();
  const broken = breakdownToday ? choose(ids, ctx.failures.breakdown!.pick) ?? null : null;
  // The failed handoff is the first stop of a van that reaches it before the checkpoint, if any does.
  const early = routes.filter(({ route }) => route.trips.some((t) => t.stops.some((s) => instantOf(date, s.arrivalS, ctx.utcOffset) < checkpoint))).map((r) => r.vehicleId).sort();
  const failVan = handoffToday ? choose(early.length ? early : ids, ctx.failures.failedHandoff!.pick) ?? null : null;
  let failedOnce = false;
  const decide = (vehicleId: string) => (): StopDecision => {
    if (vehicleId !== failVan || failedOnce) return { kind: 'deliver' };
    failedOnce = true;
    return { kind: 'fail', reason: 'nobody_at_handoff', text: '回放: 交接点无人 (replay: nobody at the gate)' };
  };
  const rng = mulberry32(ctx.seed + Number(date.replaceAll('-', '')));
  const stats = emptyStats();
  const depots = new Map(ctx.depots.map((d) => [d.id, d.location]));
  const drive = (list: typeof routes, halt?: () => boolean) => Promise.all(list.map(({ route, vehicleId }) => driveRoute({
    base: ctx.base, driver: ctx.drivers.get(vehicleId)!, route, depots, utcOffset: ctx.utcOffset, now: () => ctx.clock.now(), speed: ctx.speed,
    random: rng, decide: decide(vehicleId), halt, onStop: (o) => outcomes.push(o), log: ctx.log,
  }, stats).catch((err: unknown) => { ctx.log(`${vehicleId}: ${String(err)}`); return { halted: false }; })));

  if (!broken && !failVan) {
    await drive(routes);
    return { outcomes, replans, failures, finalPlan: plan, brokenVehicle: null, unattended };
  }
  // Morning until the checkpoint; the broken van stops there for the rest of the day. At the
  // checkpoint the clock drops to real time: the coordinator's replan takes real seconds, and at
  // replay speed those would be hours, so the server's "now" (the replan's start) would be evening.
  const slow = setTimeout(() => ctx.pushClock(ctx.clock.rate(1)), Math.max(0, (checkpoint - ctx.clock.now()) / ctx.speed));
  await drive(routes, () => ctx.clock.now() >= checkpoint);
  clearTimeout(slow);
  if (ctx.clock.now() >= checkpoint) ctx.pushClock(ctx.clock.rate(1));
  if (broken) failures.push(`van ${broken} broke down at ${new Date(Math.max(checkpoint, ctx.clock.now())).toISOString().slice(11, 16)}Z`);
  const failedStop = outcomes.find((o) => o.kind === 'failed');
  if (failVan) failures.push(failedStop ? `handoff failed: ${failedStop.vehicleId} at ${failedStop.zoneId} (nobody_at_handoff)` : `handoff failure scheduled on ${failVan} but it reached no stop`);
  const done = outcomes.filter((o) => o.ok && o.kind === 'delivered' && o.planId === plan.id);
  // A van is loaded when it stopped part-way through a trip (some of its stops reached, not all).
  const reached = new Set(outcomes.filter((o) => o.planId === plan.id).map((o) => `${o.vehicleId}/${o.tripIndex}/${o.stopIndex}`));
  const loaded = new Set<string>();
  for (const r of plan.result?.routes ?? []) {
    r.trips.forEach((t, ti) => {
      const hits = t.stops.filter((_, si) => reached.has(`${r.vehicleId}/${ti}/${si}`)).length;
      if (hits > 0 && hits < t.stops.length && r.vehicleId !== broken) loaded.add(r.vehicleId);
    });
  }
  const situation: PlanSituation = {
    completedStops: done.map((o) => ({ vehicleId: o.vehicleId, tripIndex: o.tripIndex, stopIndex: o.stopIndex })),
    loadedVehicles: [...loaded].sort(),
    brokenVehicles: broken ? [broken] : [],
  };
  const trigger = [broken ? `breakdown ${broken}` : null, failedStop ? `failed handoff ${failedStop.zoneId}` : null].filter(Boolean).join(' + ');
  const replanned = await runAndPublish(ctx.base, ctx.coordToken, {
    date, districtId: ctx.districtId, timeLimitS: ctx.planTimeLimitS, seed: ctx.seed, basePlanId: plan.id, situation,
  });
  replans.push(planRunOf(date, 'replan', trigger || 'checkpoint', replanned));
  ctx.log(`${date}: replan ${replanned.plan.id} (${trigger}) in ${Math.round(replanned.totalMs)} ms`);
  plan = replanned.plan;
  routes = (await routesOf()).filter((r) => r.vehicleId !== broken);
  ctx.pushClock(ctx.clock.rate(ctx.speed));
  await drive(routes);
  return { outcomes, replans, failures, finalPlan: plan, brokenVehicle: broken, unattended };
}
