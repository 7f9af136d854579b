import type { Commodity, Depot, LiveVehicle, Plan, Vehicle, Zone, ZoneOutcome } from '../../../server/contract';
import { request } from '../api';
import { coverChart } from '../components/cover-chart';
import { coverTable } from '../components/cover-table';
import { setLegend } from '../components/legend';
import { liveDeliveries } from '../components/live-deliveries';
import { vanBoard } from '../components/van-board';
import { stockScale } from '../components/stock-bars';
import { zoneTable } from '../components/zone-table';
import { h, replaceChildren } from '../dom';
import { localName, t } from '../i18n';
import { latestOnly } from '../latest';
import { connectLive, type LiveLink } from '../live/live-link';
import { createZoneMap, type ZoneMap } from '../map/zone-map';
import { coverByZone, planLabel } from '../plans/plan-format';
import { planRoutes } from '../plans/plan-map';
import type { Page, PageContext } from '../router';
import { mapDepots, mapStops, mapVans, mapZones } from '../zones/map-items';
import { loadProjection, projectionDate, type LoadedProjection } from '../zones/projected-cover';
import { sortZones } from '../zones/zone-input';
import { mapShell } from './map-shell';
import { escalationNotice } from '../alerts/escalation-notice';
import { readState, writeState } from '../page-state';

/**
 * The district official's view: their district's zones (the API filters by the session), sorted by days of
 * cover from the district's latest published plan (worst first, per-commodity bars), that plan's routes on the
 * map, and the deliveries under way from the live layer.
 */
export function districtPage(ctx: PageContext): Page {
  const shell = mapShell(t('role.district_official'), ctx.user, () => ctx.navigate('/login'), 'district-page');
  const table = h('div', { 'data-testid': 'district-table' });
  const deliveries = h('div', { 'data-testid': 'district-live' });
  let map: ZoneMap | null = null;
  let live: LiveLink | null = null;
  let zones: Zone[] = [];
  let commodities: Commodity[] = [];
  let vehicles = new Map<string, string>();
  let plan: Plan | null = null;
  let cover = new Map<string, number>();
  let outcomes = new Map<string, ZoneOutcome>();
  let projection: LoadedProjection | undefined;
  let liveVehicles: LiveVehicle[] = [];
  // The selected zone sits in the URL (?zone=), like the coordinator's: a language switch or reload keeps it.
  let selected: string | null = readState('zone');
  let disposed = false;
  let chart: ReturnType<typeof coverChart> | null = null;
  let board: ReturnType<typeof vanBoard> | null = null;
  const boardSlot = h('div', { 'data-testid': 'district-board' });

  function select(id: string, focus: boolean): void {
    selected = id;
    writeState('zone', id);
    map?.selectZone(id, focus);
    renderTable();
  }

  /**
   * Sorted and coloured by the projected cover (household stock and every channel, the vans of the plan in force)
   * when there is one: the red rows are the zones that really run out within the horizon. Without it, by the
   * plan's own figures, or by tier.
   */
  function renderTable(): void {
    const onSelect = (id: string): void => select(id, true);
    if (projection) {
      replaceChildren(table,
        h('p', { class: 'muted', 'data-testid': 'district-note' }, t('district.sortNoteProjected', { date: projection.date, plan: plan ? planLabel(plan) : t('common.none') })),
        coverTable(sortZones(zones, projection.worst), projection.worst, projection.byCommodity, commodities, { selectedId: selected, onSelect }));
      return;
    }
    const sorted = sortZones(zones, plan ? cover : undefined);
    const planDays = new Map([...outcomes].map(([id, o]) => [id, o.daysOfCover]));
    replaceChildren(table,
      h('p', { class: 'muted', 'data-testid': 'district-note' }, plan ? t('district.sortNoteCover', { plan: planLabel(plan) }) : t('district.sortNote')),
      plan ? coverTable(sorted, cover, planDays, commodities, { selectedId: selected, onSelect })
        : zoneTable(sorted, { selectedId: selected, showCover: true, onSelect }));
  }

  function renderLive(): void {
    const zoneName = (id: string): string => { const z = zones.find((x) => x.id === id); return z ? localName(z) : id; };
    replaceChildren(deliveries, live ? liveDeliveries(liveVehicles, vehicles, zoneName) : h('p', { class: 'muted' }, t('district.noLive')));
    map?.setVans(mapVans(liveVehicles, vehicles));
    map?.setStops(mapStops(liveVehicles, zoneName));
  }

  /**
   * The latest published plan (null when none) and the zones' projected cover from its day (every channel, not
   * only the vans: what the map colours by); refresh() decides whether they are still wanted.
   */
  async function loadPlan(): Promise<{ plan: Plan | null; projected: LoadedProjection | undefined }> {
    const published = (await request('GET /api/plans', { query: { status: 'published' } }))[0];
    const shown = published ? await request('GET /api/plans/:id', { params: { id: published.id } }) : null;
    return { plan: shown, projected: await loadProjection(projectionDate(shown, zones), ctx.user?.districtId ?? undefined) };
  }

  function startLive(): void {
    live = connectLive();
    const resync = (): void => {
      live?.snapshot().then((snap) => { liveVehicles = snap.vehicles; renderLive(); }).catch(() => undefined);
    };
    live.onResync(resync);
    live.on('vehicles:moved', ({ moves }) => {
      for (const { vehicle } of moves) {
        const v = liveVehicles.find((x) => x.vehicleId === vehicle.vehicleId);
        if (v) Object.assign(v, vehicle); else return resync();
      }
      renderLive();
    });
    board = vanBoard({ link: live, onPick: (row) => map?.focusVan(row.vehicleId, row.nextStop?.location) });
    replaceChildren(boardSlot, board.el);
    live.on('stop:updated', ({ stop }) => {
      const v = liveVehicles.find((x) => x.vehicleId === stop.vehicleId && x.planId === stop.planId);
      const i = v?.stops.findIndex((s) => s.tripIndex === stop.tripIndex && s.stopIndex === stop.stopIndex) ?? -1;
      if (v && i >= 0) { v.stops[i] = stop; renderLive(); } else resync();
      if (stop.status === 'delivered') void chart?.load();
    });
    // A failed re-read after a publish is shown, not left as an unhandled rejection.
    live.on('plan:published', () => { refresh().catch((err: unknown) => { if (!disposed) shell.message.error(err); }); });
  }

  // Each publish refreshes: a read from before the newest publish answering last must not put the
  // older plan's cover and routes back, so only the latest refresh is applied.
  const refreshes = latestOnly();
  async function refresh(): Promise<void> {
    const applied = await refreshes.run(loadPlan, ({ plan: next, projected }) => {
      if (disposed) return;
      plan = next;
      cover = coverByZone(plan?.result?.zones ?? []);
      outcomes = new Map((plan?.result?.zones ?? []).map((o) => [o.zoneId, o]));
      projection = projected;
      map?.setZones(mapZones(zones, projected?.worst ?? (plan ? cover : undefined)));
      map?.setRoutes(plan ? planRoutes(plan, { depots: depotMap, vehicles: vehicleMap }) : []);
      setLegend(shell.el, projected || plan ? 'cover' : 'tier');
      renderTable();
    });
    if (applied && !disposed) await chart?.load();
  }

  let depotMap = new Map<string, Depot>();
  let vehicleMap = new Map<string, Vehicle>();
  async function mounted(): Promise<void> {
    map = createZoneMap(shell.mapEl, { onZoneClick: (id) => select(id, false) });
    try {
      const [districts, zoneList, depots, commodityList, vehicleList] = await Promise.all([
        request('GET /api/districts'), request('GET /api/zones'), request('GET /api/depots'), request('GET /api/commodities'),
        request('GET /api/vehicles').catch((): Vehicle[] => []),
      ]);
      if (disposed) return;
      zones = zoneList;
      commodities = commodityList;
      depotMap = new Map(depots.map((d) => [d.id, d]));
      vehicleMap = new Map(vehicleList.map((v) => [v.id, v]));
      vehicles = new Map(vehicleList.map((v) => [v.id, v.name]));
      const own = districts.find((d) => d.id === ctx.user?.districtId) ?? districts[0];
      const title = shell.el.querySelector('[data-testid="page-title"]');
      if (own && title) title.textContent = t('district.title', { name: localName(own) });
      map.setDepots(mapDepots(depots, commodities, stockScale(depots)));
      map.setZones(mapZones(zones), true);
      if (selected && !zones.some((z) => z.id === selected)) selected = null;
      chart = own ? coverChart(own.id, commodities) : null;
      replaceChildren(shell.side, boardSlot, table, chart?.el, deliveries);
      await refresh();
      startLive();
      if (ctx.user) shell.message.el.after(escalationNotice(ctx.user, new Map(zones.map((z) => [z.id, z])), live));
      renderLive();
      if (selected) map.selectZone(selected, true);
      shell.el.dataset.ready = 'true';
    } catch (err) {
      if (!disposed) shell.message.error(err);
    }
  }

  return { el: shell.el, mounted: () => void mounted(), dispose() { disposed = true; board?.dispose(); live?.close(); chart?.destroy(); map?.destroy(); } };
}
