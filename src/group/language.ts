import { franc } from 'franc-min';

/** Below this many characters (a short paragraph) a trigram guess is unreliable: a few foreign names can outvote the language of a one-sentence brief. */
const MIN_DETECT_CHARS = 400;
/** Enough text to tell the language apart (a paragraph or two); franc costs time linear in what it reads. */
const DETECT_CHARS = 600;

/**
 * The article's language as an ISO 639-3 code ("eng", "deu"), detected from its text because declared languages
 * are often wrong (a site-wide `lang="en"` on every page), or null when the text is too short to tell.
 */
export function detectLanguage(text: string): string | null {
  // Links and numbers are no language's words, and a link's letters can outvote a short text's.
  // Only the opening is read: the whole body would cost regex work on every article for nothing.
  const prose = text
    .slice(0, 2 * DETECT_CHARS)
    .replace(/\b(?:https?:\/\/|www\.)\S+/gi, ' ')
    .replace(/[\p{N}\p{P}\p{S}]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (prose.length < MIN_DETECT_CHARS) return null;
  const code = franc(prose.slice(0, DETECT_CHARS), { minLength: MIN_DETECT_CHARS });
  return code === 'und' ? null : code;
}

/** Two articles in known, different languages never report one event together. */
export function languagesDiffer(a: string | null, b: string | null): boolean {
  return a !== null && b !== null && a !== b;
}
