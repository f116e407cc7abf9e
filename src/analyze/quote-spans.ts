import { wordCount } from '../text/words.js';
import { isTitleCase, tokenize } from './tokens.js';

/** A quoted stretch of text: `start`/`end` include the quote marks, `innerStart`/`innerEnd` do not. */
export interface QuoteSpan {
  start: number;
  end: number;
  innerStart: number;
  innerEnd: number;
  mark: 'double' | 'single';
}

const DOUBLE_OPEN = new Set(['“', '„', '«']);

/**
 * Pairs double quote marks (straight, curly, and the ``...'' of tokenized corpora) in reading order. A mark left
 * without a partner is ignored, so one stray quote cannot swallow the rest of a paragraph.
 */
export function findDoubleQuoteSpans(text: string): QuoteSpan[] {
  const spans: QuoteSpan[] = [];
  let open: { at: number; length: number } | null = null;
  for (const match of text.matchAll(/``|''|["“”„«»]/gu)) {
    const at = match.index ?? 0;
    const mark = match[0];
    if (DOUBLE_OPEN.has(mark) || mark === '``') {
      open = { at, length: mark.length };
    } else if (open) {
      spans.push({ start: open.at, end: at + mark.length, innerStart: open.at + open.length, innerEnd: at, mark: 'double' });
      open = null;
    } else if (mark === '"') {
      open = { at, length: 1 };
    }
  }
  return spans;
}

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

function opensSingle(text: string, i: number): boolean {
  const before = i === 0 ? ' ' : text[i - 1];
  const after = text[i + 1] ?? ' ';
  return (/[\s(\[—–-]/u.test(before) || i === 0) && LETTER_OR_DIGIT.test(after);
}

function closesSingle(text: string, i: number): boolean {
  const before = text[i - 1] ?? ' ';
  const after = text[i + 1] ?? ' ';
  return !/\s/u.test(before) && !LETTER_OR_DIGIT.test(after);
}

/**
 * Single-quoted stretches ('...' and ‘...’), told apart from apostrophes ("Russia's", "students' union") by what
 * stands on either side of the mark. Only stretches outside `exclude` (usually the double-quoted spans) are returned.
 */
export function findSingleQuoteSpans(text: string, exclude: readonly QuoteSpan[] = []): QuoteSpan[] {
  const spans: QuoteSpan[] = [];
  let openAt = -1;
  for (const match of text.matchAll(/['‘’]/gu)) {
    const i = match.index ?? 0;
    const ch = match[0];
    if (text[i - 1] === ch || text[i + 1] === ch) continue; // half of a '' double mark
    if (openAt < 0) {
      if ((ch === "'" || ch === '‘') && opensSingle(text, i)) openAt = i;
    } else if ((ch === "'" || ch === '’') && closesSingle(text, i)) {
      spans.push({ start: openAt, end: i + 1, innerStart: openAt + 1, innerEnd: i, mark: 'single' });
      openAt = -1;
    }
  }
  const inside = (span: QuoteSpan) => exclude.some((outer) => span.start >= outer.start && span.end <= outer.end);
  const overlaps = (span: QuoteSpan) => exclude.some((outer) => span.start < outer.end && outer.start < span.end);
  return spans.filter((span) => !inside(span) && !overlaps(span));
}

/** Double-quoted spans plus single-quoted ones, in reading order. */
export function findQuoteSpans(text: string): QuoteSpan[] {
  const doubles = findDoubleQuoteSpans(text);
  return [...doubles, ...findSingleQuoteSpans(text, doubles)].sort((a, b) => a.start - b.start);
}

/** A quotation rather than scare quotes around a word or two ("new idea", "terrorism"). */
export function isRealQuote(text: string, span: QuoteSpan): boolean {
  return wordCount(text.slice(span.innerStart, span.innerEnd)) >= 3;
}

/** Fewer words than this are a slogan, a name or a fragment far more often than a statement ("Meth. We're on it."). */
export const MIN_STATEMENT_WORDS = 4;

/** Lower-case words that may open a statement: its own subject ("we won't roll the dice on public safety"). */
const SUBJECT_PRONOUNS = new Set(['i', 'we', 'you', 'he', 'she', 'it', 'they', 'there', "i'm", "we're", "it's", "they're", "there's", "we've", "i've"]);

export type QuoteTextProblem = 'too-short' | 'title' | 'fragment';

/**
 * Why quoted words are not a statement someone made, as far as their form shows, or null. Title case marks the
 * title of a work or an event ("What A Fool Believes"); a lower-case start is a piece of the reporter's own sentence
 * ("said China 'is going to have to make a deal'") unless it opens with its own subject. (A statement also has a
 * verb: `hasVerb`, the costlier test, is left to the caller.)
 */
export function quoteTextProblem(quoted: string): QuoteTextProblem | null {
  if (wordCount(quoted) < MIN_STATEMENT_WORDS) return 'too-short';
  const opening = quoted.replace(/^[^\p{L}\p{N}]+/u, '');
  if (isTitleCase(opening, tokenize(opening), 2)) return 'title';
  const firstWord = /^[\p{L}'’]+/u.exec(opening)?.[0].replace('’', "'").toLowerCase() ?? '';
  if (/^\p{Ll}/u.test(opening) && !SUBJECT_PRONOUNS.has(firstWord)) return 'fragment';
  return null;
}

export function insideAnySpan(position: number, spans: readonly QuoteSpan[]): boolean {
  return spans.some((span) => position >= span.start && position < span.end);
}
