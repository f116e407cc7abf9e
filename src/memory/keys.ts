import type { BriefingArticle } from '../model/schema.js';
import { sha256Hex } from '../util/hash.js';

/**
 * The URL as a memory key: fragment, default port, trailing slash and common tracking parameters removed, host
 * lower-cased, so the same page reached through a feed and a share link is one article.
 */
export function normalizeUrl(url: string | null): string | null {
  if (!url) return null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return url.trim() || null;
  }
  parsed.hash = '';
  for (const name of [...parsed.searchParams.keys()]) {
    if (/^(utm_\w+|fbclid|gclid|mc_cid|mc_eid|ref)$/i.test(name)) parsed.searchParams.delete(name);
  }
  parsed.searchParams.sort();
  const path = parsed.pathname.replace(/\/+$/, '') || '/';
  return `${parsed.protocol}//${parsed.host.toLowerCase()}${path}${parsed.search}`;
}

/** The article's content hash, computed by compose from its cleaned body: same text, same hash, whatever the source. */
export function contentHash(article: Pick<BriefingArticle, 'contentHash'>): string {
  return article.contentHash;
}

/** Every key an article is known by in memory: "u:<url>" when it has one, and "h:<content hash>". */
export function articleKeys(article: BriefingArticle): string[] {
  const url = normalizeUrl(article.url);
  return [...(url ? [`u:${url}`] : []), `h:${contentHash(article)}`];
}

/** The one key an event record stores per article: its URL when known, else its fingerprint. */
export function primaryKey(article: BriefingArticle): string {
  return articleKeys(article)[0]!;
}
