/** Abbreviations whose period does not end a sentence when a capitalized word follows ("Mr. Rubio", "Gen. Smith"). */
const TITLE_ABBREVIATIONS = new Set(
  [
    'mr', 'mrs', 'ms', 'mx', 'dr', 'prof', 'sr', 'jr', 'st', 'mt', 'ft', 'gen', 'lt', 'col', 'sgt', 'capt', 'cmdr',
    'cdr', 'adm', 'maj', 'brig', 'gov', 'sen', 'rep', 'reps', 'rev', 'hon', 'pres', 'supt', 'det', 'insp', 'fr', 'msgr',
    'ave', 'blvd', 'rd', 'vs', 'v', 'cf', 'approx', 'dept', 'univ', 'esq', 'sec', 'no', 'nos', 'vol', 'fig', 'pp', 'ca',
  ],
);

/** Month abbreviations break a sentence only when no day number follows ("Jan. 5" vs "in Jan. The ..."). */
const MONTH_ABBREVIATIONS = new Set(['jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec']);

/**
 * Words that, after a dotted acronym ("U.S."), show that a new sentence began: "the U.S. The talks ..." splits,
 * "the U.S. President" does not.
 */
const SENTENCE_STARTERS = new Set([
  'the', 'a', 'an', 'he', 'she', 'it', 'they', 'we', 'i', 'you', 'this', 'that', 'these', 'those', 'there', 'but',
  'however', 'meanwhile', 'his', 'her', 'their', 'its', 'our', 'in', 'on', 'at', 'after', 'when', 'while', 'if',
  'some', 'many', 'officials', 'yet', 'still', 'also', 'so',
]);

/**
 * Does the period after `word` (the text just before it, e.g. "U.S", "Mr", "J", "Jan") belong to an abbreviation,
 * given the word that follows?
 */
export function isNonTerminalAbbreviation(word: string, nextWord: string): boolean {
  const lower = word.toLowerCase();
  if (/^\p{L}$/u.test(word)) return true; // initials: "J. R. R. Tolkien", "George W. Bush"
  if (/^(?:\p{L}\.)+\p{L}$/u.test(word)) {
    if (lower === 'e.g' || lower === 'i.e') return true;
    return !SENTENCE_STARTERS.has(nextWord.toLowerCase());
  }
  if (TITLE_ABBREVIATIONS.has(lower)) return lower !== 'no' || /^\d/.test(nextWord);
  if (MONTH_ABBREVIATIONS.has(lower)) return /^\d/.test(nextWord);
  return false;
}
