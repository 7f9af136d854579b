import * as L from 'leaflet';
import type { LngLat } from '../../../server/contract';
import { fromLatLng, toLatLng } from './geo-edge';

export interface DrawHandlers {
  onChange(points: LngLat[]): void;
  onFinish(points: LngLat[]): void;
}

export interface DrawSession {
  points(): LngLat[];
  undo(): void;
  /** Closes the polygon (needs 3 corners) and stops listening; the shape stays until clear(). */
  finish(): void;
  /** Stops listening and removes the shape. */
  clear(): void;
}

const SAME_POINT_PX = 6;
const STYLE = { color: '#0d47a1', weight: 2, dashArray: '6 4', fillColor: '#42a5f5', fillOpacity: 0.25, interactive: false };

/** Click to add a corner, double-click (or finish()) to close: a small polygon drawer without plug-ins. */
export function startDrawing(map: L.Map, renderer: L.Renderer, handlers: DrawHandlers): DrawSession {
  const pts: LngLat[] = [];
  const layer = L.layerGroup().addTo(map);
  let active = true;
  const hadDoubleClickZoom = map.doubleClickZoom.enabled();
  map.doubleClickZoom.disable();
  map.getContainer().classList.add('drawing');

  function redraw(closed: boolean): void {
    layer.clearLayers();
    const latLngs = pts.map(toLatLng);
    if (closed) L.polygon(latLngs, { ...STYLE, renderer, dashArray: undefined }).addTo(layer);
    else if (latLngs.length > 1) L.polyline(latLngs, { ...STYLE, renderer }).addTo(layer);
    for (const p of latLngs) L.circleMarker(p, { renderer, radius: 4, color: '#0d47a1', weight: 2, fillColor: '#fff', fillOpacity: 1, interactive: false }).addTo(layer);
  }

  function onClick(e: L.LeafletMouseEvent): void {
    const last = pts[pts.length - 1];
    // The two clicks of a double-click land on one spot: keep one corner.
    if (last && map.latLngToContainerPoint(toLatLng(last)).distanceTo(e.containerPoint) < SAME_POINT_PX) return;
    pts.push(fromLatLng(e.latlng));
    redraw(false);
    handlers.onChange([...pts]);
  }

  function onDoubleClick(e: L.LeafletMouseEvent): void {
    L.DomEvent.stop(e.originalEvent);
    finish();
  }

  function stop(): void {
    if (!active) return;
    active = false;
    map.off('click', onClick);
    map.off('dblclick', onDoubleClick);
    map.getContainer().classList.remove('drawing');
    if (hadDoubleClickZoom) setTimeout(() => map.doubleClickZoom.enable(), 0);
  }

  function finish(): void {
    if (!active || pts.length < 3) return;
    stop();
    redraw(true);
    handlers.onFinish([...pts]);
  }

  map.on('click', onClick);
  map.on('dblclick', onDoubleClick);
  return {
    points: () => [...pts],
    undo() {
      if (!active || pts.length === 0) return;
      pts.pop();
      redraw(false);
      handlers.onChange([...pts]);
    },
    finish,
    clear() {
      stop();
      layer.remove();
    },
  };
}
