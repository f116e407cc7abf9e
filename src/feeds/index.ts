import { readAtom } from './atom.js';
import { decodeFeedBytes } from './decode.js';
import { FeedError } from './errors.js';
import { readJsonFeed } from './jsonfeed.js';
import { readRss1, readRss2 } from './rss.js';
import { sniffDocument } from './sniff.js';
import type { ParseFeedOptions, ParsedFeed } from './types.js';
import { NS, parseXml, type XmlElement } from './xml.js';
import { appendAll } from '../util/append.js';

export { FeedError, type FeedErrorReason } from './errors.js';
export type { FeedItem, ParsedFeed, ParseFeedOptions, OpmlFeed, ParsedOpml } from './types.js';
export { parseOpml } from './opml.js';
export { looksLikeFeed, sniffDocument, type SniffedKind } from './sniff.js';
export { hasFullText, itemContent, type ItemContent } from './full-text.js';
export { parseFeedDate } from './dates.js';
export { htmlToPlainText } from '../text/markup.js';

export const DEFAULT_MAX_ITEMS = 500;

type XmlFormat = 'rss2' | 'rss1' | 'atom';

/**
 * Parses RSS 2.0 / 0.9x, RSS 1.0 (RDF), Atom or JSON Feed bytes. Throws FeedError for documents that are not feeds
 * or cannot be read safely (malformed, entity bombs, external entities); everything milder is a warning.
 */
export function parseFeed(bytes: Uint8Array, options: ParseFeedOptions = {}): ParsedFeed {
  const maxItems = Math.max(0, Math.floor(options.maxItems ?? DEFAULT_MAX_ITEMS));
  const baseUrl = options.baseUrl ?? null;
  const kind = sniffDocument(bytes);
  if (kind === 'json-feed' || kind === 'other-json') {
    const { text, warnings } = decodeFeedBytes(bytes, options.headerCharset, 'none');
    const feed = readJsonFeed(text, baseUrl, maxItems);
    return { ...feed, warnings: [...warnings, ...feed.warnings] };
  }
  if (bytes.length === 0) throw new FeedError('undecodable', 'the feed is empty (0 bytes)');
  if (kind === 'html') throw notAFeed('an HTML page');
  if (kind === 'text') throw notAFeed('the document starts with neither "<" nor "{"');
  const { text, warnings } = decodeFeedBytes(bytes, options.headerCharset, 'xml');
  let format = 'rss2' as XmlFormat;
  let itemCount = 0;
  const { root, warnings: xmlWarnings } = parseXml(text, {
    baseUrl,
    onRoot: (element) => {
      format = formatOf(element);
    },
    // Items past the cap are counted but never built, so a feed of a million items costs a scan, not a tree.
    skip: (element, depth) => {
      if (depth > 2 || (element.local !== 'item' && element.local !== 'entry')) return false;
      return ++itemCount > maxItems;
    },
  });
  appendAll(warnings, xmlWarnings);
  const body = format === 'atom' ? readAtom(root) : format === 'rss1' ? readRss1(root, baseUrl) : readRss2(root, baseUrl);
  if (itemCount > maxItems) warnings.push(`the feed has ${itemCount} items; kept the first ${maxItems} (maxItems)`);
  return { format, title: body.title, siteUrl: body.siteUrl, language: body.language, items: body.items, warnings: [...warnings, ...body.warnings] };
}

function formatOf(root: XmlElement): XmlFormat {
  const local = root.local;
  if (local === 'rss' && root.uri === '') return 'rss2';
  if (local === 'RDF' && root.uri === NS.rdf) return 'rss1';
  if (local === 'feed' && (root.uri === NS.atom || root.uri === NS.atom03)) return 'atom';
  throw notAFeed(`an XML document whose root element is <${root.name}>${root.uri ? ` (namespace ${root.uri})` : ''}`);
}

function notAFeed(what: string): FeedError {
  return new FeedError(
    'not-a-feed',
    `not a feed: ${what}; expected RSS (<rss>), RSS 1.0 (<rdf:RDF>), Atom (<feed>) or a JSON Feed. Check the source's location or set its kind to a web page`,
  );
}
