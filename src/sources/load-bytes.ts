import { DEFAULT_MAX_BYTES } from '../ingest/index.js';
import { readBytes } from '../ingest/read-bytes.js';
import { errorMessage } from '../util/errors.js';
import { hasScheme, isHttpUrl } from './locations.js';
import type { CollectDeps, FetchedResource } from './types.js';

export type Loaded = { ok: true; resource: FetchedResource; fromNetwork: boolean } | { ok: false; reason: string };

/**
 * The bytes at a location: an http(s) URL through the fetcher, a plain path from disk. Every other scheme (file://,
 * ftp:, data:) is refused, so neither a configuration nor a feed can make the program read something else.
 */
export async function loadLocation(location: string, deps: CollectDeps, accept: string): Promise<Loaded> {
  if (isHttpUrl(location)) {
    if (!deps.fetcher) return { ok: false, reason: `cannot fetch ${location}: no fetcher was configured` };
    try {
      return { ok: true, resource: await deps.fetcher.fetch(location, { accept }), fromNetwork: true };
    } catch (error) {
      return { ok: false, reason: errorMessage(error) };
    }
  }
  if (hasScheme(location)) {
    return { ok: false, reason: `"${location}" is neither an http(s) URL nor a local path; only http and https are fetched` };
  }
  const read = await readBytes(location, deps.ingest?.maxBytes ?? DEFAULT_MAX_BYTES);
  if (!read.ok) return { ok: false, reason: `${location}: ${read.reason}` };
  return { ok: true, resource: { url: location, status: 200, contentType: null, charset: null, body: read.bytes }, fromNetwork: false };
}
