import { isApostrophe } from '../text/letters.js';
import { cappedMemo } from '../util/memo.js';

/**
 * A name as names are compared: folded, dots dropped, any other run of non-letters one space ("J.F. Kennedy-Smith" ->
 * "jf kennedy smith"); kept, as a day names the same people all day.
 */
export const comparableName = cappedMemo((text: string) => foldName(text.replace(/\./g, '')).replace(/[^a-z0-9]+/g, ' ').trim());

/** Lower-case, accents folded: the form used to compare names ("Türkiye" -> "turkiye"). */
export function foldName(text: string): string {
  // ASCII has no marks and decomposes to itself: most names need only the lower-casing.
  if (isAscii(text)) return text.toLowerCase();
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();
}

function isAscii(text: string): boolean {
  for (let at = 0; at < text.length; at++) if (text.charCodeAt(at) > 0x7f) return false;
  return true;
}


/** A key-safe slug: "Marco Rubio" -> "marco-rubio", "U.S." -> "u-s". */
export function slugify(text: string): string {
  return foldName(text)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** "Russia's" / "Russia’s" / "Reuters'" -> the name without the possessive ending (or closing quote). */
export function stripPossessive(word: string): string {
  // Most words end in neither a mark nor a possessive "s" (checked first: this runs for every capitalized token).
  const last = word.charCodeAt(word.length - 1);
  if (!isApostrophe(last) && !(last === 0x73 && isApostrophe(word.charCodeAt(word.length - 2)))) return word;
  // A trailing mark after another letter is a closing quote, not a possessive: drop it too.
  return word.replace(/['’]s$/u, '').replace(/['’]$/u, '');
}

export function hasPossessive(word: string): boolean {
  const last = word.charCodeAt(word.length - 1);
  const before = word.charCodeAt(word.length - 2);
  return (last === 0x73 && isApostrophe(before)) || (isApostrophe(last) && before === 0x73);
}


/** Names a letter or two apart are compared by edit distance (text/did-you-mean.ts holds the one implementation). */
export { editDistance } from '../text/did-you-mean.js';
