import type { Page } from 'playwright-core';

// What a user trips on, measured from the rendered page: horizontal overflow, controls smaller than
// 24×24 px (WCAG 2.2 target size, 2.5.8) and text below 4.5:1 contrast (WCAG AA, 1.4.3).

export interface LayoutFindings {
  overflowPx: number;
  smallTargets: string[];
  lowContrast: string[];
}

/** Runs in the page: plain JavaScript only (no imports, no closures over Node values). */
function audit(): LayoutFindings {
  const parse = (c: string): [number, number, number, number] => {
    const m = /rgba?\(([^)]+)\)/.exec(c);
    if (!m) return [0, 0, 0, 0];
    const p = m[1]!.split(/[ ,/]+/).filter(Boolean).map(Number);
    return [p[0]!, p[1]!, p[2]!, p.length > 3 ? p[3]! : 1];
  };
  const lum = ([r, g, b]: number[]) => {
    const f = (v: number) => { const s = v / 255; return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(r!) + 0.7152 * f(g!) + 0.0722 * f(b!);
  };
  const blend = (top: number[], under: number[]) => [0, 1, 2].map((i) => top[i]! * top[3]! + under[i]! * (1 - top[3]!)).concat(1);
  const background = (el: Element | null): number[] => {
    const stack: number[][] = [];
    for (let e = el; e; e = e.parentElement) {
      const c = parse(getComputedStyle(e).backgroundColor);
      if (c[3] > 0) { stack.push(c); if (c[3] >= 1) break; }
    }
    return stack.reverse().reduce((under, top) => blend(top, under), [255, 255, 255, 1]);
  };
  const name = (el: Element) => `${el.tagName.toLowerCase()}${el.getAttribute('data-testid') ? `[data-testid=${el.getAttribute('data-testid')}]` : ''}${el.className && typeof el.className === 'string' ? `.${el.className.split(' ')[0]}` : ''}`;
  const visible = (el: Element) => {
    const r = el.getBoundingClientRect();
    const s = getComputedStyle(el);
    return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && s.display !== 'none' && Number(s.opacity) > 0;
  };
  const smallTargets: string[] = [];
  const controls = document.querySelectorAll('button, a[href], input:not([type=hidden]), select, textarea, [role=tab], [role=button]');
  for (const el of controls) {
    if (!visible(el) || el.closest('.leaflet-container') || el.closest('.hp')) continue;
    // The 1.4.3 / 2.5.8 exceptions: disabled controls; the browser's own control inside a label that is the target.
    // Inline links inside a sentence are exempt from the target size rule.
    if (el.tagName === 'A' && getComputedStyle(el).display === 'inline' && el.parentElement?.tagName === 'P') continue;
    const r = el.getBoundingClientRect();
    if (r.width < 24 || r.height < 24) smallTargets.push(`${name(el)} ${Math.round(r.width)}×${Math.round(r.height)}`);
  }
  const lowContrast: string[] = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const seen = new Set<Element>();
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const el = n.parentElement;
    if (!el || seen.has(el) || !n.textContent?.trim() || !visible(el) || el.closest('.leaflet-container')) continue;
    // Inactive controls are exempt from the contrast rule (WCAG 1.4.3).
    if (el.closest('button:disabled, [aria-disabled=true], option')) continue;
    seen.add(el);
    const s = getComputedStyle(el);
    const fg = parse(s.color);
    const bg = background(el);
    const text = blend(fg, bg);
    const [a, b] = [lum(text), lum(bg)];
    const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    if (ratio < 4.5) lowContrast.push(`${name(el)} "${n.textContent.trim().slice(0, 20)}" ${ratio.toFixed(2)}`);
  }
  return { overflowPx: Math.max(0, document.documentElement.scrollWidth - window.innerWidth), smallTargets, lowContrast };
}

export async function auditLayout(page: Page): Promise<LayoutFindings> {
  // tsx/esbuild wraps named functions in a __name() helper the page does not have.
  await page.evaluate('globalThis.__name = globalThis.__name || ((f) => f)');
  return page.evaluate(audit);
}
