import { existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createHash } from 'node:crypto';
import { build } from 'vite';

const WEB = resolve('web');
const STAMP = join(WEB, 'dist', '.build-stamp');
const LOCK = join(tmpdir(), `baogong-web-build-${createHash('sha1').update(WEB).digest('hex').slice(0, 8)}.lock`);

function newestSource(path: string): number {
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  // A directory's own mtime changes when any file in it is added, so only its entries count.
  const entries = readdirSync(path).filter((name) => !name.endsWith('.test.ts'));
  return Math.max(0, ...entries.map((name) => newestSource(join(path, name))));
}

function isFresh(): boolean {
  if (!existsSync(STAMP)) return false;
  const sources = ['index.html', 'bench.html', 'vite.config.ts', 'src'].map((p) => newestSource(join(WEB, p)));
  return statSync(STAMP).mtimeMs >= Math.max(...sources);
}

function tryLock(): boolean {
  try {
    mkdirSync(LOCK);
    return true;
  } catch {
    // A lock left by a crashed run is stale after a minute.
    if (Date.now() - statSync(LOCK, { throwIfNoEntry: false })!.mtimeMs > 60_000) rmSync(LOCK, { recursive: true, force: true });
    return false;
  }
}

/**
 * Builds web/dist with vite when it is missing or older than its sources (about a second). Test files run in
 * parallel processes, so one builds under a lock and the others wait for it.
 */
export async function ensureWebBuilt(): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (!isFresh()) {
    if (tryLock()) {
      try {
        if (!isFresh()) {
          await build({ configFile: join(WEB, 'vite.config.ts'), logLevel: 'error' });
          writeFileSync(STAMP, new Date().toISOString());
        }
      } finally {
        rmSync(LOCK, { recursive: true, force: true });
      }
      return;
    }
    if (Date.now() > deadline) throw new Error(`web build lock ${LOCK} held for over a minute`);
    await new Promise((done) => setTimeout(done, 200));
  }
}
