/** Small text predicates shared by the cleaning rules. */
import { lowerCaseLettersAndDigits, wordCount, words } from '../text/words.js';

export { tallyWords, wordCount, wordCountOfTallies, words, type WordTally } from '../text/words.js';

/** Zero-width characters and the soft hyphen: removed. */
const INVISIBLE_CHARACTERS = '\\u200B-\\u200D\\u2060\\uFEFF\\u00AD';
/** No-break, typographic and ideographic spaces, tabs, form and vertical feeds: made plain spaces. */
const ODD_SPACE_CHARACTERS = '\\u00A0\\u1680\\u2000-\\u200A\\u202F\\u205F\\u3000\\t\\f\\v';

const INVISIBLE = new RegExp(`[${INVISIBLE_CHARACTERS}]`, 'g');
const ODD_SPACES = new RegExp(`[${ODD_SPACE_CHARACTERS}]`, 'g');

/**
 * A character the replacements below would change (with two spaces in a row, all they act on): most lines have none
 * and are only trimmed. (One class and a substring search: a regex with ` {2}` as an alternative scans slower.)
 */
const INVISIBLE_OR_ODD_SPACE = new RegExp(`[${INVISIBLE_CHARACTERS}${ODD_SPACE_CHARACTERS}]`);

/** One line with odd spaces unified, invisible characters removed and runs of spaces collapsed. */
export function normalizeLine(line: string): string {
  const composed = line.normalize('NFC');
  if (!INVISIBLE_OR_ODD_SPACE.test(composed) && !composed.includes('  ')) return composed.trim();
  return composed.replace(INVISIBLE, '').replace(ODD_SPACES, ' ').replace(/ {2,}/g, ' ').trim();
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
  return lowerCaseLettersAndDigits(text);
}

/** A paragraph that reads as running text: long enough and closed like a sentence, or simply long. */
export function isBodyLike(line: string, count: number): boolean {
  return (count >= 12 && endsLikeSentence(line)) || count >= 30;
}

/** Short sentence that still reads as prose (not a label): a few words, capital start, sentence end. */
export function isSentenceLike(line: string, count = wordCount(line)): boolean {
  return count >= 4 && endsLikeSentence(line) && /^["'“‘(]?[\p{Lu}\p{N}]/u.test(line);
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
