import { FUNCTION_WORDS } from '../text/stopwords.js';
import { lowerCaseWords } from '../text/words.js';

/** Tokens that carry content (lower-cased runs of letters and digits, any script): not stop words, not one-character debris. */
export function contentTokens(text: string): string[] {
  return lowerCaseWords(text).filter((token) => token.length > 1 && !FUNCTION_WORDS.has(token));
}

/** Upper-cases the first letter, for a sentence whose leading words were removed. */
export function capitalizeFirst(text: string): string {
  return text.replace(/^(\P{L}*)(\p{L})/u, (_match, prefix: string, letter: string) => prefix + letter.toUpperCase());
}
