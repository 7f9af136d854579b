import * as L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import type { LngLat, PolygonGeometry } from '../../../server/contract';
import { startDrawing, type DrawHandlers, type DrawSession } from './draw-tool';
import { polygonLatLngs, toLatLng } from './geo-edge';
import { bindTextTooltip } from './leaflet-text';
import { createPointLayer, type MapPoint } from './point-layer';
import { createRouteLayer, type MapRoute } from './route-layer';
import { startVertexEdit, type VertexEdit, type VertexEditHandlers } from './vertex-edit';
import { exposeTestHook } from './test-hook';
import { addTiles, tileConfig, type TileConfig } from './tiles';

export type { MapRoute } from './route-layer';
export type { MapPoint } from './point-layer';
export type { VertexEdit } from './vertex-edit';

export interface MapZone {
  id: string;
  /** Shown on hover (skipped for very large sets, where tooltips cost more than they help). */
  label: string;
  polygon: PolygonGeometry;
  fill: string;
}

export interface MapDepot extends MapPoint {
  /** Built when the popup opens. */
  popup(): HTMLElement;
}

export interface ZoneMapOptions {
  onZoneClick?(id: string): void;
  onDepotClick?(id: string): void;
  tiles?: TileConfig | null;
}

export interface ZoneMap {
  /** Replaces the zones; `fit` frames them (and the depots) first, so the polygons are projected once. */
  setZones(zones: readonly MapZone[], fit?: boolean): void;
  /** Depots, handoff points and vans are clustered on a screen grid (see point-layer.ts). */
  setDepots(depots: readonly MapDepot[]): void;
  setHandoffs(points: readonly MapPoint[]): void;
  setVans(points: readonly MapPoint[]): void;
  /** Stops of the published routes by state: counted as data-points-stop-pending / -delivered / -failed. */
  setStops(stops: { pending: readonly MapPoint[]; delivered: readonly MapPoint[]; failed: readonly MapPoint[] }): void;
  /** Zooms to a van (or, when it has no position, to the given place). */
  focusVan(id: string, fallback?: LngLat): void;
  /** Replaces the drawn delivery routes; `fit` frames them. */
  setRoutes(routes: readonly MapRoute[], fit?: boolean): void;
  selectZone(id: string | null, focus?: boolean): void;
  focusDepot(id: string): void;
  fitAll(): void;
  startDrawing(handlers: DrawHandlers): DrawSession;
  /** Drag, add (mid-edge handles) or remove (right-click) the corners of a shown zone; null when it is not shown.
   * The zone's own polygon is hidden until stop(). */
  editZone(id: string, handlers?: VertexEditHandlers): Promise<VertexEdit | null>;
  /** Resolves after the canvas has painted what was set so far. */
  rendered(): Promise<void>;
  containerPoint(p: LngLat): { x: number; y: number };
  /** Call after the container changes size. */
  resize(): void;
  destroy(): void;
}

const TOOLTIP_LIMIT = 2000;

function zoneBounds(zones: readonly MapZone[]): L.LatLngBounds {
  let [minLng, minLat, maxLng, maxLat] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const zone of zones) {
    for (const [lng, lat] of zone.polygon.coordinates[0] ?? []) {
      if (lng < minLng) minLng = lng;
      if (lng > maxLng) maxLng = lng;
      if (lat < minLat) minLat = lat;
      if (lat > maxLat) maxLat = lat;
    }
  }
  return minLng === Infinity ? L.latLngBounds([]) : L.latLngBounds([minLat, minLng], [maxLat, maxLng]);
}
const ZONE_STYLE = { color: '#37474f', weight: 1, opacity: 0.9, fillOpacity: 0.6 };
const SELECTED_STYLE = { color: '#0d47a1', weight: 3, opacity: 1, fillOpacity: 0.75 };

/** The one map of every page: zones as canvas polygons, depots as canvas circles, one renderer for all. */
export function createZoneMap(container: HTMLElement, options: ZoneMapOptions = {}): ZoneMap {
  const renderer = L.canvas({ padding: 0.2, tolerance: 3 });
  const map = L.map(container, { renderer, preferCanvas: true, zoomControl: true, attributionControl: true, minZoom: 3 })
    .setView([23.12, 113.24], 12);
  addTiles(map, options.tiles === undefined ? tileConfig() : options.tiles);
  const zoneLayer = L.featureGroup().addTo(map);
  const routeLayer = createRouteLayer(map, renderer, container);
  const handoffLayer = createPointLayer(map, renderer, { kind: 'handoff', colour: '#6d4c41', radius: 5 });
  const vanLayer = createPointLayer(map, renderer, { kind: 'van', colour: '#00897b', radius: 7 });
  // Stop states in colours that read apart for the colour-blind too (blue / green / red differ in lightness).
  const stopLayers = {
    pending: createPointLayer(map, renderer, { kind: 'stop-pending', colour: '#1e88e5', radius: 5 }),
    delivered: createPointLayer(map, renderer, { kind: 'stop-delivered', colour: '#2e7d32', radius: 5 }),
    failed: createPointLayer(map, renderer, { kind: 'stop-failed', colour: '#c62828', radius: 6 }),
  };
  const depotLayer = createPointLayer(map, renderer, { kind: 'depot', colour: '#1a237e', radius: 8 }, (id) => { if (!drawing) options.onDepotClick?.(id); });
  let depotPoints: readonly MapDepot[] = [];
  const pointsFront = (): void => {
    handoffLayer.front();
    for (const layer of Object.values(stopLayers)) layer.front();
    vanLayer.front();
    depotLayer.front();
  };
  const zoneById = new Map<string, L.Polygon>();
  const geometryById = new Map<string, PolygonGeometry>();
  let selected: string | null = null;
  let drawing: DrawSession | null = null;
  let editing: VertexEdit | null = null;

  // One click listener for all zones (10,000 polygons need no 10,000 closures).
  let idOf = new WeakMap<L.Layer, string>();
  zoneLayer.on('click', (e: L.LeafletMouseEvent) => {
    const id = idOf.get(e.propagatedFrom as L.Layer);
    if (id && !drawing) options.onZoneClick?.(id);
  });

  function fitTo(bounds: L.LatLngBounds): void {
    for (const d of depotPoints) bounds.extend(toLatLng(d.location));
    if (bounds.isValid()) map.fitBounds(bounds, { padding: [20, 20], animate: false });
  }

  function styleOf(id: string): L.PathOptions {
    return id === selected ? SELECTED_STYLE : ZONE_STYLE;
  }

  const api: ZoneMap = {
    setZones(zones, fit = false) {
      zoneLayer.clearLayers();
      zoneById.clear();
      geometryById.clear();
      idOf = new WeakMap();
      if (fit) fitTo(zoneBounds(zones));
      const tooltips = zones.length <= TOOLTIP_LIMIT;
      for (const zone of zones) {
        const polygon = L.polygon(polygonLatLngs(zone.polygon), { renderer, fillColor: zone.fill, ...styleOf(zone.id) });
        if (tooltips && zone.label) bindTextTooltip(polygon, zone.label, { sticky: true, direction: 'top' });
        idOf.set(polygon, zone.id);
        zoneById.set(zone.id, polygon);
        geometryById.set(zone.id, zone.polygon);
        zoneLayer.addLayer(polygon);
      }
      zoneById.get(selected ?? '')?.bringToFront();
      routeLayer.front();
      pointsFront();
    },
    setDepots(depots) {
      depotPoints = depots;
      depotLayer.set(depots);
    },
    setHandoffs: (points) => { handoffLayer.set(points); pointsFront(); },
    setVans: (points) => { vanLayer.set(points); pointsFront(); },
    setStops(stops) {
      stopLayers.pending.set(stops.pending);
      stopLayers.delivered.set(stops.delivered);
      stopLayers.failed.set(stops.failed);
      pointsFront();
    },
    focusVan(id, fallback) {
      if (!vanLayer.open(id) && fallback) map.setView(toLatLng(fallback), Math.max(map.getZoom(), 15), { animate: false });
    },
    setRoutes(routes, fit = false) {
      routeLayer.set(routes);
      const bounds = routeLayer.bounds();
      if (fit && bounds.isValid()) map.fitBounds(bounds, { padding: [24, 24], maxZoom: 16, animate: false });
      pointsFront();
    },
    selectZone(id, focus = false) {
      const previous = selected;
      selected = id;
      if (previous) zoneById.get(previous)?.setStyle(ZONE_STYLE);
      const polygon = id ? zoneById.get(id) : undefined;
      if (!polygon) return;
      polygon.setStyle(SELECTED_STYLE).bringToFront();
      routeLayer.front();
      pointsFront();
      if (focus) map.fitBounds(polygon.getBounds(), { maxZoom: 16, padding: [40, 40] });
    },
    focusDepot: (id) => depotLayer.open(id),
    fitAll() {
      fitTo(zoneLayer.getBounds());
    },
    startDrawing(handlers) {
      drawing?.clear();
      const session = startDrawing(map, renderer, handlers);
      drawing = session;
      const clear = session.clear;
      return {
        ...session,
        finish() { session.finish(); },
        clear() { clear(); if (drawing === session) drawing = null; },
      };
    },
    async editZone(id, handlers) {
      editing?.stop();
      const polygon = zoneById.get(id);
      if (!polygon) return null;
      const geometry = geometryById.get(id)!;
      map.fitBounds(polygon.getBounds(), { maxZoom: 17, padding: [40, 40], animate: false });
      const session = await startVertexEdit(map, geometry, handlers);
      polygon.setStyle({ opacity: 0, fillOpacity: 0 });
      const stop = session.stop;
      editing = {
        ...session,
        stop() {
          stop();
          if (editing?.stop === this.stop) editing = null;
          // The zone may have been replaced meanwhile (setZones after a save): restyle whatever is there now.
          zoneById.get(id)?.setStyle(styleOf(id));
        },
      };
      return editing;
    },
    rendered: () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() => done()))),
    containerPoint(p) {
      const { x, y } = map.latLngToContainerPoint(toLatLng(p));
      return { x, y };
    },
    resize: () => map.invalidateSize(),
    destroy() {
      drawing?.clear();
      editing?.stop();
      map.remove();
    },
  };
  exposeTestHook(map, api);
  return api;
}
