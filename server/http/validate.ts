import type { z } from 'zod';
import { AppError } from '../services/errors';

/** Parses input with a zod schema; the first problem becomes a VALIDATION error naming its field. */
export function parseInput<T>(schema: z.ZodType<T>, input: unknown, root: 'body' | 'query'): T {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const path = [root, ...issue.path.map(String)];
  const field = path.join('.');
  const detail = issue.code === 'unrecognized_keys'
    ? `unknown field(s) ${(issue as { keys: string[] }).keys.map((k) => `"${k}"`).join(', ')}`
    : humanise(issue.message);
  const more = result.error.issues.length > 1 ? ` (and ${result.error.issues.length - 1} more problem(s))` : '';
  throw new AppError('VALIDATION', `${field}: ${detail}${more}`, field);
}

function humanise(message: string): string {
  return message.replace(/^Invalid input: /, '');
}

/**
 * Refuses the NUL character anywhere in path parameters, query or body. PostgreSQL text cannot hold
 * it (the driver fails with "invalid byte sequence", a 500), SQLite would store it silently; no
 * name, id or note of ours needs it. Found by the fuzz test on PostgreSQL.
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
