import type { ApiError, Commodity, Depot, Vehicle } from '../../../server/contract';
import { request } from '../api';
import { messageBox } from '../components/messages';
import { topBar } from '../components/top-bar';
import { formatNumber, h, replaceChildren } from '../dom';
import { createOfflineQueue } from '../driver/offline-queue';
import { outboxSender } from '../driver/outbox-sender';
import { positionShare, type PositionState } from '../driver/position-share';
import { routeSection } from '../driver/route-section';
import { registerServiceWorker } from '../driver/sw-register';
import { localName, t, tOr, type MessageKey } from '../i18n';
import { connectLive, type LiveLink } from '../live/live-link';
import type { Page, PageContext } from '../router';

const FLUSH_EVERY_MS = 5000;

/** The driver's phone page: their van, today's stops with actions (kept offline, sent in order), a route map. */
export function driverPage(ctx: PageContext): Page {
  const message = messageBox('page-message');
  const vehicleCard = h('section', { class: 'card', 'data-testid': 'vehicle-card' }, h('p', { class: 'muted' }, t('common.loading')));
  const queue = createOfflineQueue(localStorage);
  const status = h('p', { class: 'net-status', 'data-testid': 'net-status' });
  const pending = h('p', { class: 'pending-count', 'data-testid': 'pending-count' });
  const vehicleId = ctx.user?.vehicleId ?? null;
  const live: LiveLink | null = vehicleId ? connectLive() : null;
  let commodities: readonly Commodity[] = [];
  /** A refusal in the page's language, from its code and field; the server's English only as detail. */
  function refusal(text: string, error: ApiError): string {
    const commodityId = error.field?.startsWith('input.quantitiesKg.') ? error.field.slice('input.quantitiesKg.'.length) : null;
    const c = commodityId ? commodities.find((x) => x.id === commodityId) : undefined;
    const commodity = c ? localName(c) : commodityId ?? '';
    const detail = t('driver.refused.detail', { message: text });
    if (commodityId && error.code === 'VALIDATION') return `${t('driver.refused.notOnVan', { commodity })} ${detail}`;
    if (commodityId && error.code === 'CONFLICT') return `${t('driver.refused.overHold', { commodity })} ${detail}`;
    if (error.field === 'input.position') return `${t('driver.refused.position')} ${detail}`;
    return t('driver.sendRefused', { message: `${tOr(`error.${error.code}`, error.code)} ${detail}` });
  }
  const send = live ? outboxSender(live, (text, error, kind, payload) => {
    message.error(new Error(refusal(text, error)));
    if (kind === 'vehicle:move') return;
    route?.refused(payload as { planId?: string; tripIndex?: number; stopIndex?: number });
    // The stop's true state (it may be delivered already, from another device): ask the server.
    void live.snapshot().then((snap) => { for (const v of snap.vehicles) if (v.vehicleId === vehicleId) route?.merge(v.stops); }).catch(() => undefined);
  }) : null;
  const flush = (): void => { if (send && navigator.onLine) void queue.flush(send); };
  const route = vehicleId ? routeSection({ vehicleId, queue, live, message, flush }) : null;
  const gps = h('p', { class: 'gps-status', 'data-testid': 'gps-status', 'data-state': 'off' }, t('driver.gps.off'));
  const showGps = (state: PositionState): void => {
    gps.dataset.state = state;
    replaceChildren(gps, t(state === 'on' ? 'driver.gps.on' : state === 'denied' ? 'driver.gps.denied' : 'driver.gps.off'));
  };
  const share = vehicleId ? positionShare({
    vehicleId, onState: showGps,
    enqueue: (fix) => { queue.enqueue('vehicle:move', fix); flush(); },
  }) : null;
  // Positions are shared only while the route's day runs: checked again on every flush tick, so a page left
  // open starts sharing when the day begins and stops when it is over.
  const syncSharing = (): void => { if (route?.active()) share?.start(); else share?.stop(); };
  const timer = setInterval(() => { flush(); if (page.dataset.ready === 'true') syncSharing(); }, FLUSH_EVERY_MS);
  let disposed = false;

  function renderStatus(): void {
    const n = queue.pending().length;
    const connected = live?.connected() ?? false;
    status.dataset.online = String(navigator.onLine);
    replaceChildren(status, navigator.onLine ? t('driver.online') : t('driver.offline'), ' · ', connected ? t('driver.live') : t('driver.liveOff'));
    pending.dataset.count = String(n);
    replaceChildren(pending, t('driver.pending', { n }));
  }

  function row(label: MessageKey, value: string, testId?: string): HTMLElement {
    return h('div', { class: 'kv' }, h('dt', null, t(label)), h('dd', { 'data-testid': testId ?? null }, value));
  }

  function renderVehicle(vehicle: Vehicle, depot: Depot | null): void {
    replaceChildren(vehicleCard,
      h('h2', null, t('driver.vehicle')),
      h('p', { class: 'vehicle-name', 'data-testid': 'vehicle-name' }, vehicle.name),
      h('p', { class: 'vehicle-sub muted' }, h('span', { 'data-testid': 'vehicle-id' }, vehicle.id), ' · ',
        t(vehicle.kind === 'bus' ? 'driver.kind.bus' : 'driver.kind.van')),
      h('dl', null,
        row('driver.capacity', t('common.kg', { n: formatNumber(vehicle.capacityKg) })),
        row('driver.coldChain', t('common.kg', { n: formatNumber(vehicle.coldChainKg) })),
        row('driver.shift', `${vehicle.shiftStart}–${vehicle.shiftEnd}`),
        row('driver.homeDepot', depot ? `${localName(depot)} (${t('depots.hours', { from: depot.opensAt, to: depot.closesAt })})` : vehicle.homeDepotId, 'home-depot')));
  }

  async function load(): Promise<void> {
    registerServiceWorker(() => {
      if (disposed) return;
      void request('GET /api/me').catch(() => null);
      void load();
    });
    if (!vehicleId) {
      replaceChildren(vehicleCard, h('h2', null, t('driver.vehicle')), h('p', { 'data-testid': 'no-vehicle' }, t('driver.noVehicle')));
      page.dataset.ready = 'true';
      return;
    }
    try {
      const vehicle = await request('GET /api/vehicles/:id', { params: { id: vehicleId } });
      const [depot, loaded] = await Promise.all([
        request('GET /api/depots/:id', { params: { id: vehicle.homeDepotId } }).catch(() => null),
        request('GET /api/commodities').catch((): Commodity[] => []),
      ]);
      renderVehicle(vehicle, depot);
      commodities = loaded;
      await route?.load(depot, { commodities });
      syncSharing();
    } catch (err) {
      message.error(err);
    }
    page.dataset.ready = 'true';
    flush();
  }

  live?.onResync(() => {
    void live.snapshot().then((snap) => { for (const v of snap.vehicles) if (v.vehicleId === vehicleId) route?.merge(v.stops); }).catch(() => undefined);
  });
  live?.on('stop:updated', (event) => route?.merge([event.stop]));
  live?.on('plan:published', () => void route?.reload().then(syncSharing).catch(() => undefined));
  live?.onStatus(() => { renderStatus(); flush(); });
  const offQueue = queue.onChange(renderStatus);
  const onNet = (): void => { renderStatus(); flush(); };
  window.addEventListener('online', onNet);
  window.addEventListener('offline', onNet);
  renderStatus();
  const page = h('div', { class: 'page page-driver', 'data-testid': 'driver-page' },
    topBar(t('role.driver'), ctx.user, () => ctx.navigate('/login')),
    message.el,
    h('main', { class: 'driver-main' }, h('div', { class: 'driver-status' }, status, pending, gps), route?.el, vehicleCard));
  return {
    el: page,
    mounted: () => void load(),
    dispose() {
      disposed = true;
      offQueue();
      clearInterval(timer);
      share?.stop();
      live?.close();
      route?.dispose();
      window.removeEventListener('online', onNet);
      window.removeEventListener('offline', onNet);
    },
  };
}
