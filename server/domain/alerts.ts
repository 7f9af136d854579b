import type { PlanStatus, StopStatus } from '../contract';
import type { AlertLevel, AlertRule, RequestCategory } from '../contract/requests';

// Weak signals (预警): pure rules over requests, plan outcomes and delivery events. Each returns
// candidates; the service raises the ones not already open. `nowMs` is passed in: no clock here.

export interface AlertCandidate {
  zoneId: string;
  rule: AlertRule;
  /** Same key, same alert: a candidate whose key is open (or closed within cooldownS) is not raised again. */
  key: string;
  cooldownS: number;
  reasonZh: string;
  reasonEn: string;
  /** The commodity the alert is about, when it is about one. */
  commodityId?: string;
  /** Days of cover behind a low-cover alert: the severity reads it. */
  coverDays?: number;
  /**
   * A newer evaluation rewrites an open alert with this key (reason, severity) instead of leaving
   * it as it was; and the service closes an open alert of this rule and zone that no candidate
   * names any more (the zone is no longer short of it).
   */
  current?: boolean;
  /**
   * Open alerts whose key starts with this (and is not this key) are closed when this one is raised:
   * it says all they said and more (a zone's overdue playbook steps, listed again with a new one).
   */
  replacesKeysStartingWith?: string;
}

export interface EscalationLimits {
  orangeAfterS: number;
  redAfterS: number;
}

/** yellow → orange → red as an unacknowledged alert ages. Monotonic in age by construction. */
export function alertLevel(ageS: number, limits: EscalationLimits): AlertLevel {
  if (ageS >= limits.redAfterS) return 'red';
  if (ageS >= limits.orangeAfterS) return 'orange';
  return 'yellow';
}

export interface SignalRequest {
  zoneId: string;
  category: RequestCategory;
  commodityId: string | null;
  createdAt: string;
}

export interface SpikeThresholds {
  spikeWindowS: number;
  baselineS: number;
  spikeMinCount: number;
  spikeFactor: number;
}

const name = (names: ReadonlyMap<string, string>, id: string) => names.get(id) ?? id;

/**
 * A zone files at least spikeMinCount requests in the last window, and spikeFactor times what its
 * baseline (the period before the window) would predict for a window. A zone with no baseline counts
 * as one request per window, so a quiet zone's first few requests are not a spike.
 */
export function requestSpikes(
  requests: readonly SignalRequest[], nowMs: number, t: SpikeThresholds, names: ReadonlyMap<string, string> = new Map(),
): AlertCandidate[] {
  const windowStart = nowMs - t.spikeWindowS * 1000;
  const baselineStart = windowStart - t.baselineS * 1000;
  const recent = new Map<string, number>();
  const earlier = new Map<string, number>();
  for (const r of requests) {
    const at = Date.parse(r.createdAt);
    if (at > nowMs) continue;
    if (at >= windowStart) recent.set(r.zoneId, (recent.get(r.zoneId) ?? 0) + 1);
    else if (at >= baselineStart) earlier.set(r.zoneId, (earlier.get(r.zoneId) ?? 0) + 1);
  }
  const out: AlertCandidate[] = [];
  for (const [zoneId, n] of [...recent].sort(([a], [b]) => a.localeCompare(b))) {
    const expected = Math.max(1, ((earlier.get(zoneId) ?? 0) * t.spikeWindowS) / t.baselineS);
    if (n < t.spikeMinCount || n < t.spikeFactor * expected) continue;
    const minutes = Math.round(t.spikeWindowS / 60);
    out.push({
      zoneId, rule: 'request_spike', key: `request_spike:${zoneId}`, cooldownS: t.spikeWindowS,
      reasonZh: `${name(names, zoneId)}近${minutes}分钟收到${n}条诉求，约为平时的${(n / expected).toFixed(1)}倍`,
      reasonEn: `${name(names, zoneId)} filed ${n} requests in the last ${minutes} min, ${(n / expected).toFixed(1)}× its usual rate`,
    });
  }
  return out;
}

const COMPLAINING: ReadonlySet<RequestCategory> = new Set(['food_shortage', 'complaint', 'special_diet', 'infant_needs']);

/** The same commodity named in complaintCount or more requests of one zone within the window. */
export function commodityComplaints(
  requests: readonly SignalRequest[], nowMs: number, t: { complaintCount: number; complaintWindowS: number },
  names: ReadonlyMap<string, string> = new Map(),
): AlertCandidate[] {
  const since = nowMs - t.complaintWindowS * 1000;
  const counts = new Map<string, number>();
  for (const r of requests) {
    const at = Date.parse(r.createdAt);
    if (!r.commodityId || !COMPLAINING.has(r.category) || at < since || at > nowMs) continue;
    const key = `${r.zoneId}\u0000${r.commodityId}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const out: AlertCandidate[] = [];
  for (const [key, n] of [...counts].sort(([a], [b]) => a.localeCompare(b))) {
    if (n < t.complaintCount) continue;
    const [zoneId, commodityId] = key.split('\u0000') as [string, string];
    out.push({
      zoneId, rule: 'commodity_complaints', key: `commodity_complaints:${zoneId}:${commodityId}`, cooldownS: t.complaintWindowS, commodityId,
      reasonZh: `${name(names, zoneId)}有${n}条诉求反映缺少${name(names, commodityId)}`,
      reasonEn: `${n} requests from ${name(names, zoneId)} say ${name(names, commodityId)} is short`,
    });
  }
  return out;
}

export interface CoverOutcome {
  zoneId: string;
  daysOfCover: Record<string, number | null>;
}

/**
 * Zone × commodity pairs whose days of cover under the published plans fall below the threshold: one
 * alert per pair, whatever the plan (a newer plan rewrites it or, no longer short, closes it).
 */
export function lowCover(
  outcomes: readonly CoverOutcome[], t: { lowCoverDays: number }, names: ReadonlyMap<string, string> = new Map(),
): AlertCandidate[] {
  const out: AlertCandidate[] = [];
  for (const z of outcomes) {
    for (const [commodityId, days] of Object.entries(z.daysOfCover).sort(([a], [b]) => a.localeCompare(b))) {
      if (days === null || days >= t.lowCoverDays) continue;
      out.push({
        zoneId: z.zoneId, rule: 'low_cover', key: lowCoverKey(z.zoneId, commodityId), commodityId, coverDays: days, current: true,
        // Closed by staff while still short: not raised again for half a day (a plan closing it does not count).
        cooldownS: 12 * 3600,
        reasonZh: `${name(names, z.zoneId)}的${name(names, commodityId)}按发布方案仅够${days.toFixed(1)}天`,
        reasonEn: `${name(names, z.zoneId)} has ${days.toFixed(1)} days of ${name(names, commodityId)} under the published plan`,
      });
    }
  }
  return out;
}

export const lowCoverKey = (zoneId: string, commodityId: string): string => `low_cover/${zoneId}/${commodityId}`;

export interface HandoffEvent {
  eventId: string;
  zoneId: string;
  kind: 'arrived' | 'delivered' | 'failed';
  at: string;
}

/** A failed handoff is an alert of its own (one per event). */
export function failedHandoffs(events: readonly HandoffEvent[], names: ReadonlyMap<string, string> = new Map()): AlertCandidate[] {
  return events.filter((e) => e.kind === 'failed').map((e) => ({
    zoneId: e.zoneId, rule: 'failed_handoff' as const, key: `failed_handoff:${e.eventId}`, cooldownS: Number.POSITIVE_INFINITY,
    reasonZh: `${name(names, e.zoneId)}交接失败`, reasonEn: `a handoff at ${name(names, e.zoneId)} failed`,
  }));
}

/** Zones under supply whose last delivery (or none) is older than noDeliveryS. */
export function noDelivery(
  zoneIds: readonly string[], lastDeliveredAt: ReadonlyMap<string, string>, nowMs: number, t: { noDeliveryS: number },
  names: ReadonlyMap<string, string> = new Map(),
): AlertCandidate[] {
  const hours = Math.round(t.noDeliveryS / 3600);
  return zoneIds.filter((z) => {
    const last = lastDeliveredAt.get(z);
    return last === undefined || nowMs - Date.parse(last) >= t.noDeliveryS * 1000;
  }).map((zoneId) => ({
    zoneId, rule: 'no_delivery' as const, key: `no_delivery:${zoneId}`, cooldownS: t.noDeliveryS,
    reasonZh: `${name(names, zoneId)}已超过${hours}小时没有配送`, reasonEn: `no delivery to ${name(names, zoneId)} for over ${hours} h`,
  }));
}

export interface PlannedStop {
  planId: string;
  /** The plan's status at evaluation: only a published (not superseded) plan's stops are promises still kept. */
  planStatus: PlanStatus;
  vehicleId: string;
  tripIndex: number;
  stopIndex: number;
  zoneId: string;
  /** The planned arrival, an instant. */
  plannedAt: string;
  /** From the stored stop progress; a stop with no progress row is pending. */
  status: StopStatus;
}

/** Stops planned longer ago than this are an old plan's, not today's: they raise nothing. */
export const MISSED_ETA_LOOKBACK_S = 24 * 3600;

/**
 * A stop of a published plan still pending (the van has not arrived, delivered or failed there)
 * `missedEtaS` or more after its planned arrival: one alert per plan, van and stop. The planned time
 * is what residents were told, so it is the promise measured, not the live re-estimate.
 */
export function missedEtas(
  stops: readonly PlannedStop[], nowMs: number, t: { missedEtaS: number }, names: ReadonlyMap<string, string> = new Map(),
): AlertCandidate[] {
  const out: AlertCandidate[] = [];
  for (const s of stops) {
    const lateMs = nowMs - Date.parse(s.plannedAt);
    if (s.planStatus !== 'published' || s.status !== 'pending') continue;
    if (lateMs < t.missedEtaS * 1000 || lateMs <= 0 || lateMs > MISSED_ETA_LOOKBACK_S * 1000) continue;
    const minutes = Math.floor(lateMs / 60_000);
    out.push({
      zoneId: s.zoneId, rule: 'missed_eta', key: `missed_eta:${s.planId}:${s.vehicleId}:${s.tripIndex}/${s.stopIndex}`,
      cooldownS: Number.POSITIVE_INFINITY,
      reasonZh: `${name(names, s.zoneId)}：配送车${name(names, s.vehicleId)}已超过计划到达时间${minutes}分钟，仍未到达`,
      reasonEn: `${name(names, s.zoneId)}: van ${name(names, s.vehicleId)} is ${minutes} min past its planned arrival and has not arrived`,
    });
  }
  return out.sort((a, b) => a.key.localeCompare(b.key));
}

export interface OverdueStep {
  zoneId: string;
  checklistId: string;
  stepId: string;
  titleZh: string;
  titleEn: string;
  dueAt: string;
  doneAt: string | null;
}

/**
 * Playbook steps not done `playbookGraceS` after their deadline: one alert per checklist (so per zone)
 * listing its overdue steps, not one per step (a zone sealed long ago with nothing ticked would raise
 * every step at once). The key names the checklist and its latest-due overdue step: a step falling
 * overdue later raises a new alert (listing all) that replaces the zone's open one; one already
 * reported does not raise again.
 */
export function playbookOverdue(
  steps: readonly OverdueStep[], nowMs: number, t: { playbookGraceS: number }, names: ReadonlyMap<string, string> = new Map(),
): AlertCandidate[] {
  const overdue = steps.filter((s) => s.doneAt === null && nowMs - Date.parse(s.dueAt) >= t.playbookGraceS * 1000 && nowMs > Date.parse(s.dueAt));
  const byChecklist = new Map<string, OverdueStep[]>();
  for (const s of overdue) byChecklist.set(s.checklistId, [...(byChecklist.get(s.checklistId) ?? []), s]);
  const hoursLate = (s: OverdueStep) => ((nowMs - Date.parse(s.dueAt)) / 3600_000).toFixed(1);
  return [...byChecklist.values()].map((group) => {
    const byDue = [...group].sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt));
    const [oldest, newest] = [byDue[0]!, byDue[byDue.length - 1]!];
    const zone = name(names, oldest.zoneId);
    const single = group.length === 1;
    return {
      zoneId: oldest.zoneId, rule: 'playbook_overdue' as const, key: `playbook_overdue:${oldest.checklistId}:${newest.stepId}`,
      cooldownS: Number.POSITIVE_INFINITY, replacesKeysStartingWith: `playbook_overdue:${oldest.checklistId}:`,
      reasonZh: single
        ? `${zone}的响应步骤「${oldest.titleZh}」已超时${hoursLate(oldest)}小时`
        : `${zone}有${group.length}项响应步骤超时：${byDue.map((s) => `「${s.titleZh}」`).join('')}，最久已超时${hoursLate(oldest)}小时`,
      reasonEn: single
        ? `${zone}: playbook step "${oldest.titleEn}" is ${hoursLate(oldest)} h overdue`
        : `${zone}: ${group.length} playbook steps overdue (${byDue.map((s) => `"${s.titleEn}"`).join(', ')}), the oldest by ${hoursLate(oldest)} h`,
    };
  });
}
