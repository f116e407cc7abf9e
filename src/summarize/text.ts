import { FUNCTION_WORDS } from '../text/stopwords.js';

/** Lower-cased word tokens (letters and digits, any script), the unit every similarity here works on. */
export function tokenize(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}


/** Tokens that carry content: not stop words, not one-character debris. */
export function contentTokens(text: string): string[] {
  return tokenize(text).filter((token) => token.length > 1 && !FUNCTION_WORDS.has(token));
}

/** Collapses whitespace and trims, so equal sentences from different outlets compare equal. */
export function normalizeSpace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Upper-cases the first letter, for a sentence whose leading words were removed. */
export function capitalizeFirst(text: string): string {
  return text.replace(/^(\P{L}*)(\p{L})/u, (_match, prefix: string, letter: string) => prefix + letter.toUpperCase());
}
