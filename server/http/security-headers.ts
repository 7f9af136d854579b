import helmet from 'helmet';
import type { RequestHandler } from 'express';
import type { MapTiles } from '../config';

// Security headers on every page and API reply (issue 15), through helmet rather than by hand: it keeps
// the header spellings and their interplay (CSP, frame-ancestors vs X-Frame-Options, COOP/CORP) right.
//
// The CSP is the second line behind text-only rendering (web/src/map/leaflet-text.ts): scripts only from
// our own origin, no inline script or handler, nothing may frame the pages. Styles allow 'unsafe-inline'
// because Leaflet, uPlot and the legend swatches set style attributes; no script can come in that way.

/** The CSP source for a tile URL template: `https://{s}.tile.example.org/{z}/{x}/{y}.png` → `https://*.tile.example.org`. */
export function tileSource(url: string): string | null {
  const m = /^(https?:)\/\/([^/?#]+)/i.exec(url);
  if (!m) return null;
  const labels = m[2]!.split('.');
  const templated = labels.map((l) => l.includes('{')).lastIndexOf(true);
  // A CSP wildcard may stand only for the leftmost labels.
  const host = templated < 0 ? m[2]! : ['*', ...labels.slice(templated + 1)].join('.');
  return `${m[1]!.toLowerCase()}//${host}`;
}

export function securityHeaders(mapTiles: MapTiles | null): RequestHandler {
  const urls = mapTiles ? [mapTiles.url, ...(mapTiles.labelsUrl ? [mapTiles.labelsUrl] : [])] : [];
  const tiles = [...new Set(urls.map(tileSource).filter((s): s is string => s !== null))];
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        scriptSrcAttr: ["'none'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        // data: and blob: for images Vite inlines and the Leaflet/geoman icons; the map tiles' host.
        imgSrc: ["'self'", 'data:', 'blob:', ...tiles],
        fontSrc: ["'self'", 'data:'],
        // The API and the live socket (socket.io over WebSocket, or its polling fallback) on this origin.
        connectSrc: ["'self'"],
        workerSrc: ["'self'"],
        manifestSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'same-origin' },
    // The server speaks plain HTTP on 127.0.0.1 by default; HSTS belongs to the TLS front that a deployment adds.
    strictTransportSecurity: false,
    // Map tiles are cross-origin images loaded with crossOrigin (Leaflet): COEP would block them.
    crossOriginEmbedderPolicy: false,
  });
}
