/** Small text predicates shared by the cleaning rules. */

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

const WORD = /[\p{L}\p{N}][\p{L}\p{N}'’.-]*/gu;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/** Space-separated words (runs of CJK characters are not split). */
export function words(text: string): string[] {
  return text.match(WORD) ?? [];
}

// Chinese and Japanese are written without spaces: count about one word per two characters.
function isCjk(code: number): boolean {
  return (code >= 0x3040 && code <= 0x30ff) || (code >= 0x3400 && code <= 0x9fff) || (code >= 0xf900 && code <= 0xfaff);
}

/**
 * Words as `words()` counts them (a letter or digit starts a word; ' ’ . - continue it), plus half
 * the CJK characters. A character loop: this runs on every line many times, so no arrays.
 */
export function wordCount(text: string): number {
  const cached = wordCountCache.get(text);
  if (cached !== undefined) return cached;
  const count = countWords(text);
  if (wordCountCache.size >= WORD_COUNT_CACHE_SIZE) wordCountCache.clear();
  wordCountCache.set(text, count);
  return count;
}

// The passes ask for the same lines' counts again and again; a bounded cache keeps that cheap.
const WORD_COUNT_CACHE_SIZE = 4096;
const wordCountCache = new Map<string, number>();

function countWords(text: string): number {
  let count = 0;
  let cjk = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    let isWordChar: boolean;
    if (code < 128) {
      const alnum = (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
      isWordChar = alnum || (inWord && (code === 39 || code === 46 || code === 45));
      if (alnum && !inWord) count++;
    } else if (isCjk(code)) {
      cjk++;
      isWordChar = false;
    } else {
      const alnum = LETTER_OR_DIGIT.test(text[i]!);
      isWordChar = alnum || (inWord && code === 0x2019);
      if (alnum && !inWord) count++;
    }
    inWord = isWordChar;
  }
  return count + Math.ceil(cjk / 2);
}

/** Comparison key: lower-case letters and digits only, so "Russia's" and "Russias" compare equal. */
export function comparisonKey(text: string): string {
  // Most text is ASCII, where the plain-class replace is much cheaper than the Unicode one.
  if (ASCII_ONLY.test(text)) return text.toLowerCase().replace(NOT_ASCII_WORD, '');
  return text.toLowerCase().replace(NOT_WORD, '');
}

const ASCII_ONLY = /^[\x00-\x7F]*$/;
const NOT_ASCII_WORD = /[^a-z0-9]+/g;
const NOT_WORD = /[^\p{L}\p{N}]+/gu;

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
