/**
 * What a template knows about the value at a point of the walk: a JSON Schema node of the briefing model
 * when the context is certain, or `unknown` when it depends on a helper, a partial's caller or a guess.
 * Only a certain object shape can make a field "unknown": everything else stays silent, to avoid false alarms.
 */

export type JsonSchema = Record<string, unknown>;

export type Shape = { kind: 'unknown' } | { kind: 'schema'; schema: JsonSchema; label: string } | { kind: 'object'; fields: Map<string, Shape>; base: Shape; label: string };

export const UNKNOWN: Shape = { kind: 'unknown' };

/** Labels read like paths from the briefing ("threads[].headline"); the briefing itself is the empty label. */
export function join(label: string, name: string): string {
  return label ? `${label}.${name}` : name;
}

/** How a label reads in a message. */
export function describe(label: string): string {
  return label || 'the briefing';
}

export function schemaShape(schema: JsonSchema, label: string): Shape {
  return { kind: 'schema', schema, label };
}

function types(schema: JsonSchema): string[] {
  const t = schema['type'];
  if (typeof t === 'string') return [t];
  if (Array.isArray(t)) return t.filter((x): x is string => typeof x === 'string');
  return [];
}

/** A nullable or union node reduced to its one non-null branch, or null when the branches differ. */
function single(schema: JsonSchema, root: JsonSchema): JsonSchema | null {
  const ref = schema['$ref'];
  if (typeof ref === 'string') {
    const match = /^#\/(\$defs|definitions)\/(.+)$/.exec(ref);
    const defs = match ? (root[match[1]!] as Record<string, JsonSchema> | undefined) : undefined;
    const target = match && defs ? defs[decodeURIComponent(match[2]!)] : undefined;
    return target ? single(target, root) : null;
  }
  const union = (schema['anyOf'] ?? schema['oneOf']) as JsonSchema[] | undefined;
  if (Array.isArray(union)) {
    const branches = union.filter((b) => !(types(b).length === 1 && types(b)[0] === 'null'));
    return branches.length === 1 ? single(branches[0]!, root) : null;
  }
  return schema;
}

export type FieldLookup = { ok: true; shape: Shape } | { ok: false; owner: string };

/** The shape of `name` read from `shape`: ok with UNKNOWN when unsure, not ok only when the field surely is absent. */
export function field(shape: Shape, name: string, root: JsonSchema): FieldLookup {
  if (shape.kind === 'unknown') return { ok: true, shape: UNKNOWN };
  if (shape.kind === 'object') {
    const own = shape.fields.get(name);
    return own ? { ok: true, shape: own } : field(shape.base, name, root);
  }
  const schema = single(shape.schema, root);
  if (!schema) return { ok: true, shape: UNKNOWN };
  const kinds = types(schema).filter((t) => t !== 'null');
  if (kinds.length !== 1) return { ok: true, shape: UNKNOWN };
  const kind = kinds[0]!;
  if (kind === 'array') {
    if (name === 'length') return { ok: true, shape: schemaShape({ type: 'integer' }, `${join(shape.label, 'length')}`) };
    if (/^\d+$/.test(name)) return { ok: true, shape: itemShape(shape, root) };
    return { ok: false, owner: describe(shape.label) };
  }
  if (kind === 'object') {
    const properties = schema['properties'] as Record<string, JsonSchema> | undefined;
    const property = properties?.[name];
    if (property) return { ok: true, shape: schemaShape(property, join(shape.label, name)) };
    const extra = schema['additionalProperties'];
    if (extra && typeof extra === 'object') return { ok: true, shape: schemaShape(extra as JsonSchema, join(shape.label, name)) };
    // A closed object (additionalProperties false or absent with listed properties) has no such field.
    if (properties && extra !== true) return { ok: false, owner: describe(shape.label) };
    return { ok: true, shape: UNKNOWN };
  }
  // Strings have a length; other primitives read as undefined, which is a mistake too rare to risk a false alarm on.
  return { ok: true, shape: UNKNOWN };
}

/** The shape of one item when iterating `shape` with each (an array's items), else UNKNOWN. */
export function itemShape(shape: Shape, root: JsonSchema): Shape {
  if (shape.kind !== 'schema') return UNKNOWN;
  const schema = single(shape.schema, root);
  if (!schema || !types(schema).includes('array')) return UNKNOWN;
  const items = schema['items'];
  return items && typeof items === 'object' && !Array.isArray(items) ? schemaShape(items as JsonSchema, `${shape.label || 'the briefing'}[]`) : UNKNOWN;
}

/** 'array' | 'object' | other, for the implicit iteration of `{{#field}}` blocks. */
export function shapeKind(shape: Shape, root: JsonSchema): string {
  if (shape.kind === 'unknown') return 'unknown';
  if (shape.kind === 'object') return 'object';
  const schema = single(shape.schema, root);
  if (!schema) return 'unknown';
  const kinds = types(schema).filter((t) => t !== 'null');
  return kinds.length === 1 ? kinds[0]! : 'unknown';
}

/** A context extended with the hash of a partial call: Handlebars merges the hash into the context. */
export function withFields(base: Shape, fields: Map<string, Shape>): Shape {
  return fields.size === 0 ? base : { kind: 'object', fields, base, label: base.kind === 'unknown' ? 'context' : base.label };
}
