import { plainWords } from './tokens.js';

const SHINGLE_WORDS = 5;
/** Texts shorter than this many shingles are too short to call copies of anything. */
const MIN_SHINGLES = 8;
/** A 5-gram found in this many articles is site boilerplate, not shared copy; skipping it keeps cost linear. */
const MAX_SHINGLE_SPREAD = 200;

/** Hashed word 5-grams of a text, as a set (a body repeated twice has the same set as once). */
export function shingles(text: string): Set<number> {
  const words = plainWords(text);
  const result = new Set<number>();
  for (let i = 0; i + SHINGLE_WORDS <= words.length; i++) {
    result.add(fnv1a(words.slice(i, i + SHINGLE_WORDS).join(' ')));
  }
  return result;
}

/**
 * Index pairs [i, j] (i < j) whose shingle containment |A∩B| / min(|A|, |B|) reaches `threshold`. Shared
 * shingles are counted through an inverted index, so only articles that share text are ever compared.
 */
export function nearDuplicatePairs(shingleSets: readonly Set<number>[], threshold: number): [number, number][] {
  const postings = new Map<number, number[]>();
  shingleSets.forEach((set, index) => {
    if (set.size < MIN_SHINGLES) return;
    for (const shingle of set) {
      const list = postings.get(shingle);
      if (list) list.push(index);
      else postings.set(shingle, [index]);
    }
  });
  const size = shingleSets.length;
  // Pair (i, j), i < j, is keyed i * size + j: numbers, not strings, because this map can get large.
  const shared = new Map<number, number>();
  for (const list of postings.values()) {
    if (list.length < 2 || list.length > MAX_SHINGLE_SPREAD) continue;
    for (let a = 0; a < list.length; a++) {
      for (let b = a + 1; b < list.length; b++) {
        const key = list[a]! * size + list[b]!;
        shared.set(key, (shared.get(key) ?? 0) + 1);
      }
    }
  }
  const pairs: [number, number][] = [];
  for (const [key, count] of shared) {
    const i = Math.floor(key / size);
    const j = key % size;
    if (count / Math.min(shingleSets[i]!.size, shingleSets[j]!.size) >= threshold) pairs.push([i, j]);
  }
  return pairs.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
}

/**
 * For each index, the index of the copy that stands for it (itself when it has no copies). Copies are joined
 * transitively; the representative is the one `preferred` ranks first (e.g. dated, then fullest).
 */
export function duplicateRepresentatives(
  size: number,
  pairs: readonly [number, number][],
  preferred: (a: number, b: number) => number,
): number[] {
  const parent = Array.from({ length: size }, (_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]!]!;
      i = parent[i]!;
    }
    return i;
  };
  for (const [a, b] of pairs) {
    const ra = find(a);
    const rb = find(b);
    if (ra === rb) continue;
    if (preferred(ra, rb) <= 0) parent[rb] = ra;
    else parent[ra] = rb;
  }
  return parent.map((_, i) => find(i));
}

function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
