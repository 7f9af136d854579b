import type { District, Plan, PlanSummary, Zone } from '../../../server/contract';
import { request } from '../api';
import { h, replaceChildren } from '../dom';
import type { LiveLink } from '../live/live-link';
import { localName, t, tOr } from '../i18n';
import { latestOnly } from '../latest';
import { latestSealedDate, planLabel } from '../plans/plan-format';
import { changeCounts, firstCounts, situationFrom, type PublishCounts } from '../plans/publish-counts';
import { secondsOfDay, timeOf } from '../local-time';
import type { PlanRefs } from '../plans/plan-refs';
import { readState, writeState } from '../page-state';
import { messageBox } from './messages';
import { planCompare } from './plan-compare';
import { planDetail } from './plan-detail';

export interface PlanPanelOptions {
  districts: readonly District[];
  zones(): readonly Zone[];
  refs(): Promise<PlanRefs>;
  /** The plan whose routes and cover the map shows (the one opened, else the latest published). */
  onShow(plan: Plan | null): void;
  /** The page's live socket: progress comes as plan:progress while it is connected, by polling otherwise. */
  live?: LiveLink;
}

const POLL_MS = 500;
/** With the socket up, a slow check still catches a missed last event (progress events are not replayed). */
const SAFETY_POLL_MS = 3000;
const isDone = (s: Pick<PlanSummary, 'status'>): boolean => s.status !== 'queued' && s.status !== 'running';

/** The 计划 Plans tab: run a plan with progress, list plans, open one, compare two, publish a draft. */
export function planPanel(options: PlanPanelOptions): { el: HTMLElement; dispose(): void } {
  const message = messageBox('plan-message');
  const zones = options.zones();
  const latest = zones.filter((z) => z.sealedAt).sort((a, b) => Date.parse(b.sealedAt!) - Date.parse(a.sealedAt!))[0];
  const district = h('select', { 'data-testid': 'plan-district', onchange: () => { date.value = latestSealedDate(zones, district.value || undefined) ?? date.value; } },
    h('option', { value: '' }, t('plans.allDistricts')),
    options.districts.map((d) => h('option', { value: d.id }, localName(d))));
  district.value = latest?.districtId ?? '';
  const date = h('input', { type: 'date', 'data-testid': 'plan-date', required: true, value: latestSealedDate(zones, district.value || undefined) ?? '' });
  const limit = h('input', { type: 'number', min: 1, max: 60, step: 1, 'data-testid': 'plan-time-limit', value: 2 });
  const runButton = h('button', { type: 'submit', class: 'primary', 'data-testid': 'plan-run' }, t('plans.run'));
  const bar = h('progress', { max: 100, value: 0, 'data-testid': 'plan-progress-bar' });
  const barText = h('span', { 'data-testid': 'plan-progress-text' }, '0%');
  const progress = h('div', { class: 'plan-progress', 'data-testid': 'plan-progress', hidden: true }, h('span', null, t('plans.running')), bar, barText);
  const list = h('div', { class: 'plan-list', 'data-testid': 'plan-list' });
  const view = h('div', { 'data-testid': 'plan-view' });
  const picked = new Set<string>();
  const compareButton = h('button', { type: 'button', 'data-testid': 'plan-compare-run', disabled: true, onclick: () => void compare() }, t('plans.compare'));
  let plans: PlanSummary[] = [];
  let disposed = false;
  // Replies come back in any order: only the latest list read is kept, and only the latest of
  // open()/compare() fills the view (opening plan A then B must not end on A, nor A's map).
  const lists = latestOnly();
  const shown = latestOnly();
  let timer: ReturnType<typeof setTimeout> | undefined;
  /** The plan whose run the bar shows. */
  let watching: string | null = null;
  const socketUp = (): boolean => options.live?.connected() ?? false;

  function setProgress(fraction: number, source?: 'live' | 'poll'): void {
    if (source) progress.dataset.source = source;
    const pct = Math.round(Math.max(0, Math.min(1, fraction)) * 100);
    bar.value = pct;
    barText.textContent = t('plans.progress', { pct });
    progress.dataset.pct = String(pct);
  }

  function renderList(): void {
    compareButton.disabled = picked.size !== 2;
    replaceChildren(list, plans.length === 0 ? h('p', { class: 'muted' }, t('plans.empty')) : plans.map((p) => h('div', {
      class: 'plan-row', 'data-testid': 'plan-row', 'data-plan-id': p.id, 'data-status': p.status,
    },
      h('input', {
        type: 'checkbox', 'data-testid': 'plan-pick', 'aria-label': planLabel(p), checked: picked.has(p.id), disabled: !isDone(p) || p.status === 'failed',
        onchange: (e: Event) => { const on = (e.target as HTMLInputElement).checked; if (on) picked.add(p.id); else picked.delete(p.id); renderList(); },
      }),
      h('span', { class: 'plan-name' }, planLabel(p)),
      h('span', { class: `plan-status status-${p.status}` }, tOr(`plan.status.${p.status}`, p.status)),
      h('button', { type: 'button', 'data-testid': 'plan-open', onclick: () => void open(p.id) }, t('plans.open')))));
  }

  async function loadList(): Promise<void> {
    await lists.run(() => request('GET /api/plans'), (reply) => {
      plans = reply;
      for (const id of [...picked]) if (!plans.some((p) => p.id === id)) picked.delete(id);
      if (!disposed) renderList();
    });
  }

  /** remember: the user opened it (the default shown on load leaves the URL alone). */
  async function open(id: string, remember = true): Promise<void> {
    await shown.run(() => Promise.all([request('GET /api/plans/:id', { params: { id } }), options.refs()]), ([plan, refs]) => {
      if (disposed) return;
      replaceChildren(view, planDetail(plan, refs, { onPublish: (p) => void publish(p) }));
      // The open plan sits in the URL (?plan=): a language switch or reload opens it again.
      if (remember) writeState('plan', plan.id);
      options.onShow(plan.result ? plan : null);
    }, (err) => message.error(err));
  }

  /** The published plan this one would replace: same day and scope. */
  async function inForce(plan: Pick<Plan, 'id' | 'date' | 'districtId'>): Promise<PlanSummary | undefined> {
    const published = await request('GET /api/plans', { query: { status: 'published' } });
    return published.find((p) => p.id !== plan.id && p.date === plan.date && (p.districtId ?? null) === (plan.districtId ?? null));
  }

  /** Counts of what publishing changes, for the confirmation. */
  async function publishCounts(plan: Plan): Promise<{ counts: PublishCounts; first: boolean }> {
    const current = await inForce(plan);
    if (!current) return { counts: firstCounts(plan), first: true };
    const [cmp, refs] = await Promise.all([request('GET /api/plans/:a/compare/:b', { params: { a: current.id, b: plan.id } }), options.refs()]);
    return { counts: changeCounts(cmp, (id) => refs.vehicles.get(id)?.driverId ?? null), first: false };
  }

  async function publish(plan: Plan): Promise<void> {
    try {
      const { counts, first } = await publishCounts(plan);
      const text = t(first ? 'publish.first' : 'publish.body', { plan: planLabel(plan), ...counts });
      // The browser's own confirm(): modal, announced, and keyboard-safe on every phone.
      if (!window.confirm(`${t('publish.title')}\n\n${text}`)) return;
      const summary = await request('POST /api/plans/:id/publish', { params: { id: plan.id } });
      message.info(t('plans.publishedMsg', { n: summary.version ?? '?' }));
      await loadList();
      await open(plan.id);
    } catch (err) { message.error(err); }
  }

  /** 从现在重排: a replan of the plan in force from now, keeping what the live picture says is done. */
  async function replan(): Promise<void> {
    message.clear();
    try {
      const base = plans.find((p) => p.status === 'published' && (!district.value || p.districtId === district.value))
        ?? plans.find((p) => p.status === 'published');
      if (!base) { message.info(t('replan.none')); return; }
      const nowMs = Date.now();
      const nowS = secondsOfDay(base.date, nowMs);
      const snap = options.live?.connected() ? await options.live.snapshot() : null;
      const situation = situationFrom(base.id, snap?.vehicles ?? [], nowS);
      runButton.disabled = true;
      progress.hidden = false;
      delete progress.dataset.done;
      setProgress(0);
      const summary = await request('POST /api/plans', {
        body: { date: base.date, districtId: base.districtId ?? undefined, basePlanId: base.id, situation, timeLimitS: Number(limit.value) || 2 },
      });
      message.info(t('replan.started', { time: timeOf(nowMs), done: situation.completedStops.length }));
      watching = summary.id;
      await loadList();
      schedule(summary.id, socketUp() ? SAFETY_POLL_MS : 0);
    } catch (err) {
      runButton.disabled = false;
      progress.hidden = true;
      message.error(err);
    }
  }

  async function compare(): Promise<void> {
    const [a, b] = plans.filter((p) => picked.has(p.id)).reverse(); // older first: before → after
    if (!a || !b) return;
    await shown.run(() => Promise.all([request('GET /api/plans/:a/compare/:b', { params: { a: a.id, b: b.id } }), options.refs()]), ([cmp, refs]) => {
      if (!disposed) replaceChildren(view, planCompare(cmp, refs, () => replaceChildren(view)));
    }, (err) => message.error(err));
  }

  async function finish(id: string, status: PlanSummary['status']): Promise<void> {
    if (watching !== id) return;
    watching = null;
    clearTimeout(timer);
    runButton.disabled = false;
    progress.dataset.done = status;
    await loadList();
    await open(id);
  }

  function schedule(id: string, ms: number): void {
    clearTimeout(timer);
    timer = setTimeout(() => void poll(id), ms);
  }

  /** Reads the plan over HTTP: the bar's source while the socket is down, a safety check while it is up. */
  async function poll(id: string): Promise<void> {
    if (disposed || watching !== id) return;
    try {
      const plan = await request('GET /api/plans/:id', { params: { id } });
      if (watching !== id) return;
      if (isDone(plan)) { setProgress(plan.progress, socketUp() ? undefined : 'poll'); await finish(id, plan.status); return; }
      if (!socketUp()) setProgress(plan.progress, 'poll');
      schedule(id, socketUp() ? SAFETY_POLL_MS : POLL_MS);
    } catch (err) {
      message.error(err);
      schedule(id, POLL_MS * 4);
    }
  }

  options.live?.on('plan:progress', (event) => {
    if (disposed || event.planId !== watching) return;
    setProgress(event.progress, 'live');
    if (isDone(event)) void finish(event.planId, event.status).catch((err: unknown) => message.error(err));
  });
  // The socket dropped mid-run: poll at once instead of waiting for the slow check.
  options.live?.onStatus((up) => { if (!up && watching) schedule(watching, 0); });

  async function run(e: Event): Promise<void> {
    e.preventDefault();
    message.clear();
    runButton.disabled = true;
    progress.hidden = false;
    delete progress.dataset.done;
    delete progress.dataset.source;
    setProgress(0);
    try {
      const summary = await request('POST /api/plans', {
        body: { date: date.value, districtId: district.value || undefined, timeLimitS: Number(limit.value) || 2 },
      });
      watching = summary.id;
      await loadList();
      schedule(summary.id, socketUp() ? SAFETY_POLL_MS : 0);
    } catch (err) {
      runButton.disabled = false;
      progress.hidden = true;
      message.error(err);
    }
  }

  const form = h('form', { class: 'plan-form', 'data-testid': 'plan-form', onsubmit: (e: Event) => void run(e) },
    h('div', { class: 'field-row' },
      h('label', { class: 'field' }, h('span', null, t('plans.date')), date),
      h('label', { class: 'field' }, h('span', null, t('plans.district')), district),
      h('label', { class: 'field' }, h('span', null, t('plans.timeLimit')), limit)),
    h('div', { class: 'actions' }, runButton,
      h('button', { type: 'button', 'data-testid': 'plan-replan', onclick: () => void replan() }, t('replan.button'))));
  const el = h('div', { class: 'plan-panel', 'data-testid': 'plan-panel' }, form, progress, message.el,
    h('h4', null, t('plans.list')), list, h('div', { class: 'actions' }, compareButton, h('span', { class: 'muted' }, t('plans.compareHint'))), view);
  loadList().then(() => {
    const asked = readState('plan');
    const first = plans.find((p) => p.id === asked) ?? plans.find((p) => p.status === 'published');
    if (first) void open(first.id, first.id === asked);
  }).catch((err: unknown) => message.error(err));
  return { el, dispose() { disposed = true; clearTimeout(timer); } };
}
