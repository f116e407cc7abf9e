import { isHighSurrogate, isLowSurrogate, NUMBER, PUNCTUATION_OR_SYMBOL, unitClasses } from './letters.js';
import { isWhitespaceUnit } from './spaces.js';
import { trigramLanguage } from './trigram-language.js';

/** Below this many characters (a short paragraph) a trigram guess is unreliable: a few foreign names can outvote the language of a one-sentence brief. */
const MIN_DETECT_CHARS = 400;
/** Enough text to tell the language apart (a paragraph or two); franc costs time linear in what it reads. */
const DETECT_CHARS = 600;

/**
 * franc names languages in ISO 639-3; a BCP 47 tag uses the two-letter ISO 639-1 code where one exists (as `lang`
 * attributes and feeds do), else the three-letter one. These are the languages franc-min can answer with.
 */
const ISO_639_1: Readonly<Record<string, string>> = {
  eng: 'en', spa: 'es', por: 'pt', fra: 'fr', deu: 'de', ita: 'it', nld: 'nl', swe: 'sv', pol: 'pl', ces: 'cs',
  hun: 'hu', ron: 'ro', tur: 'tr', rus: 'ru', ukr: 'uk', bel: 'be', bul: 'bg', srp: 'sr', hrv: 'hr', bos: 'bs',
  ell: 'el', kaz: 'kk', uzn: 'uz', azj: 'az', arb: 'ar', pes: 'fa', urd: 'ur', pbu: 'ps', hin: 'hi', mar: 'mr',
  npi: 'ne', ben: 'bn', pan: 'pa', guj: 'gu', tel: 'te', tam: 'ta', kan: 'kn', mal: 'ml', sin: 'si', mya: 'my',
  tha: 'th', vie: 'vi', ind: 'id', zlm: 'ms', jav: 'jv', sun: 'su', tgl: 'tl', cmn: 'zh', jpn: 'ja', kor: 'ko',
  amh: 'am', som: 'so', swh: 'sw', hau: 'ha', yor: 'yo', ibo: 'ig', zul: 'zu', nya: 'ny', kin: 'rw', run: 'rn',
  lin: 'ln', plt: 'mg',
};

/**
 * The language of a text as a BCP 47 primary tag ("en", "de", "ceb"), detected from the text because declared
 * languages are often wrong (a site-wide `lang="en"` on every page), or null when the text is too short to tell.
 */
export function detectLanguage(text: string): string | null {
  // Links and numbers are no language's words, and a link's letters can outvote a short text's.
  // Only the opening is read: the whole body would cost regex work on every article for nothing.
  const prose = lettersSpaced(text.slice(0, 2 * DETECT_CHARS).replace(/\b(?:https?:\/\/|www\.)\S+/gi, ' '));
  if (prose.length < MIN_DETECT_CHARS) return null;
  const code = trigramLanguage(prose.slice(0, DETECT_CHARS), MIN_DETECT_CHARS);
  return code === 'und' ? null : (ISO_639_1[code] ?? code);
}

const NUMBER_PUNCTUATION_OR_SYMBOL = /[\p{N}\p{P}\p{S}]/u;

/** A code unit lettersSpaced turns into a space: `\s` (spaces.ts) or `[\p{N}\p{P}\p{S}]` (text/letters.ts's table). */
function isSeparatorUnit(code: number): boolean {
  return isWhitespaceUnit(code) || (unitClasses(code) & (NUMBER | PUNCTUATION_OR_SYMBOL)) !== 0;
}

/**
 * The text with each run of numbers, punctuation, symbols and white space as one space, ends trimmed: what
 * `.replace(/[\p{N}\p{P}\p{S}]+/gu, ' ').replace(/\s+/g, ' ').trim()` makes, in one pass over the text instead of
 * three, each building a string (a character beyond the BMP, a surrogate pair, is judged whole, as the `u` flag does).
 */
export function lettersSpaced(text: string): string {
  let spaced = '';
  let kept = 0;
  for (let at = 0; at < text.length; at++) {
    const code = text.charCodeAt(at);
    let separator: boolean;
    let width = 1;
    // A lone surrogate half is no separator: the table says it is nothing.
    if (isHighSurrogate(code) && isLowSurrogate(text.charCodeAt(at + 1))) {
      separator = NUMBER_PUNCTUATION_OR_SYMBOL.test(text.slice(at, at + 2));
      width = 2;
    } else separator = isSeparatorUnit(code);
    if (separator) {
      if (kept < at) spaced += spaced === '' ? text.slice(kept, at) : ` ${text.slice(kept, at)}`;
      kept = at + width;
    }
    at += width - 1;
  }
  if (kept < text.length) spaced += spaced === '' ? text.slice(kept) : ` ${text.slice(kept)}`;
  return spaced;
}

/** "en-GB", "en_US", "EN" -> "en": the language without region or script, or null when it is not a language tag. */
export function primaryLanguage(tag: string | null | undefined): string | null {
  const primary = tag?.trim().split(/[-_]/)[0]?.toLowerCase();
  return primary && /^[a-z]{2,3}$/.test(primary) ? primary : null;
}

/** The article's language: detected from its text when there is enough of it, else the one its page declares. */
export function articleLanguage(text: string, declared: string | null | undefined): string | null {
  return detectLanguage(text) ?? primaryLanguage(declared);
}

/** Made on first use: building it loads the locale's language names (15 ms), which most runs never show. */
let languageNames: Intl.DisplayNames | undefined;

/** "de" -> "German": for messages a reader sees. */
export function languageName(code: string): string {
  try {
    languageNames ??= new Intl.DisplayNames(['en'], { type: 'language' });
    return languageNames.of(code) ?? code;
  } catch {
    // A code the runtime does not know ("xx") is shown as written.
    return code;
  }
}

/** Two articles in known, different languages never report one event together. */
export function languagesDiffer(a: string | null, b: string | null): boolean {
  return a !== null && b !== null && a !== b;
}
