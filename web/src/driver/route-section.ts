import { dayLabel, planLabel } from '../plans/plan-format';
import type { Commodity, Depot, VehicleRoute } from '../../../server/contract';
import type { MessageBox } from '../components/messages';
import { h, replaceChildren } from '../dom';
import { t } from '../i18n';
import { latestOnly } from '../latest';
import type { LiveLink } from '../live/live-link';
import { createZoneMap, type ZoneMap } from '../map/zone-map';
import { routeColour } from '../plans/plan-format';
import { tripPaths } from '../plans/plan-geojson';
import type { OfflineQueue } from './offline-queue';
import type { OutboxKind, OutboxPayload } from './outbox-sender';
import { loadRoute } from './route-cache';
import { routeDay } from './route-day';
import { stopCard } from './stop-card';
import { createStopStates, type StopStates } from './stop-state';

export interface RouteSectionDeps {
  vehicleId: string;
  queue: OfflineQueue;
  live: LiveLink | null;
  message: MessageBox;
  /** Sends what is queued (when online). */
  flush(): void;
}

/** Today's stops in order, a small map of the route, and the actions that go through the outbox. */
export function routeSection(deps: RouteSectionDeps) {
  const list = h('ol', { class: 'stop-list', 'data-testid': 'stop-list' });
  const sub = h('p', { class: 'muted', 'data-testid': 'route-sub' });
  const mapEl = h('div', { class: 'driver-map', 'data-testid': 'map', hidden: true });
  const noPlan = h('p', { class: 'muted', 'data-testid': 'no-plan', hidden: true }, t('driver.noPlan'));
  const heading = h('h2', null, t('driver.stops'));
  // A route of another day says so: its times are that day's plan, not what to drive now.
  const dayNote = h('p', { class: 'route-day', 'data-testid': 'route-day', hidden: true });
  const el = h('section', { class: 'card', 'data-testid': 'stops' }, heading, sub, dayNote, noPlan, mapEl, list);
  let route: VehicleRoute | null = null;
  let states: StopStates | null = null;
  let commodities: readonly Commodity[] = [];
  let map: ZoneMap | null = null;
  let depotShown: Depot | null = null;
  // A publish reloads the route: a reply from before it answering last would show the old plan's
  // stops, and record() would then queue deliveries with the old planId. Only the latest is drawn.
  const reads = latestOnly();
  /** What the server said of this van's stops (snapshot and pushes), kept for a route that loads after it. */
  let serverStops: Parameters<StopStates['merge']>[0] = [];

  function record<K extends OutboxKind>(tripIndex: number, stopIndex: number, kind: K, fields: object): void {
    if (!route || !states) return;
    const payload = { planId: route.planId, vehicleId: route.vehicleId, tripIndex, stopIndex, at: new Date().toISOString(), ...fields } as unknown as OutboxPayload<K>;
    deps.queue.enqueue(kind, payload);
    const kg = kind === 'stop:deliver' ? (fields as { quantitiesKg?: Record<string, number> }).quantitiesKg : undefined;
    states.set(tripIndex, stopIndex, kind === 'stop:arrive' ? 'arrived' : kind === 'stop:deliver' ? 'delivered' : 'failed', kg);
    render();
    deps.flush();
  }

  function render(): void {
    if (!route || !states) return;
    let n = 0;
    const s = states;
    replaceChildren(list, route.trips.flatMap((trip, tripIndex) => trip.stops.map((stop, stopIndex) => stopCard({
      stop, tripIndex, stopIndex, n: ++n, status: s.get(tripIndex, stopIndex), deliveredKg: s.view(tripIndex, stopIndex).deliveredKg, commodities,
      zoneName: route!.zoneNames?.[stop.zoneId], place: stop.handoffPointId ? route!.handoffPlaces?.[stop.handoffPointId] : undefined,
      record: (kind, fields) => record(tripIndex, stopIndex, kind, fields),
    }))));
  }

  function drawMap(depot: Depot | null): void {
    if (!route) return;
    mapEl.hidden = false;
    map ??= createZoneMap(mapEl, {});
    const depots = new Map(depot ? [[depot.id, depot]] : []);
    map.setDepots(depot ? [{ id: depot.id, label: depot.name, location: depot.location, popup: () => h('strong', null, depot.name) }] : []);
    map.setRoutes(tripPaths([route], { depots }).map((p) => ({
      id: `${p.vehicleId}#${p.trip}`, label: String(p.trip), colour: routeColour(p.trip - 1), path: p.path,
    })), true);
  }

  return {
    el,
    async load(depot: Depot | null, refs: { commodities: readonly Commodity[] }): Promise<void> {
      commodities = refs.commodities;
      depotShown = depot;
      await reads.run(() => loadRoute(deps.vehicleId), (loaded) => {
        route = loaded.route;
        noPlan.hidden = route !== null;
        if (!route) { replaceChildren(list); return; }
        states = createStopStates(localStorage, route);
        // The server's snapshot may have come before the route (a second device, a fresh login).
        states.merge(serverStops);
        // The plan's readable name (6月3日 第1版), as on the coordinator's pages: not "v1 · 2021-06-03".
        replaceChildren(sub, planLabel({ id: route.planId, version: route.planVersion, date: route.date }), loaded.cached ? ` · ${t('driver.cachedRoute')}` : null);
        const day = routeDay(route, Date.now());
        const date = dayLabel(route.date);
        heading.textContent = day === 'today' ? t('driver.stops') : t('driver.stopsOn', { date });
        dayNote.hidden = day === 'today';
        dayNote.dataset.day = day;
        dayNote.textContent = day === 'past' ? t('driver.dayOver', { date }) : day === 'future' ? t('driver.dayAhead', { date }) : '';
        render();
        drawMap(depot);
      });
    },
    /** Server news about this van's stops (snapshot or push). */
    merge(stops: Parameters<StopStates['merge']>[0]): void {
      const seen = new Set(stops.map((x) => `${x.planId}#${x.tripIndex}:${x.stopIndex}`));
      serverStops = [...serverStops.filter((x) => !seen.has(`${x.planId}#${x.tripIndex}:${x.stopIndex}`)), ...stops];
      states?.merge(stops);
      render();
    },
    /** Fetches the route again (a new plan was published), keeping the depot and names. */
    reload(): Promise<void> { return this.load(depotShown, { commodities }); },
    /** A refused record: the stop goes back to pending here until the server's snapshot says otherwise. */
    refused(payload: { planId?: string; tripIndex?: number; stopIndex?: number }): void {
      if (!route || !states || payload.planId !== route.planId || payload.tripIndex === undefined || payload.stopIndex === undefined) return;
      states.set(payload.tripIndex, payload.stopIndex, 'pending');
      render();
    },
    /**
     * Whether there is a route to drive now: one whose plan day runs on the phone's clock. The page shares the
     * van's position only then; a finished day's or a later day's route is for reading, not for tracking the driver.
     */
    active(nowMs = Date.now()): boolean { return route !== null && routeDay(route, nowMs) === 'today'; },
    dispose() { map?.destroy(); },
  };
}
