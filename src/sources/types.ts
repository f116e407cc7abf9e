import type { IngestOptions, IngestResult } from '../ingest/types.js';

export const SOURCE_KINDS = ['feed', 'opml', 'page', 'pages', 'path'] as const;
/** 'url' is not written in configuration: it is a command-line URL whose kind is decided by sniffing what it serves. */
export type SourceKind = (typeof SOURCE_KINDS)[number] | 'url';

export const FULL_TEXT_MODES = ['auto', 'feed', 'page'] as const;
/** auto: the feed's content when it is full text, else the linked page; feed: never fetch pages; page: always fetch them. */
export type FullTextMode = (typeof FULL_TEXT_MODES)[number];

/** One named place news comes from, as written under `sources:` in the configuration. */
export interface SourceSpec {
  name: string;
  kind: SourceKind;
  /** A URL or a path; for `pages` a list of URLs or a file of URLs (one a line); for `path` one or more files or folders. */
  location: string | string[];
  /** Outlet name given to every article of the source (else the feed's title or the page's site name). */
  outlet?: string;
  language?: string;
  /** Keep only articles whose title or text contains one of these words (case-insensitive, whole words). */
  include?: string[];
  /** Drop articles whose title or text contains one of these words. */
  exclude?: string[];
  fullText?: FullTextMode;
  maxItems?: number;
}

/** What the sources stage needs of an HTTP response (the shape of src/fetch's Fetcher result). */
export interface FetchedResource {
  /** The final URL, after redirects. */
  url: string;
  status: number;
  contentType?: string | null;
  /** Charset from the Content-Type header, when it names one. */
  charset?: string | null;
  body: Uint8Array;
  fromCache?: boolean;
}

export interface SourceFetcher {
  fetch(url: string, options?: { accept?: string }): Promise<FetchedResource>;
}

/** A source that produced nothing because it could not be read at all. */
export interface FailedSource {
  name: string;
  location: string;
  reason: string;
}

export interface CollectResult extends IngestResult {
  warnings: string[];
  failedSources: FailedSource[];
}

export interface CollectDeps {
  /** Needed only by sources on the network; a source that needs it without one is reported as failed. */
  fetcher?: SourceFetcher;
  ingest?: IngestOptions;
  /** The run's clock (reserved for date filters; kept so callers pass one instant through the run). */
  now?: Date;
}
