import { FetchError } from './errors.js';

/** Parses a URL and refuses anything but http(s): a feed must never make us read file:// or talk ftp://. */
export function parseFetchUrl(raw: string, base?: URL): URL {
  let url: URL;
  try {
    url = base ? new URL(raw, base) : new URL(raw);
  } catch {
    const where = base ? ` (a redirect from ${base.href})` : '';
    throw new FetchError(raw, 'invalid-url', `"${raw}"${where} is not a valid URL: use an absolute http:// or https:// address.`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    const where = base ? ` ${base.href} redirected to ${url.href}, but` : '';
    throw new FetchError(url.href, 'scheme', `${where} only http:// and https:// URLs are fetched, not ${url.protocol}// (${url.href}).`.trim());
  }
  // The fragment never reaches the server; dropping it makes cache keys and loop detection agree.
  url.hash = '';
  return url;
}
