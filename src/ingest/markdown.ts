import { detached } from '../util/detached.js';
import { onDemand } from '../util/load-on-demand.js';
import { collapseWhitespace } from '../text/spaces.js';
import { pickMetadata } from './metadata-fields.js';
import type { InputMetadata } from './types.js';
import { firstErrorLine } from '../util/errors.js';

export type MarkdownResult = { ok: true; text: string; meta: InputMetadata } | { ok: false; reason: string };

const FRONT_MATTER = /^---[ \t]*\r?\n([\s\S]*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/;

/** Front matter (YAML) becomes metadata; the body becomes plain paragraphs. Without a title field, the first H1 is the title. */
/** The YAML library is loaded by the first front matter read, not by a run without one. */
const yaml = onDemand<typeof import('yaml')>('yaml');

export function parseMarkdown(source: string): MarkdownResult {
  const match = FRONT_MATTER.exec(source);
  let meta: InputMetadata = {};
  let body = source;
  if (match) {
    let data: unknown = simpleFrontMatter(match[1]!);
    if (data === null) {
      try {
        data = yaml().parse(match[1]!);
      } catch (error) {
        return { ok: false, reason: `malformed front matter: ${firstErrorLine(error)}` };
      }
    }
    if (data !== null && (typeof data !== 'object' || Array.isArray(data))) {
      return { ok: false, reason: 'malformed front matter: expected key: value pairs' };
    }
    meta = pickMetadata(data);
    body = source.slice(match[0].length);
  } else if (/^---[ \t]*\r?\n/.test(source) && !/\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/.test(source.slice(3))) {
    return { ok: false, reason: 'malformed front matter: no closing ---' };
  }
  const title = meta.title ?? firstHeading(body);
  // The fields are cut from the file's text (fast path, YAML or heading): copied, a document's metadata does not hold
  // its whole file until cleaned.
  return { ok: true, text: stripMarkdown(body), meta: detached(title ? { ...meta, title } : meta) };
}

/**
 * One `key: value` a line, each value a double-quoted string without escapes or a plain scalar of letters, digits,
 * spaces and . , / + - that YAML's core schema reads as a string (not null, a boolean or a number): the front matter
 * nearly every file has, read as the YAML parser reads it without the parser (which costs more than all the rest of
 * reading a Markdown article). Null for anything else, which the parser reads.
 */
export function simpleFrontMatter(block: string): Record<string, string> | null {
  const fields: Record<string, string> = {};
  for (const line of block.split('\n')) {
    const field = SIMPLE_FIELD.exec(line);
    if (!field) return null;
    const [, key, quoted, plain] = field;
    if (Object.hasOwn(fields, key!) || NOT_A_STRING.some((test) => test.test(key!))) return null;
    if (plain !== undefined && NOT_A_STRING.some((test) => test.test(plain))) return null;
    fields[key!] = quoted ?? plain!;
  }
  return fields;
}

const SIMPLE_FIELD = /^([A-Za-z][A-Za-z0-9_]*): +(?:"([^"\\\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]*)"|([A-Za-z0-9](?:[A-Za-z0-9 .,/+-]*[A-Za-z0-9.,/+-])?))$/;

/** The core schema's null, boolean and number forms (yaml's own tests): such a plain scalar is not a string. */
const NOT_A_STRING = [
  /^(?:~|[Nn]ull|NULL)?$/,
  /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/,
  /^0o[0-7]+$/,
  /^[-+]?[0-9]+$/,
  /^0x[0-9a-fA-F]+$/,
  /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/,
  /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/,
  /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/,
];

function firstHeading(body: string): string | undefined {
  const atx = /^#[ \t]+(.+?)[ \t#]*$/m.exec(body);
  return atx ? stripInline(atx[1]!) : undefined;
}

/**
 * Markdown to plain paragraphs: headings, list items and table rows become paragraphs of their own; soft-wrapped
 * lines join; emphasis, links, images, inline code, quotes and HTML tags lose their markup.
 */
export function stripMarkdown(markdown: string): string {
  const paragraphs: string[] = [];
  let current: string[] = [];
  let inFence = false;
  const flush = (): void => {
    const paragraph = collapseWhitespace(current.join(' '));
    if (paragraph) paragraphs.push(paragraph);
    current = [];
  };
  for (const rawLine of markdown.replace(/\r\n?/g, '\n').split('\n')) {
    if (/^\s*(```|~~~)/.test(rawLine)) {
      flush();
      inFence = !inFence;
      continue;
    }
    if (inFence) {
      // Code keeps its lines: one paragraph per line is the closest plain-text shape.
      if (rawLine.trim()) paragraphs.push(rawLine.trim());
      continue;
    }
    const line = rawLine.replace(/^\s{0,3}(>\s?)+/, '');
    if (line.trim() === '' || /^\s*([-*_])(\s*\1){2,}\s*$/.test(line) || /^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$/.test(line)) {
      flush();
      continue;
    }
    if (/^\s*\[[^\]]+\]:\s*\S+/.test(line)) continue; // link reference definition
    if (/^\s*(=+|-+)\s*$/.test(line)) {
      flush(); // setext underline: the line above was a heading
      continue;
    }
    const heading = /^\s{0,3}#{1,6}\s+(.*?)[ \t#]*$/.exec(line);
    const listItem = /^\s*(?:[-*+]|\d{1,9}[.)])\s+(.*)$/.exec(line);
    const tableRow = /^\s*\|(.*)\|\s*$/.exec(line);
    if (heading || listItem || tableRow) {
      flush();
      const content = heading?.[1] ?? listItem?.[1] ?? tableRow![1]!.split('|').map((cell) => cell.trim()).filter(Boolean).join(' ');
      current.push(stripInline(content));
      if (heading || tableRow) flush();
      continue;
    }
    current.push(stripInline(line));
  }
  flush();
  return paragraphs.join('\n\n');
}

/** Escaped characters are parked in the Private Use Area so emphasis rules cannot touch them. */
const ESCAPE_BASE = 0xe000;

/** A character some inline rule below needs (or a parked one, which unparking would change): most prose has none. */
const INLINE_MARKUP_CHARACTER = /[\\[<`*_~\ue000-\ue07f]/;

export function stripInline(text: string): string {
  return INLINE_MARKUP_CHARACTER.test(text) ? stripInlineMarkup(text) : text.trim();
}

/** Inline markup removed, escaped characters kept as written, ends trimmed. */
export function stripInlineMarkup(text: string): string {
  const parked = text.replace(/\\([\\`*_{}[\]()#+\-.!|>~])/g, (_, char: string) => String.fromCharCode(ESCAPE_BASE + char.charCodeAt(0)));
  return removeInlineMarkup(parked)
    .replace(/[\ue000-\ue07f]/g, (char) => String.fromCharCode(char.charCodeAt(0) - ESCAPE_BASE))
    .trim();
}

function removeInlineMarkup(text: string): string {
  return text
    .replace(/!\[[^\]]*\]\([^)]*\)/g, '') // images: the alt text is a caption, not prose
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]*)\]\[[^\]]*\]/g, '$1')
    .replace(/<(https?:[^>]+)>/g, '$1')
    .replace(/<\/?[a-zA-Z][^>]*>/g, '')
    .replace(/`([^`]*)`/g, '$1')
    .replace(/(\*\*|__)(?=\S)([\s\S]*?\S)\1/g, '$2')
    .replace(/(\*|\b_)(?=\S)([\s\S]*?\S)(\*|_\b)/g, '$2')
    .replace(/~~(?=\S)([\s\S]*?\S)~~/g, '$1');
}
