import { hasPossessive } from './normalize.js';

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

const WORD = /(?:\p{Lu}\.){2,}|[\p{L}\p{M}\p{N}]+(?:[-'’][\p{L}\p{M}\p{N}]+)*['’]?/gu;

/** Word tokens of a sentence with their offsets. */
export function tokenize(sentence: string): Token[] {
  const tokens: Token[] = [];
  // exec over the one global regex: matchAll would clone it for every sentence.
  WORD.lastIndex = 0;
  for (let match = WORD.exec(sentence); match !== null; match = WORD.exec(sentence)) {
    const text = match[0];
    const start = match.index;
    const previousEnd = tokens.length ? tokens[tokens.length - 1].end : 0;
    tokens.push({
      text,
      start,
      end: start + text.length,
      capitalized: startsWithCapital(text),
      possessive: hasPossessive(text),
      initial: tokens.length === 0 || opensSentence(sentence, previousEnd, start),
      bare: undefined,
      lower: undefined,
    });
  }
  return tokens;
}

/** Starts with an upper-case letter: decided from the first character where it is ASCII, as most are. */
function startsWithCapital(text: string): boolean {
  const first = text.charCodeAt(0);
  if (first < 0x80) return first >= 0x41 && first <= 0x5a;
  return /^\p{Lu}/u.test(text);
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
