import { BriefingError } from '../util/errors.js';

export type FeedErrorReason =
  | 'malformed'
  | 'not-a-feed'
  | 'entity-expansion'
  | 'external-entity'
  /** Reserved: parseFeed keeps the first maxItems items and warns rather than failing. */
  | 'too-many-items'
  | 'undecodable';

/** A feed or OPML document that cannot be read; `reason` is machine-readable, the message says what to do. */
export class FeedError extends BriefingError {
  readonly reason: FeedErrorReason;
  /** 1-based line of a malformed-XML error, when known. */
  readonly line: number | null;
  constructor(reason: FeedErrorReason, message: string, options?: { cause?: unknown; line?: number | null }) {
    super(message, options);
    this.reason = reason;
    this.line = options?.line ?? null;
  }
}
