import { FeedError } from './errors.js';
import { cleanBlock, cleanInline } from '../text/markup.js';
import { ItemContext } from './item-context.js';
import type { FeedItem, ParsedFeed } from './types.js';
import { resolveUrl, usableBase } from './urls.js';

export const JSON_FEED_VERSION = /^https?:\/\/jsonfeed\.org\/version\/\d/;

/** JSON Feed 1.0 / 1.1. `maxItems` caps before any item is read. */
export function readJsonFeed(text: string, baseUrl: string | null, maxItems: number): ParsedFeed {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new FeedError('malformed', `malformed JSON Feed: ${(error as Error).message}`, { cause: error });
  }
  if (!isRecord(data) || typeof data.version !== 'string' || !JSON_FEED_VERSION.test(data.version)) {
    throw new FeedError('not-a-feed', 'the JSON document is not a JSON Feed (no "version": "https://jsonfeed.org/version/1.1")');
  }
  const warnings: string[] = [];
  const base = usableBase(str(data.feed_url), baseUrl) ?? baseUrl;
  const siteUrl = usableBase(resolveUrl(str(data.home_page_url), base));
  const rawItems = Array.isArray(data.items) ? data.items : [];
  if (!Array.isArray(data.items)) warnings.push('the JSON Feed has no "items" array');
  if (rawItems.length > maxItems) {
    warnings.push(`the feed has ${rawItems.length} items; kept the first ${maxItems} (maxItems)`);
  }
  const context = new ItemContext();
  const feedAuthor = authorOf(data);
  let skipped = 0;
  const items: FeedItem[] = [];
  for (const raw of rawItems.slice(0, maxItems)) {
    if (!isRecord(raw)) {
      skipped++;
      continue;
    }
    const id = typeof raw.id === 'number' ? String(raw.id) : cleanInline(str(raw.id));
    items.push({
      id,
      title: cleanInline(str(raw.title)),
      url: context.url(str(raw.url), base) ?? context.url(str(raw.external_url), base),
      published: context.date(str(raw.date_published), str(raw.date_modified)),
      author: authorOf(raw) ?? feedAuthor,
      html: cleanBlock(str(raw.content_html)),
      text: cleanBlock(str(raw.content_text)),
      summary: cleanBlock(str(raw.summary)),
    });
  }
  if (skipped > 0) warnings.push(`${skipped} item(s) were not JSON objects and were skipped`);
  return {
    format: 'jsonfeed',
    title: cleanInline(str(data.title)),
    siteUrl,
    language: cleanInline(str(data.language)),
    items,
    warnings: [...warnings, ...context.warnings()],
  };
}

function authorOf(record: Record<string, unknown>): string | null {
  const authors = Array.isArray(record.authors) ? record.authors : record.author !== undefined ? [record.author] : [];
  const names = authors.map((author) => (isRecord(author) ? cleanInline(str(author.name)) : null)).filter((name) => name);
  return names.length > 0 ? names.join(', ') : null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function str(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

