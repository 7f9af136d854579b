import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, posix, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// The house's layering (issue 18), checked from the imports (type-only ones included):
//  - imports point down this order, or stay inside their own folder:
//    contract < domain, data < planner < config < services < store (+ migrations), http, live < cluster
//    < composition (server.ts, reactions.ts, workers/) < main.ts < testing < scripts;
//  - store takes from services only the port files (*ports.ts) and services/errors.ts (the errors a port
//    promises: the store maps the database's errors to them, so nothing above the store reads store/errors);
//  - no import cycles among non-test files;
//  - the web's pages (web/src) import from server/ only server/contract/;
//  - no non-test file over 400 lines.
// Test files may import what they test from anywhere (they are not part of the order).

const ROOT = resolve(import.meta.dirname, '..');
const MAX_LINES = 400;

/** Accepted violations, each with its reason (none today): an entry that no longer occurs is reported as stale. */
const KNOWN: readonly string[] = [];

/** Folder group and its rank; null: not ordered (tests, web, config files of tools). */
export function layerOf(path: string): { group: string; rank: number } | null {
  const rules: [RegExp, string, number][] = [
    [/^server\/contract\//, 'contract', 0],
    [/^server\/domain\//, 'domain', 1],
    [/^data\//, 'data', 1],
    [/^server\/planner\//, 'planner', 2],
    // The pino logger is built by the composition root (services see only the Logger port in services/logger.ts).
    [/^server\/(config|ops-config)\.ts$/, 'config', 3],
    [/^server\/services\//, 'services', 4],
    [/^(server\/store|migrations)\//, 'store', 5],
    [/^server\/http\//, 'http', 5],
    [/^server\/live\//, 'live', 5],
    [/^server\/cluster\//, 'cluster', 6],
    [/^server\/(server|reactions|logger)\.ts$|^server\/workers\//, 'composition', 7],
    [/^server\/(main|demo-logins)\.ts$/, 'main', 8],
    [/^server\/testing\/|^web\/e2e\//, 'testing', 9],
    [/^scripts\//, 'scripts', 10],
  ];
  for (const [re, group, rank] of rules) if (re.test(path)) return { group, rank };
  return null;
}

const isTest = (p: string) => /\.test\.(ts|mts|tsx)$/.test(p);
const SOURCE = /\.(ts|mts|tsx|js|mjs)$/;

function walk(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(join(ROOT, dir))) {
    if (name === 'node_modules' || name === 'dist' || name.startsWith('.')) continue;
    const rel = `${dir}/${name}`;
    if (statSync(join(ROOT, rel)).isDirectory()) walk(rel, out);
    else if (SOURCE.test(name) && !name.endsWith('.d.ts')) out.push(rel);
  }
  return out;
}

/** The repo file a relative specifier names (the resolution tsx, vite and the Bundler mode agree on). */
function resolveSpec(from: string, spec: string): string | null {
  const base = posix.normalize(posix.join(posix.dirname(from), spec));
  const candidates = [base, base.replace(/\.(m?)js$/, '.$1ts'), ...['.ts', '.tsx', '.mts', '.js', '.mjs', '.json'].map((e) => base + e),
    ...['.ts', '.js'].map((e) => `${base}/index${e}`)];
  for (const c of candidates) if (existsSync(join(ROOT, c)) && statSync(join(ROOT, c)).isFile()) return c;
  return null;
}

/** Relative imports of a file: static, type-only, re-exports, import() and require(). */
export function importsOf(from: string, text: string): string[] {
  const info = ts.preProcessFile(text, true, true);
  const out: string[] = [];
  for (const f of info.importedFiles) {
    if (!f.fileName.startsWith('.')) continue;
    const target = resolveSpec(from, f.fileName);
    if (target) out.push(target);
  }
  return out;
}

export interface Edge { from: string; to: string }

export function ruleViolations(edges: readonly Edge[]): string[] {
  const found: string[] = [];
  for (const { from, to } of edges) {
    if (isTest(from)) continue;
    if (from.startsWith('web/src/')) {
      if (to.startsWith('server/') && !to.startsWith('server/contract/')) found.push(`${from} -> ${to}: the web imports only server/contract/`);
      continue;
    }
    const a = layerOf(from);
    const b = layerOf(to);
    if (!a || !b) continue;
    if (a.group === b.group) continue;
    if (a.group === 'store' && b.group === 'services') {
      if (!/(^|\/|-)ports\.ts$/.test(to) && to !== 'server/services/errors.ts') found.push(`${from} -> ${to}: the store takes from services only port files`);
      continue;
    }
    if (b.rank >= a.rank) found.push(`${from} -> ${to}: ${a.group} may not import ${b.group}`);
  }
  return found;
}

/** Every import cycle among non-test files, each as its files (strongly connected components, Tarjan). */
export function cycles(edges: readonly Edge[]): string[][] {
  const next = new Map<string, string[]>();
  for (const { from, to } of edges) {
    if (isTest(from) || isTest(to)) continue;
    next.set(from, [...(next.get(from) ?? []), to]);
  }
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const out: string[][] = [];
  const visit = (v: string) => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    onStack.add(v);
    for (const w of next.get(v) ?? []) {
      if (!idx.has(w)) { visit(w); low.set(v, Math.min(low.get(v)!, low.get(w)!)); }
      else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const part: string[] = [];
      let w: string;
      do { w = stack.pop()!; onStack.delete(w); part.push(w); } while (w !== v);
      if (part.length > 1 || (next.get(v) ?? []).includes(v)) out.push(part.sort());
    }
  };
  for (const v of [...next.keys()].sort()) if (!idx.has(v)) visit(v);
  return out;
}

function scan() {
  const files = ['server', 'web', 'scripts', 'migrations', 'data'].flatMap((d) => walk(d));
  const edges: Edge[] = [];
  const long: string[] = [];
  for (const f of files) {
    const text = readFileSync(join(ROOT, f), 'utf8');
    for (const to of importsOf(f, text)) edges.push({ from: f, to });
    const lines = text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
    if (!isTest(f) && !f.startsWith('web/e2e/') && lines > MAX_LINES) long.push(`${f}: ${lines} lines (at most ${MAX_LINES})`);
  }
  return { files, edges, long };
}

describe('import rules (issue 18)', () => {
  it('tells each rule from a sample', () => {
    const edges: Edge[] = [
      { from: 'server/domain/a.ts', to: 'server/services/errors.ts' }, // up
      { from: 'server/services/plans/x.ts', to: 'server/services/ports.ts' }, // inside the folder
      { from: 'server/http/app.ts', to: 'server/live/x.ts' }, // sideways
      { from: 'server/store/a-repo.ts', to: 'server/services/requests/ports.ts' }, // a port file
      { from: 'server/store/a-repo.ts', to: 'server/services/plans/plan-service.ts' }, // not a port
      { from: 'web/src/a.ts', to: 'server/domain/csv.ts' },
      { from: 'web/src/a.ts', to: 'server/contract/index.ts' },
      { from: 'server/http/a.test.ts', to: 'server/testing/test-server.ts' }, // tests are not ordered
      { from: 'server/main.ts', to: 'server/server.ts' },
    ];
    expect(ruleViolations(edges)).toEqual([
      'server/domain/a.ts -> server/services/errors.ts: domain may not import services',
      'server/http/app.ts -> server/live/x.ts: http may not import live',
      'server/store/a-repo.ts -> server/services/plans/plan-service.ts: the store takes from services only port files',
      'web/src/a.ts -> server/domain/csv.ts: the web imports only server/contract/',
    ]);
    expect(cycles([
      { from: 'a.ts', to: 'b.ts' }, { from: 'b.ts', to: 'c.ts' }, { from: 'c.ts', to: 'a.ts' }, { from: 'c.ts', to: 'd.ts' },
      { from: 'x.test.ts', to: 'y.ts' }, { from: 'y.ts', to: 'x.test.ts' },
    ])).toEqual([['a.ts', 'b.ts', 'c.ts']]);
    expect(importsOf('server/services/x.ts', "import type { A } from './ports';\n// import { B } from './nowhere';\nconst m = await import('./index');\n"))
      .toEqual(['server/services/ports.ts', 'server/services/index.ts']);
  });

  it('finds no violation in the sources beyond the known ones', () => {
    const { files, edges, long } = scan();
    expect(files.length).toBeGreaterThan(300);
    const found = [
      ...ruleViolations(edges),
      ...cycles(edges).map((c) => `cycle among: ${c.join(', ')}`),
      ...long,
    ];
    const known = new Set(KNOWN);
    const unexpected = found.filter((v) => !known.has(v));
    const stale = KNOWN.filter((k) => !found.includes(k));
    console.log(`import rules: ${edges.length} imports in ${files.length} files; ${found.length} violation(s), ${found.length - unexpected.length} known`
      + found.map((v) => `\n  ${known.has(v) ? '(known) ' : ''}${v}`).join('')
      + (stale.length ? `\n  stale KNOWN entries (remove them): ${stale.join('; ')}` : ''));
    expect(unexpected).toEqual([]);
  });
});
