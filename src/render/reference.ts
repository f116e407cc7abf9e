import { briefingJsonSchema, type Briefing } from '../model/schema.js';
import { HELPERS } from './helpers.js';
import type { RenderedOutput } from './json.js';

/**
 * The reference page for template authors, generated rather than written so it cannot fall behind the
 * model: every field of the briefing model (from its JSON Schema) with its type, its description and an
 * example taken from a real briefing, then the template variables and the helpers.
 */

type JsonSchema = {
  type?: string | string[];
  const?: unknown;
  enum?: unknown[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  description?: string;
  pattern?: string;
  $ref?: string;
  $defs?: Record<string, JsonSchema>;
};

export interface FieldDoc {
  /** "threads[].figures[].value": `[]` marks a list, whose fields follow with the same prefix. */
  path: string;
  type: string;
  required: boolean;
  description: string;
  /** JSON of the value in the sample briefing (its first list item), or null when the sample has none. */
  example: string | null;
}

const MAX_EXAMPLE = 90;

function deref(schema: JsonSchema, root: JsonSchema): JsonSchema {
  const ref = schema.$ref;
  if (!ref?.startsWith('#/$defs/')) return schema;
  return root.$defs?.[ref.slice('#/$defs/'.length)] ?? schema;
}

function typeOf(schema: JsonSchema, root: JsonSchema): string {
  const s = deref(schema, root);
  if (s.const !== undefined) return JSON.stringify(s.const);
  if (s.enum) return s.enum.map((v) => JSON.stringify(v)).join(' \\| ');
  const alternatives = s.anyOf ?? s.oneOf;
  if (alternatives) return alternatives.map((a) => typeOf(a, root)).join(' \\| ');
  if (s.type === 'array') return `${s.items ? typeOf(s.items, root) : 'unknown'}[]`;
  if (s.type === 'string' && s.pattern === '^\\d{4}-\\d{2}-\\d{2}$') return 'date (YYYY-MM-DD)';
  return Array.isArray(s.type) ? s.type.join(' \\| ') : (s.type ?? 'unknown');
}

/** The object schema inside a (nullable) value, when there is one: its fields get their own rows. */
function objectOf(schema: JsonSchema, root: JsonSchema): JsonSchema | null {
  const s = deref(schema, root);
  if (s.type === 'object' && s.properties) return s;
  for (const a of s.anyOf ?? s.oneOf ?? []) {
    const inner = objectOf(a, root);
    if (inner) return inner;
  }
  return null;
}

function arrayItems(schema: JsonSchema, root: JsonSchema): JsonSchema | null {
  const s = deref(schema, root);
  return s.type === 'array' && s.items ? s.items : null;
}

function example(value: unknown): string | null {
  if (value === undefined) return null;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    if (value.every((v) => typeof v !== 'object' || v === null)) return clip(JSON.stringify(value));
    return `${value.length} ${value.length === 1 ? 'item' : 'items'}`;
  }
  if (value !== null && typeof value === 'object') return `{ ${Object.keys(value).join(', ')} }`;
  return clip(JSON.stringify(value));
}

function clip(text: string): string {
  const chars = [...text];
  return chars.length <= MAX_EXAMPLE ? text : `${chars.slice(0, MAX_EXAMPLE - 1).join('')}…`;
}

/** The first value of a list anywhere in the sample that has this field: an empty list in one thread is not the last word. */
function samples(values: unknown[], key: string): unknown[] {
  const out: unknown[] = [];
  for (const v of values) {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) continue;
    const next = (v as Record<string, unknown>)[key];
    if (next !== undefined) out.push(next);
  }
  return out;
}

function walk(schema: JsonSchema, root: JsonSchema, prefix: string, values: unknown[], fields: FieldDoc[]): void {
  const object = objectOf(schema, root);
  if (!object?.properties) return;
  const required = new Set(object.required ?? []);
  for (const [key, child] of Object.entries(object.properties)) {
    const path = prefix ? `${prefix}.${key}` : key;
    const childValues = samples(values, key);
    const items = arrayItems(child, root);
    fields.push({
      path,
      type: typeOf(child, root),
      required: required.has(key),
      description: deref(child, root).description ?? '',
      example: example(childValues.find((v) => !(Array.isArray(v) && v.length === 0)) ?? childValues[0]),
    });
    if (items) walk(items, root, `${path}[]`, childValues.flatMap((v) => (Array.isArray(v) ? v : [])), fields);
    else walk(child, root, path, childValues, fields);
  }
}

/** Every field of the briefing model, in schema order, with an example from `sample`. */
export function modelFields(sample: Briefing): FieldDoc[] {
  const root = briefingJsonSchema() as JsonSchema;
  const fields: FieldDoc[] = [];
  walk(root, root, '', [sample], fields);
  return fields;
}

/** Markdown table cells: one line, no column breaks, code spans that cannot be closed early. */
const cell = (text: string) => text.replace(/\r?\n/g, ' ').replace(/\|/g, '\\|');
const code = (text: string) => `\`${text.replace(/`/g, "'")}\``;

const TEMPLATE_DATA: Array<[string, string]> = [
  ['@theme', '`{ name, description, text }`: the theme and its trusted text blocks (theme.json `text`).'],
  ['@paper, @pageSize', '`a4` or `letter`; `A4` or `Letter`.'],
  ['@locale, @lang', 'BCP 47 locale of labels (`t`), dates and numbers (the branding\'s, else the theme\'s, else en-GB).'],
  ['@dateFormat', 'The branding\'s date style (`long`, `medium`, `short`) or undefined; `formatDate` applies it.'],
  ['@accent', 'The accent colour (branding, else theme.json `accent`): for inline styles where CSS variables do not work.'],
  ['@brand', '`{ logo, classification }`: a data: URI and a line of text; when a theme shows them itself it marks the element with `data-brand-slot="top"` / `"bottom"`, otherwise they are added at the top and bottom of the body.'],
  ['@editorNote', 'Trusted Markdown: show it with `{{markdown @editorNote}}`.'],
  ['@briefItems', 'How many threads in brief to list: all of them in a page and the PDF, the first 15 in an e-mail (`{{#each (take (briefThreads threads) @briefItems)}}`; `drop` gives the rest to count).'],
  ['@css', '`{ fonts, screen, print, page }`: the embedded fonts, the theme\'s sheets (branding appended) and the `@page` size rule.'],
];

/** The template-author reference (TEMPLATES.md) for the current model, with examples from `sample`. */
export function templateReference(sample: Briefing): RenderedOutput {
  const lines: string[] = [
    '# Template reference',
    '',
    `Generated from the briefing model (schema ${sample.schemaVersion}); examples come from the briefing "${cell(sample.title)}" of ${sample.date}.`,
    'A template receives the model as its context. Everything that comes from articles is untrusted: print it with `{{ }}`,',
    'which escapes it, and never with `{{{ }}}`. Links are made only through `httpUrl`. Prototype properties are not reachable.',
    '',
    '## The model',
    '',
    '`name[]` is a list; the rows under it are the fields of each item. An example of a list is its length or its values.',
    '',
    '| field | type | required | description | example |',
    '|---|---|---|---|---|',
  ];
  for (const f of modelFields(sample)) {
    const ex = f.example === null ? '(not in the sample)' : code(f.example);
    lines.push(`| ${code(f.path)} | ${f.type} | ${f.required ? 'yes' : 'no'} | ${cell(f.description)} | ${cell(ex)} |`);
  }
  lines.push('', '## Template variables', '', '| variable | meaning |', '|---|---|');
  for (const [name, meaning] of TEMPLATE_DATA) lines.push(`| ${code(name)} | ${cell(meaning)} |`);
  lines.push(
    '',
    '## Helpers',
    '',
    'Helpers returning text return plain strings, which `{{ }}` escapes. Dates and numbers follow `@locale` unless `locale="..."` is given.',
    '',
    '| helper | usage | returns | what it does |',
    '|---|---|---|---|',
  );
  for (const h of HELPERS) lines.push(`| ${code(h.name)} | ${cell(code(h.usage))} | ${h.returns} | ${cell(h.description)} |`);
  lines.push('');
  return { filename: 'TEMPLATES.md', content: lines.join('\n') };
}
