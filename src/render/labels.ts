import { readdirSync, readFileSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from '../util/zod.js';
import { closestMatch } from '../text/did-you-mean.js';
import { numberFormat, pluralRules } from './intl.js';

/**
 * Labels: every fixed word a theme prints ("Contents", "As of 06:30", "3 sources"), looked up by key in a message
 * catalog per language. The catalogs are data (`locales/<lang>.json` of the program, `locales/<lang>.json` of a
 * theme); this module reads them, picks the message for a locale and fills it in.
 *
 * A message is a string with `{name}` placeholders, or plural forms (`{ "one": "{count} source", "other": ... }`,
 * chosen with Intl.PluralRules by the `count` parameter). Lookup order, first hit wins: the configuration's labels;
 * then for the locale ("de-AT"), its language ("de") and finally English: the theme's catalog (the theme before its
 * ancestors), then the program's. So a German edition never falls back to a theme's English wording while the
 * program has German, and a key missing in a catalog falls back to English.
 */

export const FALLBACK_LANGUAGE = 'en';

const PLURAL_FORMS = ['zero', 'one', 'two', 'few', 'many', 'other'] as const;

const PluralMessageSchema = z
  .object({
    zero: z.string().optional(),
    one: z.string().optional(),
    two: z.string().optional(),
    few: z.string().optional(),
    many: z.string().optional(),
    other: z.string(),
  })
  .strict();

export const MessageSchema = z.union([z.string(), PluralMessageSchema]);
export type Message = z.infer<typeof MessageSchema>;

/** Dotted lower-camel words: "toc.title", "count.sources". */
export const LABEL_KEY = /^[a-z][A-Za-z0-9]*(?:\.[a-z][A-Za-z0-9]*)*$/;

export const CatalogSchema = z.record(z.string(), MessageSchema).superRefine((catalog, ctx) => {
  for (const key of Object.keys(catalog)) {
    if (!LABEL_KEY.test(key)) ctx.addIssue({ code: 'custom', path: [key], message: 'a label key is dotted words such as "toc.title"' });
  }
});
export type Catalog = Record<string, Message>;

/** A folder's catalogs by canonical locale tag ("de", "de-AT"), each with the file it came from. */
export type Catalogs = Map<string, { file: string; catalog: Catalog }>;

/** A catalog that cannot be read or is malformed, or an override naming a label that does not exist. */
export class LabelsError extends Error {}

/** The program's catalogs: locales/ beside templates/, one level above both src/ and dist/. */
export function builtInLocalesDir(): string {
  return fileURLToPath(new URL('../../locales/', import.meta.url));
}

/** "de-de" -> "de-DE"; null when it is no locale tag (a stray file name; "german" is a tag to Intl, not here). */
export function canonicalTag(tag: string): string | null {
  if (!/^[a-z]{2,3}(?:-|$)/i.test(tag)) return null;
  try {
    return Intl.getCanonicalLocales(tag)[0] ?? null;
  } catch {
    return null;
  }
}

/** "de-AT" -> ["de-AT", "de", "en"]: the tag, its shorter forms, then the fallback language. */
export function localeChain(locale: string): string[] {
  const chain: string[] = [];
  const parts = (canonicalTag(locale) ?? FALLBACK_LANGUAGE).split('-');
  for (let n = parts.length; n > 0; n--) chain.push(parts.slice(0, n).join('-'));
  if (!chain.includes(FALLBACK_LANGUAGE)) chain.push(FALLBACK_LANGUAGE);
  return chain;
}

function parseCatalog(text: string, file: string): Catalog {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new LabelsError(`${file}: not valid JSON: ${(error as Error).message}`, { cause: error });
  }
  const parsed = CatalogSchema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    throw new LabelsError(`${file}: ${issues}. A catalog maps label keys to text or to plural forms { "one": ..., "other": ... }.`);
  }
  return parsed.data;
}

function catalogTag(file: string): string {
  const tag = canonicalTag(basename(file, '.json'));
  if (!tag) throw new LabelsError(`${file}: the file name must be a locale tag such as de.json or de-AT.json.`);
  return tag;
}

/** The catalogs of a `locales/` folder; none when the folder does not exist. */
export async function readCatalogs(dir: string): Promise<Catalogs> {
  let files: string[];
  try {
    files = (await readdir(dir)).filter((f) => extname(f) === '.json').sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' || (error as NodeJS.ErrnoException).code === 'ENOTDIR') return new Map();
    throw error;
  }
  const catalogs: Catalogs = new Map();
  for (const name of files) {
    const file = join(dir, name);
    catalogs.set(catalogTag(file), { file, catalog: parseCatalog(await readFile(file, 'utf8'), file) });
  }
  return catalogs;
}

let builtIn: Catalogs | undefined;

/**
 * The program's own catalogs, read once per process. Synchronous so any template helper can label text without
 * being handed anything: they are a few kilobytes of package data, like the templates.
 */
export function builtInCatalogs(): Catalogs {
  if (builtIn) return builtIn;
  const dir = builtInLocalesDir();
  const catalogs: Catalogs = new Map();
  for (const name of readdirSync(dir).filter((f) => extname(f) === '.json').sort()) {
    const file = join(dir, name);
    catalogs.set(catalogTag(file), { file, catalog: parseCatalog(readFileSync(file, 'utf8'), file) });
  }
  if (!catalogs.has(FALLBACK_LANGUAGE)) throw new LabelsError(`${dir}: the English catalog en.json is missing.`);
  builtIn = catalogs;
  return catalogs;
}

/** The English message of a key: the theme's (the theme before its ancestors), else the program's. */
export function englishMessage(theme: readonly Catalogs[], key: string): Message | undefined {
  for (const layer of [...theme, builtInCatalogs()]) {
    const message = layer.get(FALLBACK_LANGUAGE)?.catalog[key];
    if (message !== undefined) return message;
  }
  return undefined;
}

/** Every label key the program defines (the English catalog's). */
export function builtInKeys(): Set<string> {
  return new Set(Object.keys(builtInCatalogs().get(FALLBACK_LANGUAGE)!.catalog));
}

// ------------------------------------------------------------------------------------------ formatting

export type LabelParams = Record<string, unknown>;

type Part = { text: string } | { param: string };

/** "As of {time}" -> [text "As of ", param "time"]. */
function parts(message: string): Part[] {
  const out: Part[] = [];
  const re = /\{([A-Za-z][A-Za-z0-9]*)\}/g;
  let last = 0;
  for (let m = re.exec(message); m; m = re.exec(message)) {
    if (m.index > last) out.push({ text: message.slice(last, m.index) });
    out.push({ param: m[1]! });
    last = m.index + m[0].length;
  }
  if (last < message.length) out.push({ text: message.slice(last) });
  return out;
}

/** The placeholders of a message (of all its plural forms). */
export function placeholders(message: Message): Set<string> {
  const texts = typeof message === 'string' ? [message] : PLURAL_FORMS.map((f) => message[f]).filter((t): t is string => t !== undefined);
  const names = new Set<string>();
  for (const text of texts) for (const p of parts(text)) if ('param' in p) names.add(p.param);
  return names;
}

/** The form of a plural message for `count` under the plural rules of `language` (the catalog's, not the page's). */
function pluralForm(message: Message, count: number, language: string): string {
  if (typeof message === 'string') return message;
  const form = pluralRules(language).select(count) as (typeof PLURAL_FORMS)[number];
  return (count === 0 ? message.zero : undefined) ?? message[form] ?? message.other;
}

export interface LabelsOptions {
  /** The page's locale: numbers in parameters are written in it. */
  locale: string;
  /** Catalogs of a theme and its ancestors, the theme first (each a folder's catalogs). */
  theme?: readonly Catalogs[];
  /** The configuration's overrides (branding.labels): they win over everything, in any locale. */
  overrides?: Catalog;
}

export interface Labels {
  readonly locale: string;
  /** The message for `key` in plain text, parameters filled in; the key itself when no catalog has it. */
  text(key: string, params?: LabelParams): string;
  /**
   * The message split for markup: `escape` is applied to the message's own text and to the given parameters,
   * and placeholders without a parameter become `slot` (already markup, e.g. a <time> element).
   */
  markup(key: string, params: LabelParams, escape: (text: string) => string, slot: string): string;
  has(key: string): boolean;
}

/** The labels of one render: the locale's message for every key, with the fallbacks described above. */
export function createLabels(options: LabelsOptions): Labels {
  const { locale } = options;
  const catalogs = builtInCatalogs();
  const chain = localeChain(locale);
  const numbers = numberFormat(locale);
  const cache = new Map<string, { message: Message; language: string } | null>();

  const find = (key: string): { message: Message; language: string } | null => {
    if (cache.has(key)) return cache.get(key)!;
    let found: { message: Message; language: string } | null = null;
    const own = options.overrides?.[key];
    if (own !== undefined) found = { message: own, language: locale };
    for (const tag of chain) {
      if (found) break;
      for (const layer of [...(options.theme ?? []), catalogs]) {
        const message = layer.get(tag)?.catalog[key];
        if (message !== undefined) {
          found = { message, language: tag };
          break;
        }
      }
    }
    cache.set(key, found);
    return found;
  };

  const value = (v: unknown): string => (typeof v === 'number' ? numbers.format(v) : v === null || v === undefined ? '' : String(v));

  const render = (key: string, params: LabelParams, each: (part: Part) => string): string => {
    const found = find(key);
    if (!found) return key;
    const count = Number(params.count);
    const text = pluralForm(found.message, Number.isFinite(count) ? count : 0, found.language);
    return parts(text).map(each).join('');
  };

  return {
    locale,
    has: (key) => find(key) !== null,
    text: (key, params = {}) =>
      render(key, params, (p) => ('text' in p ? p.text : p.param in params ? value(params[p.param]) : `{${p.param}}`)),
    markup: (key, params, escape, slot) =>
      render(key, params, (p) => ('text' in p ? escape(p.text) : p.param in params ? escape(value(params[p.param])) : slot)),
  };
}

const builtInLabelsCache = new Map<string, Labels>();

/** The program's labels for a locale, no theme or configuration: for text made outside a theme (PDF footers, Markdown). */
export function builtInLabels(locale: string): Labels {
  let labels = builtInLabelsCache.get(locale);
  if (!labels) {
    labels = createLabels({ locale });
    builtInLabelsCache.set(locale, labels);
  }
  return labels;
}

// ------------------------------------------------------------------------------------------ checking


/** The known key nearest to a mistyped one, when it is near enough to be what was meant. */
export function didYouMean(key: string, known: Iterable<string>): string | undefined {
  const near = closestMatch(key, known);
  if (near) return near;
  // Else the one key with the same last word: "unattributed" for "quotes.unattributed".
  const last = key.split('.').pop()!;
  const sameWord = [...known].filter((k) => k.split('.').includes(last));
  return sameWord.length === 1 ? sameWord[0] : undefined;
}

export interface LabelProblem {
  key: string;
  message: string;
}

/**
 * What is wrong with overrides: keys no catalog or template knows (a typo would silently change nothing) and
 * placeholders the English message does not have (they could never be filled in).
 */
export function checkOverrides(overrides: Catalog, known: ReadonlySet<string>, english: (key: string) => Message | undefined): LabelProblem[] {
  const problems: LabelProblem[] = [];
  for (const [key, message] of Object.entries(overrides)) {
    if (!known.has(key)) {
      const guess = didYouMean(key, known);
      problems.push({ key, message: `unknown label "${key}"${guess ? `; did you mean "${guess}"?` : '; the labels are the keys of the program\'s locales/en.json'}` });
      continue;
    }
    const base = english(key);
    if (base === undefined) continue;
    const allowed = placeholders(base);
    const extra = [...placeholders(message)].filter((p) => !allowed.has(p) && !(p === 'count' && typeof base !== 'string'));
    if (extra.length > 0) {
      const has = [...allowed].map((p) => `{${p}}`).join(', ') || 'none';
      problems.push({ key, message: `label "${key}" uses ${extra.map((p) => `{${p}}`).join(', ')}, which it is never given (it has: ${has})` });
    }
  }
  return problems;
}

/** Label keys a template names literally: {{t "key"}}, {{#t "key"}}, (t "key"). */
export function keysUsedIn(source: string): string[] {
  const keys: string[] = [];
  const re = /(?:\{\{~?#?|\()\s*t\s+(["'])([^"']+)\1/g;
  for (let m = re.exec(source); m; m = re.exec(source)) keys.push(m[2]!);
  return keys;
}
