import http from 'node:http';
import https from 'node:https';
import { AddressGuard } from './address-guard.js';
import { retryDelayMs, sleep } from './backoff.js';
import { HttpCache, type CacheEntry } from './cache.js';
import { ACCEPT_ENCODING, decodeContent } from './decompress.js';
import { FetchError, isTransient, isTransientStatus } from './errors.js';
import { headerValue, parseCacheControl, parseContentType, parseRetryAfter, type CacheControl } from './headers.js';
import { ConcurrencyLimiter } from '../util/limiter.js';
import { RunDeadline } from './deadline.js';
import { refused, requestOnce, type Agents, type RawResponse, type RequestGuards } from './request.js';
import { DEFAULT_ACCEPT, resolveOptions, type FetchInit, type FetchOptions, type FetchResult, type ResolvedFetchOptions } from './types.js';
import { parseFetchUrl } from './url.js';

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/** A hop's outcome: either the final answer or where to go next. */
type HopOutcome = { kind: 'done'; result: FetchResult } | { kind: 'redirect'; location: string };

/**
 * Polite, bounded HTTP GETs: one Fetcher per run shares its concurrency limits, keep-alive
 * connections and cache across every source.
 */
export class Fetcher {
  private readonly options: ResolvedFetchOptions;
  private readonly limiter: ConcurrencyLimiter;
  private readonly cache: HttpCache | null;
  private readonly agents: Agents;
  private readonly guard: AddressGuard;
  private readonly deadline: RunDeadline;
  private readonly guards: RequestGuards;

  constructor(options: FetchOptions = {}) {
    this.options = resolveOptions(options);
    this.limiter = new ConcurrencyLimiter(this.options.concurrency, this.options.perHostConcurrency);
    this.cache = this.options.cacheDir === null ? null : new HttpCache(this.options.cacheDir);
    this.agents = { http: new http.Agent({ keepAlive: true }), https: new https.Agent({ keepAlive: true }) };
    this.guard = new AddressGuard({ allowPrivateNetworks: this.options.allowPrivateNetworks, allowHosts: this.options.allowHosts });
    this.deadline = new RunDeadline(this.options.runDeadlineMs);
    this.guards = { lookup: this.guard.lookup, signal: this.deadline.signal, deadlineError: (href) => this.deadline.error(href) };
  }

  async fetch(url: string, init: FetchInit = {}): Promise<FetchResult> {
    let current = parseFetchUrl(url);
    const visited = new Set<string>([current.href]);
    for (let redirects = 0; ; redirects += 1) {
      const outcome = await this.fetchHopWithRetries(current, init).catch((error: unknown) => {
        throw redirects > 0 && error instanceof FetchError && error.reason === 'refused' ? redirectRefused(url, error) : error;
      });
      if (outcome.kind === 'done') return outcome.result;
      const next = parseFetchUrl(outcome.location, current);
      if (visited.has(next.href)) {
        throw new FetchError(url, 'redirect-loop', `${url} redirects in a loop (${current.href} -> ${next.href}, already visited): the site is misconfigured; fix or remove this source.`);
      }
      if (redirects + 1 > this.options.maxRedirects) {
        throw new FetchError(url, 'too-many-redirects', `${url} redirected more than ${this.options.maxRedirects} times (last to ${next.href}): use the final address directly or raise maxRedirects.`);
      }
      visited.add(next.href);
      current = next;
    }
  }

  /** Closes idle keep-alive connections and stops the deadline's timer; the Fetcher stays usable until the deadline. */
  close(): void {
    this.agents.http.destroy();
    this.agents.https.destroy();
    this.deadline.dispose();
  }

  private async fetchHopWithRetries(url: URL, init: FetchInit): Promise<HopOutcome> {
    for (let attempt = 0; ; attempt += 1) {
      try {
        return await this.fetchHop(url, init);
      } catch (error) {
        if (!isTransient(error) || attempt >= this.options.retries) throw error;
        const retryAfter = error instanceof RetryableStatus ? error.retryAfterMs : null;
        await this.deadline.race(url.href, sleep(retryDelayMs(attempt, this.options.retryBaseDelayMs, retryAfter, this.options.maxRetryDelayMs)));
      }
    }
  }

  private async fetchHop(url: URL, init: FetchInit): Promise<HopOutcome> {
    this.deadline.throwIfPassed(url.href);
    // An address written in the URL is never looked up, so the connection's lookup cannot check it: check it here,
    // before the cache too, so a copy fetched under a looser configuration is not served under a stricter one.
    const refusal = this.guard.checkLiteral(url.hostname);
    if (refusal) throw refused(url.href, refusal);
    const cached = this.cache ? await this.cache.get(url.href) : null;
    // The server said this copy may be reused without asking: a re-run costs it nothing.
    if (cached && cached.freshUntil !== null && Date.now() < cached.freshUntil) return { kind: 'done', result: fromCache(url, cached) };
    const headers: Record<string, string> = {
      'user-agent': this.options.userAgent,
      accept: init.accept ?? DEFAULT_ACCEPT,
      'accept-encoding': ACCEPT_ENCODING,
    };
    if (cached?.etag) headers['if-none-match'] = cached.etag;
    if (cached?.lastModified) headers['if-modified-since'] = cached.lastModified;

    const release = await this.deadline.race(url.href, this.limiter.acquire(url.host), (late) => late());
    let response: RawResponse;
    let body: Buffer;
    try {
      response = await requestOnce(url, headers, this.options, this.agents, this.guards);
      body = response.body.length === 0 ? response.body : await decodeContent(response.body, headerValue(response.headers, 'content-encoding'), url.href, this.options.maxBytes);
    } finally {
      release();
    }
    return this.interpret(url, response, body, cached);
  }

  private async interpret(url: URL, response: RawResponse, body: Buffer, cached: CacheEntry | null): Promise<HopOutcome> {
    const { status, headers } = response;
    if (status === 304 && cached) {
      await this.refresh(cached, headers);
      return { kind: 'done', result: fromCache(url, cached) };
    }
    const location = headerValue(headers, 'location');
    if (REDIRECT_STATUSES.has(status) && location !== null) return { kind: 'redirect', location };
    if (status >= 200 && status <= 299) {
      const { contentType, charset } = parseContentType(headerValue(headers, 'content-type'));
      // A copy: small Buffers share Node's pool, and callers should not see (or keep alive) other data.
      const bytes = new Uint8Array(body);
      if (status === 200) await this.store(url, headers, contentType, charset, bytes);
      return { kind: 'done', result: { url: url.href, status, contentType, charset, body: bytes, fromCache: false } };
    }
    const message = `${url.href} answered HTTP ${status}${isTransientStatus(status) ? ', a temporary server failure that outlasted the retries; try again later' : ': check the URL or remove this source'}.`;
    if (isTransientStatus(status)) {
      throw new RetryableStatus(url.href, status, message, parseRetryAfter(headerValue(headers, 'retry-after')));
    }
    throw new FetchError(url.href, 'http-status', message, { status });
  }

  private async store(url: URL, headers: http.IncomingHttpHeaders, contentType: string | null, charset: string | null, body: Uint8Array): Promise<void> {
    const control = parseCacheControl(headerValue(headers, 'cache-control'));
    if (!this.cache || control.noStore) return;
    const etag = headerValue(headers, 'etag');
    const lastModified = headerValue(headers, 'last-modified');
    const freshUntil = freshnessDeadline(control);
    // Without a validator or a freshness lifetime the entry could never be used, so it would only waste disk.
    if (etag === null && lastModified === null && freshUntil === null) return;
    await this.put({ url: url.href, etag, lastModified, contentType, charset, freshUntil, body });
  }

  /** A 304 may carry new validators or a new lifetime; keeping them spares the next run a request. */
  private async refresh(cached: CacheEntry, headers: http.IncomingHttpHeaders): Promise<void> {
    const freshUntil = freshnessDeadline(parseCacheControl(headerValue(headers, 'cache-control')));
    const etag = headerValue(headers, 'etag') ?? cached.etag;
    const lastModified = headerValue(headers, 'last-modified') ?? cached.lastModified;
    if (freshUntil === cached.freshUntil && etag === cached.etag && lastModified === cached.lastModified) return;
    await this.put({ ...cached, etag, lastModified, freshUntil });
  }

  private async put(entry: CacheEntry): Promise<void> {
    try {
      await this.cache?.put(entry);
    } catch {
      // The cache only saves bandwidth: a read-only or full disk must not fail a fetch that succeeded.
    }
  }
}

/** A redirect's target refused: the message names the URL that was asked for and where it led. */
function redirectRefused(original: string, error: FetchError): FetchError {
  const message = error.message.replace(/^refused /, `refused ${original}: it redirects to `);
  return new FetchError(error.url, 'refused', message, { cause: error });
}

function freshnessDeadline(control: CacheControl): number | null {
  if (control.noCache || control.maxAgeSeconds === null || control.maxAgeSeconds <= 0) return null;
  return Date.now() + control.maxAgeSeconds * 1000;
}

function fromCache(url: URL, entry: CacheEntry): FetchResult {
  return { url: url.href, status: 200, contentType: entry.contentType, charset: entry.charset, body: entry.body, fromCache: true };
}

/** A transient HTTP status, carrying the server's Retry-After for the backoff. */
class RetryableStatus extends FetchError {
  constructor(
    url: string,
    status: number,
    message: string,
    readonly retryAfterMs: number | null,
  ) {
    super(url, 'http-status', message, { status });
    this.name = 'FetchError';
  }
}
