import type * as L from 'leaflet';
import type { LngLat } from '../../../server/contract';

/** What browser tests and the render bench may ask of the current map (window.__baogongMap). */
export interface MapTestHook {
  containerPoint(p: LngLat): { x: number; y: number };
  setView(center: LngLat, zoom: number): Promise<void>;
  zoom(): number;
}

declare global {
  interface Window {
    __baogongMap?: MapTestHook;
  }
}

export function exposeTestHook(map: L.Map, api: { containerPoint(p: LngLat): { x: number; y: number } }): void {
  window.__baogongMap = {
    containerPoint: api.containerPoint,
    zoom: () => map.getZoom(),
    setView: (center, zoom) => new Promise((done) => {
      map.once('moveend', () => requestAnimationFrame(() => done()));
      map.setView([center[1], center[0]], zoom, { animate: false });
      // setView to the current view fires no moveend: resolve anyway.
      setTimeout(done, 300);
    }),
  };
}
