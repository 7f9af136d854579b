import type { z } from 'zod';
import { AppError } from '../services/errors';

/** Parses input with a zod schema; the first problem becomes a VALIDATION error naming its field. */
export function parseInput<T>(schema: z.ZodType<T>, input: unknown, root: 'body' | 'query' | `body.row ${number}`): T {
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


export { refuseNul } from '../services/nul-guard';
