import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../util/atomic-write.js';
import { sha256Hex } from '../util/hash.js';

/** What is kept per URL: the body and the validators needed to ask "has it changed?". */
export interface CacheEntry {
  url: string;
  etag: string | null;
  lastModified: string | null;
  contentType: string | null;
  charset: string | null;
  /** Epoch ms until which the server allowed reuse without asking (Cache-Control max-age); null: always revalidate. */
  freshUntil: number | null;
  body: Uint8Array;
}

/** The entry as written: validators as they are, the body as base64 with its hash to detect a torn file. */
interface StoredEntry extends Omit<CacheEntry, 'body'> {
  version: 1;
  bodySha256: string;
  body: string;
}

/** One JSON file per URL, named by the URL's hash; an unreadable or inconsistent file counts as a miss. */
export class HttpCache {
  constructor(private readonly dir: string) {}

  pathFor(url: string): string {
    return join(this.dir, `${sha256Hex(url)}.json`);
  }

  async get(url: string): Promise<CacheEntry | null> {
    let text: string;
    try {
      text = await readFile(this.pathFor(url), 'utf8');
    } catch {
      return null;
    }
    try {
      return decodeEntry(JSON.parse(text) as unknown, url);
    } catch {
      return null;
    }
  }

  async put(entry: CacheEntry): Promise<void> {
    const stored: StoredEntry = {
      version: 1,
      ...entry,
      bodySha256: sha256Hex(entry.body),
      body: Buffer.from(entry.body).toString('base64'),
    };
    await writeFileAtomic(this.pathFor(entry.url), `${JSON.stringify(stored)}\n`);
  }
}

function decodeEntry(value: unknown, url: string): CacheEntry | null {
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Record<string, unknown>;
  if (v.version !== 1 || v.url !== url || typeof v.body !== 'string' || typeof v.bodySha256 !== 'string') return null;
  const etag = nullableString(v.etag);
  const lastModified = nullableString(v.lastModified);
  const contentType = nullableString(v.contentType);
  const charset = nullableString(v.charset);
  if (etag === undefined || lastModified === undefined || contentType === undefined || charset === undefined) return null;
  const freshUntil = v.freshUntil === null || (typeof v.freshUntil === 'number' && Number.isFinite(v.freshUntil)) ? v.freshUntil : undefined;
  if (freshUntil === undefined) return null;
  if (etag === null && lastModified === null && freshUntil === null) return null;
  const body = new Uint8Array(Buffer.from(v.body, 'base64'));
  // A truncated or hand-edited body would otherwise be served as if the server had confirmed it.
  if (sha256Hex(body) !== v.bodySha256) return null;
  return { url, etag, lastModified, contentType, charset, freshUntil, body };
}

function nullableString(value: unknown): string | null | undefined {
  if (value === null) return null;
  return typeof value === 'string' ? value : undefined;
}
