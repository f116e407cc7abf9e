import type { RawDocument } from '../ingest/types.js';

export type ArticleStatus =
  | 'ok'
  | 'error-page'
  | 'paywalled'
  | 'stub'
  | 'duplicate'
  | 'too-short'
  | 'empty'
  | 'language';

export type DateSource = 'metadata' | 'dateline' | 'page' | 'inferred' | 'unknown';

export interface PublishedDate {
  /** YYYY-MM-DD, or null when unknown. */
  date: string | null;
  source: DateSource;
  /** False whenever the date is a guess (inferred, or a page date the body contradicts). */
  certain: boolean;
  /** Why this date, in a sentence a reader can check. */
  note?: string;
}

/** A piece of text the cleaner took out of the body, and the rule that did it. */
export interface Removal {
  rule: string;
  text: string;
}

export interface CleanArticle {
  /** Stable id derived from the input path and content (e.g. "a-<8 hex>" or the file stem); same input, same id. */
  id: string;
  path: string;
  title: string;
  outlet: string | null;
  /** Where the outlet came from: 'metadata' | 'credit-line' | 'masthead' | 'url'. */
  outletSource: string | null;
  url: string | null;
  author: string | null;
  /** BCP 47 primary tag ("en"): detected from the text when it is long enough, else the page's declared language. */
  language: string | null;
  published: PublishedDate;
  /** Cleaned body, one paragraph per entry. */
  paragraphs: string[];
  removed: Removal[];
  status: ArticleStatus;
  /** For a status other than ok: a sentence saying why. */
  statusReason?: string;
  /** Id of the article this one duplicates, for status 'duplicate'. */
  duplicateOf?: string;
  digest: string;
  /** Place (and wire) of a dateline taken out of the body, e.g. "KUALA LUMPUR" or "WASHINGTON (Reuters)". */
  dateline?: string;
  /** The page's own date (header or byline line), YYYY-MM-DD, even when `published` does not trust it. */
  pageDate?: string;
}

export type { RawDocument };

/** Options of the cleaner; every field has a default. */
export interface CleanOptions {
  /** Body words below which an article is 'too-short' (default 15, a one-sentence brief). */
  minWords?: number;
  /**
   * Languages (BCP 47 primary tags) the engine's rules are written for and the briefing accepts; an article known
   * to be in another is given the status 'language'. 'any' accepts every language. Default: DEFAULT_LANGUAGES.
   */
  languages?: readonly string[] | 'any';
}

