import fc from 'fast-check';

// fast-check arbitraries from the JSON Schema our zod schemas export (z.toJSONSchema, as in
// /api/openapi.json): "valid-looking" inputs that reach the services, and mutations of them that
// must be refused at the edge. Only what our schemas use is understood; the rest becomes junk,
// which is fine for a fuzzer (it must be refused, not crash).

export type JsonSchema = {
  type?: string | string[]; properties?: Record<string, JsonSchema>; required?: string[];
  items?: JsonSchema | false; prefixItems?: JsonSchema[]; minItems?: number; maxItems?: number;
  anyOf?: JsonSchema[]; oneOf?: JsonSchema[]; enum?: unknown[]; const?: unknown;
  minimum?: number; maximum?: number; exclusiveMinimum?: number; exclusiveMaximum?: number;
  minLength?: number; maxLength?: number; pattern?: string; format?: string;
  additionalProperties?: JsonSchema | boolean; propertyNames?: JsonSchema;
};

/** Values that fit no schema of ours in general: the nested junk of a hostile client. */
export const junk: fc.Arbitrary<unknown> = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom('', ' ', '\u0000', '🚚🥬', '荔湾区'.repeat(50), '../../etc/passwd', "'; drop table zones; --", '%s%n', '1e309', 'NaN', 'null', 'true'),
  fc.constant('x'.repeat(200_000)),
  fc.integer(), fc.constantFrom(-0, Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER, 1e308, -1e308, 2 ** 31, 2 ** 63, 0.1),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(), fc.constant(null),
  fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 5 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 5 }),
  fc.constant(nest(60)),
);

function nest(depth: number): unknown {
  let v: unknown = 1;
  for (let i = 0; i < depth; i++) v = i % 2 ? [v] : { a: v };
  return v;
}

/** A value matching the schema (within what is understood); ids come from `ids` half the time. */
export function fromSchema(schema: JsonSchema | undefined, ids: readonly string[], name = ''): fc.Arbitrary<unknown> {
  if (!schema || typeof schema !== 'object') return junk;
  if ('const' in schema) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives) return fc.oneof(...alternatives.map((s) => fromSchema(s, ids, name)));
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'object': return objectOf(schema, ids);
    case 'array': return arrayOf(schema, ids, name);
    case 'string': return stringOf(schema, ids, name);
    case 'integer': return fc.integer({ min: Math.ceil(lower(schema) ?? -1e6), max: Math.floor(upper(schema) ?? 1e6) });
    case 'number': return fc.double({ min: lower(schema) ?? -1e6, max: upper(schema) ?? 1e6, noNaN: true, noDefaultInfinity: true });
    case 'boolean': return fc.boolean();
    case 'null': return fc.constant(null);
    default: return fc.jsonValue({ maxDepth: 2 });
  }
}

const lower = (s: JsonSchema) => s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + 1e-6 : undefined);
const upper = (s: JsonSchema) => s.maximum ?? (s.exclusiveMaximum !== undefined ? s.exclusiveMaximum - 1e-6 : undefined);

function objectOf(schema: JsonSchema, ids: readonly string[]): fc.Arbitrary<unknown> {
  const props = schema.properties ?? {};
  const names = Object.keys(props);
  if (names.length === 0 && schema.additionalProperties && typeof schema.additionalProperties === 'object') {
    const key = schema.propertyNames ? fromSchema(schema.propertyNames, ids) as fc.Arbitrary<string> : fc.constantFrom('vegetables', 'eggs', 'meat', 'oil');
    return fc.dictionary(key, fromSchema(schema.additionalProperties, ids), { maxKeys: 4 });
  }
  const record: Record<string, fc.Arbitrary<unknown>> = {};
  for (const n of names) record[n] = fromSchema(props[n], ids, n);
  return fc.record(record, { requiredKeys: (schema.required ?? []).filter((n) => n in record) });
}

function arrayOf(schema: JsonSchema, ids: readonly string[], name: string): fc.Arbitrary<unknown> {
  if (schema.prefixItems) return fc.tuple(...schema.prefixItems.map((s) => fromSchema(s, ids, name)));
  const minLength = schema.minItems ?? 0;
  // Long arrays (a polygon ring may hold 10,000 points) are left to the junk: a few are enough here.
  const maxLength = Math.max(minLength, Math.min(schema.maxItems ?? 5, minLength + 4));
  return fc.array(schema.items ? fromSchema(schema.items, ids, name) : junk, { minLength, maxLength });
}

function stringOf(schema: JsonSchema, ids: readonly string[], name: string): fc.Arbitrary<string> {
  const options: fc.Arbitrary<string>[] = [];
  if (schema.format === 'date-time') options.push(fc.date({ min: new Date('2021-01-01'), max: new Date('2022-01-01'), noInvalidDate: true }).map((d) => d.toISOString()));
  else if (schema.format === 'date') options.push(fc.date({ min: new Date('2021-01-01'), max: new Date('2022-01-01'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)));
  else if (schema.pattern) options.push(fc.stringMatching(new RegExp(schema.pattern), { maxLength: schema.maxLength ?? 40 }));
  else options.push(fc.string({ minLength: schema.minLength ?? 0, maxLength: Math.min(schema.maxLength ?? 40, 40) }));
  if (/id$/i.test(name) && ids.length) options.push(fc.constantFrom(...ids));
  return fc.oneof(...options);
}


/** Ways to spoil a valid body: the value at a random path replaced, a field dropped, an unknown one added. */
export function mutated(valid: fc.Arbitrary<unknown>): fc.Arbitrary<{ kind: string; body: unknown }> {
  return fc.tuple(valid, fc.nat(), junk, fc.nat({ max: 5 })).map(([body, pick, bad, how]) => {
    const paths = pathsOf(body);
    const path = paths[pick % Math.max(paths.length, 1)] ?? [];
    switch (how) {
      case 0: return { kind: 'replaced', body: setAt(body, path, bad) };
      case 1: return { kind: 'dropped', body: dropAt(body, path) };
      case 2: return { kind: 'extra-field', body: isObject(body) ? { ...body, ['__proto__x']: bad, constructor: bad } : bad };
      case 3: return { kind: 'huge-string', body: setAt(body, path, '长'.repeat(100_000)) };
      case 4: return { kind: 'wrong-type', body: setAt(body, path, typeof getAt(body, path) === 'string' ? 12345 : 'not-a-number') };
      default: return { kind: 'whole-junk', body: bad };
    }
  });
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function pathsOf(value: unknown, prefix: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  if (Array.isArray(value)) value.forEach((v, i) => { out.push([...prefix, i]); pathsOf(v, [...prefix, i], out); });
  else if (isObject(value)) for (const [k, v] of Object.entries(value)) { out.push([...prefix, k]); pathsOf(v, [...prefix, k], out); }
  return out;
}

function getAt(value: unknown, path: (string | number)[]): unknown {
  return path.reduce<unknown>((v, k) => (v as Record<string | number, unknown> | null)?.[k], value);
}

function setAt(value: unknown, path: (string | number)[], replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const [head, ...rest] = path;
  if (Array.isArray(value)) return value.map((v, i) => (i === head ? setAt(v, rest, replacement) : v));
  if (isObject(value)) return { ...value, [head!]: setAt(value[head!], rest, replacement) };
  return replacement;
}

function dropAt(value: unknown, path: (string | number)[]): unknown {
  if (path.length === 0) return undefined;
  const [head, ...rest] = path;
  if (rest.length === 0) {
    if (Array.isArray(value)) return value.filter((_, i) => i !== head);
    if (isObject(value)) { const { [head!]: _dropped, ...others } = value; return others; }
    return value;
  }
  if (Array.isArray(value)) return value.map((v, i) => (i === head ? dropAt(v, rest) : v));
  if (isObject(value)) return { ...value, [head!]: dropAt(value[head!], rest) };
  return value;
}
