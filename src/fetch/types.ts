import { programInfo } from '../version.js';

export interface FetchOptions {
  /** Sent on every request so that site operators can tell who is calling and why. */
  userAgent?: string;
  /** Time allowed to open the TCP (and TLS) connection. */
  connectTimeoutMs?: number;
  /** Time allowed for the whole exchange: connection, headers and the complete body. */
  timeoutMs?: number;
  /** Largest body accepted, counted after decompression. */
  maxBytes?: number;
  maxRedirects?: number;
  /** Extra attempts after a transient failure (network error, 408, 429, 500, 502, 503, 504). */
  retries?: number;
  /** Backoff before retry n (0-based) is base * 2^n, capped; a Retry-After header wins when present (capped too). */
  retryBaseDelayMs?: number;
  /** Upper bound on any single backoff delay, Retry-After included; default 30_000. */
  maxRetryDelayMs?: number;
  perHostConcurrency?: number;
  concurrency?: number;
  /** Folder of the HTTP cache; null disables it. */
  cacheDir?: string | null;
  /**
   * Allow requests to loopback, private, link-local, CGNAT, multicast and other non-public addresses. Off by
   * default: a feed's links must not make the program reach internal services or cloud metadata endpoints.
   */
  allowPrivateNetworks?: boolean;
  /** Non-public destinations allowed anyway: host names ("intranet.example", "*.corp.example"), IPs, CIDR ranges. */
  allowHosts?: readonly string[];
  /**
   * Time allowed for all the fetches of one Fetcher (one run), counted from its creation; requests still pending
   * when it passes are abandoned and reported as skipped, and what arrived before is used.
   */
  runDeadlineMs?: number;
}

export interface FetchResult {
  /** The final URL after redirects. */
  url: string;
  status: number;
  /** Media type only, lower-case. */
  contentType: string | null;
  /** From the Content-Type header only. */
  charset: string | null;
  body: Uint8Array;
  /** True when served from the cache after a 304. */
  fromCache: boolean;
}

export interface FetchInit {
  accept?: string;
}

export type ResolvedFetchOptions = Required<Omit<FetchOptions, 'cacheDir'>> & { cacheDir: string | null };

export const DEFAULT_ACCEPT = '*/*';

/**
 * Two minutes: four times the per-request timeout, so one slow server costs its own timeout and no more, while a
 * morning run stuck on trickling servers still finishes with what it has. Large source lists may raise it.
 */
export const DEFAULT_RUN_DEADLINE_MS = 120_000;

export function defaultUserAgent(): string {
  const { name, version } = programInfo();
  return `${name}/${version} (+https://github.com/briefing; daily news briefing)`;
}

export function resolveOptions(options: FetchOptions = {}): ResolvedFetchOptions {
  return {
    userAgent: options.userAgent ?? defaultUserAgent(),
    connectTimeoutMs: positive(options.connectTimeoutMs, 10_000),
    timeoutMs: positive(options.timeoutMs, 30_000),
    maxBytes: positive(options.maxBytes, 5 * 1024 * 1024),
    maxRedirects: nonNegative(options.maxRedirects, 5),
    retries: nonNegative(options.retries, 2),
    retryBaseDelayMs: nonNegative(options.retryBaseDelayMs, 500),
    // Retry-After can ask for hours; a daily briefing run should not wait that long.
    maxRetryDelayMs: nonNegative(options.maxRetryDelayMs, 30_000),
    perHostConcurrency: positive(options.perHostConcurrency, 2),
    concurrency: positive(options.concurrency, 8),
    cacheDir: options.cacheDir ?? null,
    allowPrivateNetworks: options.allowPrivateNetworks ?? false,
    allowHosts: options.allowHosts ?? [],
    runDeadlineMs: positive(options.runDeadlineMs, DEFAULT_RUN_DEADLINE_MS),
  };
}

function positive(value: number | undefined, fallback: number): number {
  return value !== undefined && Number.isFinite(value) && value > 0 ? value : fallback;
}

function nonNegative(value: number | undefined, fallback: number): number {
  return value !== undefined && Number.isFinite(value) && value >= 0 ? Math.floor(value) : fallback;
}
