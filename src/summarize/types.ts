import type { ThreadLink } from '../group/link.js';

export interface SummarySentence {
  text: string;
  articleIds: string[];
}

export interface Conflict {
  about: string;
  /** `text` is the sentence the value was reported in; `surface` the value as written with its qualifier ("more than 23"). */
  values: { value: number; unit: string | null; text: string; articleId: string; surface?: string }[];
}

export interface SummarizeOptions {
  /** Summary length in words for a thread (default 120) and an event (default 60). */
  threadWords?: number;
  eventWords?: number;
  /** How many of the most important threads are summarised in full; the rest are in brief (default DEFAULT_THREADS_IN_FULL). */
  threadsInFull?: number;
}

/**
 * A briefing's reader reads a few dozen stories in full; past that a headline and a line each tell what else
 * happened. It also bounds the cost of a day of thousands of articles: figures and quotes are looked for only in
 * the threads shown in full.
 */
export const DEFAULT_THREADS_IN_FULL = 40;

import type { Figure, Quote } from '../analyze/types.js';

export interface EventSummary {
  id: string;
  date: string | null;
  dateCertain: boolean;
  headline: string;
  summary: SummarySentence[];
  articleIds: string[];
}

export interface ThreadSummary {
  threadId: string;
  headline: string;
  summary: SummarySentence[];
  events: EventSummary[];
  /** Ranked, most important first, de-duplicated across articles. */
  figures: Figure[];
  /** Numbers kept out of the key figures that would have ranked among them, each with its `dropped` rule (audit). */
  droppedFigures?: Figure[];
  quotes: Quote[];
  /** Quotations not shown (a title, a fragment, no speaker ...), each with its `problem` (audit). */
  droppedQuotes?: Quote[];
  conflicts: Conflict[];
  articleIds: string[];
  /** What its articles share (entity keys and words): why they were put together (from grouping). */
  link: ThreadLink;
  /** Importance used to rank threads (sources, recency, weight of figures; without figures for a thread in brief). */
  score: number;
  /** Past the threads shown in full: headline, one lead sentence and sources only (no figures, quotes, event summaries). */
  inBrief?: boolean;
}
