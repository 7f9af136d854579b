import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { RequestHandler } from 'express';
import type { MapTiles } from '../config';

// The pages' one HTML file (web/dist/index.html), served with settings from the server's configuration
// written into it as meta tags: the map tiles, which web/src/map/tiles.ts reads (TILE_PRESET / TILE_URL
// then change the map without rebuilding the web bundle; the CSP, security-headers.ts, allows the same
// hosts for images), and local time's offset from UTC, which web/src/local-time.ts reads (UTC_OFFSET:
// the pages show days and times in the same local time the server plans and reports in).

const escapeAttribute = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The meta tags for `tiles`; `content="none"` tells the page to draw no tiles. */
export function tileMetaTags(tiles: MapTiles | null): string {
  const tags: Array<[string, string]> = tiles
    ? [
      ['bg-tile-url', tiles.url], ['bg-tile-attribution', tiles.attribution], ['bg-tile-subdomains', tiles.subdomains],
      ...(tiles.labelsUrl ? [['bg-tile-labels-url', tiles.labelsUrl] as [string, string]] : []),
    ]
    : [['bg-tile-url', 'none']];
  return tags.map(([name, content]) => `<meta name="${name}" content="${escapeAttribute(content)}" />`).join('\n    ');
}

/** What the pages take from the server's configuration. */
export interface PageSettings {
  tiles: MapTiles | null;
  /** config.live.utcOffset, e.g. '+08:00'. */
  utcOffset: string;
}

/** The meta tags for every page setting. */
export function pageMetaTags(settings: PageSettings): string {
  return `${tileMetaTags(settings.tiles)}\n    <meta name="bg-utc-offset" content="${escapeAttribute(settings.utcOffset)}" />`;
}

/** Answers with the app shell; re-read when the file changes (a rebuilt web while the server runs). */
export function pageShell(webRoot: string, settings: PageSettings): RequestHandler {
  const file = join(webRoot, 'index.html');
  const tags = pageMetaTags(settings);
  let cached: { mtimeMs: number; html: string } | null = null;
  return (_req, res) => {
    const { mtimeMs } = statSync(file);
    if (cached?.mtimeMs !== mtimeMs) {
      // Tags the built file carries itself (none by default) give way to the configured ones.
      const html = readFileSync(file, 'utf8').replace(/\s*<meta name="bg-(tile-[a-z-]+|utc-offset)"[^>]*>/g, '');
      cached = { mtimeMs, html: html.replace('</head>', `  ${tags}\n  </head>`) };
    }
    res.type('html').setHeader('cache-control', 'no-cache');
    res.send(cached.html);
  };
}
