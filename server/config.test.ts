import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from './config';

// Issue 18 (settings): server/config.ts parses every environment variable anything reads, and the
// README's configuration tables document each of them, and nothing else.

const ROOT = join(import.meta.dirname, '..');

function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.(ts|mjs)$/.test(e.name) && !e.name.endsWith('.test.ts'))
    .map((e) => join(e.parentPath, e.name));
}

/** Code lines only: comments may name process.env. */
const codeLines = (file: string) => readFileSync(file, 'utf8').split('\n').filter((l) => !/^\s*(\/\/|\*|\/\*)/.test(l));

const config = readFileSync(join(ROOT, 'server/config.ts'), 'utf8');
const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
const readInConfig = new Set([...config.matchAll(/\benv\.([A-Z][A-Z0-9_]+)/g)].map((m) => m[1]!));
// vitest.config.ts picks the passes before any of our code loads.
const readByVitest = new Set([...readFileSync(join(ROOT, 'vitest.config.ts'), 'utf8').matchAll(/process\.env\.([A-Z][A-Z0-9_]+)/g)].map((m) => m[1]!));
const documented = new Set(readme.split('\n').filter((l) => l.startsWith('| `'))
  .flatMap((l) => [...l.split('|')[1]!.matchAll(/`([A-Z][A-Z0-9_]+)`/g)].map((m) => m[1]!)));

describe('settings', () => {
  it('are read from the environment in server/config.ts only', () => {
    const readers = [...sources('server'), ...sources('scripts')]
      .filter((f) => !f.endsWith(join('server', 'config.ts')))
      .filter((f) => codeLines(f).some((l) => /process\.env\b/.test(l) && !/\.\.\.process\.env\b/.test(l)));
    // Passing the whole environment on to a child process (`...process.env`) reads no setting.
    expect(readers.map((f) => f.slice(ROOT.length + 1))).toEqual([]);
  });

  it('are each documented in the README, and each documented one is read', () => {
    expect([...readInConfig].filter((name) => !documented.has(name)).sort()).toEqual([]);
    expect([...documented].filter((name) => !readInConfig.has(name) && !readByVitest.has(name)).sort()).toEqual([]);
    expect(readInConfig.size).toBeGreaterThan(40);
  });

  it('take local time\'s offset from UTC_OFFSET (+08:00 unset), refusing a malformed one at start', () => {
    expect(loadConfig({}).live.utcOffset).toBe('+08:00');
    expect(loadConfig({ UTC_OFFSET: '-05:30' }).live.utcOffset).toBe('-05:30');
    expect(() => loadConfig({ UTC_OFFSET: 'UTC+8' })).toThrow(/UTC_OFFSET/);
  });
});
