import { BriefingError } from '../util/errors.js';

export type FetchFailureReason =
  | 'scheme'
  | 'timeout'
  | 'connect-timeout'
  | 'too-large'
  | 'too-many-redirects'
  | 'redirect-loop'
  | 'http-status'
  | 'network'
  | 'invalid-url'
  /** The destination is a loopback, private, link-local... address the configuration does not allow. */
  | 'refused'
  /** The run's overall fetch deadline passed first; the request was abandoned (or never started). */
  | 'run-deadline';

/** A URL could not be fetched; `reason` lets callers report the failing source without parsing the message. */
export class FetchError extends BriefingError {
  /** The URL that failed: the requested one, or the redirect target whose request failed. */
  readonly url: string;
  readonly reason: FetchFailureReason;
  readonly status?: number;

  constructor(url: string, reason: FetchFailureReason, message: string, options?: { status?: number; cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.url = url;
    this.reason = reason;
    if (options?.status !== undefined) this.status = options.status;
  }
}

const TRANSIENT_STATUSES = new Set([408, 429, 500, 502, 503, 504]);

export function isTransientStatus(status: number): boolean {
  return TRANSIENT_STATUSES.has(status);
}

/** Worth another attempt: the same request may well succeed a moment later. */
export function isTransient(error: unknown): boolean {
  if (!(error instanceof FetchError)) return false;
  if (error.reason === 'network' || error.reason === 'connect-timeout') return true;
  return error.reason === 'http-status' && error.status !== undefined && isTransientStatus(error.status);
}
