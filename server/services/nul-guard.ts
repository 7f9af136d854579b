import { AppError } from './errors';

/**
 * Refuses the NUL character anywhere in path parameters, query or body. PostgreSQL text cannot hold
 * it (the driver fails with "invalid byte sequence", a 500), SQLite would store it silently; no
 * name, id or note of ours needs it. Found by the fuzz test on PostgreSQL. Used by the HTTP edge and the socket edge alike.
 */
export function refuseNul(input: unknown, root: string): void {
  const path = findNul(input, root, 0);
  if (path) throw new AppError('VALIDATION', `${path}: must not contain the NUL character (\\u0000)`, path);
}

function findNul(value: unknown, path: string, depth: number): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path : null;
  // Deeper than any schema of ours: zod refuses it anyway, and the walk must stay cheap.
  if (depth > 64 || value === null || typeof value !== 'object') return null;
  for (const [k, v] of Object.entries(value)) {
    if (k.includes('\u0000')) return `${path}.${k.replace(/\u0000/g, '\\u0000')}`;
    const found = findNul(v, `${path}.${k}`, depth + 1);
    if (found) return found;
  }
  return null;
}
