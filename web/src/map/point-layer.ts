import * as L from 'leaflet';
import type { LngLat } from '../../../server/contract';
import { toLatLng } from './geo-edge';
import { gridCluster } from './grid-cluster';
import { bindElementPopup, bindTextTooltip } from './leaflet-text';

export interface MapPoint {
  id: string;
  label: string;
  location: LngLat;
  /** Built when the popup opens. */
  popup?(): HTMLElement;
}

export interface PointStyle {
  /** depot, handoff, van: names the bubbles' CSS class and the container's data-* counts. */
  kind: string;
  colour: string;
  radius: number;
}

export interface PointLayer {
  set(points: readonly MapPoint[]): void;
  /** Zooms until the point stands alone, then opens its popup (or tooltip); false when no such point is shown. */
  open(id: string): boolean;
  front(): void;
}

/** Cells of this many pixels share one bubble. */
const CELL_PX = 48;
/** From this zoom on every point is drawn alone (buildings apart). */
const NO_CLUSTER_ZOOM = 17;
/** Up to this many groups in view carry their count as a label. */
const LABELLED_BUBBLES = 150;

/**
 * Points (depots, handoff points, vans) clustered on a screen grid at every view change: singles are canvas circles
 * on the zones' renderer, groups are one canvas circle each, labelled with the count while few are in view (a view
 * holds at most a few hundred cells, so the drawing stays small whatever the number of points). Only points in the padded view are considered.
 */
export function createPointLayer(map: L.Map, renderer: L.Renderer, style: PointStyle, onClick?: (id: string) => void): PointLayer {
  const group = L.featureGroup().addTo(map);
  const container = map.getContainer();
  let points: readonly MapPoint[] = [];
  const singles = new Map<string, L.CircleMarker>();

  function single(point: MapPoint): L.CircleMarker {
    const marker = L.circleMarker(toLatLng(point.location), {
      renderer, radius: style.radius, color: '#ffffff', weight: 2, fillColor: style.colour, fillOpacity: 1,
    });
    bindTextTooltip(marker, point.label, { direction: 'top', offset: [0, -style.radius] });
    if (point.popup) bindElementPopup(marker, point.popup, { maxWidth: 280 });
    if (onClick) marker.on('click', () => onClick(point.id));
    return marker;
  }

  /** A group: a canvas circle sized by the count; the count is written on it by a DOM label only when the view has
   * few groups (hundreds of DOM labels would cost more than the canvas they sit on). */
  function bubble(items: MapPoint[], at: L.LatLng, labelled: boolean): L.Layer {
    const n = items.length;
    const marker = L.circleMarker(at, {
      renderer, radius: Math.min(18, style.radius + 3 + 2 * Math.log10(n) * 3), color: '#ffffff', weight: 2, fillColor: style.colour, fillOpacity: 0.85,
    });
    const names = items.slice(0, 5).map((p) => p.label).filter(Boolean).join('、') + (n > 5 ? '…' : '');
    bindTextTooltip(marker, labelled ? `${n}` : `${n} · ${names}`, labelled
      ? { permanent: true, direction: 'center', className: `map-cluster map-cluster-${style.kind}`, interactive: false }
      : { direction: 'top' });
    marker.on('click', () => {
      const bounds = L.latLngBounds(items.map((p) => toLatLng(p.location)));
      map.fitBounds(bounds, { padding: [40, 40], maxZoom: NO_CLUSTER_ZOOM, animate: false });
    });
    return marker;
  }

  function redraw(): void {
    group.clearLayers();
    singles.clear();
    if (points.length === 0) { container.setAttribute(`data-points-${style.kind}`, '0'); return; }
    const view = map.getBounds().pad(0.2);
    const shown = points.filter((p) => view.contains(toLatLng(p.location)));
    const cell = map.getZoom() >= NO_CLUSTER_ZOOM ? 1e-9 : CELL_PX;
    const clusters = cell < 1 ? shown.map((p) => ({ items: [p], x: 0, y: 0 }))
      : gridCluster(shown.map((p) => ({ ...map.latLngToLayerPoint(toLatLng(p.location)), item: p })), cell);
    const bubbles = clusters.filter((c) => c.items.length > 1).length;
    const labelled = bubbles <= LABELLED_BUBBLES;
    for (const c of clusters) {
      if (c.items.length === 1) {
        const marker = single(c.items[0]!);
        singles.set(c.items[0]!.id, marker);
        group.addLayer(marker);
      } else {
        group.addLayer(bubble(c.items, map.layerPointToLatLng(L.point(c.x, c.y)), labelled));
      }
    }
    // For tests and the bench: how the points were drawn in this view.
    container.setAttribute(`data-points-${style.kind}`, String(points.length));
    container.setAttribute(`data-clusters-${style.kind}`, String(bubbles));
  }

  map.on('zoomend moveend', redraw);
  return {
    set(next) { points = next; redraw(); },
    open(id) {
      const point = points.find((p) => p.id === id);
      if (!point) return false;
      const tryOpen = (zoom: number): void => {
        map.setView(toLatLng(point.location), zoom, { animate: false });
        const marker = singles.get(id);
        if (marker) { if (point.popup) marker.openPopup(); else marker.openTooltip(); } else if (zoom < NO_CLUSTER_ZOOM) tryOpen(zoom + 1);
      };
      tryOpen(Math.max(map.getZoom(), 14));
      return true;
    },
    front() {
      for (const marker of singles.values()) marker.bringToFront();
    },
  };
}
