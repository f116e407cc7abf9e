/** Lower-case, accents folded: the form used to compare names ("Türkiye" -> "turkiye"). */
export function foldName(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();
}

/** A key-safe slug: "Marco Rubio" -> "marco-rubio", "U.S." -> "u-s". */
export function slugify(text: string): string {
  return foldName(text)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** "Russia's" / "Russia’s" / "Reuters'" -> the name without the possessive ending (or closing quote). */
export function stripPossessive(word: string): string {
  // A trailing mark after another letter is a closing quote, not a possessive: drop it too.
  return word.replace(/['’]s$/u, '').replace(/['’]$/u, '');
}

export function hasPossessive(word: string): boolean {
  return /['’]s$/u.test(word) || /s['’]$/u.test(word);
}


/** Names a letter or two apart are compared by edit distance (text/did-you-mean.ts holds the one implementation). */
export { editDistance } from '../text/did-you-mean.js';
