import { hasPossessive } from './normalize.js';
import { classesAt, isApostrophe, LETTER, MARK, NUMBER, UPPER, WIDE } from '../text/letters.js';

export interface Token {
  text: string;
  start: number;
  end: number;
  /** Starts with a capital letter (or is a dotted acronym such as "U.S."). */
  capitalized: boolean;
  /** Ends in 's / ’s / s' — a name that ends there ("Russia's forces"). */
  possessive: boolean;
  /** No word comes before it in its sentence, or only an opening quote or a colon: its capital says nothing. */
  initial: boolean;
  /**
   * The word as the name rules compare it (possessive and dots dropped) and that lower-cased, made when first asked
   * (classify.ts): the rules ask many questions of each word, always of the same two strings.
   */
  bare?: string;
  lower?: string;
}

/**
 * Word tokens of a sentence with their offsets: what `/(?:\p{Lu}\.){2,}|[\p{L}\p{M}\p{N}]+(?:[-'’][\p{L}\p{M}\p{N}]+)*['’]?/gu`
 * matches (a dotted acronym such as "U.S.", else a word whose hyphens and apostrophes join letters, with a closing
 * apostrophe), found by one scan of the code units against text/letters.ts's table instead of the regex.
 */
export function tokenize(sentence: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < sentence.length) {
    const first = wordCharacterAt(sentence, i);
    if (first === 0) {
      i++;
      continue;
    }
    const start = i;
    const end = acronymEnd(sentence, start) ?? wordEnd(sentence, start);
    const text = sentence.slice(start, end);
    const previousEnd = tokens.length ? tokens[tokens.length - 1]!.end : 0;
    tokens.push({
      text,
      start,
      end,
      capitalized: (first & UPPER) !== 0,
      possessive: hasPossessive(text),
      initial: tokens.length === 0 || opensSentence(sentence, previousEnd, start),
      bare: undefined,
      lower: undefined,
    });
    i = end;
  }
  return tokens;
}

const WORD_CLASSES = LETTER | MARK | NUMBER;

/**
 * The classes (text/letters.ts) of the letter, mark or number at `at`, with WIDE set when it is a surrogate pair;
 * 0 when no such character starts there.
 */
function wordCharacterAt(text: string, at: number): number {
  if (at >= text.length) return 0;
  const code = text.charCodeAt(at);
  // ASCII inline, before the table (measured: the lookup costs tokenize ~7% on 1,500 articles of the 10k day).
  if (code < 0x80) {
    if (code >= 0x61 && code <= 0x7a) return LETTER;
    if (code >= 0x41 && code <= 0x5a) return LETTER | UPPER;
    return code >= 0x30 && code <= 0x39 ? NUMBER : 0;
  }
  const classes = classesAt(text, at);
  return (classes & WORD_CLASSES) !== 0 ? classes & (WORD_CLASSES | UPPER | WIDE) : 0;
}

const widthOf = (classes: number) => ((classes & WIDE) !== 0 ? 2 : 1);

/** `(?:\p{Lu}\.){2,}` at `start`: where two or more capitals each followed by a dot end, else null. */
function acronymEnd(text: string, start: number): number | null {
  let at = start;
  let letters = 0;
  for (;;) {
    const classes = wordCharacterAt(text, at);
    if ((classes & UPPER) === 0) break;
    const dot = at + widthOf(classes);
    if (text.charCodeAt(dot) !== 0x2e) break;
    at = dot + 1;
    letters++;
  }
  return letters >= 2 ? at : null;
}

/**
 * `[\p{L}\p{M}\p{N}]+(?:[-'’][\p{L}\p{M}\p{N}]+)*['’]?` at `start` (a word character): greedy all through, as the
 * regex is, since nothing after a run of word characters can make a longer match fail.
 */
function wordEnd(text: string, start: number): number {
  let at = wordRunEnd(text, start);
  for (;;) {
    const joint = text.charCodeAt(at);
    if ((joint === 0x2d || isApostrophe(joint)) && wordCharacterAt(text, at + 1) !== 0) at = wordRunEnd(text, at + 1);
    else break;
  }
  return isApostrophe(text.charCodeAt(at)) ? at + 1 : at;
}

function wordRunEnd(text: string, start: number): number {
  let at = start;
  for (let classes = wordCharacterAt(text, at); classes !== 0; classes = wordCharacterAt(text, at)) at += widthOf(classes);
  return at;
}

/** Does the gap between two words (only punctuation and spaces) start a new sentence or a quotation? */
function opensSentence(sentence: string, from: number, to: number): boolean {
  let i = to - 1;
  while (i >= from && sentence[i] === ' ') i--;
  if (i < from) return false;
  const ch = sentence[i];
  if (ch === ':' || ch === '“' || ch === '"' || ch === '‘' || ch === '(') return true;
  return (ch === '.' || ch === '!' || ch === '?') && i < to - 1;
}

const FUNCTION_WORDS = new Set(['of', 'and', 'the', 'to', 'in', 'on', 'at', 'for', 'a', 'an', 'by', 'with', 'as', 'from', 'or', 'is', 'vs']);

/**
 * A headline set in title case ("Lavrov and Rubio Seek Ukraine Peace Roadmap at ASEAN Summit"): its capitals mark
 * words, not names, so names in it are only trusted one word at a time. Below `minWords` words other than function
 * words, capitals say too little to tell.
 */
export function isTitleCase(sentence: string, tokens: readonly Token[], minWords = 3): boolean {
  // A sentence's closing mark is checked first: it settles most sentences without looking at their words.
  if (/[.!?]["”’]?$/u.test(sentence.trim())) return false;
  const words = tokens.filter((token) => /\p{L}/u.test(token.text) && !FUNCTION_WORDS.has(token.text.toLowerCase()));
  if (words.length < minWords) return false;
  const capitalized = words.filter((token) => token.capitalized).length;
  return capitalized / words.length >= 0.75;
}

/** A line in capitals ("KUALA LUMPUR", "EDITOR IN CHIEF"): two or more words and no lower-case letter. */
export function isUpperCaseLine(sentence: string): boolean {
  if (/\p{Ll}/u.test(sentence)) return false;
  const words = sentence.match(/\p{L}{2,}/gu) ?? [];
  return words.length >= 2;
}

/** Title case that keeps every character at its offset, so positions found in it hold for the original. */
export function titleCaseInPlace(text: string): string {
  let out = '';
  let previousIsLetter = false;
  for (const ch of text) {
    const lowered = ch.toLowerCase();
    const kept = lowered.length === ch.length ? lowered : ch;
    const upper = ch.toUpperCase();
    out += previousIsLetter ? kept : upper.length === ch.length ? upper : ch;
    previousIsLetter = /[\p{L}\p{M}'’]/u.test(ch);
  }
  return out;
}
