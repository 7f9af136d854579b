import * as L from 'leaflet';

export interface TileConfig {
  url: string;
  attribution: string;
}

/** Used when the page carries no tile configuration. */
export const DEFAULT_TILES: TileConfig = {
  url: 'https://tile.openstreetmap.org/{z}/{x}/{y}.png',
  attribution: '© OpenStreetMap contributors',
};

/**
 * Tiles come from `<meta name="bg-tile-url">` and `<meta name="bg-tile-attribution">` when present, else
 * OpenStreetMap. `content="none"` turns tiles off: zones are then drawn on a plain background, as they are
 * whenever tiles fail to load (offline, or tests that block the network).
 */
export function tileConfig(doc: Document = document): TileConfig | null {
  const url = doc.querySelector<HTMLMetaElement>('meta[name="bg-tile-url"]')?.content.trim();
  if (url === 'none') return null;
  if (!url) return DEFAULT_TILES;
  const attribution = doc.querySelector<HTMLMetaElement>('meta[name="bg-tile-attribution"]')?.content ?? '';
  return { url, attribution };
}

export function addTiles(map: L.Map, config: TileConfig | null = tileConfig()): void {
  if (!config) return;
  L.tileLayer(config.url, { attribution: config.attribution, maxZoom: 19, crossOrigin: true }).addTo(map);
}
