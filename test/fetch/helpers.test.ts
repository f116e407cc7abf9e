import { describe, expect, it } from 'vitest';
import { retryDelayMs } from '../../src/fetch/backoff.js';
import { isTransient, FetchError } from '../../src/fetch/errors.js';
import { parseCacheControl, parseContentType, parseRetryAfter } from '../../src/fetch/headers.js';
import { parseFetchUrl } from '../../src/fetch/url.js';
import { BriefingError } from '../../src/util/errors.js';

describe('parseContentType', () => {
  it.each([
    [null, null, null],
    ['text/html', 'text/html', null],
    ['TEXT/XML; Charset=KOI8-R', 'text/xml', 'koi8-r'],
    ['application/xml; foo=bar; charset="windows-1251"', 'application/xml', 'windows-1251'],
    ['; charset=utf-8', null, 'utf-8'],
    ['text/plain; charset=', 'text/plain', null],
  ])('%s -> %s, %s', (header, type, charset) => {
    expect(parseContentType(header)).toEqual({ contentType: type, charset });
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2025-07-10T12:00:00Z');
  it('reads seconds and HTTP dates', () => {
    expect(parseRetryAfter('3', now)).toBe(3000);
    expect(parseRetryAfter('Thu, 10 Jul 2025 12:00:05 GMT', now)).toBe(5000);
    expect(parseRetryAfter('Thu, 10 Jul 2025 11:00:00 GMT', now)).toBe(0);
  });
  it('returns null for absent or unreadable values', () => {
    expect(parseRetryAfter(null, now)).toBeNull();
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(parseRetryAfter('-5', now)).toBeNull();
  });
});

describe('retryDelayMs', () => {
  it('doubles from the base and is capped', () => {
    expect([0, 1, 2, 3].map((n) => retryDelayMs(n, 500, null, 3000))).toEqual([500, 1000, 2000, 3000]);
  });
  it('prefers Retry-After, capped', () => {
    expect(retryDelayMs(0, 500, 2000, 30_000)).toBe(2000);
    expect(retryDelayMs(0, 500, 3_600_000, 30_000)).toBe(30_000);
  });
});

describe('FetchError', () => {
  it('is a BriefingError carrying url, reason and status', () => {
    const error = new FetchError('http://x/', 'http-status', 'x answered 503', { status: 503 });
    expect(error).toBeInstanceOf(BriefingError);
    expect(error.exitCode).toBe(1);
    expect(error.name).toBe('FetchError');
    expect(error.status).toBe(503);
    expect(isTransient(error)).toBe(true);
    expect(isTransient(new FetchError('http://x/', 'http-status', 'gone', { status: 404 }))).toBe(false);
    expect(isTransient(new FetchError('http://x/', 'timeout', 'slow'))).toBe(false);
    expect(isTransient(new FetchError('http://x/', 'network', 'reset'))).toBe(true);
    expect(isTransient(new Error('other'))).toBe(false);
  });
});

describe('parseCacheControl', () => {
  it('reads no-store, no-cache and max-age', () => {
    expect(parseCacheControl(null)).toEqual({ noStore: false, noCache: false, maxAgeSeconds: null });
    expect(parseCacheControl('public, Max-Age=300')).toEqual({ noStore: false, noCache: false, maxAgeSeconds: 300 });
    expect(parseCacheControl('no-store')).toMatchObject({ noStore: true });
    expect(parseCacheControl('no-cache, max-age="60"')).toEqual({ noStore: false, noCache: true, maxAgeSeconds: 60 });
    expect(parseCacheControl('max-age=soon')).toMatchObject({ maxAgeSeconds: null });
  });
});

describe('parseFetchUrl', () => {
  it('resolves relative links against a base and drops the fragment', () => {
    expect(parseFetchUrl('../b?x=1#top', new URL('https://example.org/a/c/')).href).toBe('https://example.org/a/b?x=1');
  });
  it('refuses other schemes, also when relative resolution produces them', () => {
    expect(() => parseFetchUrl('file:///etc/passwd', new URL('https://example.org/'))).toThrow(/only http/);
    expect(() => parseFetchUrl('data:text/plain,hi')).toThrow(FetchError);
  });
});
