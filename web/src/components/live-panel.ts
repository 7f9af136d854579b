import type { LiveVehicle } from '../../../server/contract';
import { h, replaceChildren } from '../dom';
import { localName } from '../i18n';
import { connectLive, type LiveLink } from '../live/live-link';
import { liveDeliveries } from './live-deliveries';

/**
 * Deliveries under way, kept current from the live socket: a snapshot on connect and after any sequence gap,
 * then each stop:updated push applied in place. `names` gives van and zone names.
 */
export function livePanel(
  names: () => { vehicles: ReadonlyMap<string, string>; zones: ReadonlyMap<string, { name: string; nameEn: string }> },
  /** Every van seen (position and stops), after every snapshot, vehicles:moved and stop:updated (for the map). */
  onVans?: (vans: readonly LiveVehicle[]) => void,
): { el: HTMLElement; link: LiveLink; refresh(): void; close(): void } {
  const el = h('div', { 'data-testid': 'live-panel' });
  let vehicles: LiveVehicle[] = [];
  const link: LiveLink = connectLive();
  const render = (): void => {
    const { vehicles: vans, zones } = names();
    replaceChildren(el, liveDeliveries(vehicles, vans, (id) => { const z = zones.get(id); return z ? localName(z) : id; }));
  };
  const vans = (): void => onVans?.(vehicles);
  const resync = (): void => { link.snapshot().then((snap) => { vehicles = snap.vehicles; render(); vans(); }).catch(() => undefined); };
  link.on('vehicles:moved', ({ moves }) => {
    let unknown = false;
    for (const { vehicle } of moves) {
      const v = vehicles.find((x) => x.vehicleId === vehicle.vehicleId);
      if (v) Object.assign(v, vehicle); else unknown = true;
    }
    if (unknown) resync(); else vans();
  });
  link.onResync(resync);
  link.on('stop:updated', ({ stop }) => {
    const v = vehicles.find((x) => x.vehicleId === stop.vehicleId && x.planId === stop.planId);
    const i = v?.stops.findIndex((s) => s.tripIndex === stop.tripIndex && s.stopIndex === stop.stopIndex) ?? -1;
    if (v && i >= 0) { v.stops[i] = stop; render(); vans(); } else resync();
  });
  link.on('plan:published', resync);
  render();
  // refresh: draws again with names that arrived after the vans (else they show as ids).
  return { el, link, refresh: render, close: () => link.close() };
}
