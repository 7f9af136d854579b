// Time to first render of N zone polygons on the canvas map, in headless Debian chromium.
// Builds web/dist when stale, serves it from a throwaway static server, opens bench.html and calls its hook.
// Usage: npm run bench:render [-- 10000 20000]
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import type { RenderFigures } from '../web/src/bench/bench-main';
import { ensureWebBuilt } from '../web/e2e/ensure-build';
import { CHROMIUM_ARGS, isLocal } from '../web/e2e/harness';

const TARGET_MS = 2000;
/** Each count runs on this many fresh pages; the table shows the run with the median first render. */
const RUNS = 3;
const counts = process.argv.slice(2).map(Number).filter((n) => Number.isInteger(n) && n > 0);
const COUNTS = counts.length ? counts : [1000, 10_000];
const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.png': 'image/png', '.svg': 'image/svg+xml' };

async function main(): Promise<void> {
  await ensureWebBuilt();
  const root = resolve('web/dist');
  const server = createServer(async (req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
    try {
      const body = await readFile(join(root, path));
      res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream' }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/bench.html`;
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  const rows: RenderFigures[] = [];
  try {
    for (const count of COUNTS) {
      const runs: RenderFigures[] = [];
      for (let run = 0; run < RUNS; run++) {
        const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
        await context.route('**/*', (route) => (isLocal(route.request().url()) ? route.continue() : route.abort()));
        const page = await context.newPage();
        await page.goto(url);
        await page.waitForFunction(() => typeof window.benchRender === 'function');
        runs.push(await page.evaluate((n) => window.benchRender!(n), count));
        await context.close();
      }
      runs.sort((a, b) => a.firstRenderMs - b.firstRenderMs);
      rows.push(runs[Math.floor(RUNS / 2)]!);
    }
  } finally {
    await browser.close();
    server.close();
  }
  const ms = (n: number) => n.toFixed(0).padStart(8);
  console.log(`zone polygons on the canvas renderer, one handoff point per zone and a depot per 50 zones clustered (headless chromium, 1280×800, median of ${RUNS} runs)\n`);
  console.log('   zones  gate bubbles  build ms  first render ms  pan ms  zoom ms  target ≤ 2 s');
  for (const r of rows) {
    console.log(`${String(r.zones).padStart(8)}  ${String(r.handoffBubbles).padStart(12)}  ${ms(r.buildMs)}  ${ms(r.firstRenderMs).padStart(15)}  ${ms(r.panMs).slice(2)}  ${ms(r.zoomMs).slice(1)}  ${r.firstRenderMs <= TARGET_MS ? 'ok' : 'SLOW'}`);
  }
  const big = rows.find((r) => r.zones >= 10_000);
  if (big && big.firstRenderMs > TARGET_MS) process.exitCode = 1;
}

await main();
