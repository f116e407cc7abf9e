import type { ThreadLink } from './link.js';

export interface EventGroup {
  /** Deterministic id, e.g. "e-<8 hex>" from its sorted article ids. */
  id: string;
  /** YYYY-MM-DD when the happening took place (best evidence), or null. */
  date: string | null;
  dateCertain: boolean;
  /** Articles in this event, near-duplicates included. */
  articleIds: string[];
  /** Pairs [duplicate, original]: the same copy in several outlets, counted once. */
  nearDuplicates: [string, string][];
}

export interface ThreadGroup {
  id: string;
  events: EventGroup[];
  articleIds: string[];
  /** What its articles share (names and words): why they were put together. */
  link: ThreadLink;
}

export interface Grouping {
  threads: ThreadGroup[];
}

/** Knobs of `groupArticles`; every field has a default chosen on principle (see src/group/defaults.ts). */
export interface GroupOptions {
  /** Average-link similarity two groups of articles need to be one event. */
  eventThreshold?: number;
  /** Looser average-link similarity two events need to be one thread. */
  threadThreshold?: number;
  /** Share of the smaller article's word 5-grams found in the other for the pair to be the same copy. */
  nearDuplicateContainment?: number;
  /** Up to this many articles every pair is compared; above it candidates are blocked on shared rare terms. */
  allPairsLimit?: number;
  /** Sentences (after the headline) that make an article's lead, the view cores are built on (default 4). */
  leadSentences?: number;
  /**
   * A story cluster is split in two when articles across the two parts are less alike than this share of the
   * articles within the looser part, in most views and beyond noise (0 never splits). A lone article, parts
   * reported on the same days and parts dated weeks apart move the bar (src/group/refine.ts).
   */
  splitRatio?: number;
  /** Loose average-link similarity (whole text) of the first, generous cut that is then split at gaps. */
  storyThreshold?: number;
  /** Weight multiplier of entity tokens (people and places; organizations get half the extra). */
  entityBoost?: number;
}
