// A stylesheet, not a <style> tag: the pages' CSP keeps to files of our own.
import './bench.css';
import type { PolygonGeometry } from '../../../server/contract';
import { createZoneMap } from '../map/zone-map';
import type { MapZone } from '../map/zone-map';
import { colourFor } from '../zones/colour';

export interface RenderFigures {
  zones: number;
  /** Handoff points drawn as clusters in the first view (bubbles), out of one per zone. */
  handoffBubbles: number;
  buildMs: number;
  firstRenderMs: number;
  panMs: number;
  zoomMs: number;
}

declare global {
  interface Window {
    benchRender?(count: number): Promise<RenderFigures>;
  }
}

const TIERS = ['sealed', 'controlled', 'precaution'] as const;

/** `count` hexagon-ish zones (8–12 corners) tiling the Guangzhou area, deterministic. */
export function generateZones(count: number): MapZone[] {
  const side = Math.ceil(Math.sqrt(count));
  const step = 0.004;
  const zones: MapZone[] = [];
  for (let i = 0; i < count; i++) {
    const cx = 113.05 + (i % side) * step;
    const cy = 22.95 + Math.floor(i / side) * step;
    const corners = 8 + (i % 5);
    const ring: [number, number][] = [];
    for (let k = 0; k < corners; k++) {
      const a = (2 * Math.PI * k) / corners;
      const r = step * (0.35 + 0.1 * Math.sin(i + k));
      ring.push([cx + r * Math.cos(a), cy + r * Math.sin(a)]);
    }
    ring.push(ring[0]!);
    const polygon: PolygonGeometry = { type: 'Polygon', coordinates: [ring] };
    zones.push({ id: `z${i}`, label: '', polygon, fill: colourFor({ tier: TIERS[i % 3]!, status: 'active' }) });
  }
  return zones;
}

const frame = (): Promise<void> => new Promise((done) => requestAnimationFrame(() => done()));

window.benchRender = async (count) => {
  const map = createZoneMap(document.getElementById('map')!, { tiles: null });
  const zones = generateZones(count);
  const t0 = performance.now();
  map.setZones(zones, true);
  // One gate per zone and a depot per 50 zones: the clustered point layers are part of the first render.
  map.setHandoffs(zones.map((z) => ({ id: `h${z.id}`, label: '', location: z.polygon.coordinates[0]![0]! })));
  map.setDepots(zones.filter((_, i) => i % 50 === 0).map((z) => ({ id: `d${z.id}`, label: '', location: z.polygon.coordinates[0]![3]!, popup: () => document.createElement('div') })));
  const t1 = performance.now();
  await map.rendered();
  const t2 = performance.now();
  const hook = window.__baogongMap!;
  const center = [113.05 + 0.2, 22.95 + 0.2] as [number, number];
  const t3 = performance.now();
  await hook.setView(center, hook.zoom());
  await frame();
  const t4 = performance.now();
  await hook.setView(center, hook.zoom() + 2);
  await frame();
  const t5 = performance.now();
  const handoffBubbles = Number(document.getElementById('map')!.getAttribute('data-clusters-handoff') ?? 0);
  return { zones: count, handoffBubbles, buildMs: t1 - t0, firstRenderMs: t2 - t0, panMs: t4 - t3, zoomMs: t5 - t4 };
};
