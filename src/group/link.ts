import type { AnalyzedArticle } from '../analyze/types.js';
import { compareText } from '../util/compare.js';
import { smoothedIdf } from './vectors.js';

/** Why a thread's articles are together: what two or more of them share, most telling first. */
export interface ThreadLink {
  /** Entity keys ("person:marco-rubio") named by two or more of the thread's articles, most shared first. */
  names: string[];
  /** Content words found in two or more of its articles, rarest across the day and most shared first. */
  terms: string[];
}

const MAX_NAMES = 5;
const MAX_TERMS = 8;

/** The day's words as the whole-text model numbers them: each term and how many of the day's articles use it. */
export interface TermStatistics {
  vocabulary: readonly string[];
  documentFrequency: ArrayLike<number>;
}

/**
 * The names and words a thread's articles share, so a reader (or an operator checking a grouping) can see what
 * joined them. `termLists` holds each member's distinct content words as term numbers of `terms`, whose document
 * frequency counts how many of the day's articles use each: a word every story uses ("government") says less than
 * one only this story uses ("marmot").
 */
export function threadLink(
  members: readonly AnalyzedArticle[],
  termLists: readonly ArrayLike<number>[],
  terms: TermStatistics,
  articleCount: number,
): ThreadLink {
  if (members.length < 2) return { names: [], terms: [] };
  const nameCounts = countShared(members.map((analyzed) => analyzed.mentions.map((mention) => mention.key)));
  const names = firstInOrder(
    [...nameCounts].filter(([, count]) => count >= 2),
    (a, b) => b[1] - a[1] || compareText(a[0], b[0]),
    MAX_NAMES,
  ).map(([key]) => key);
  // The lists are distinct already: counted as runs of one sorted array of term numbers (no map), and only the words
  // two or more share become strings.
  let total = 0;
  for (const list of termLists) total += list.length;
  const all = new Int32Array(total);
  let filled = 0;
  for (const list of termLists) for (let k = 0; k < list.length; k++) all[filled++] = list[k]!;
  all.sort();
  const weight = (term: number, count: number) => count * smoothedIdf(terms.documentFrequency[term]!, articleCount);
  const candidates: (readonly [string, number])[] = [];
  for (let start = 0; start < total; ) {
    let end = start + 1;
    while (end < total && all[end] === all[start]) end++;
    const term = all[start]!;
    // Numbers tell happenings apart but mean nothing out of their sentence, so they are not shown as a link.
    if (end - start >= 2 && !/^\d/.test(terms.vocabulary[term]!)) candidates.push([terms.vocabulary[term]!, weight(term, end - start)]);
    start = end;
  }
  // Terms are distinct, so the order is total and its first few are those a full sort would put first.
  const linked = firstInOrder(candidates, (a, b) => b[1] - a[1] || compareText(a[0], b[0]), MAX_TERMS).map(([term]) => term);
  return { names, terms: linked };
}

/** In how many of the lists each value appears (once per list). */
function countShared(lists: readonly (readonly string[])[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const list of lists) for (const value of new Set(list)) counts.set(value, (counts.get(value) ?? 0) + 1);
  return counts;
}

/**
 * The `count` first items in the order of `compare` (a total order: no two items compare equal), as sorting them all
 * and keeping the first `count` would give: one pass keeping the best so far in order, by insertion (count is small).
 */
export function firstInOrder<T>(items: readonly T[], compare: (a: T, b: T) => number, count: number): T[] {
  const best: T[] = [];
  if (count <= 0) return best;
  for (const item of items) {
    if (best.length === count && compare(item, best[count - 1]!) >= 0) continue;
    let at = best.length === count ? count - 1 : best.length;
    while (at > 0 && compare(item, best[at - 1]!) < 0) {
      best[at] = best[at - 1]!;
      at -= 1;
    }
    best[at] = item;
  }
  return best;
}
