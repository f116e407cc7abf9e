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

/**
 * The names and words a thread's articles share, so a reader (or an operator checking a grouping) can see what
 * joined them. `documentFrequency` counts, for each term, how many of the day's articles use it: a word every
 * story uses ("government") says less than one only this story uses ("marmot").
 */
export function threadLink(
  members: readonly AnalyzedArticle[],
  /** Each member's distinct content words. */
  termLists: readonly (readonly string[])[],
  documentFrequency: ReadonlyMap<string, number>,
  articleCount: number,
): ThreadLink {
  if (members.length < 2) return { names: [], terms: [] };
  const nameCounts = countShared(members.map((analyzed) => analyzed.mentions.map((mention) => mention.key)));
  const termCounts = countShared(termLists);
  const names = [...nameCounts]
    .filter(([, count]) => count >= 2)
    .sort((a, b) => b[1] - a[1] || compareText(a[0], b[0]))
    .slice(0, MAX_NAMES)
    .map(([key]) => key);
  const weight = (term: string, count: number) => count * smoothedIdf(documentFrequency.get(term) ?? count, articleCount);
  // Numbers tell happenings apart but mean nothing out of their sentence, so they are not shown as a link.
  const terms = [...termCounts]
    .filter(([term, count]) => count >= 2 && !/^\d/.test(term))
    .map(([term, count]) => [term, weight(term, count)] as const)
    .sort((a, b) => b[1] - a[1] || compareText(a[0], b[0]))
    .slice(0, MAX_TERMS)
    .map(([term]) => term);
  return { names, terms };
}

/** In how many of the lists each value appears (once per list). */
function countShared(lists: readonly (readonly string[])[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const list of lists) for (const value of new Set(list)) counts.set(value, (counts.get(value) ?? 0) + 1);
  return counts;
}
