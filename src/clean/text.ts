/** Small text predicates shared by the cleaning rules. */
import { wordCount, words } from '../text/words.js';

export { wordCount, words } from '../text/words.js';

const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF\u00AD]/g;
const ODD_SPACES = /[\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000\t\f\v]/g;

/** One line with odd spaces unified, invisible characters removed and runs of spaces collapsed. */
export function normalizeLine(line: string): string {
  return line.normalize('NFC').replace(INVISIBLE, '').replace(ODD_SPACES, ' ').replace(/ {2,}/g, ' ').trim();
}

// Tokenized corpora put a space before closing quotes ("it . ''"), so one space is allowed there.
const TERMINAL = /[.!?…。！？](?: ?["'”’»)\]」』`]+)*$/;

/** Ends like a sentence (period, question or exclamation mark, maybe followed by a closing quote). */
export function endsLikeSentence(line: string): boolean {
  return TERMINAL.test(line);
}

/** Paragraphs of a text: every non-blank line is one (scraped text puts one paragraph per line). */
export function splitParagraphs(text: string): string[] {
  return text
    .split(/\r\n|\r|\n|\u2028|\u2029/)
    .map(normalizeLine)
    .filter((line) => line !== '');
}

/** Comparison key: lower-case letters and digits only, so "Russia's" and "Russias" compare equal. */
export function comparisonKey(text: string): string {
  // The key of a whole article is taken for every article: one pass that copies runs of lower-case ASCII letters and
  // digits as they are costs a quarter of lower-casing the text and then deleting non-letters with a Unicode regex.
  // Lower-casing a character alone gives what lower-casing it in the text gives, but for the capital sigma (final ς
  // or σ depends on its neighbours): a text with one takes the whole-text path.
  if (text.includes('Σ')) return wholeTextKey(text);
  let key = '';
  let run = -1;
  for (let at = 0; at < text.length; at++) {
    const code = text.charCodeAt(at);
    if ((code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39)) {
      if (run < 0) run = at;
      continue;
    }
    if (run >= 0) {
      key += text.slice(run, at);
      run = -1;
    }
    if (code < 0x80) {
      if (code >= 0x41 && code <= 0x5a) key += String.fromCharCode(code + 0x20);
      continue;
    }
    const pair = code >= 0xd800 && code <= 0xdbff && isLowSurrogate(text.charCodeAt(at + 1));
    key += characterKey(pair ? text.slice(at, at + 2) : text[at]!);
    if (pair) at++;
  }
  return run >= 0 ? key + text.slice(run) : key;
}

function wholeTextKey(text: string): string {
  return text.toLowerCase().replace(NOT_WORD, '');
}

const NOT_WORD = /[^\p{L}\p{N}]+/gu;

const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;

/** Non-ASCII character -> its key ("É" -> "é", "’" -> ""); a text uses a few dozen, the same ones over and over. */
const characterKeys = new Map<string, string>();

function characterKey(character: string): string {
  let key = characterKeys.get(character);
  if (key === undefined) {
    key = wholeTextKey(character);
    if (characterKeys.size < 10_000) characterKeys.set(character, key);
  }
  return key;
}

/** A paragraph that reads as running text: long enough and closed like a sentence, or simply long. */
export function isBodyLike(line: string): boolean {
  const count = wordCount(line);
  return (count >= 12 && endsLikeSentence(line)) || count >= 30;
}

/** Short sentence that still reads as prose (not a label): a few words, capital start, sentence end. */
export function isSentenceLike(line: string): boolean {
  return wordCount(line) >= 4 && endsLikeSentence(line) && /^["'“‘(]?[\p{Lu}\p{N}]/u.test(line);
}

const SMALL_WORDS = new Set([
  'a', 'an', 'the', 'and', 'or', 'but', 'of', 'in', 'on', 'at', 'to', 'for', 'by', 'with', 'from', 'as', 'is', 'are',
  'was', 'were', 'be', 'it', 'its', 'his', 'her', 'their', 'that', 'this', 'after', 'over', 'into', 'amid', 'says', 'said',
]);

export function isSmallWord(word: string): boolean {
  return SMALL_WORDS.has(word.toLowerCase());
}

/** Every word starts with a capital letter or digit ("World Russia Society", "KUALA LUMPUR"). */
export function isAllCapitalized(line: string): boolean {
  const list = words(line);
  return list.length > 0 && list.every((w) => /^[\p{Lu}\p{N}]/u.test(w));
}

export function isUpperCase(line: string): boolean {
  return /\p{L}/u.test(line) && line === line.toUpperCase() && line !== line.toLowerCase();
}
