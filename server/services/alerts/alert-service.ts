import { randomUUID } from 'node:crypto';
import type { Alert } from '../../contract/requests';
import { alertSeverity } from '../../domain/alert-severity';
import {
  alertLevel, commodityComplaints, failedHandoffs, lowCover, missedEtas, noDelivery, requestSpikes, type AlertCandidate, type PlannedStop,
} from '../../domain/alerts';
import { instantOf } from '../../domain/local-time';
import { DEFAULT_OPS, type AlertThresholds } from '../../ops-config';
import { createAlertTriage, type AlertChange } from './alert-triage';
import { DuplicateError } from '../errors';
import type { Store } from '../ports';
import type { AlertRecord } from './ports';
import type { Logger } from '../logger';

// A failed handoff is raised at once (the live layer triggers an evaluation); the timer only
// catches up on ones whose evaluation failed, within this window.
const FAILED_LOOKBACK_S = 24 * 3600;

export type { AlertChange } from './alert-triage';
/** Whether this process runs a periodic job this period (cluster: one server per period; server/cluster/redis-turns.ts). */
export type TakeTurn = (job: string, periodMs: number) => Promise<boolean>;
/** Where two published plans (a city's and a district's) speak of one zone, the lower cover is the one to tell. */
const lowestCoverFirst = (cs: readonly AlertCandidate[]) =>
  [...cs].sort((a, b) => (a.key === b.key ? (a.coverDays ?? 0) - (b.coverDays ?? 0) : 0));

export type AlertListener = (alert: Alert, change: AlertChange) => void;

export interface AlertServiceDeps {
  store: Store;
  now: () => Date;
  thresholds?: AlertThresholds;
  /** Local time's offset from UTC: a plan's stop times are seconds into its local day. */
  utcOffset: string;
  /** Where failures no request answers for go (a listener that threw, a timed evaluation that failed). */
  log: Logger;
}

/** Raises alerts from the rules in domain/alerts.ts, lets staff acknowledge and close them, and tells listeners. */
export function createAlertService({ store, now, thresholds = DEFAULT_OPS.alerts, utcOffset, log }: AlertServiceDeps) {
  const t = thresholds;
  const listeners = new Set<AlertListener>();
  // Other features' rules (the playbook's overdue steps): each gives candidates at an instant.
  const sources: Array<(at: Date) => Promise<AlertCandidate[]>> = [];
  // One evaluation at a time in this process, so two triggers never raise the same key twice; across
  // processes the partial unique index on open keys does (a lost race is a unique violation, skipped).
  let chain: Promise<unknown> = Promise.resolve();

  function dto(a: AlertRecord, at: Date): Alert {
    const { key: _key, ...rest } = a;
    const raised = Date.parse(a.raisedAt);
    // The level stops climbing once someone has taken the alert on.
    const until = a.acknowledgedAt ?? a.closedAt;
    const levelAgeS = ((until ? Date.parse(until) : at.getTime()) - raised) / 1000;
    return {
      ...rest, escalatedAt: a.escalatedAt ?? null, level: alertLevel(levelAgeS, t), ageS: Math.max(0, Math.floor((at.getTime() - raised) / 1000)),
    };
  }

  const tell = (alert: Alert, change: AlertChange) => {
    for (const l of listeners) {
      try { l(alert, change); } catch (err) { log.error({ err }, 'alert listener failed'); }
    }
  };
  const triage = createAlertTriage({ store, now, dto, tell });

  async function candidates(at: Date): Promise<{ candidates: AlertCandidate[]; coverKnown: Set<string> }> {
    const nowMs = at.getTime();
    const lookbackS = Math.max(t.spikeWindowS + t.baselineS, t.complaintWindowS);
    const [requests, zones, commodities, vehicles, published] = await Promise.all([
      store.requests.list({ createdAfter: new Date(nowMs - lookbackS * 1000).toISOString() }),
      store.zones.list(), store.commodities.list(), store.vehicles.list(), store.plans.list({ status: 'published' }),
    ]);
    const names = new Map<string, string>([
      ...commodities.map((c) => [c.id, c.name] as const), ...vehicles.map((v) => [v.id, v.name] as const), ...zones.map((z) => [z.id, z.name] as const),
    ]);
    const out = [...requestSpikes(requests, nowMs, t, names), ...commodityComplaints(requests, nowMs, t, names)];
    // The newest published plan of each scope is the one residents live by.
    const newest = new Map<string, string>();
    for (const p of published) if (!newest.has(p.districtId ?? '')) newest.set(p.districtId ?? '', p.id);
    // Zones a published plan sends vans to are under supply: the clock for "no delivery" starts at
    // publication, so a plan just published is not an alert for every zone on it.
    const suppliedSince = new Map<string, string>();
    const plannedStops: PlannedStop[] = [];
    // Zones a published plan speaks for: their low-cover alerts that no candidate names are over.
    const coverKnown = new Set<string>();
    for (const planId of newest.values()) {
      const plan = await store.plans.get(planId);
      if (plan?.result) {
        out.push(...lowCover(plan.result.zones, t, names));
        for (const z of plan.result.zones) coverKnown.add(z.zoneId);
      }
      // Stop states from the store (the truth across processes), not one process's live memory.
      // One read per plan: a city plan has thousands of vans and this runs every interval.
      const progress = new Map(plan?.result ? (await store.deliveries.stopProgress(planId)).map((p) => [`${p.vehicleId}/${p.tripIndex}/${p.stopIndex}`, p.status] as const) : []);
      for (const r of plan?.result?.routes ?? []) {
        r.trips.forEach((trip, tripIndex) => trip.stops.forEach((s, stopIndex) => plannedStops.push({
          planId, planStatus: plan!.status, vehicleId: r.vehicleId, tripIndex, stopIndex, zoneId: s.zoneId,
          plannedAt: new Date(instantOf(plan!.date, s.arrivalS, utcOffset)).toISOString(),
          status: progress.get(`${r.vehicleId}/${tripIndex}/${stopIndex}`) ?? 'pending',
        })));
      }
      const since = plan?.publishedAt ?? plan?.createdAt;
      for (const r of plan?.result?.routes ?? []) {
        for (const s of r.trips.flatMap((trip) => trip.stops)) {
          if (since && (suppliedSince.get(s.zoneId) ?? '') < since) suppliedSince.set(s.zoneId, since);
        }
      }
    }
    // Live data: failed handoffs of the last day (each its own alert), and zones gone without delivery.
    const failed = await store.deliveries.stopEventsSince('failed', new Date(nowMs - FAILED_LOOKBACK_S * 1000).toISOString());
    out.push(...failedHandoffs(failed.map((e) => ({ eventId: String(e.eventId), zoneId: e.zoneId, kind: 'failed' as const, at: e.at })), names));
    const zoneIds = [...suppliedSince.keys()].sort();
    const delivered = await store.deliveries.lastDeliveredAt(zoneIds);
    const last = new Map(zoneIds.map((z) => {
      const d = delivered.get(z);
      const since = suppliedSince.get(z)!;
      return [z, d && Date.parse(d) > Date.parse(since) ? d : since] as const;
    }));
    out.push(...noDelivery(zoneIds, last, nowMs, t, names));
    out.push(...missedEtas(plannedStops, nowMs, t, names));
    for (const source of sources) out.push(...(await source(at)));
    return { candidates: out, coverKnown };
  }

  async function evaluate(at: Date): Promise<Alert[]> {
    const zones = new Map((await store.zones.list()).map((z) => [z.id, z]));
    const raised: Alert[] = [];
    const updated: Alert[] = [];
    const replaced: Alert[] = [];
    const found = await candidates(at);
    const named = new Set<string>();
    for (const c of lowestCoverFirst(found.candidates)) {
      const zone = zones.get(c.zoneId);
      if (!zone || named.has(c.key)) continue;
      named.add(c.key);
      const { elderlyAlone, infants, chronicPatients } = zone.specialNeeds;
      const severity = alertSeverity(c.rule, { population: zone.population, specialNeeds: elderlyAlone + infants + chronicPatients }, c.coverDays);
      const last = await store.alerts.latestByKey(c.key);
      if (last && last.state !== 'closed') {
        if (c.current && (last.severity !== severity || last.reasonZh !== c.reasonZh)) {
          await store.alerts.update(last.id, { severity, reasonZh: c.reasonZh, reasonEn: c.reasonEn });
          updated.push(dto({ ...last, severity, reasonZh: c.reasonZh, reasonEn: c.reasonEn }, at));
        }
        continue;
      }
      // A cooldown holds back what staff closed; what the system closed (a plan no longer short) may come back.
      const heldBack = last && !(c.current && last.closedBy === null) && at.getTime() - Date.parse(last.closedAt ?? last.raisedAt) < c.cooldownS * 1000;
      if (heldBack) continue;
      const record: AlertRecord = {
        id: randomUUID(), key: c.key, zoneId: c.zoneId, districtId: zone.districtId, rule: c.rule, commodityId: c.commodityId ?? null, severity,
        reasonZh: c.reasonZh, reasonEn: c.reasonEn,
        state: 'open', ownerId: null, raisedAt: at.toISOString(), acknowledgedAt: null, closedAt: null, closedBy: null, closeNote: null,
      };
      try {
        const closed = await store.transaction(async (tx) => {
          await tx.alerts.insert(record);
          await tx.audit.append({ at: record.raisedAt, userId: null, action: 'alert.raise', entity: 'alert', entityId: record.id, detail: { key: c.key } });
          return c.replacesKeysStartingWith ? closeReplaced(tx, record, c.replacesKeysStartingWith) : [];
        });
        replaced.push(...closed.map((a) => dto(a, at)));
      } catch (err) {
        // Another process raised the same key between our read and our write: at most one alert per
        // key is not closed (alerts_open_key_unique), so theirs stands and there is nothing to tell.
        if (err instanceof DuplicateError) continue;
        throw err;
      }
      raised.push(dto(record, at));
    }
    const over = await closeNoLongerShort(at, found.coverKnown, named);
    const escalated = await escalate(at);
    for (const a of raised) tell(a, 'raised');
    for (const a of updated) tell(a, 'updated');
    for (const a of [...replaced, ...over]) tell(a, 'closed');
    for (const a of escalated) tell(a, 'escalated');
    return raised;
  }

  /**
   * Open alerts that have aged into the top level and were not told yet: marked once (escalated_at, so
   * another evaluation or server does not tell again) and returned for the pages of their owner and officials.
   */
  async function escalate(at: Date): Promise<Alert[]> {
    const out: Alert[] = [];
    for (const a of await store.alerts.list({ state: 'open' })) {
      if (a.escalatedAt || dto(a, at).level !== 'red') continue;
      const escalatedAt = at.toISOString();
      await store.transaction(async (tx) => {
        await tx.alerts.update(a.id, { escalatedAt });
        await tx.audit.append({ at: escalatedAt, userId: null, action: 'alert.escalate', entity: 'alert', entityId: a.id, detail: { level: 'red' } });
      });
      out.push(dto({ ...a, escalatedAt }, at));
    }
    return out;
  }

  /** Low-cover alerts of zones a published plan now covers: closed by the system, with a note saying so. */
  async function closeNoLongerShort(at: Date, coverKnown: ReadonlySet<string>, named: ReadonlySet<string>): Promise<Alert[]> {
    const open = (await store.alerts.list({ rule: 'low_cover' })).filter((a) => a.state !== 'closed' && coverKnown.has(a.zoneId) && !named.has(a.key));
    const out: Alert[] = [];
    for (const a of open) {
      const patch = {
        state: 'closed' as const, closedAt: at.toISOString(), closedBy: null,
        closeNote: '按最新发布方案已不再短缺 / The latest published plan no longer leaves this zone short of it',
      };
      await store.transaction(async (tx) => {
        await tx.alerts.update(a.id, patch);
        await tx.audit.append({ at: patch.closedAt, userId: null, action: 'alert.close', entity: 'alert', entityId: a.id, detail: { reason: 'covered' } });
      });
      out.push(dto({ ...a, ...patch }, at));
    }
    return out;
  }

  /** Closes the zone's open alerts that `by` replaces (acknowledged ones have an owner working on them: they stay). */
  async function closeReplaced(tx: Store, by: AlertRecord, prefix: string): Promise<AlertRecord[]> {
    const open = await tx.alerts.list({ state: 'open', rule: by.rule, zoneId: by.zoneId });
    const closed: AlertRecord[] = [];
    for (const a of open.filter((x) => x.key.startsWith(prefix) && x.key !== by.key)) {
      const patch = {
        state: 'closed' as const, closedAt: by.raisedAt, closedBy: null,
        closeNote: `由新告警取代，其中列出全部超时事项 / Replaced by a newer alert that lists everything overdue (${by.id})`,
      };
      await tx.alerts.update(a.id, patch);
      await tx.audit.append({ at: by.raisedAt, userId: null, action: 'alert.close', entity: 'alert', entityId: a.id, detail: { replacedBy: by.id } });
      closed.push({ ...a, ...patch });
    }
    return closed;
  }

  /** Runs every rule now; returns the alerts it raised. Also called on each new request and by the timer. */
  function evaluateAlerts(at: Date = now()): Promise<Alert[]> {
    const run = chain.then(() => evaluate(at));
    chain = run.catch(() => {});
    return run;
  }

  // At most one evaluation waiting behind the running one: a burst of requests (the very thing a spike
  // is) must not queue one full evaluation per request.
  let queued: Promise<Alert[]> | null = null;
  function evaluateSoon(): Promise<Alert[]> {
    if (queued) return queued;
    const run = chain.then(() => {
      queued = null;
      return evaluate(now());
    });
    queued = run;
    chain = run.catch(() => {});
    return run;
  }

  return {
    evaluateAlerts,
    /** For triggers (new requests): joins an evaluation that has not started yet instead of adding one. */
    evaluateSoon,
    /** Resolves once no evaluation is running (close() waits for it before the store goes). */
    idle: (): Promise<void> => chain.then(() => {}),

    ...triage,

    /** In-process events (raised, acknowledged, closed) for the live layer to push to `district:<id>`. */
    onAlert(listener: AlertListener): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    /** Adds a rule from another feature; its candidates are raised like the built-in ones. */
    addSource(source: (at: Date) => Promise<AlertCandidate[]>): void {
      sources.push(source);
    },

    /**
     * Evaluates every intervalMs (0: never); returns the stop. `takeTurn` (cluster): each period only
     * the server whose turn it is evaluates; if the turn cannot be asked for, this one evaluates (the
     * unique index on open keys still keeps alerts single).
     */
    startTimer(takeTurn?: TakeTurn): () => void {
      if (t.intervalMs <= 0) return () => {};
      const myTurn = async () => {
        if (!takeTurn) return true;
        try {
          return await takeTurn('alerts', t.intervalMs);
        } catch (err) {
          log.error({ err }, 'alerts: could not ask whose turn it is; evaluating here');
          return true;
        }
      };
      const timer = setInterval(() => {
        myTurn().then((mine) => (mine ? evaluateAlerts() : undefined))
          .catch((err: unknown) => log.error({ err }, 'alerts: evaluation failed'));
      }, t.intervalMs);
      timer.unref();
      return () => clearInterval(timer);
    },
  };
}

export type AlertService = ReturnType<typeof createAlertService>;
