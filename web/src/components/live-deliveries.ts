import type { LiveVehicle, StopStatus } from '../../../server/contract';
import { h } from '../dom';
import { t, tOr } from '../i18n';

const ORDER: readonly StopStatus[] = ['delivered', 'arrived', 'pending', 'failed'];

/** Deliveries under way: per van, how many stops are in each status, and each stop as a chip in route order. */
export function liveDeliveries(vehicles: readonly LiveVehicle[], names: ReadonlyMap<string, string>, zoneName: (id: string) => string): HTMLElement {
  const withStops = vehicles.filter((v) => v.stops.length > 0);
  return h('div', { class: 'live-deliveries', 'data-testid': 'live-deliveries' },
    h('h4', null, t('district.deliveries')),
    withStops.length === 0 ? h('p', { class: 'muted' }, t('common.none')) : withStops.map((v) => {
      const counts = ORDER.map((s) => [s, v.stops.filter((x) => x.status === s).length] as const).filter(([, n]) => n > 0);
      return h('div', { class: 'live-vehicle', 'data-testid': 'live-vehicle', 'data-vehicle-id': v.vehicleId },
        h('strong', null, names.get(v.vehicleId) ?? v.vehicleId), ' ',
        h('span', { class: 'muted' }, counts.map(([s, n]) => `${tOr(`stop.status.${s}`, s)} ${n}`).join(' · ')),
        h('div', { class: 'live-stops' }, v.stops.map((s) => h('span', {
          class: 'stop-chip', 'data-status': s.status, 'data-testid': 'live-stop', title: tOr(`stop.status.${s.status}`, s.status),
        }, zoneName(s.zoneId)))));
    }));
}
