// One replay day: morning (tiers, checks, stock, alerts, plan), requests, the road, the evening's record.
import type { Alert, CoverProjection, Plan, ZoneChecklist } from '../../server/contract';
import { instantOf } from '../../server/domain/local-time';
import { http } from '../live-client';
import { runAndPublish } from '../plan-client';
import type { ReplayContext } from './context';
import { planRunOf, workTheDay } from './field';
import { applyTiers, fileRequests, handleAlerts, renewHealthChecks, restock } from './morning';
import type { DayRecord, PlanRun } from './records';
import { streetDays, sufficiencyOf, type StreetSupply } from './street-days';
import { stepOn } from './timeline';
import { coverOfDay, otherChannelsByStreet, type CoverDayInput } from './cover-days';
import { zoneDailyDemandKg } from '../../server/domain/demand';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function serverCover(ctx: ReplayContext, date: string): Promise<Map<string, Record<string, number | null>>> {
  const query = `date=${date}&horizonDays=1${ctx.districtId ? `&districtId=${ctx.districtId}` : ''}`;
  const res = await http<CoverProjection>(ctx.base, 'GET', `/api/cover?${query}`, ctx.coordToken);
  if (res.status >= 300) throw new Error(`${date}: GET /api/cover refused: ${res.error?.message}`);
  return new Map(res.data.zones.map((z) => [z.zoneId, Object.fromEntries(Object.entries(z.commodities).map(([c, p]) => [c, p.coverDays[0] ?? null]))]));
}

export async function runDay(ctx: ReplayContext, date: string): Promise<DayRecord> {
  const wall0 = performance.now();
  const dayStart = instantOf(date, 0, ctx.utcOffset);
  // The coordinator's morning runs in real time: sealing-to-published is what the system really takes.
  ctx.pushClock(ctx.clock.set(dayStart, 1));
  const failures: string[] = [];
  // Sealing instants on the server's clock (the zone's updatedAt), so the latency to publish is the
  // server's own, with or without the virtual clock.
  const sealedAtOf = await applyTiers(ctx, date);
  const newlyStrict = [...sealedAtOf.keys()];
  await renewHealthChecks(ctx, date);
  const stock = await restock(ctx, date);
  if (stock.note) failures.push(stock.note);
  await handleAlerts(ctx);
  const zones = [...ctx.zones.values()];
  const active = zones.filter((z) => z.status === 'active');
  const plans: Plan[] = [];
  const runs: PlanRun[] = [];
  let outcomes: Awaited<ReturnType<typeof workTheDay>>['outcomes'] = [];
  let brokenVehicle: string | null = null;
  let unattended = new Set<string>();
  let requests = { filed: 0, refused: 0 };
  if (active.length > 0) {
    const published = await runAndPublish(ctx.base, ctx.coordToken, { date, districtId: ctx.districtId, timeLimitS: ctx.planTimeLimitS, seed: ctx.seed });
    plans.push(published.plan);
    runs.push(planRunOf(date, 'plan', newlyStrict.length ? `sealed ${newlyStrict.join(', ')}` : 'daily', published));
    ctx.log(`${date}: plan ${published.plan.id} in ${Math.round(published.totalMs)} ms, min fill ${published.plan.kpis?.minFillRate.toFixed(2)}`);
    for (const zoneId of newlyStrict) {
      const sealedAt = sealedAtOf.get(zoneId) ?? published.plan.createdAt;
      const latencyS = (Date.parse(published.publishedAt) - Date.parse(sealedAt)) / 1000;
      // The server's own playbook checklist should have ticked its "first plan" step from the publish.
      const checklist = await http<ZoneChecklist>(ctx.base, 'GET', `/api/zones/${zoneId}/checklist`, ctx.coordToken);
      const step = checklist.status < 300 ? checklist.data.steps.find((x) => x.auto === 'plan_published') : undefined;
      ctx.seals.push({
        date, zoneId, tier: ctx.zones.get(zoneId)!.tier, sealedAt, publishedAt: published.publishedAt, latencyS,
        checklist: step ? { doneAt: step.doneAt, dueAt: step.dueAt, overdue: step.overdue } : null,
      });
    }
    requests = await fileRequests(ctx, date);
    const field = await workTheDay(ctx, date, published.plan);
    outcomes = field.outcomes;
    brokenVehicle = field.brokenVehicle;
    unattended = field.unattended;
    failures.push(...field.failures);
    runs.push(...field.replans);
    if (field.finalPlan.id !== published.plan.id) plans.push(field.finalPlan);
  } else {
    for (const zoneId of newlyStrict) ctx.seals.push({ date, zoneId, tier: ctx.zones.get(zoneId)!.tier, sealedAt: sealedAtOf.get(zoneId) ?? new Date(ctx.clock.now()).toISOString(), publishedAt: null, latencyS: null, checklist: null });
  }
  // Evening: the rest of the day passes at replay speed (so a day at --speed 1440 takes about a minute
  // and alerts such as "no delivery for 12 h" see virtual hours pass), then the alert timer (every
  // second of real time) sees the day's end before alerts are read.
  const evening = dayStart + 86_400_000 - 120_000;
  if (ctx.clock.now() < evening) await sleep((evening - ctx.clock.now()) / ctx.speed);
  ctx.pushClock(ctx.clock.set(evening, 1));
  await sleep(1200);
  const alerts = (await http<Alert[]>(ctx.base, 'GET', '/api/alerts', ctx.coordToken)).data;
  const inDay = (iso: string | null) => iso !== null && Date.parse(iso) >= dayStart && Date.parse(iso) < dayStart + 86_400_000;
  const excluded = new Set((plans[0]?.result?.excludedVehicles ?? []).map((e) => e.vehicleId));
  const vanKg = new Map<string, Record<string, number>>();
  for (const o of outcomes.filter((x) => x.ok)) {
    const into = vanKg.get(o.zoneId) ?? {};
    for (const [c, kg] of Object.entries(o.deliveredKg)) into[c] = (into[c] ?? 0) + kg;
    vanKg.set(o.zoneId, into);
  }
  const coverInput: CoverDayInput = {
    date, utcOffset: ctx.utcOffset, commodityIds: ctx.commodities.map((c) => c.id), channels: ctx.channels, vanKg,
    zones: active.map((zone) => ({ zone, needKg: zoneDailyDemandKg(zone, ctx.commodities) })),
    carriedKg: new Map([...ctx.homeStockKg].filter(([id]) => active.some((z) => z.id === id))),
    householdStockDays: ctx.householdStockDays,
  };
  const cover = coverOfDay(coverInput);
  // Each street's start of the day and what the other channels brought it alone: the verdict is per street.
  const others = otherChannelsByStreet(coverInput);
  const supplyByStreet = new Map<string, StreetSupply>(coverInput.zones.map(({ zone, needKg }) => [zone.id, {
    homeStockKg: coverInput.carriedKg.get(zone.id) ?? Object.fromEntries(Object.entries(needKg).map(([c, kg]) => [c, kg * (ctx.householdStockDays[c] ?? 0)])),
    otherChannelsKg: others.get(zone.id) ?? {},
  }]));
  // A lifted street stops being followed; sealed again later, it starts from household stock.
  ctx.homeStockKg = new Map([...cover].map(([id, c]) => [id, c.stockKg]));
  const streets = streetDays({ date, zones, commodities: ctx.commodities, plans, outcomes, brokenVehicle, unattended, cover });
  // The server's own end-of-day cover (GET /api/cover, the projection its plans fill the gap from): the replay's
  // accounting and the server's must agree, or the plan was made for homes that are not the real ones.
  const served = await serverCover(ctx, date);
  for (const s of streets) if (s.tier !== null) s.serverCoverDays = served.get(s.zoneId) ?? {};
  for (const s of streets) {
    ctx.lastCover.set(s.zoneId, s.minCover);
    s.alertsRaised = alerts.filter((a) => a.zoneId === s.zoneId && inDay(a.raisedAt)).length;
    s.alertsClosed = alerts.filter((a) => a.zoneId === s.zoneId && inDay(a.closedAt)).length;
  }
  const deliveredKg: Record<string, number> = {};
  for (const s of streets) for (const [c, kg] of Object.entries(s.deliveredKg)) deliveredKg[c] = (deliveredKg[c] ?? 0) + kg;
  const peopleByTier: Record<string, number> = {};
  for (const z of zones) { const t = z.status === 'active' ? z.tier : 'unrestricted'; peopleByTier[t] = (peopleByTier[t] ?? 0) + z.population; }
  return {
    date, notice: stepOn(ctx.timeline, date)?.notice ?? '', peopleByTier, streets, plans: runs, failures,
    sufficiency: active.length ? sufficiencyOf(zones, ctx.commodities, stock.depots, ctx.vehicles, excluded, supplyByStreet) : null,
    requestsFiled: requests.filed, requestsRefused: requests.refused,
    alertsRaised: alerts.filter((a) => inDay(a.raisedAt)).length, alertsClosed: alerts.filter((a) => inDay(a.closedAt)).length,
    alertsOpenAtEnd: alerts.filter((a) => a.state !== 'closed').length,
    deliveredKg, rssMb: await ctx.rssMb(), wallS: (performance.now() - wall0) / 1000,
  };
}
