import qrcode from 'qrcode-generator';

// QR codes for the residents' page, printed at the compound gate. qrcode-generator (MIT, no
// dependencies, ~20 kB) because a QR encoder (Reed-Solomon, masking, version tables) is not worth
// hand-writing; its SVG is built from numbers only, so the link never lands in markup unescaped.

/** An SVG element for `text` at error-correction level M (survives a smudged print). */
export function qrSvg(text: string, cellSize = 4): SVGElement {
  const qr = qrcode(0, 'M');
  qr.addData(text);
  qr.make();
  const holder = document.createElement('div');
  holder.innerHTML = qr.createSvgTag({ cellSize, margin: 2, scalable: true });
  const svg = holder.querySelector('svg')!;
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', text);
  return svg;
}

/** The residents' page of a zone, as printed on the QR code. */
export function requestLink(zoneId: string): string {
  return `${location.origin}/r/${encodeURIComponent(zoneId)}`;
}
