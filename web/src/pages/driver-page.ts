import type { Depot, Vehicle } from '../../../server/contract';
import { request } from '../api';
import { messageBox } from '../components/messages';
import { topBar } from '../components/top-bar';
import { formatNumber, h, replaceChildren } from '../dom';
import { localName, t, type MessageKey } from '../i18n';
import { createOfflineQueue } from '../driver/offline-queue';
import type { Page, PageContext } from '../router';

/** The driver's phone page: their van, its home depot, today's stops (none until plans are published). */
export function driverPage(ctx: PageContext): Page {
  const message = messageBox('page-message');
  const vehicleCard = h('section', { class: 'card', 'data-testid': 'vehicle-card' }, h('p', { class: 'muted' }, t('common.loading')));
  const queue = createOfflineQueue(localStorage);
  const status = h('p', { class: 'net-status', 'data-testid': 'net-status' });
  const stops = h('section', { class: 'card', 'data-testid': 'stops' },
    h('h2', null, t('driver.stops')),
    h('ol', { class: 'stop-list', 'data-testid': 'stop-list' }),
    h('p', { class: 'muted', 'data-testid': 'no-plan' }, t('driver.noPlan')),
    status);

  function renderStatus(): void {
    const pending = queue.pending().length;
    status.dataset.online = String(navigator.onLine);
    replaceChildren(status, navigator.onLine ? t('driver.online') : t('driver.offline'),
      pending > 0 ? ` · ${t('driver.queue', { n: pending })}` : null);
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
    await loadVehicle();
    page.dataset.ready = 'true';
  }

  async function loadVehicle(): Promise<void> {
    const vehicleId = ctx.user?.vehicleId;
    if (!vehicleId) {
      replaceChildren(vehicleCard, h('h2', null, t('driver.vehicle')), h('p', { 'data-testid': 'no-vehicle' }, t('driver.noVehicle')));
      return;
    }
    try {
      const vehicle = await request('GET /api/vehicles/:id', { params: { id: vehicleId } });
      const depot = await request('GET /api/depots/:id', { params: { id: vehicle.homeDepotId } }).catch(() => null);
      renderVehicle(vehicle, depot);
    } catch (err) {
      message.error(err);
    }
  }

  const offQueue = queue.onChange(renderStatus);
  window.addEventListener('online', renderStatus);
  window.addEventListener('offline', renderStatus);
  renderStatus();
  const page = h('div', { class: 'page page-driver', 'data-testid': 'driver-page' },
    topBar(t('role.driver'), ctx.user, () => ctx.navigate('/login')),
    message.el,
    h('main', { class: 'driver-main' }, vehicleCard, stops));
  return {
    el: page,
    mounted: () => void load(),
    dispose() {
      offQueue();
      window.removeEventListener('online', renderStatus);
      window.removeEventListener('offline', renderStatus);
    },
  };
}
