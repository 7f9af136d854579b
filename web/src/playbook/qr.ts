import qrcode from 'qrcode-generator';

// QR codes for the residents' page, printed at the compound gate. qrcode-generator (MIT, no
// dependencies, ~20 kB) because a QR encoder (Reed-Solomon, masking, version tables) is not worth
// hand-writing. The SVG is built from its module grid with DOM calls, not parsed from markup: no
// HTML is ever parsed from strings on these pages (web/src/html-sinks.test.ts).

const SVG = 'http://www.w3.org/2000/svg';
const MARGIN = 2;

/** An SVG element for `text` at error-correction level M (survives a smudged print). */
export function qrSvg(text: string, cellSize = 4): SVGElement {
  const qr = qrcode(0, 'M');
  qr.addData(text);
  qr.make();
  const n = qr.getModuleCount();
  const size = n + 2 * MARGIN;
  let d = '';
  for (let row = 0; row < n; row++) {
    for (let col = 0; col < n; col++) if (qr.isDark(row, col)) d += `M${col + MARGIN},${row + MARGIN}h1v1h-1z`;
  }
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', `0 0 ${size} ${size}`);
  svg.setAttribute('width', String(size * cellSize));
  svg.setAttribute('height', String(size * cellSize));
  svg.setAttribute('shape-rendering', 'crispEdges');
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', text);
  const background = document.createElementNS(SVG, 'rect');
  background.setAttribute('width', '100%');
  background.setAttribute('height', '100%');
  background.setAttribute('fill', 'white');
  const modules = document.createElementNS(SVG, 'path');
  modules.setAttribute('d', d);
  modules.setAttribute('fill', 'black');
  svg.append(background, modules);
  return svg;
}

/** The residents' page of a zone, as printed on the QR code. */
export function requestLink(zoneId: string): string {
  return `${location.origin}/r/${encodeURIComponent(zoneId)}`;
}
