import type * as L from 'leaflet';

// Leaflet writes a string tooltip or popup into the page as HTML (innerHTML). Every label on our maps is
// user text (zone, depot, gate and van names), so tooltips get a text node and popups an element we built:
// this file is the only place that binds either (web/src/html-sinks.test.ts keeps it so).

/** A span holding `text` as text. */
export function textSpan(text: string): HTMLElement {
  const el = document.createElement('span');
  el.textContent = text;
  return el;
}

/** A tooltip showing `text` literally, built when it opens (10,000 zones need no 10,000 spans up front). */
export function bindTextTooltip(layer: L.Layer, text: string, options?: L.TooltipOptions): void {
  layer.bindTooltip(() => textSpan(text), options);
}

/** A popup of an element built (with dom.ts, as text nodes) when it opens. */
export function bindElementPopup(layer: L.Layer, build: () => HTMLElement, options?: L.PopupOptions): void {
  layer.bindPopup(() => build(), options);
}
