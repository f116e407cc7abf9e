import type { SaxesTagNS } from 'saxes';
import { onDemand } from '../util/load-on-demand.js';

/** Feeds only: a run over files never loads the XML parser. */
const saxes = onDemand<typeof import('saxes')>('saxes');
import { FeedError } from './errors.js';
import { HTML_ENTITIES } from '../text/markup.js';
import { resolveAnyUrl } from './urls.js';

export const NS = {
  atom: 'http://www.w3.org/2005/Atom',
  atom03: 'http://purl.org/atom/ns#',
  rss1: 'http://purl.org/rss/1.0/',
  rss090: 'http://my.netscape.com/rdf/simple/0.9/',
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  content: 'http://purl.org/rss/1.0/modules/content/',
  dc: 'http://purl.org/dc/elements/1.1/',
  xhtml: 'http://www.w3.org/1999/xhtml',
} as const;

/** Prefixes feeds use without declaring them; binding them keeps such sloppy feeds readable. */
const CONVENTIONAL_PREFIXES: Record<string, string> = {
  atom: NS.atom, content: NS.content, dc: NS.dc, rdf: NS.rdf, xhtml: NS.xhtml,
};

/** Real feeds nest a dozen levels; a limit keeps recursive walks off the stack-overflow edge. */
const MAX_DEPTH = 256;

/** The root, its children (channel, RSS 1.0 items, Atom entries) and RSS 2.0 items hold elements, never text. */
function isStructural(element: XmlElement, depth: number): boolean {
  return depth <= 2 || (depth === 3 && element.local === 'item');
}

const VOID_ELEMENTS = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);

export interface XmlAttribute {
  uri: string;
  local: string;
  name: string;
  value: string;
}

export interface XmlElement {
  /** Qualified name as written (`content:encoded`). */
  name: string;
  local: string;
  /** Namespace URI, '' for none. */
  uri: string;
  attributes: XmlAttribute[];
  children: (XmlElement | string)[];
  /** The effective xml:base (resolved through ancestors, rooted at the document URL), or null. */
  base: string | null;
  line: number;
}

export interface XmlParseOptions {
  baseUrl?: string | null;
  /** Called with the root element as soon as it opens, to reject a non-feed before reading the rest. */
  onRoot?: (root: XmlElement) => void;
  /** Whether to drop an element and its subtree (used to cap items without building them). depth: root is 0. */
  skip?: (element: XmlElement, depth: number) => boolean;
}

export interface XmlParseResult {
  root: XmlElement;
  warnings: string[];
}

/**
 * Parses XML with saxes into a small tree. saxes never expands DTD entities and never reads external ones; on top
 * of that any DOCTYPE that declares an entity is refused outright, so billion-laughs and XXE documents stop at the
 * DOCTYPE, before any reference is read and with memory bounded by the document size.
 */
export function parseXml(text: string, options: XmlParseOptions = {}): XmlParseResult {
  const parser = new (saxes().SaxesParser)({
    xmlns: true,
    position: true,
    resolvePrefix: (prefix: string) => CONVENTIONAL_PREFIXES[prefix],
  });
  Object.assign(parser.ENTITIES, HTML_ENTITIES);
  const warnings: string[] = [];
  let undefinedEntities = 0;
  let firstUndefinedEntity = '';
  let unboundPrefixes = 0;
  const stack: XmlElement[] = [];
  let root: XmlElement | null = null;
  let skipDepth = 0;
  let lineShift = 0;

  parser.on('error', (error: Error) => {
    const message = error.message;
    if (/undefined entity/.test(message)) {
      if (undefinedEntities++ === 0) firstUndefinedEntity = /^(\d+):/.exec(message)?.[1] ?? '?';
      return;
    }
    if (/unbound namespace prefix/.test(message)) {
      unboundPrefixes++;
      return;
    }
    throw malformed(message, error, lineShift);
  });
  parser.on('doctype', (doctype: string) => checkDoctype(doctype));
  parser.on('opentag', (tag: SaxesTagNS) => {
    if (skipDepth > 0) {
      skipDepth++;
      return;
    }
    const parent = stack[stack.length - 1];
    const attributes: XmlAttribute[] = [];
    let xmlBase: string | undefined;
    for (const name in tag.attributes) {
      const a = tag.attributes[name]!;
      attributes.push({ uri: a.uri ?? '', local: a.local, name: a.name, value: a.value });
      if (name === 'xml:base') xmlBase = a.value;
    }
    const inherited = parent ? parent.base : (options.baseUrl ?? null);
    const element: XmlElement = {
      name: tag.name,
      local: tag.local,
      uri: tag.uri ?? '',
      attributes,
      children: [],
      base: xmlBase !== undefined ? resolveAnyUrl(xmlBase, inherited) : inherited,
      line: parser.line,
    };
    if (stack.length >= MAX_DEPTH) {
      const line = parser.line + lineShift;
      throw new FeedError('malformed', `malformed XML at line ${line}: elements nested deeper than ${MAX_DEPTH} levels`, { line });
    }
    if (!parent) {
      root = element;
      options.onRoot?.(element);
    } else if (options.skip?.(element, stack.length)) {
      skipDepth = 1;
      return;
    } else {
      parent.children.push(element);
    }
    stack.push(element);
  });
  parser.on('closetag', () => {
    if (skipDepth > 0) {
      skipDepth--;
      return;
    }
    stack.pop();
  });
  const onText = (value: string): void => {
    if (skipDepth > 0) return;
    const current = stack[stack.length - 1];
    // Indentation between the root, channel and item elements is never content; dropping it halves the tree.
    if (!current) return;
    if (isStructural(current, stack.length) && !/\S/.test(value)) return;
    current.children.push(value);
  };
  parser.on('text', onText);
  parser.on('cdata', onText);

  const { text: repaired, lineOffset, bareAmpersands } = repairCommonBreakage(text);
  lineShift = lineOffset;
  parser.write(repaired).close();
  if (!root) throw new FeedError('malformed', 'malformed XML: the document has no root element');
  if (undefinedEntities > 0) {
    const line = Number(firstUndefinedEntity) + lineShift;
    warnings.push(`${undefinedEntities} undefined XML entit${undefinedEntities === 1 ? 'y was' : 'ies were'} kept as written (the first at line ${line})`);
  }
  if (bareAmpersands > 0) warnings.push(`${bareAmpersands} bare "&" character(s) (invalid XML) were read as text`);
  if (unboundPrefixes > 0) warnings.push(`${unboundPrefixes} element(s) use an undeclared namespace prefix`);
  return { root, warnings };
}

/** Protected from repairs: CDATA sections and comments, where "&" is literal. */
const LITERAL_SEGMENTS = /(<!\[CDATA\[[\s\S]*?\]\]>|<!--[\s\S]*?-->)/;
const BARE_AMPERSAND = /&(?!(?:#[0-9]+|#x[0-9a-f]+|[a-z_][\w.-]*);)/gi;

/**
 * Two breakages common enough in real feeds to forgive: whitespace before the XML declaration (a stray newline
 * from a template) and a bare "&" ("AT&T") outside CDATA. Everything else malformed stays an error.
 */
function repairCommonBreakage(text: string): { text: string; lineOffset: number; bareAmpersands: number } {
  let lineOffset = 0;
  let out = text;
  const leading = /^\s+(?=<\?xml[\s?])/.exec(out);
  if (leading) {
    lineOffset = (leading[0].match(/\n/g) ?? []).length;
    out = out.slice(leading[0].length);
  }
  let bareAmpersands = 0;
  if (out.includes('&')) {
    const parts = out.split(LITERAL_SEGMENTS);
    for (let i = 0; i < parts.length; i += 2) {
      parts[i] = parts[i]!.replace(BARE_AMPERSAND, () => {
        bareAmpersands++;
        return '&amp;';
      });
    }
    if (bareAmpersands > 0) out = parts.join('');
  }
  return { text: out, lineOffset, bareAmpersands };
}

function malformed(message: string, cause: unknown, lineShift: number): FeedError {
  const position = /^(\d+):(\d+): (.*)$/s.exec(message);
  if (!position) return new FeedError('malformed', `malformed XML: ${message}`, { cause });
  const line = Number(position[1]) + lineShift;
  return new FeedError('malformed', `malformed XML at line ${line}, column ${position[2]}: ${position[3]}`, { cause, line });
}

/**
 * Entity declarations are what XML bombs and XXE need; real feeds never declare any. An external DTD reference
 * (RSS 0.91's Netscape DTD) is harmless because it is never fetched, unless it points at a local file.
 */
function checkDoctype(doctype: string): void {
  const subsetStart = doctype.indexOf('[');
  const externalPart = subsetStart >= 0 ? doctype.slice(0, subsetStart) : doctype;
  const subset = subsetStart >= 0 ? doctype.slice(subsetStart) : '';
  if (/<!ENTITY\s+(?:%\s*)?[^\s]+\s+(?:SYSTEM|PUBLIC)\b/i.test(subset)) {
    throw new FeedError(
      'external-entity',
      'the feed declares an external XML entity (SYSTEM/PUBLIC), an XXE attack or a broken feed; it is refused and nothing it names is read',
    );
  }
  if (/<!ENTITY/i.test(subset)) {
    throw new FeedError(
      'entity-expansion',
      'the feed declares XML entities in its DOCTYPE (a possible "billion laughs" entity bomb); it is refused without expanding them',
    );
  }
  for (const literal of externalPart.matchAll(/["']([^"']*)["']/g)) {
    if (/^\s*(?!https?:)[a-z][a-z0-9+.-]*:/i.test(literal[1]!) || /^\s*\//.test(literal[1]!)) {
      throw new FeedError('external-entity', `the feed's DOCTYPE points at a local DTD ("${literal[1]}"); it is refused and never read`);
    }
  }
}

export function isElement(node: XmlElement | string): node is XmlElement {
  return typeof node !== 'string';
}

export function elementChildren(element: XmlElement): XmlElement[] {
  return element.children.filter(isElement);
}

/** First child with this local name in one of the namespaces (any namespace when `uris` is omitted). */
export function child(element: XmlElement, local: string, uris?: readonly string[]): XmlElement | null {
  for (const node of element.children) {
    if (typeof node !== 'string' && node.local === local && (!uris || uris.includes(node.uri))) return node;
  }
  return null;
}

export function childrenNamed(element: XmlElement, local: string, uris?: readonly string[]): XmlElement[] {
  return elementChildren(element).filter((node) => node.local === local && (!uris || uris.includes(node.uri)));
}

/** Concatenated text of the element and its descendants. */
export function textContent(element: XmlElement | null): string | null {
  if (!element) return null;
  let out = '';
  const walk = (node: XmlElement): void => {
    for (const item of node.children) out += typeof item === 'string' ? item : (walk(item), '');
  };
  walk(element);
  return out;
}

export function attribute(element: XmlElement, local: string, uri = ''): string | null {
  for (const a of element.attributes) if (a.local === local && a.uri === uri && a.name !== 'xmlns') return a.value;
  return null;
}

/** Re-serializes an element's children as markup (Atom type="xhtml" content), without namespace prefixes. */
export function innerXml(element: XmlElement): string {
  let out = '';
  for (const node of element.children) {
    if (typeof node === 'string') {
      out += escapeText(node);
      continue;
    }
    const attrs = node.attributes
      .filter((a) => a.name !== 'xmlns' && !a.name.startsWith('xmlns:'))
      .map((a) => ` ${a.local}="${escapeText(a.value).replace(/"/g, '&quot;')}"`)
      .join('');
    out += VOID_ELEMENTS.has(node.local) ? `<${node.local}${attrs}>` : `<${node.local}${attrs}>${innerXml(node)}</${node.local}>`;
  }
  return out;
}

function escapeText(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
