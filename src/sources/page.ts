import { decodeBytes } from '../text/decode.js';
import { extractHere, type HtmlExtractor } from '../ingest/extract-html.js';
import { sha256Hex as sha256 } from '../util/hash.js';
import type { InputMetadata } from '../ingest/types.js';
import type { FetchedResource } from './types.js';

export const PAGE_ACCEPT = 'text/html,application/xhtml+xml;q=0.9,text/plain;q=0.5,*/*;q=0.1';

export interface PageContent {
  format: 'html' | 'txt';
  text: string;
  meta: InputMetadata;
  encoding: string;
  digest: string;
}

export type PageOutcome = { ok: true; page: PageContent } | { ok: false; reason: string };

/** The main text and metadata of a fetched page; a page that is not HTML or plain text, or has no text, is a reason. */
export async function pageFromResponse(response: FetchedResource, extract: HtmlExtractor = extractHere): Promise<PageOutcome> {
  const type = (response.contentType ?? '').toLowerCase();
  const isHtml = type === '' || type === 'text/html' || type === 'application/xhtml+xml';
  if (!isHtml && type !== 'text/plain') {
    return { ok: false, reason: `not a web page (Content-Type ${type}); list only article pages` };
  }
  if (response.body.length === 0) return { ok: false, reason: 'the server sent an empty page' };
  // The one decoder; the HTTP charset is the transport's word on the encoding.
  const decoded = decodeBytes(response.body, 'html', response.charset ?? null);
  if (!decoded.ok) return { ok: false, reason: decoded.reason };
  const digest = sha256(response.body);
  if (!isHtml) {
    return { ok: true, page: { format: 'txt', text: decoded.text.replace(/\r\n?/g, '\n'), meta: { url: response.url }, encoding: decoded.encoding, digest } };
  }
  const article = await extract(decoded.text, response.url);
  if (article.text.trim() === '') return { ok: false, reason: article.skipped ?? 'no article text found in the page' };
  return { ok: true, page: { format: 'html', text: article.text, meta: article.meta, encoding: decoded.encoding, digest } };
}
