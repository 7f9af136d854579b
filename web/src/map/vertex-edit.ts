import * as L from 'leaflet';
import '@geoman-io/leaflet-geoman-free/dist/leaflet-geoman.css';
import type { PolygonGeometry } from '../../../server/contract';
import { fromLatLng, polygonLatLngs } from './geo-edge';

// Editing an existing zone's corners with leaflet-geoman. Loaded on first use (a dynamic import): the driver's
// phone and the 10,000-zone map never pay for it. Geoman hooks every Leaflet layer it sees; opt-in mode limits it to
// the one copy being edited (pmIgnore: false), so the canvas zones stay plain.

export interface VertexEditHandlers {
  /** Every drag, insertion or removal of a corner: the polygon as it now is. */
  onChange?(polygon: PolygonGeometry): void;
}

export interface VertexEdit {
  /** The edited polygon, closed, [lng, lat] rounded to 6 decimals (≈ 0.1 m). */
  polygon(): PolygonGeometry;
  /** Number of corners (without the closing repeat). */
  corners(): number;
  /** Stops editing and removes the copy. */
  stop(): void;
}

type GeomanL = typeof L & { PM: { setOptIn(v: boolean): void; Map: new (map: L.Map) => unknown } };

let loaded: Promise<GeomanL> | null = null;
function loadGeoman(): Promise<GeomanL> {
  loaded ??= (async () => {
    // Geoman extends the global L that Leaflet's own build sets (window.L): import Leaflet first.
    await import('@geoman-io/leaflet-geoman-free');
    const G = (window as unknown as { L: GeomanL }).L;
    G.PM.setOptIn(true);
    return G;
  })();
  return loaded;
}

const round6 = (n: number): number => Math.round(n * 1e6) / 1e6;
const STYLE = { color: '#e65100', weight: 3, fillColor: '#ffcc80', fillOpacity: 0.35, dashArray: '6 4' };

/** Puts an editable copy of `polygon` on the map (outer ring only: zones have no holes) with draggable corners. */
export async function startVertexEdit(map: L.Map, polygon: PolygonGeometry, handlers: VertexEditHandlers = {}): Promise<VertexEdit> {
  const G = await loadGeoman();
  const m = map as unknown as { pm?: unknown };
  // The map was made before geoman loaded, so its init hook did not run: give it its PM object now.
  if (!m.pm) m.pm = new G.PM.Map(map);
  const copy = L.polygon(polygonLatLngs(polygon).slice(0, 1), { ...STYLE, renderer: L.svg(), pmIgnore: false } as L.PolylineOptions).addTo(map);
  const ring = (): L.LatLng[] => (copy.getLatLngs() as L.LatLng[][])[0] ?? [];
  const current = (): PolygonGeometry => {
    const pts = ring().map((ll) => fromLatLng(ll)).map(([lng, lat]) => [round6(lng), round6(lat)] as [number, number]);
    if (pts[0]) pts.push([pts[0][0], pts[0][1]]);
    return { type: 'Polygon', coordinates: [pts] };
  };
  const pm = (copy as unknown as { pm: { enable(o: object): void; disable(): void } }).pm;
  // allowSelfIntersection: true so a crossing edit reaches the server, whose validation is the one that decides.
  pm.enable({ allowSelfIntersection: true, snappable: false, draggable: false });
  copy.on('pm:edit pm:vertexadded pm:vertexremoved pm:markerdragend', () => handlers.onChange?.(current()));
  map.getContainer().dataset.editing = 'true';
  return {
    polygon: current,
    corners: () => ring().length,
    stop() {
      pm.disable();
      copy.remove();
      delete map.getContainer().dataset.editing;
    },
  };
}
