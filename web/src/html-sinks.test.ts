import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

// Issue #15: user text reaches the DOM as text only. These are the sinks that parse a string as HTML (or
// run it); the pages build elements with dom.ts instead, and Leaflet tooltips and popups go through
// map/leaflet-text.ts, which hands Leaflet a text node or a built element (a string there is innerHTML).
const HTML_SINKS = /\.innerHTML\b|\.outerHTML\b|insertAdjacentHTML|document\.write|createContextualFragment|DOMParser|srcdoc|\bv-html\b/;
const LEAFLET_SINKS = /\.(bindTooltip|bindPopup|setContent|setTooltipContent|setPopupContent)\(|L\.divIcon|\.openTooltip\(\s*[^)\s]|\.openPopup\(\s*[^)\s]/;
const LEAFLET_TEXT = 'map/leaflet-text.ts';

const src = new URL('.', import.meta.url).pathname;
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sources(path);
    return /\.ts$/.test(e.name) && !/\.test\.ts$/.test(e.name) ? [path] : [];
  });
}

describe('no HTML from strings in the web pages', () => {
  const files = sources(src).map((path) => ({ name: relative(src, path), text: readFileSync(path, 'utf8') }));

  it('finds the page sources', () => {
    expect(files.length).toBeGreaterThan(50);
    expect(files.some((f) => f.name === LEAFLET_TEXT)).toBe(true);
  });

  it('parses no string as HTML anywhere', () => {
    const hits = files.flatMap((f) => f.text.split('\n').map((line, i) => ({ at: `${f.name}:${i + 1}`, line }))
      .filter(({ line }) => HTML_SINKS.test(line) && !line.trim().startsWith('//')));
    expect(hits).toEqual([]);
  });

  it('binds Leaflet tooltips and popups only through map/leaflet-text.ts', () => {
    const hits = files.filter((f) => f.name !== LEAFLET_TEXT).flatMap((f) => f.text.split('\n')
      .map((line, i) => ({ at: `${f.name}:${i + 1}`, line })).filter(({ line }) => LEAFLET_SINKS.test(line)));
    expect(hits).toEqual([]);
  });

  it('serves HTML files without inline script, inline handlers or style blocks (the CSP allows none)', () => {
    for (const page of ['index.html', 'bench.html']) {
      const html = readFileSync(join(src, '..', page), 'utf8').replace(/<!--[\s\S]*?-->/g, '');
      expect(html, page).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/i);
      expect(html, page).not.toMatch(/\son[a-z]+\s*=/i);
      expect(html, page).not.toMatch(/<style\b/i);
      expect(html, page).not.toMatch(/javascript:/i);
    }
  });
});
