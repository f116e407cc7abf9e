import { isNonTerminalAbbreviation } from './abbreviations.js';
import { findDoubleQuoteSpans, type QuoteSpan } from './quote-spans.js';
import { collapseWhitespace, isCollapsed, isWhitespaceUnit } from '../text/spaces.js';
import { isHighSurrogate, isLowSurrogate, LETTER, NUMBER, pairClasses, unitClasses } from '../text/letters.js';

const TERMINAL = new Set(['.', '!', '?', '…']);
const CLOSERS = new Set([')', ']', '’', "'"]);
/** What may open the next sentence: a capital, a digit, an opening quote or bracket. */
const SENTENCE_START = /[\p{Lu}\p{N}"“‘'(\[«`]/u;

/**
 * Splits text into sentences. Each line-separated block is a paragraph and is split on its own, so a headline line
 * without a period never runs into the body; a line that continues in lower case is rejoined (hard wrap).
 */
export function splitSentences(text: string): string[] {
  return paragraphsOf(text).flatMap(splitParagraph);
}

/** Lines of text regrouped into paragraphs: a line is joined to the previous one only when it is clearly a wrap. */
export function paragraphsOf(text: string): string[] {
  // A cleaned paragraph is one collapsed line already (nearly all are): it is its own one paragraph.
  if (isCollapsed(text)) return text ? [text] : [];
  const paragraphs: string[] = [];
  let current = '';
  for (const rawLine of text.split(/\r?\n/)) {
    const line = collapseWhitespace(rawLine);
    if (!line) {
      if (current) paragraphs.push(current);
      current = '';
    } else if (current && (/^[\p{Ll}]/u.test(line) || /[,;–-]$/u.test(current))) {
      current += ' ' + line;
    } else {
      if (current) paragraphs.push(current);
      current = line;
    }
  }
  if (current) paragraphs.push(current);
  return paragraphs;
}

/** Splits one paragraph (no line breaks) into sentences. */
export function splitParagraph(paragraph: string): string[] {
  // White space runs made one space, trimmed: the sentences are slices of this text.
  const text = collapseWhitespace(paragraph);
  const bounds = sentenceBounds(text);
  const sentences: string[] = [];
  for (let k = 0; k < bounds.length; k += 2) sentences.push(text.slice(bounds[k], bounds[k + 1]));
  return sentences;
}

/**
 * Where each sentence of a normalized paragraph starts and ends, flat ([start, end, start, end...]): `splitParagraph`
 * as numbers, so an article's sentences can be kept as offsets into its text and sliced again when read.
 */
export function sentenceBounds(text: string): number[] {
  if (!text) return [];
  const quotes = findDoubleQuoteSpans(text);
  const bounds: number[] = [];
  let start = 0;
  let i = 0;
  const terminal = /[.!?…]/gu;
  while (i < text.length) {
    terminal.lastIndex = i;
    const found = terminal.exec(text);
    if (!found) break;
    i = found.index;
    const boundary = sentenceEndAfter(text, i, quotes);
    if (boundary === null) {
      i = skipPunctuationRun(text, i);
      continue;
    }
    pushTrimmed(bounds, text, start, boundary.end);
    start = boundary.next;
    i = boundary.next;
  }
  const before = bounds.length;
  pushTrimmed(bounds, text, start, text.length);
  // The text after the last boundary is a sentence only when something is left once trimmed.
  if (bounds[before] === bounds[before + 1]) bounds.length = before;
  return bounds;
}

/** The bounds of `text.slice(start, end).trim()`. */
function pushTrimmed(bounds: number[], text: string, start: number, end: number): void {
  let from = start;
  let to = end;
  while (from < to && isWhitespaceUnit(text.charCodeAt(from))) from++;
  while (to > from && isWhitespaceUnit(text.charCodeAt(to - 1))) to--;
  bounds.push(from, to);
}

function skipPunctuationRun(text: string, i: number): number {
  let j = i;
  while (j < text.length && TERMINAL.has(text[j])) j++;
  return j;
}

/** If the punctuation at `i` ends a sentence: where the sentence ends and where the next begins. */
function sentenceEndAfter(text: string, i: number, quotes: readonly QuoteSpan[]): { end: number; next: number } | null {
  const runEnd = skipPunctuationRun(text, i);
  const run = text.slice(i, runEnd);
  if (run.includes('…') || run.includes('..')) return null; // ellipses trail off, they do not end sentences
  let end = runEnd;
  let closedQuote = false;
  while (end < text.length) {
    const closing = spanAt(quotes, end);
    // Tokenized text puts a space before the closing mark: `Fine . ''`.
    if (closing && closing.innerEnd >= end && text.slice(end, closing.innerEnd).trim() === '') {
      closedQuote = true;
      end = closing.end;
    } else if (CLOSERS.has(text[end])) {
      end++;
    } else break;
  }
  if (end < text.length && text[end] !== ' ') return null;
  let next = end;
  while (next < text.length && text[next] === ' ') next++;
  if (next >= text.length) return null; // the end of the paragraph is handled by the caller
  if (!SENTENCE_START.test(text[next])) return null;
  const around = spanAt(quotes, i);
  const enclosing = around && i >= around.innerStart && i < around.innerEnd ? around : undefined;
  if (enclosing && !(closedQuote && enclosing.end <= end)) return null;
  if (run === '.' && isNonTerminalAbbreviation(wordBefore(text, i), wordAfter(text, next))) return null;
  return { end, next };
}

/** The quote span containing `position` (spans are sorted and disjoint): a binary search keeps long texts linear. */
function spanAt(spans: readonly QuoteSpan[], position: number): QuoteSpan | undefined {
  let low = 0;
  let high = spans.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const span = spans[middle];
    if (position < span.start) high = middle - 1;
    else if (position >= span.end) low = middle + 1;
    else return span;
  }
  return undefined;
}

/** The letters, digits and dots right before `i` (at most 40 characters back), leading dots dropped: "U.S" of "U.S.". */
function wordBefore(text: string, i: number): string {
  // Read backwards from `i`, as /[\p{L}\p{N}.]*$/u finds it in the 40 characters before: a regex anchored at the end
  // would be tried from every one of them.
  const from = Math.max(0, i - 40);
  let start = i;
  while (start > from) {
    const code = text.charCodeAt(start - 1);
    if (code < 0x80) {
      if (!((code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a) || (code >= 0x30 && code <= 0x39) || code === 0x2e)) break;
      start--;
      continue;
    }
    // A letter outside the BMP is a surrogate pair, both halves inside the window.
    const width = isLowSurrogate(code) && start - 2 >= from && isHighSurrogate(text.charCodeAt(start - 2)) ? 2 : 1;
    const classes = width === 2 ? pairClasses(text, start - 2) : unitClasses(code);
    if ((classes & (LETTER | NUMBER)) === 0) break;
    start -= width;
  }
  return text.slice(start, i).replace(/^\.+/, '');
}


function wordAfter(text: string, i: number): string {
  const match = /^[("“‘'\[«]*([\p{L}\p{N}]+)/u.exec(text.slice(i, i + 40));
  return match ? match[1] : '';
}
