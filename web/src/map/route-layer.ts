import * as L from 'leaflet';
import type { LngLat } from '../../../server/contract';
import { toLatLng } from './geo-edge';
import { bindTextTooltip } from './leaflet-text';

export interface MapRoute {
  id: string;
  label: string;
  colour: string;
  /** depot → stops → depot, [lng, lat]. */
  path: LngLat[];
  /** Stops to mark with a dot (the path's inner points by default). */
  stops?: LngLat[];
}

export interface RouteLayer {
  set(routes: readonly MapRoute[]): void;
  bounds(): L.LatLngBounds;
  /** Draws the routes over zones added later (one canvas paints in the order layers were added). */
  front(): void;
}

/** Delivery routes as canvas polylines (one colour per van) with a dot at each stop. */
export function createRouteLayer(map: L.Map, renderer: L.Renderer, container: HTMLElement): RouteLayer {
  const group = L.featureGroup().addTo(map);
  return {
    set(routes) {
      group.clearLayers();
      for (const route of routes) {
        if (route.path.length < 2) continue;
        const line = L.polyline(route.path.map(toLatLng), { renderer, color: route.colour, weight: 3, opacity: 0.9, interactive: true });
        if (route.label) bindTextTooltip(line, route.label, { sticky: true });
        group.addLayer(line);
        const stops = route.stops ?? route.path.slice(1, -1);
        for (const stop of stops) {
          group.addLayer(L.circleMarker(toLatLng(stop), {
            renderer, radius: 4, color: '#ffffff', weight: 1, fillColor: route.colour, fillOpacity: 1, interactive: false,
          }));
        }
      }
      container.dataset.routes = String(routes.filter((r) => r.path.length >= 2).length);
    },
    bounds: () => group.getBounds(),
    front: () => group.eachLayer((layer) => (layer as L.Path).bringToFront()),
  };
}
