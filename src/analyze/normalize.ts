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


/** Levenshtein distance, for the short strings of first names (cost is tiny). */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min(previous[j] + 1, current[j - 1] + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length];
}
