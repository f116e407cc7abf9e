import type { IncomingHttpHeaders } from 'node:http';

export function headerValue(headers: IncomingHttpHeaders, name: string): string | null {
  const value = headers[name.toLowerCase()];
  if (Array.isArray(value)) return value[0] ?? null;
  return value ?? null;
}

/** The media type (lower-case) and charset parameter of a Content-Type header. */
export function parseContentType(header: string | null): { contentType: string | null; charset: string | null } {
  if (header === null) return { contentType: null, charset: null };
  const [type = '', ...params] = header.split(';');
  const mediaType = type.trim().toLowerCase();
  let charset: string | null = null;
  for (const param of params) {
    const eq = param.indexOf('=');
    if (eq < 0 || param.slice(0, eq).trim().toLowerCase() !== 'charset') continue;
    const value = param
      .slice(eq + 1)
      .trim()
      .replace(/^"(.*)"$/, '$1')
      .trim()
      .toLowerCase();
    if (value !== '') charset = value;
    break;
  }
  return { contentType: mediaType === '' ? null : mediaType, charset };
}

/**
 * Retry-After as a delay in milliseconds: either delta-seconds or an HTTP date.
 * Returns null when absent or unparseable, so the caller falls back to its own backoff.
 */
export function parseRetryAfter(header: string | null, now: number = Date.now()): number | null {
  if (header === null) return null;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  // Date.parse accepts bare numbers such as "-5" as years; a real HTTP date always names its month.
  const date = /[a-z]/i.test(trimmed) ? Date.parse(trimmed) : Number.NaN;
  if (Number.isNaN(date)) return null;
  return Math.max(0, date - now);
}

export interface CacheControl {
  noStore: boolean;
  noCache: boolean;
  maxAgeSeconds: number | null;
}

export function parseCacheControl(header: string | null): CacheControl {
  const result: CacheControl = { noStore: false, noCache: false, maxAgeSeconds: null };
  for (const directive of (header ?? '').split(',')) {
    const [name = '', value = ''] = directive.split('=').map((part) => part.trim().toLowerCase());
    if (name === 'no-store') result.noStore = true;
    else if (name === 'no-cache') result.noCache = true;
    else if (name === 'max-age' && /^\d+$/.test(value.replace(/^"(.*)"$/, '$1'))) result.maxAgeSeconds = Number(value.replace(/^"(.*)"$/, '$1'));
  }
  return result;
}
