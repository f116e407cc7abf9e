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
  const names = [...nameCounts]
    .filter(([, count]) => count >= 2)
    .sort((a, b) => b[1] - a[1] || compareText(a[0], b[0]))
    .slice(0, MAX_NAMES)
    .map(([key]) => key);
  // The lists are distinct already: counted by number, and only the words two or more share become strings.
  const termCounts = new Map<number, number>();
  for (const list of termLists) for (let k = 0; k < list.length; k++) termCounts.set(list[k]!, (termCounts.get(list[k]!) ?? 0) + 1);
  const weight = (term: number, count: number) => count * smoothedIdf(terms.documentFrequency[term]!, articleCount);
  // Numbers tell happenings apart but mean nothing out of their sentence, so they are not shown as a link.
  const linked = [...termCounts]
    .filter(([term, count]) => count >= 2 && !/^\d/.test(terms.vocabulary[term]!))
    .map(([term, count]) => [terms.vocabulary[term]!, weight(term, count)] as const)
    .sort((a, b) => b[1] - a[1] || compareText(a[0], b[0]))
    .slice(0, MAX_TERMS)
    .map(([term]) => term);
  return { names, terms: linked };
}

/** In how many of the lists each value appears (once per list). */
function countShared(lists: readonly (readonly string[])[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const list of lists) for (const value of new Set(list)) counts.set(value, (counts.get(value) ?? 0) + 1);
  return counts;
}
