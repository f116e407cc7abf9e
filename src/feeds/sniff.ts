import { JSON_FEED_VERSION } from './jsonfeed.js';

const FEED_TYPES = /^(application\/(rss|atom|rdf)\+xml|application\/(feed|jsonfeed)\+json)$/i;
const HEAD_BYTES = 64 * 1024;

export type SniffedKind = 'xml-feed' | 'json-feed' | 'html' | 'other-xml' | 'other-json' | 'text' | 'unknown';

/** Classifies a document from its first bytes, without decoding it fully. */
export function sniffDocument(bytes: Uint8Array): SniffedKind {
  const head = headText(bytes);
  const start = head.replace(/^\s+/, '');
  if (start.startsWith('{')) {
    const version = /"version"\s*:\s*"([^"]*)"/.exec(head);
    return version && JSON_FEED_VERSION.test(version[1]!) ? 'json-feed' : 'other-json';
  }
  if (!start.startsWith('<')) return start === '' ? 'unknown' : 'text';
  // Skip the prolog: XML declaration, processing instructions, comments, the DOCTYPE (with an internal subset).
  const withoutProlog = start.replace(/^(?:<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!DOCTYPE[^[>]*(?:\[[\s\S]*?\])?\s*>|\s+)*/i, '');
  const root = /^<([A-Za-z_][\w.:-]*)/.exec(withoutProlog);
  if (!root) return /^<!DOCTYPE\s+html/i.test(start) ? 'html' : 'unknown';
  const local = root[1]!.split(':').pop()!.toLowerCase();
  if (local === 'rss' || local === 'rdf' || local === 'feed') return 'xml-feed';
  if (local === 'html') return 'html';
  return 'other-xml';
}

/** Whether the bytes are a feed: the root element (rss, rdf:RDF, feed) or a JSON Feed version; the content type decides only when the bytes do not. */
export function looksLikeFeed(bytes: Uint8Array, contentType?: string | null): boolean {
  const kind = sniffDocument(bytes);
  if (kind === 'xml-feed' || kind === 'json-feed') return true;
  if (kind !== 'unknown') return false;
  const mediaType = contentType?.split(';')[0]?.trim() ?? '';
  return FEED_TYPES.test(mediaType);
}

function headText(bytes: Uint8Array): string {
  const head = bytes.subarray(0, HEAD_BYTES);
  if (head[0] === 0xff && head[1] === 0xfe) return new TextDecoder('utf-16le').decode(head.subarray(2));
  if (head[0] === 0xfe && head[1] === 0xff) return new TextDecoder('utf-16be').decode(head.subarray(2));
  const start = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
  // Latin-1 keeps every ASCII byte in place whatever the real encoding, which is all the sniffing needs.
  return Buffer.from(head.subarray(start)).toString('latin1');
}
