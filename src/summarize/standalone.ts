import { wordCount } from '../text/words.js';
import { collapseWhitespace } from '../text/spaces.js';
import { capitalizeFirst } from './text.js';

/** Sentence lengths (in words) a summary accepts: shorter ones are fragments, longer ones run-ons or merged junk. */
export interface SentenceLimits {
  minWords: number;
  maxWords: number;
}

export const DEFAULT_SENTENCE_LIMITS: SentenceLimits = { minWords: 8, maxWords: 45 };

// Openers that only make sense after the sentence they answer; the claim itself stands without them.
const LEADING_CONNECTIVE =
  /^(?:(?:however|meanwhile|but|and|moreover|furthermore|additionally|nonetheless|nevertheless|separately)\b,?|(?:also|in addition|still|yet|so|instead|besides|likewise|similarly|then|thus|therefore|indeed|elsewhere|in turn|as well|at the same time|in the meantime|on the other hand|by contrast|in contrast|for his part|for her part|for their part|later|earlier|of course|in fact|after all|unfortunately|fortunately|sadly|luckily|ironically|in the end)\s*,)\s+/i;

// Pronouns we can replace by a person named just before; anything else pronoun-led is skipped.
const PERSON_PRONOUN = /^(he|she|his|her)\b(?!\s*[-–—])/i;
const UNRESOLVABLE_OPENER = /^(they|them|their|it|its|this|that|these|those|him|we|our|i|you|such|both|neither|either|another|the latter|the former|here)\b(?!['’]s\b)/i;
// "It's because ...", "In Taylor's case, ...": the sentence answers or narrows one we do not show.
const LEANING_OPENER = /^(?:it['’]s (?:because|why)\b|in (?:\p{Lu}[\p{L}-]*['’]s?|his|her|their|this|that|each|either|both) cases?\b)/iu;

// "WASHINGTON:", "KUALA LUMPUR (Reuters) -", "(MENAFN)", "LONDON —": place and agency stamps, not content.
const DATELINE_PREFIX =
  /^(?:\((?:[A-Z][\w&.' -]{0,30})\)\s*[-–—:]?\s*|[A-Z][A-Z .,'’-]{1,40}(?:\s*,\s*[A-Z][\w.]*)*(?:\s*\([^)]{1,30}\))?\s*(?::|[-–—]{1,2})\s+)/u;
const AGENCY_SUFFIX = /\s*[-–—]+\s*(?:AFP|AP|Reuters|dpa|ANI|PTI|IANS|Xinhua|TASS|UNI|Bloomberg)\.?\s*$/u;

const BOILERPLATE =
  /(https?:\/\/|www\.|\bclick here\b|\bsign up\b|\bsubscribe\b|\bnewsletter\b|\ball rights reserved\b|\bcookies?\b|\bread more\b|\bfollow us\b|\bjavascript\b|\bbrowser\b|\badvertisement\b|©|\bphoto:|\bimage:|\bcaption\b|\bis licensed under\b|\bdownload the app\b)/i;

/** Removes a leading dateline or agency stamp and a trailing agency credit. */
export function stripDateline(text: string): string {
  const stripped = collapseWhitespace(text).replace(DATELINE_PREFIX, '').replace(AGENCY_SUFFIX, '');
  return stripped.length > 0 ? stripped : collapseWhitespace(text);
}

/** Whether a sentence is worth considering at all: a complete statement of reasonable length, not page furniture. */
export function isSummarizable(text: string, limits: SentenceLimits = DEFAULT_SENTENCE_LIMITS): boolean {
  return fitsLimits(wordCount(text), limits) && isStatementShaped(text);
}

export function fitsLimits(words: number, limits: SentenceLimits): boolean {
  return words >= limits.minWords && words <= limits.maxWords;
}

/** A complete statement: not a question, heading, shouted line or page furniture (length aside). */
export function isStatementShaped(text: string): boolean {
  if (/\?["'”’)]*$/.test(text)) return false;
  // A sentence that does not end like one is a heading, caption or cut-off fragment.
  if (!/[.!"'”’)]$/.test(text)) return false;
  if (BOILERPLATE.test(text)) return false;
  const shouted = /\p{Lu}/u.test(text) && !/\p{Ll}/u.test(text);
  return !shouted;
}

/**
 * Rewrites a sentence so it reads on its own: a leading connective is dropped and a leading he/she/his/her
 * becomes the person named just before. Returns null when the sentence leans on context we cannot restore.
 */
export function makeStandalone(text: string, personBefore: string | null | (() => string | null)): string | null {
  let sentence = stripDateline(text);
  for (let guard = 0; guard < 3; guard += 1) {
    const next = sentence.replace(LEADING_CONNECTIVE, '');
    if (next === sentence) break;
    sentence = capitalizeFirst(next);
  }
  const pronoun = PERSON_PRONOUN.exec(sentence);
  if (pronoun) {
    // Looking the person up is only worth it for the few sentences that open with a pronoun.
    const person = typeof personBefore === 'function' ? personBefore() : personBefore;
    if (!person) return null;
    const word = pronoun[1]!.toLowerCase();
    // "her" alone is ambiguous (object or possessive); as an opener it is possessive.
    const replacement = word === 'his' || word === 'her' ? possessive(person) : person;
    sentence = replacement + sentence.slice(pronoun[0].length);
  }
  if (UNRESOLVABLE_OPENER.test(sentence) || LEANING_OPENER.test(sentence)) return null;
  return sentence;
}

function possessive(name: string): string {
  return /s$/i.test(name) ? `${name}'` : `${name}'s`;
}
