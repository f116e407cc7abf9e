import type { z } from 'zod';
import { closestMatch } from '../text/did-you-mean.js';
import { UsageError } from '../util/errors.js';

/** A configuration that cannot be used: exit code 2, like any other bad usage. */
export class ConfigError extends UsageError {}

type Issue = z.core.$ZodIssue;

/** "sources[2].kind" from ["sources", 2, "kind"]. */
export function keyPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) out += typeof part === 'number' ? `[${part}]` : `${out ? '.' : ''}${String(part)}`;
  return out || '(top level)';
}

/**
 * One line per problem: `file: key.path: what is wrong; got X. How to fix it.` With the schema the input was checked
 * against, an unknown key names the known key it most likely meant.
 */
export function describeIssues(file: string, issues: readonly Issue[], input: unknown, schema?: z.ZodType): string {
  return issues.map((issue) => `${file}: ${describeIssue(issue, input, schema)}`).join('\n');
}

function describeIssue(issue: Issue, root: unknown, schema: z.ZodType | undefined): string {
  const where = keyPath(issue.path);
  const got = valueAt(root, issue.path);
  const hint = hintFor(issue.path, got);
  if (got === undefined && (issue.code === 'invalid_type' || issue.code === 'invalid_union')) return `${where}: missing; it is required.${hint}`;
  // A discriminated union (a delivery's `channel`) reports the allowed values of its discriminator.
  const options = (issue as { options?: unknown[] }).options;
  if (issue.code === 'invalid_union' && Array.isArray(options)) return `${where}: expected one of ${options.map(String).join(', ')}; got ${show(got)}.${hint}`;
  // Messages of the scheduler's validators are whole sentences that already say how to fix the value.
  if (issue.code === 'custom' && /\.$/.test(issue.message)) return `${where}: ${issue.message}`;
  switch (issue.code) {
    case 'invalid_value':
      return `${where}: expected one of ${issue.values.map(String).join(', ')}; got ${show(got)}.${hint}`;
    case 'unrecognized_keys': {
      const prefix = issue.path.length ? `${where}.` : '';
      const keys = issue.keys.map((k) => `${prefix}${k}`).join(', ');
      const section = issue.path[0] === 'sources' || issue.path[0] === 'fetch' ? 'Sources and feeds' : 'Configuration';
      const known = schema ? knownKeysAt(schema, issue.path) : [];
      const guesses = issue.keys.flatMap((key) => {
        const meant = closestMatch(key, known);
        if (!meant) return [];
        return [issue.keys.length === 1 ? `${prefix}${meant}` : `${prefix}${meant} for ${prefix}${key}`];
      });
      const guess = guesses.length ? ` Did you mean ${guesses.join(', ')}?` : '';
      return `${keys}: unknown key${issue.keys.length > 1 ? 's' : ''}.${guess} Check the spelling; the keys are listed in the README under "${section}".`;
    }
    case 'invalid_type':
      return `${where}: expected ${article(issue.expected)}; got ${show(got)}.${hint}`;
    case 'invalid_union':
      return `${where}: expected a string or a list of strings; got ${show(got)}.${hint}`;
    case 'too_small':
      if (issue.origin === 'string') return Number(issue.minimum) > 1 ? `${where}: must be ${issue.message}.${hint}` : `${where}: must not be empty.${hint}`;
      if (issue.origin === 'array') return `${where}: must list at least ${String(issue.minimum)}.${hint}`;
      return `${where}: must be ${issue.inclusive ? 'at least' : 'greater than'} ${String(issue.minimum)}; got ${show(got)}.${hint}`;
    default:
      return `${where}: ${issue.message}; got ${show(got)}.${hint}`;
  }
}

function hintFor(path: readonly PropertyKey[], got: unknown): string {
  const key = path[path.length - 1];
  if (path[0] === 'editions') {
    if (key === 'channel') return ' Use file (dir:), email (recipients:) or webhook (url:, secret:).';
    if (key === 'formats' || typeof key === 'number' && path[path.length - 2] === 'formats') return ' Use html, pdf, json or md.';
    if (key === 'paper') return ' Use a4 or letter.';
    if (key === 'schedule') return ' Give schedule: { cron: "0 6 * * *", timezone: Europe/London }.';
  }
  if (key === 'kind') {
    if (typeof got === 'string' && /^(rss|atom|rdf|json(feed)?|xml)$/i.test(got)) return ' Use kind: feed for RSS/Atom/JSON feeds.';
    return ' Use feed for an RSS/Atom/JSON feed, opml for a feed list, page for one web page, pages for a list of them, path for files and folders.';
  }
  if (key === 'fullText') return ' auto uses the feed\'s text when it is complete, feed never fetches pages, page always does.';
  if (key === 'timezone') return ' Use a name like Europe/London or UTC.';
  if (key === 'name') return ' Give each source a short unique name, e.g. name: reuters-world.';
  if (key === 'location') return ' Give a URL (https://...) or a path; kind: pages takes a list of URLs or a file with one URL a line.';
  return '';
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let value = root;
  for (const part of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[part];
  }
  return value;
}

function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  const json = JSON.stringify(value);
  return json.length > 60 ? `${json.slice(0, 57)}...` : json;
}

function article(type: string): string {
  if (type === 'array') return 'a list';
  if (type === 'object') return 'a mapping of keys';
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

/** Zod's definition of a schema: only the parts walked below. */
interface Def {
  type: string;
  shape?: Record<string, z.ZodType>;
  innerType?: z.ZodType;
  element?: z.ZodType;
  options?: z.ZodType[];
  in?: z.ZodType;
  getter?: () => z.ZodType;
}

const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** The object schemas `schema` may be once wrappers (optional, default, pipe, lazy) are taken off; unions give several. */
function objectsOf(schema: z.ZodType): z.ZodType[] {
  const def = defOf(schema);
  if (def.type === 'object') return [schema];
  if (def.type === 'union') return (def.options ?? []).flatMap(objectsOf);
  if (def.type === 'array' && def.element) return [schema];
  const inner = def.innerType ?? def.in ?? def.getter?.();
  return inner ? objectsOf(inner) : [];
}

/** The keys the schema allows in the object at `path` (e.g. ["editions", 0, "deliver", 1]); none when unknown. */
function knownKeysAt(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  let here = [schema];
  for (const part of path) {
    here = here.flatMap(objectsOf).flatMap((s) => {
      const def = defOf(s);
      if (def.type === 'array') return typeof part === 'number' && def.element ? [def.element] : [];
      const child = def.shape?.[String(part)];
      return child ? [child] : [];
    });
  }
  const keys = here.flatMap(objectsOf).flatMap((s) => Object.keys(defOf(s).shape ?? {}));
  return [...new Set(keys)];
}

