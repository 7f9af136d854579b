import { z } from 'zod';
import type { RouteDef } from './route-def';
import { splitKey } from './route-def';

const errorSchema = {
  type: 'object',
  required: ['ok', 'error'],
  properties: {
    ok: { const: false },
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: {
        code: { enum: ['VALIDATION', 'UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT', 'PAYLOAD_TOO_LARGE', 'RATE_LIMITED', 'INTERNAL'] },
        message: { type: 'string' },
        field: { type: 'string', description: 'dotted path of the offending input' },
      },
    },
  },
};

function jsonSchema(schema: z.ZodType): unknown {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { unrepresentable: 'any', io: 'input' }) as Record<string, unknown>;
  return rest;
}

/** OpenAPI 3.1 built from the same route table and zod schemas that serve the requests. */
export function buildOpenApi(routes: readonly RouteDef[], version: string): unknown {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const def of routes) {
    const { method, path } = splitKey(def.key);
    const openPath = path.replace(/:(\w+)/g, '{$1}');
    const params = [...path.matchAll(/:(\w+)/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' } }));
    const query = def.query ? Object.entries((jsonSchema(def.query) as { properties?: Record<string, unknown> }).properties ?? {})
      .map(([name, schema]) => ({ name, in: 'query', required: false, schema })) : [];
    paths[openPath] ??= {};
    paths[openPath]![method] = {
      summary: def.summary,
      'x-roles': def.roles,
      security: def.roles === 'public' ? [] : [{ bearer: [] }, { cookie: [] }],
      parameters: [...params, ...query],
      ...(def.body ? {
        requestBody: {
          required: true,
          content: def.bodyKind === 'text' ? { 'text/csv': { schema: { type: 'string' } } } : { 'application/json': { schema: jsonSchema(def.body) } },
        },
      } : {}),
      responses: {
        [String(def.successStatus ?? 200)]: { description: 'ok: `{ ok: true, data }`' },
        '4XX': { description: 'refused', content: { 'application/json': { schema: errorSchema } } },
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: '保供 lockdown supply planner API', version },
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer' },
        cookie: { type: 'apiKey', in: 'cookie', name: 'bg_session' },
      },
    },
    paths,
  };
}
