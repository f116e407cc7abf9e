export interface FeedItem {
  id: string | null;
  title: string | null;
  /** Absolute http(s) only: relative links are resolved against xml:base / the site / the feed URL; other schemes dropped. */
  url: string | null;
  /** ISO 8601 when parseable (UTC `...Z` when the source gives a zone, no zone when it gives none, a bare date for date-only), else null. */
  published: string | null;
  author: string | null;
  /** Full content when the feed carries it (content:encoded, Atom content, JSON Feed content_html). */
  html: string | null;
  /** Plain content (JSON Feed content_text, Atom content type="text") when given. */
  text: string | null;
  /** description / summary (often a teaser). */
  summary: string | null;
}

export interface ParsedFeed {
  format: 'rss2' | 'rss1' | 'atom' | 'jsonfeed';
  title: string | null;
  siteUrl: string | null;
  language: string | null;
  items: FeedItem[];
  /** Problems that did not stop the feed from being read (capped items, unparseable dates, dropped links). */
  warnings: string[];
}

export interface ParseFeedOptions {
  /** The feed's own URL (or a file URL's stand-in); relative links resolve against it. */
  baseUrl?: string;
  /** The charset from the HTTP Content-Type header: trusted before the BOM and the XML prolog. */
  headerCharset?: string | null;
  /** Keep the first N items and warn about the rest. Default 500. */
  maxItems?: number;
}

export interface OpmlFeed {
  title: string | null;
  xmlUrl: string;
  htmlUrl: string | null;
}

export interface ParsedOpml {
  title: string | null;
  feeds: OpmlFeed[];
  /** Outlines left out (no usable xmlUrl, a non-http scheme, a duplicate). */
  warnings: string[];
}
