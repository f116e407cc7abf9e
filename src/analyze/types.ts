import type { CleanArticle } from '../clean/types.js';

export interface Sentence {
  articleId: string;
  /** Index in the article, 0-based, in reading order. */
  index: number;
  paragraph: number;
  text: string;
}

export type EntityType = 'person' | 'place' | 'organization';

/** An entity after variants are merged (Sergei / Sergey Lavrov, Kiev / Kyiv, Mr Rubio / Marco Rubio). */
export interface Entity {
  /** Stable key, e.g. "person:marco-rubio". */
  key: string;
  name: string;
  type: EntityType;
  variants: string[];
  /** Number of mentions across the articles analysed together. */
  mentions: number;
  articleIds: string[];
}

export interface EntityMention {
  key: string;
  surface: string;
  sentenceIndex: number;
  /** Character offsets of the surface in the sentence's text. */
  start?: number;
  end?: number;
}

export interface Quantity {
  /** The exact text matched, e.g. "€10bn", "415", "30-day", "two million". */
  surface: string;
  value: number;
  /** Normalized unit: ISO currency code ("EUR", "USD", "GBP"), "percent", "day", "kilometre", ... or null for a bare count. */
  unit: string | null;
  /** Character offsets in the text it was found in. */
  start: number;
  end: number;
  kind: 'count' | 'money' | 'percent' | 'duration' | 'measure' | 'ordinal' | 'year' | 'date' | 'age' | 'number';
  /** Both ends of a range ("$40-50 billion", "between 5 and 10 million"); `value` is then their midpoint, as quantulum reads ranges. */
  range?: { low: number; high: number };
}

export interface Figure {
  /** The number, or the low end of a range. */
  value: number;
  /** The high end of a range ("$40-50 billion"), absent for a single value. */
  valueHigh?: number;
  unit: string | null;
  /** What is counted or measured, e.g. "drones and missiles", "people killed", "pledged to help rebuild Ukraine". */
  label: string;
  surface: string;
  /** The sentence it came from. */
  text: string;
  articleId: string;
  sentenceIndex: number;
  kind: Quantity['kind'];
  /** Higher is more important; ages, years and trivia score low. */
  score: number;
  /** Set when the number cannot be a key figure: the rule that kept it out (a year, a code, background...). */
  dropped?: string;
}

/** named: a person or organization named in the text; unnamed: a source described, not named ("a spokesperson for CBP"). */
export type SpeakerKind = 'named' | 'unnamed';

/** Why a quotation is not shown: a title or slogan, a fragment of reported speech, or no speaker a reader can trust. */
export type QuoteProblem = 'too-short' | 'title' | 'fragment' | 'no-verb' | 'no-speaker';

export interface Quote {
  text: string;
  /**
   * The fullest name the article gives when named (canonical entity name, or the attribution as written: "Moscow's
   * foreign ministry"), the description of an unnamed source ("an insider"), else null.
   */
  speaker: string | null;
  speakerKey: string | null;
  speakerKind: SpeakerKind | null;
  /** The speaker's role as the article introduces them ("Apple's chief executive"), else null. */
  speakerRole: string | null;
  /** Why it must not be shown, null when it may be (kept for audit). */
  problem: QuoteProblem | null;
  articleId: string;
  sentenceIndex: number;
}

export interface AnalyzedArticle {
  article: CleanArticle;
  sentences: Sentence[];
  mentions: EntityMention[];
  /** Figures best first; those that cannot be key figures are kept too, marked `dropped` with the rule. */
  figures: Figure[];
  quotes: Quote[];
  /** Dates mentioned in the body, resolved where possible (YYYY-MM-DD), with the sentence they are in. */
  datesMentioned: { date: string; sentenceIndex: number; surface: string }[];
  /** False after the first depth only (analyzeForGrouping): figures and quotes were not looked for yet. */
  inFull: boolean;
}

export interface Analysis {
  articles: AnalyzedArticle[];
  entities: Entity[];
}
