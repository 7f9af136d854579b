import { readState, writeState } from '../page-state';
import type { Commodity, Depot, District, Plan, Zone } from '../../../server/contract';
import { request } from '../api';
import { drawPanel } from '../components/draw-panel';
import { importPanel } from '../components/import-panel';
import { setLegend } from '../components/legend';
import { livePanel } from '../components/live-panel';
import { vanBoard } from '../components/van-board';
import { planPanel } from '../components/plan-panel';
import { fleetPanel } from '../components/fleet-panel';
import { shapeEditor } from '../components/shape-editor';
import { stockEditor } from '../components/stock-editor';
import { depotCard, stockScale } from '../components/stock-bars';
import { tabs } from '../components/tabs';
import { zoneEditor } from '../components/zone-editor';
import { zoneTable } from '../components/zone-table';
import { h, replaceChildren } from '../dom';
import { localName, t } from '../i18n';
import { latestOnly } from '../latest';
import { createZoneMap, type ZoneMap } from '../map/zone-map';
import { coverByZone } from '../plans/plan-format';
import { loadProjectedCover } from '../zones/projected-cover';
import { planRoutes } from '../plans/plan-map';
import { loadRefs, type PlanRefs } from '../plans/plan-refs';
import type { Page, PageContext } from '../router';
import { mapDepots, mapHandoffs, mapStops, mapVans, mapZones } from '../zones/map-items';
import { tierChoices } from '../zones/tiers';
import { sortZones } from '../zones/zone-input';
import { mapShell } from './map-shell';
import { escalationNotice } from '../alerts/escalation-notice';
import { channelPanel } from '../supply/channel-panel';
import { depotOutlookPanel } from '../supply/depot-outlook';
import { projectionDate } from '../zones/projected-cover';

interface State {
  zones: Zone[];
  depots: Depot[];
  districts: District[];
  commodities: Commodity[];
  selected: string | null;
}

/** The coordinator's console: every zone and depot on the map; edit, draw and import zones; import stock. */
export function coordinatorPage(ctx: PageContext): Page {
  const shell = mapShell(t('role.coordinator'), ctx.user, () => ctx.navigate('/login'), 'coordinator-page');
  // The selected zone sits in the URL (?zone=): a language switch or reload keeps it.
  const state: State = { zones: [], depots: [], districts: [], commodities: [], selected: readState('zone') };
  let map: ZoneMap | null = null;
  let panel: ReturnType<typeof tabs> | null = null;
  let draw: ReturnType<typeof drawPanel> | null = null;
  let shape: ReturnType<typeof shapeEditor> | null = null;
  let depotSelected: string | null = null;
  let disposed = false;
  let plans: ReturnType<typeof planPanel> | null = null;
  let live: ReturnType<typeof livePanel> | null = null;
  let board: ReturnType<typeof vanBoard> | null = null;
  let vehicleNames = new Map<string, string>();
  let refs: Promise<PlanRefs> | null = null;
  let cover: Map<string, number> | undefined;
  // The depots' outlook follows the plan on the map (its day), else the zones' latest change.
  let planShown: Plan | null = null;
  const planRefs = (): Promise<PlanRefs> => (refs ??= loadRefs().catch((err: unknown) => { refs = null; throw err; }));

  /** Colours zones by the shown plan's days of cover and draws its routes (or back to tiers without one). */
  // Plans shown one after another: the routes of one whose refs loaded slowly must not land on the
  // map after (and over) a later plan's cover.
  const shownPlan = latestOnly();
  async function showPlan(plan: Plan | null): Promise<void> {
    planShown = plan;
    cover = plan?.result ? coverByZone(plan.result.zones) : undefined;
    map?.setZones(mapZones(state.zones, cover));
    await shownPlan.run(async () => Promise.all([
      plan?.result ? planRoutes(plan, await planRefs()) : [],
      // A published plan is in force: colour by the projection over every channel (GET /api/cover), not its vans alone.
      plan?.status === 'published' ? loadProjectedCover(plan.date, plan.districtId ?? undefined).catch(() => undefined) : undefined,
    ]), ([routes, projected]) => {
      if (projected) { cover = projected; map?.setZones(mapZones(state.zones, cover)); }
      map?.setRoutes(routes);
      setLegend(shell.el, cover ? 'cover' : 'tier');
    });
  }

  function select(id: string | null, focus = false): void {
    state.selected = id;
    writeState('zone', id);
    map?.selectZone(id, focus);
    panel?.show('zones');
    shell.side.querySelector(`[data-zone-id="${id}"]`)?.scrollIntoView({ block: 'nearest' });
  }

  function zonesTab(): HTMLElement {
    const zone = state.zones.find((z) => z.id === state.selected) ?? null;
    const saved = (updated: Zone): void => {
      state.zones = state.zones.map((z) => (z.id === updated.id ? updated : z));
      map?.setZones(mapZones(state.zones, cover));
      map?.selectZone(updated.id);
      replaceChildren(shell.side.querySelector('[data-testid="zone-list"]')!, list());
    };
    // One corner edit at a time: a re-render (another zone picked) ends the previous one.
    shape?.stop();
    shape = zone && map ? shapeEditor(zone, map, saved) : null;
    return h('div', null,
      zoneEditor(zone, tierChoices(state.zones), saved),
      shape?.el,
      h('div', { 'data-testid': 'zone-list' }, list()));
  }

  function list(): HTMLElement {
    return zoneTable(sortZones(state.zones), { selectedId: state.selected, onSelect: (id) => select(id, true) });
  }

  function depotsTab(): HTMLElement {
    const scale = stockScale(state.depots);
    const depot = state.depots.find((d) => d.id === depotSelected);
    const editor = depot
      ? stockEditor(depot, state.commodities, (updated) => {
        state.depots = state.depots.map((d) => (d.id === updated.id ? updated : d));
        map?.setDepots(mapDepots(state.depots, state.commodities, stockScale(state.depots)));
        // Redraw the cards (bars) but keep the editor and its message.
        const list = shell.side.querySelector('[data-testid="depot-list"]');
        list?.replaceWith(cards(stockScale(state.depots)));
      })
      : h('p', { class: 'muted' }, t('stock.hint'));
    const cards = (sc: Map<string, number>): HTMLElement => h('div', { class: 'depot-list', 'data-testid': 'depot-list' }, state.depots.map((d) => {
      const card = depotCard(d, state.commodities, sc);
      card.tabIndex = 0;
      if (d.id === depotSelected) card.classList.add('selected');
      card.addEventListener('click', () => { depotSelected = d.id; map?.focusDepot(d.id); panel?.show('depots'); });
      return card;
    }));
    const outlookDate = projectionDate(planShown, state.zones);
    return h('div', null, editor, outlookDate ? depotOutlookPanel(outlookDate, state.depots, state.commodities) : null, cards(scale));
  }

  function channelsTab(): HTMLElement {
    const channels = channelPanel(() => ({ districts: state.districts, zones: state.zones, commodities: state.commodities }));
    void channels.load();
    return channels.el;
  }

  function fleetTab(): HTMLElement {
    const fleet = fleetPanel();
    void fleet.load();
    return fleet.el;
  }

  // Saves and imports reload zones and depots: an older read answered last must not put back
  // zones and stock that a newer one already replaced.
  const reloads = latestOnly();
  async function reload(fit = false): Promise<void> {
    await reloads.run(() => Promise.all([request('GET /api/zones'), request('GET /api/depots')]), ([zones, depots]) => {
      if (disposed) return;
      state.zones = zones;
      state.depots = depots;
      map?.setDepots(mapDepots(state.depots, state.commodities, stockScale(state.depots)));
      map?.setZones(mapZones(state.zones, cover), fit);
      if (state.selected) map?.selectZone(state.selected);
      refs = null;
      if (panel && !['draw', 'import', 'plans', 'fleet', 'vans', 'channels'].includes(panel.current())) panel.show(panel.current());
    }, (err) => { if (!disposed) shell.message.error(err); });
  }

  async function mounted(): Promise<void> {
    map = createZoneMap(shell.mapEl, { onZoneClick: (id) => select(id), onDepotClick: (id) => { depotSelected = id; panel?.show('depots'); } });
    try {
      [state.districts, state.commodities] = await Promise.all([request('GET /api/districts'), request('GET /api/commodities')]);
    } catch (err) {
      shell.message.error(err);
      return;
    }
    if (disposed) return;
    await reload(true);
    if (disposed) return;
    const zoneMap = map;
    draw = drawPanel({
      map: zoneMap, districts: state.districts, tiers: tierChoices(state.zones),
      onCreated: async (zone) => { await reload(); state.selected = zone.id; zoneMap.selectZone(zone.id); },
    });
    const drawEl = draw.el;
    const importEl = importPanel(() => void reload());
    let lastVans: Parameters<typeof mapVans>[0] = [];
    live = livePanel(() => ({ vehicles: vehicleNames, zones: new Map(state.zones.map((z) => [z.id, z])) }),
      (vans) => {
        lastVans = vans;
        map?.setVans(mapVans(vans, vehicleNames));
        const zoneById = new Map(state.zones.map((z) => [z.id, z]));
        map?.setStops(mapStops(vans, (id) => { const z = zoneById.get(id); return z ? localName(z) : id; }));
      });
    board = vanBoard({ link: live.link, onPick: (row) => map?.focusVan(row.vehicleId, row.nextStop?.location) });
    const boardEl = board.el;
    plans = planPanel({
      districts: state.districts, zones: () => state.zones, refs: planRefs, live: live.link,
      onShow: (plan) => void showPlan(plan).catch((err: unknown) => shell.message.error(err)),
    });
    void planRefs().then((r) => {
      vehicleNames = new Map([...r.vehicles].map(([id, v]) => [id, v.name]));
      // Vans drawn before the names arrived carry their ids: label them again.
      map?.setVans(mapVans(lastVans, vehicleNames));
      live?.refresh();
      map?.setHandoffs(mapHandoffs([...r.handoffs.values()], r.zones));
    }).catch(() => undefined);
    const plansEl = h('div', null, plans.el, live.el);
    panel = tabs([
      { id: 'zones', label: t('zones.title'), render: zonesTab },
      { id: 'depots', label: t('depots.title'), render: depotsTab },
      { id: 'fleet', label: t('fleet.title'), render: fleetTab },
      { id: 'channels', label: t('channels.title'), render: channelsTab },
      { id: 'plans', label: t('plans.title'), render: () => plansEl },
      { id: 'vans', label: t('board.title'), render: () => boardEl },
      { id: 'draw', label: t('draw.title'), render: () => drawEl },
      { id: 'import', label: t('import.title'), render: () => importEl },
    ], 'zones');
    replaceChildren(shell.side, panel.el);
    // The owner of an alert may be a coordinator: its escalation is told here too, live (issue 14).
    if (ctx.user) shell.message.el.after(escalationNotice(ctx.user, new Map(state.zones.map((z) => [z.id, z])), live.link));
    shell.el.dataset.ready = 'true';
  }

  return {
    el: shell.el,
    mounted: () => void mounted(),
    dispose() {
      disposed = true;
      shape?.stop();
      draw?.dispose();
      plans?.dispose();
      live?.close();
      board?.dispose();
      map?.destroy();
    },
  };
}
