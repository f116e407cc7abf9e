import type { BriefingArticle } from '../model/schema.js';
import { urlIdentity } from '../text/url.js';
import { sha256Hex } from '../util/hash.js';

/** The article's content hash, computed by compose from its cleaned body: same text, same hash, whatever the source. */
export function contentHash(article: Pick<BriefingArticle, 'contentHash'>): string {
  return article.contentHash;
}

/** Every key an article is known by in memory: "u:<url>" when it has one, and "h:<content hash>". */
export function articleKeys(article: BriefingArticle): string[] {
  const url = urlIdentity(article.url);
  return [...(url ? [`u:${url}`] : []), `h:${contentHash(article)}`];
}

/** The one key an event record stores per article: its URL when known, else its fingerprint. */
export function primaryKey(article: BriefingArticle): string {
  return articleKeys(article)[0]!;
}
