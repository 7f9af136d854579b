import * as L from 'leaflet';

export interface TileConfig {
  url: string;
  attribution: string;
  /** What `{s}` in the URL takes (Leaflet's default: abc; Tianditu: 01234567). */
  subdomains?: string;
  /** A transparent layer of place names over the tiles (Tianditu's vector tiles carry none). */
  labelsUrl?: string | null;
}

/** Used when the page carries no tile configuration (the Vite dev server's page). */
export const DEFAULT_TILES: TileConfig = {
  url: 'https://tile.openstreetmap.org/{z}/{x}/{y}.png',
  attribution: '© OpenStreetMap contributors',
};

/**
 * Tiles come from the meta tags the server writes into the page from its configuration (TILE_PRESET,
 * TILE_URL…; server/http/page-shell.ts): `bg-tile-url`, `bg-tile-attribution`, `bg-tile-subdomains`,
 * `bg-tile-labels-url`; without them, OpenStreetMap. `content="none"` turns tiles off: zones are then
 * drawn on a plain background, as they are whenever tiles fail to load (offline, or tests that block the network).
 */
export function tileConfig(doc: Document = document): TileConfig | null {
  const meta = (name: string) => doc.querySelector<HTMLMetaElement>(`meta[name="${name}"]`)?.content.trim();
  const url = meta('bg-tile-url');
  if (url === 'none') return null;
  if (!url) return DEFAULT_TILES;
  return { url, attribution: meta('bg-tile-attribution') ?? '', subdomains: meta('bg-tile-subdomains') || undefined, labelsUrl: meta('bg-tile-labels-url') || null };
}

export function addTiles(map: L.Map, config: TileConfig | null = tileConfig()): void {
  if (!config) return;
  // The pages' Referrer-Policy is same-origin, which would send tile servers no Referer at all; both
  // OpenStreetMap's usage policy and Tianditu's browser keys (checked against their allowed domains)
  // want one. The origin alone: no page path (a zone id) leaves the site.
  const options: L.TileLayerOptions = {
    maxZoom: 19, crossOrigin: true, referrerPolicy: 'strict-origin', ...(config.subdomains ? { subdomains: config.subdomains } : {}),
  };
  L.tileLayer(config.url, { ...options, attribution: config.attribution }).addTo(map);
  if (config.labelsUrl) L.tileLayer(config.labelsUrl, options).addTo(map);
}
