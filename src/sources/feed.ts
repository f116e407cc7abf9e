import type { FeedItem, ParsedFeed } from '../feeds/types.js';
import { normalizeEncodingName } from '../text/decode.js';
import { extractHere, type HtmlExtractor } from '../ingest/extract-html.js';
import { mergeMetadata } from '../ingest/metadata-fields.js';
import { sha256Hex as sha256 } from '../util/hash.js';
import type { InputMetadata, RawDocument } from '../ingest/types.js';
import { keywordFilter } from './filter.js';
import { loadLocation, type Loaded } from './load-bytes.js';
import { urlIdentity } from '../text/url.js';
import { appendAll } from '../util/append.js';
import { isHttpUrl } from './locations.js';
import { mapInOrder } from '../util/map-in-order.js';
import { emptyOutcome, failedOutcome, itemExcluded, type SourceOutcome } from './outcome.js';
import { PAGE_ACCEPT, pageFromResponse, type PageContent } from './page.js';
import type { CollectDeps, SourceSpec } from './types.js';
import { errorMessage } from '../util/errors.js';

export const FEED_ACCEPT =
  'application/rss+xml, application/atom+xml, application/feed+json, application/rdf+xml;q=0.9, application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, */*;q=0.1';

/**
 * The feed and OPML readers (13 modules), loaded by the first source that may be a feed: a run that reads only files
 * needs none of them.
 */
export const loadFeeds = () => import('../feeds/index.js');

/** Linked pages are requested a few at a time per feed; the fetcher's own limits decide what goes on the wire. */
const PAGE_CONCURRENCY = 8;

export async function feedSource(spec: SourceSpec, location: string, deps: CollectDeps): Promise<SourceOutcome> {
  const loaded = await loadLocation(location, deps, FEED_ACCEPT);
  if (!loaded.ok) return failedOutcome(spec, location, loaded.reason);
  return feedFromLoaded(spec, location, loaded, deps);
}

/** A feed's items as documents; the feed itself failing to parse fails the source, an item failing drops the item. */
export async function feedFromLoaded(spec: SourceSpec, location: string, loaded: Extract<Loaded, { ok: true }>, deps: CollectDeps): Promise<SourceOutcome> {
  let feed: ParsedFeed;
  const { parseFeed, hasFullText } = await loadFeeds();
  try {
    feed = parseFeed(loaded.resource.body, {
      baseUrl: loaded.fromNetwork ? loaded.resource.url : undefined,
      headerCharset: loaded.resource.charset ?? null,
      maxItems: spec.maxItems,
    });
  } catch (error) {
    return failedOutcome(spec, location, `not a readable feed: ${errorMessage(error)}`);
  }
  const outcome = emptyOutcome();
  appendAll(outcome.warnings, feed.warnings.map((warning) => `source "${spec.name}": ${warning}`));
  if (feed.items.length === 0) outcome.warnings.push(`source "${spec.name}": the feed at ${location} has no items`);
  const encoding = normalizeEncodingName(loaded.resource.charset ?? null) ?? 'utf-8';
  const keep = keywordFilter(spec);
  const results = await mapInOrder(feed.items, PAGE_CONCURRENCY, (item, index) =>
    itemDocument(spec, feed, location, item, index, encoding, hasFullText, deps),
  );
  for (const result of results) {
    if ('reason' in result) outcome.excluded.push(itemExcluded(spec, result.path, result.reason));
    else if (keep && !keep(result.document.meta.title, result.document.text)) outcome.filtered++;
    else outcome.documents.push({ document: result.document, urlKey: urlIdentity(result.document.meta.url) });
  }
  return outcome;
}

type ItemResult = { document: RawDocument } | { path: string; reason: string };

async function itemDocument(
  spec: SourceSpec,
  feed: ParsedFeed,
  feedLocation: string,
  item: FeedItem,
  index: number,
  encoding: string,
  /** The feed module's test of an item carrying its article's text (so `auto` need not fetch the page), loaded once. */
  hasFullText: (item: FeedItem) => boolean,
  deps: CollectDeps,
): Promise<ItemResult> {
  const url = item.url && isHttpUrl(item.url) ? item.url : null;
  const path = url ?? `${feedLocation}#${item.id ?? index + 1}`;
  const mode = spec.fullText ?? 'auto';
  const wantsPage = url !== null && (mode === 'page' || (mode === 'auto' && !hasFullText(item)));
  let content: PageContent | null;
  if (wantsPage) {
    const page = await fetchPage(url, deps);
    if (!page.ok) return { path, reason: `the linked page could not be read: ${page.reason}` };
    content = page.page;
  } else {
    const own = await feedContent(item, encoding, deps.ingest?.extract ?? extractHere);
    if ('skipped' in own) return { path, reason: `the feed item's HTML was not read: ${own.skipped}` };
    content = own.content;
    if (!content) {
      const why = mode === 'feed' ? 'the feed item carries no text (fullText: feed never fetches the page)' : 'the feed item carries no text and no http(s) link to its page';
      return { path, reason: why };
    }
  }
  const itemMeta: InputMetadata = {
    title: item.title ?? undefined,
    url: url ?? undefined,
    published: item.published ?? undefined,
    author: item.author ?? undefined,
  };
  // The feed describes its items more reliably than a page's markup; the configuration overrides both.
  const meta = mergeMetadata(
    content.meta,
    itemMeta,
    { source: feed.title ?? undefined, language: feed.language ?? undefined },
    { source: spec.outlet, language: spec.language },
  );
  return { document: { path, format: content.format, text: content.text, meta, encoding: content.encoding, digest: content.digest } };
}

async function fetchPage(url: string, deps: CollectDeps): Promise<{ ok: true; page: PageContent } | { ok: false; reason: string }> {
  const loaded = await loadLocation(url, deps, PAGE_ACCEPT);
  if (!loaded.ok) return loaded;
  return pageFromResponse(loaded.resource, deps.ingest?.extract);
}

/**
 * The item's own text: its full HTML content through the article extractor, else its plain text, else its summary.
 * HTML the extractor refused to read (too deep, too many elements) is a reason of its own when nothing else is usable.
 */
async function feedContent(item: FeedItem, encoding: string, extract: HtmlExtractor): Promise<{ content: PageContent | null } | { skipped: string }> {
  let skipped: string | undefined;
  for (const [value, isHtml] of [
    [item.html, true],
    [item.text, false],
    [item.summary, looksLikeHtml(item.summary)],
  ] as const) {
    if (!value || value.trim() === '') continue;
    const digest = sha256(value);
    if (!isHtml) return { content: { format: 'txt', text: value.trim(), meta: {}, encoding, digest } };
    const article = await extract(value, item.url ?? undefined);
    if (article.text.trim() !== '') return { content: { format: 'html', text: article.text, meta: pickBodyMeta(article.meta), encoding, digest } };
    skipped ??= article.skipped;
  }
  return skipped === undefined ? { content: null } : { skipped };
}

/** A fragment of feed HTML has no page-level metadata worth keeping beyond what the extractor found in the body. */
function pickBodyMeta(meta: InputMetadata): InputMetadata {
  return { author: meta.author, published: meta.published };
}

function looksLikeHtml(value: string | null): boolean {
  return value !== null && /<\/?[a-z][\w-]*[\s>/]/i.test(value);
}
