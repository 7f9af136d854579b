import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// domain/ and planner/ stay pure (design §4): no frameworks, no I/O, no clock, no randomness.
// This test may use node:fs itself; it reads the sources, it is not one of them.

const ROOT = resolve(import.meta.dirname, '..');
const SCANNED = ['server/domain', 'server/planner'];

const NODE_BUILTINS = new Set([
  'fs', 'fs/promises', 'path', 'os', 'http', 'https', 'net', 'child_process', 'crypto', 'url', 'util', 'stream',
  'worker_threads', 'cluster', 'dgram', 'dns', 'events', 'perf_hooks', 'process', 'readline', 'tls', 'zlib', 'v8', 'vm',
  'timers', 'module', 'assert', 'buffer',
]);
const FORBIDDEN_PACKAGES = ['express', 'knex', 'socket.io', 'pg', 'sqlite3'];

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out.push(...sourceFiles(full));
    else if (name.endsWith('.ts') && !name.endsWith('.test.ts') && !name.endsWith('.d.ts')) out.push(full);
  }
  return out;
}

/** Every module specifier: static imports/exports, dynamic import() and require(). */
function importedModules(source: string): string[] {
  const specs: string[] = [];
  const patterns = [
    /\b(?:import|export)\s+(?:type\s+)?(?:[^'";]*?\s+from\s+)?['"]([^'"]+)['"]/g,
    /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
    /\brequire\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
  ];
  for (const re of patterns) for (const m of source.matchAll(re)) if (m[1]) specs.push(m[1]);
  return specs;
}

function ruleViolations(source: string): string[] {
  const problems: string[] = [];
  for (const spec of importedModules(source)) {
    if (spec.startsWith('node:') || NODE_BUILTINS.has(spec)) problems.push(`imports Node module "${spec}"`);
    else if (FORBIDDEN_PACKAGES.some((p) => spec === p || spec.startsWith(`${p}/`))) problems.push(`imports "${spec}"`);
  }
  // Comments may mention the rule; code may not break it.
  const code = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
  if (/\bDate\.now\s*\(/.test(code)) problems.push('reads the clock with Date.now(); pass `now` in');
  if (/\bnew\s+Date\s*\(\s*\)/.test(code)) problems.push('reads the clock with new Date(); pass `now` in');
  if (/\bMath\.random\s*\(/.test(code)) problems.push('uses Math.random(); take a seeded RNG');
  if (/\bprocess\.(env|argv|exit|hrtime)/.test(code)) problems.push('touches process; config belongs in server/config.ts');
  return problems;
}

describe('import rules for server/domain and server/planner', () => {
  it('flags each kind of violation in a sample', () => {
    const sample = "import express from 'express';\nimport { readFileSync } from 'node:fs';\nimport path from 'path';\n"
      + "import type { Knex } from 'knex';\nconst io = await import('socket.io');\nconst t = Date.now();\nconst r = Math.random();\n";
    expect(ruleViolations(sample)).toEqual([
      'imports "express"', 'imports Node module "node:fs"', 'imports Node module "path"', 'imports "knex"',
      'imports "socket.io"', 'reads the clock with Date.now(); pass `now` in', 'uses Math.random(); take a seeded RNG',
    ]);
    expect(ruleViolations("import { area } from '@turf/turf';\nimport { x } from './x';\n// never Date.now()\n")).toEqual([]);
  });

  it('finds none in the real sources', () => {
    const files = SCANNED.flatMap((d) => sourceFiles(resolve(ROOT, d)));
    expect(files.length).toBeGreaterThan(5);
    const found = files.flatMap((f) => ruleViolations(readFileSync(f, 'utf8')).map((p) => `${relative(ROOT, f)}: ${p}`));
    expect(found).toEqual([]);
  });
});
