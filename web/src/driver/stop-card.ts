import type { Commodity, HandoffMode, PlannedStop, RouteHandoffPlace, RouteZoneName, ShortDeliveryReason, StopFailReason, StopStatus } from '../../../server/contract';
import { h } from '../dom';
import { localName, t, tOr } from '../i18n';
import { hhmm } from '../plans/plan-format';
import { amapUri, geoUri } from './nav-link';
import type { OutboxKind, OutboxPayload } from './outbox-sender';

export interface StopCardInput {
  stop: PlannedStop;
  tripIndex: number;
  stopIndex: number;
  /** 1-based place in the day's route. */
  n: number;
  status: StopStatus;
  /** Kilos the server recorded for a delivered stop (shown instead of the planned ones). */
  deliveredKg?: Record<string, number>;
  commodities: readonly Commodity[];
  /** Names from the route reply; absent in a route cached before the server sent them (ids are shown then). */
  zoneName?: RouteZoneName;
  place?: RouteHandoffPlace;
  /** Records a driver event (the page adds the plan, van and time). */
  record<K extends OutboxKind>(kind: K, fields: Omit<OutboxPayload<K>, 'planId' | 'vehicleId' | 'tripIndex' | 'stopIndex' | 'at'>): void;
}

const HANDOFF_MODES: readonly HandoffMode[] = ['compound_gate', 'building_gate', 'door'];
/** STOP_FAIL_REASONS of the contract (the web imports types only); the Record makes tsc flag a missing reason. */
const FAIL_REASONS = Object.keys({
  nobody_at_handoff: 1, access_blocked: 1, refused: 1, goods_damaged: 1, vehicle_problem: 1, other: 1,
} satisfies Record<StopFailReason, 1>) as StopFailReason[];

const SHORT_REASONS = Object.keys({
  not_enough_on_van: 1, zone_took_less: 1, goods_damaged: 1, other: 1,
} satisfies Record<ShortDeliveryReason, 1>) as ShortDeliveryReason[];

/** One stop on the driver's phone: where and when, what to hand over (editable), navigate, and the three actions. */
export function stopCard(input: StopCardInput): HTMLElement {
  const { stop, status } = input;
  const zoneName = input.zoneName ? localName(input.zoneName) : stop.zoneId;
  const place = input.place;
  const area = place ? localName({ name: place.area, nameEn: place.areaEn }) : '';
  // The gate's name is the navigation label too (Amap shows it on the pin).
  const label = place?.name ?? stop.handoffPointId ?? zoneName;
  const name = (id: string): string => { const c = input.commodities.find((x) => x.id === id); return c ? localName(c) : id; };
  const done = status === 'delivered';
  // A delivered stop shows what was recorded, including a commodity the plan did not list for it.
  const shown = done && input.deliveredKg ? input.deliveredKg : stop.quantitiesKg;
  // Recorded kilos are a fact, not a field: shown as a value, so nobody tries to type into them.
  const qty = Object.entries(shown).filter(([, kg]) => kg > 0).map(([id, kg]) => ({
    id, planned: stop.quantitiesKg[id] ?? 0,
    input: done
      ? h('span', { class: 'qty-value', 'data-testid': 'qty', 'data-commodity': id, 'data-value': Math.round(kg * 10) / 10 }, Math.round(kg * 10) / 10)
      : h('input', { type: 'number', min: 0, step: 0.1, inputmode: 'decimal', value: Math.round(kg * 10) / 10, 'data-testid': 'qty', 'data-commodity': id, 'aria-label': name(id) }),
  }));
  const kgOf = (q: (typeof qty)[number]): number => (q.input instanceof HTMLInputElement ? Number(q.input.value) || 0 : Number(q.input.dataset.value));
  const tierMode = input.zoneName?.handoffMode;
  const mode = h('select', { 'data-testid': 'handoff-mode', 'aria-label': t('driver.handoffMode') },
    HANDOFF_MODES.map((m) => h('option', { value: m, selected: m === tierMode }, tOr(`handoff.${m}`, m))));
  const tierName = input.zoneName?.tierName ? localName({ name: input.zoneName.tierName, nameEn: input.zoneName.tierNameEn ?? input.zoneName.tierName }) : null;
  const shortReason = h('select', { class: 'short-reason', 'data-testid': 'short-reason', 'aria-label': t('driver.shortReason'), hidden: true },
    SHORT_REASONS.map((r) => h('option', { value: r }, t(`short.${r}`))));
  const isShort = (): boolean => qty.some((q) => kgOf(q) < q.planned - 0.05);
  for (const q of qty) q.input.addEventListener('input', () => { shortReason.hidden = !isShort(); });
  const reason = h('select', { 'data-testid': 'fail-reason', 'aria-label': t('driver.failReason') },
    FAIL_REASONS.map((r) => h('option', { value: r }, tOr(`fail.${r}`, r))));
  const note = h('input', { type: 'text', maxlength: 200, 'data-testid': 'fail-note', placeholder: t('driver.failNote') });
  const failForm = h('div', { class: 'fail-form', hidden: true },
    reason, note,
    h('button', {
      type: 'button', class: 'big danger', 'data-testid': 'stop-fail-confirm',
      onclick: () => input.record('stop:fail', { reason: reason.value as StopFailReason, text: note.value.trim() }),
    }, t('driver.confirmFail')));
  const deliver = (): void => input.record('stop:deliver', {
    quantitiesKg: Object.fromEntries(qty.map((q) => [q.id, Math.max(0, kgOf(q))])),
    handoffMode: mode.value as HandoffMode,
    ...(isShort() ? { shortReason: shortReason.value as ShortDeliveryReason } : {}),
  });
  return h('li', {
    class: 'stop-card', 'data-testid': 'stop', 'data-status': status, 'data-zone-id': stop.zoneId,
    'data-trip': input.tripIndex, 'data-stop': input.stopIndex,
  },
    h('div', { class: 'stop-head' },
      h('span', { class: 'stop-no' }, input.n),
      h('div', { class: 'stop-title' },
        h('strong', { 'data-testid': 'stop-zone' }, zoneName),
        h('div', { class: 'muted' }, t('driver.stopTitle', { trip: input.tripIndex + 1, n: input.stopIndex + 1 }), ' · ', t('driver.plannedAt', { time: hhmm(stop.arrivalS) }))),
      h('span', { class: 'stop-chip', 'data-status': status, 'data-testid': 'stop-status' }, tOr(`stop.status.${status}`, status))),
    h('div', { class: 'stop-handoff' },
      h('span', { 'data-testid': 'stop-handoff' }, label),
      area ? h('span', { class: 'muted', 'data-testid': 'stop-area' }, ` · ${area}`) : null),
    tierMode ? h('div', { class: 'stop-mode', 'data-testid': 'stop-mode', 'data-mode': tierMode },
      tierName ? t('driver.handoffByTier', { tier: tierName, mode: tOr(`handoff.${tierMode}`, tierMode) }) : tOr(`handoff.${tierMode}`, tierMode)) : null,
    done ? h('div', { class: 'muted', 'data-testid': 'recorded-note' }, t('driver.recordedKg')) : null,
    h('table', { class: 'qty-table' }, h('tbody', null, qty.map((q) => h('tr', null, h('td', null, name(q.id)),
      // A recorded value keeps its unit beside it; an input keeps the unit in a column of its own.
      done ? h('td', { colspan: 2 }, q.input, ' kg') : [h('td', null, q.input), h('td', null, 'kg')])))),
    h('div', { class: 'stop-nav' },
      h('a', { class: 'nav-link', href: geoUri(stop.location, label), 'data-testid': 'nav-geo' }, t('driver.navigate')),
      h('a', { class: 'nav-link', href: amapUri(stop.location, label), target: '_blank', rel: 'noopener', 'data-testid': 'nav-amap' }, t('driver.navigateAmap'))),
    done ? null : h('div', { class: 'stop-actions' },
      status === 'pending' ? h('button', { type: 'button', class: 'big', 'data-testid': 'stop-arrive', onclick: () => input.record('stop:arrive', {}) }, t('driver.arrived')) : null,
      mode, shortReason,
      h('button', { type: 'button', class: 'big primary', 'data-testid': 'stop-deliver', onclick: deliver }, t('driver.deliver')),
      status !== 'failed' ? h('button', { type: 'button', class: 'big', 'data-testid': 'stop-fail', onclick: () => { failForm.hidden = !failForm.hidden; } }, t('driver.fail')) : null),
    failForm);
}
