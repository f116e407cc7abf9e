import { SIMILARITY_STOPWORDS } from '../text/stopwords.js';

/**
 * Content words of a text for similarity: lower-cased words without function words, numbers kept as
 * specifics ("415", "6.1", "2013") because they tell two happenings of the same kind apart.
 */
const TOKEN = /\p{L}+(?:['’]\p{L}+)*|\d+(?:[.,]\d+)*/gu;

export function contentTokens(text: string): string[] {
  const tokens: string[] = [];
  for (const raw of rawTokens(text)) {
    const token = normalizeToken(raw);
    if (token !== null) tokens.push(token);
  }
  return tokens;
}

/** The lower-cased word and number runs of a text, before `normalizeToken` folds or drops each. */
export function rawTokens(text: string): string[] {
  return text.toLowerCase().match(TOKEN) ?? [];
}

/** A raw token's content word, or null when it is too short, a function word or a single digit. */
export function normalizeToken(raw: string): string | null {
  if (/^\d/.test(raw)) {
    const number = raw.replace(/,(?=\d{3}\b)/g, '').replace(/[.,]$/, '');
    // Single digits are too common ("2 people", "1 June") to identify anything.
    return number.length >= 2 ? number : null;
  }
  const word = raw.replace(/['’]s$/, '').replace(/['’]/g, '');
  if (word.length < 3 || SIMILARITY_STOPWORDS.has(word)) return null;
  return stemPlural(word);
}

/** Folds the commonest plural forms so "missiles" meets "missile"; deliberately crude and cheap. */
function stemPlural(word: string): string {
  if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.length > 3 && word.endsWith('s') && !/(ss|us|is)$/.test(word)) return word.slice(0, -1);
  return word;
}
