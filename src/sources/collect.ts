import { ingest } from '../ingest/index.js';
import { mergeMetadata } from '../ingest/metadata-fields.js';
import { keywordFilter } from './filter.js';
import { FEED_ACCEPT, feedFromLoaded, feedSource, loadFeeds } from './feed.js';
import { loadLocation } from './load-bytes.js';
import { urlIdentity } from '../text/url.js';
import { appendAll } from '../util/append.js';
import { hasScheme, isHttpUrl, parseUrlList } from './locations.js';
import { mapInOrder } from '../util/map-in-order.js';
import { emptyOutcome, failedOutcome, itemExcluded, mergeOutcomes, type SourceOutcome } from './outcome.js';
import { PAGE_ACCEPT, pageFromResponse } from './page.js';
import type { CollectDeps, CollectResult, FetchedResource, SourceSpec } from './types.js';
import { errorMessage } from '../util/errors.js';

/** Sources are read a few at a time; what reaches one host is limited by the fetcher. */
const SOURCE_CONCURRENCY = 4;
const OPML_ACCEPT = 'text/x-opml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.1';
/** A command-line URL may be a feed or a page: ask for either. */
const SNIFF_ACCEPT = `${FEED_ACCEPT.replace(', */*;q=0.1', '')}, text/html;q=0.8, */*;q=0.1`;

/**
 * Reads every source into raw documents, as ingest() does for files. A source or an article that cannot be read never
 * stops the run: it becomes an `excluded` entry naming the source and why. Documents come in source order, then item
 * order; an article already read from an earlier source (same URL) is kept once.
 */
export async function collectSources(sources: SourceSpec[], deps: CollectDeps): Promise<CollectResult> {
  const outcomes = await mapInOrder(sources, SOURCE_CONCURRENCY, (spec) => collectOneSafely(spec, deps));
  const merged = mergeOutcomes(outcomes);
  const seen = new Set<string>();
  const result: CollectResult = { documents: [], excluded: merged.excluded, warnings: merged.warnings, failedSources: merged.failed };
  let duplicates = 0;
  for (const { document, urlKey: key } of merged.documents) {
    if (key !== null && seen.has(key)) {
      duplicates++;
      continue;
    }
    if (key !== null) seen.add(key);
    result.documents.push(document);
  }
  if (duplicates > 0) result.warnings.push(`${duplicates} article${duplicates === 1 ? '' : 's'} read from more than one source kept once`);
  return result;
}

async function collectOneSafely(spec: SourceSpec, deps: CollectDeps): Promise<SourceOutcome> {
  let outcome: SourceOutcome;
  try {
    outcome = await collectOne(spec, deps);
  } catch (error) {
    // A bug on one odd source must not cost the others.
    outcome = failedOutcome(spec, describeLocation(spec), `could not be processed: ${errorMessage(error)}`);
  }
  if (outcome.filtered > 0) {
    outcome.warnings.push(`source "${spec.name}": ${outcome.filtered} article${outcome.filtered === 1 ? '' : 's'} left out by its include/exclude keywords`);
  }
  // A source that yielded nothing but errors has failed as a whole, even when each error was about one of its items.
  if (outcome.failed.length === 0 && outcome.documents.length === 0 && outcome.excluded.length > 0) {
    const first = outcome.excluded[0]!.reason.replace(`source "${spec.name}": `, '');
    const count = outcome.excluded.length;
    outcome.failed.push({ name: spec.name, location: describeLocation(spec), reason: count === 1 ? first : `all ${count} articles failed; first: ${first}` });
  }
  return outcome;
}

function collectOne(spec: SourceSpec, deps: CollectDeps): Promise<SourceOutcome> {
  switch (spec.kind) {
    case 'path':
      return pathSource(spec, deps);
    case 'feed':
      return feedSource(spec, single(spec), deps);
    case 'opml':
      return opmlSource(spec, deps);
    case 'page':
      return pagesSource(spec, [single(spec)], deps);
    case 'pages':
      return pagesFromList(spec, deps);
    case 'url':
      return sniffedSource(spec, single(spec), deps);
  }
}

function single(spec: SourceSpec): string {
  return Array.isArray(spec.location) ? spec.location[0]! : spec.location;
}

function describeLocation(spec: SourceSpec): string {
  return Array.isArray(spec.location) ? spec.location.join(', ') : spec.location;
}

/** Files and folders, read exactly as ingest() reads them; the source's outlet, language and keywords then apply. */
async function pathSource(spec: SourceSpec, deps: CollectDeps): Promise<SourceOutcome> {
  const locations = Array.isArray(spec.location) ? spec.location : [spec.location];
  const outcome = emptyOutcome();
  const paths: string[] = [];
  for (const location of locations) {
    if (hasScheme(location)) outcome.excluded.push(itemExcluded(spec, location, `"${location}" is not a local path; use kind: feed, page or pages for URLs`));
    else paths.push(location);
  }
  if (paths.length === 0) return outcome;
  const read = await ingest(paths, deps.ingest ?? {});
  appendAll(outcome.excluded, read.excluded);
  appendAll(outcome.warnings, read.warnings ?? []);
  const keep = keywordFilter(spec);
  for (const document of read.documents) {
    if (keep && !keep(document.meta.title, document.text)) {
      outcome.filtered++;
      continue;
    }
    const meta = spec.outlet || spec.language ? mergeMetadata(document.meta, { source: spec.outlet, language: spec.language }) : document.meta;
    outcome.documents.push({ document: meta === document.meta ? document : { ...document, meta }, urlKey: null });
  }
  return outcome;
}

async function opmlSource(spec: SourceSpec, deps: CollectDeps): Promise<SourceOutcome> {
  const location = single(spec);
  const loaded = await loadLocation(location, deps, OPML_ACCEPT);
  if (!loaded.ok) return failedOutcome(spec, location, loaded.reason);
  let feeds: { title: string | null; xmlUrl: string }[];
  const warnings: string[] = [];
  const { parseOpml } = await loadFeeds();
  try {
    const opml = parseOpml(loaded.resource.body, { baseUrl: loaded.fromNetwork ? loaded.resource.url : undefined });
    feeds = opml.feeds;
    appendAll(warnings, (opml.warnings ?? []).map((warning) => `source "${spec.name}": ${warning}`));
  } catch (error) {
    return failedOutcome(spec, location, `not a readable OPML feed list: ${errorMessage(error)}`);
  }
  if (feeds.length === 0) return failedOutcome(spec, location, 'the OPML file lists no http(s) feeds (outline elements with xmlUrl)');
  // Each listed feed is a source of its own, so one failing feed is reported by name and the others still count.
  const outcomes = await mapInOrder(feeds, SOURCE_CONCURRENCY, (feed) => {
    const child: SourceSpec = { ...spec, kind: 'feed', name: `${spec.name} / ${feed.title ?? feed.xmlUrl}`, location: feed.xmlUrl };
    return isHttpUrl(feed.xmlUrl) ? feedSource(child, feed.xmlUrl, deps) : Promise.resolve(failedOutcome(child, feed.xmlUrl, 'only http(s) feed URLs are fetched'));
  });
  const merged = mergeOutcomes(outcomes);
  merged.warnings = appendAll(warnings, merged.warnings);
  return merged;
}

async function pagesFromList(spec: SourceSpec, deps: CollectDeps): Promise<SourceOutcome> {
  if (Array.isArray(spec.location)) return pagesSource(spec, spec.location, deps);
  if (isHttpUrl(spec.location)) return pagesSource(spec, [spec.location], deps);
  const list = await loadLocation(spec.location, deps, 'text/plain');
  if (!list.ok) return failedOutcome(spec, spec.location, `the list of page URLs could not be read: ${list.reason}`);
  const urls = parseUrlList(new TextDecoder('utf-8').decode(list.resource.body));
  if (urls.length === 0) return failedOutcome(spec, spec.location, 'the list of page URLs is empty (write one URL a line)');
  return pagesSource(spec, urls, deps);
}

async function pagesSource(spec: SourceSpec, urls: string[], deps: CollectDeps): Promise<SourceOutcome> {
  const outcomes = await mapInOrder(urls, SOURCE_CONCURRENCY, async (url) => {
    if (!isHttpUrl(url)) {
      const outcome = emptyOutcome();
      outcome.excluded.push(itemExcluded(spec, url, `"${url}" is not an http(s) URL; use kind: path for files`));
      return outcome;
    }
    const loaded = await loadLocation(url, deps, PAGE_ACCEPT);
    if (!loaded.ok) {
      const outcome = emptyOutcome();
      outcome.excluded.push(itemExcluded(spec, url, loaded.reason));
      return outcome;
    }
    return pageOutcome(spec, url, loaded.resource, deps);
  });
  return mergeOutcomes(outcomes);
}

async function pageOutcome(spec: SourceSpec, url: string, resource: FetchedResource, deps: CollectDeps): Promise<SourceOutcome> {
  const outcome = emptyOutcome();
  const page = await pageFromResponse(resource, deps.ingest?.extract);
  if (!page.ok) {
    outcome.excluded.push(itemExcluded(spec, url, page.reason));
    return outcome;
  }
  const { format, text, encoding, digest } = page.page;
  const meta = mergeMetadata({ url }, page.page.meta, { source: spec.outlet, language: spec.language });
  const keep = keywordFilter(spec);
  if (keep && !keep(meta.title, text)) outcome.filtered++;
  else outcome.documents.push({ document: { path: url, format, text, meta, encoding, digest }, urlKey: urlIdentity(url) });
  return outcome;
}

/** A URL from the command line: a feed when what it serves looks like one, else a web page. One request either way. */
async function sniffedSource(spec: SourceSpec, url: string, deps: CollectDeps): Promise<SourceOutcome> {
  const loaded = await loadLocation(url, deps, SNIFF_ACCEPT);
  if (!loaded.ok) return failedOutcome(spec, url, loaded.reason);
  const { looksLikeFeed } = await loadFeeds();
  if (looksLikeFeed(loaded.resource.body, loaded.resource.contentType ?? null)) return feedFromLoaded(spec, url, loaded, deps);
  return pageOutcome(spec, url, loaded.resource, deps);
}
