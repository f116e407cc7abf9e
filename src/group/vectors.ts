import { TermInterner, type IdBag, type TermBag } from './features.js';

/** L2-normalized sparse vector; `terms` ascending so two vectors are compared by a merge walk. */
export interface SparseVector {
  terms: Int32Array;
  weights: Float64Array;
}

export interface TfidfModel {
  vectors: SparseVector[];
  vocabulary: string[];
  /** Articles (of those weighted) each term occurs in, by term id. */
  documentFrequency: Int32Array;
}

/**
 * Pseudo-documents added to the real ones, in one of which every term is assumed to occur. It keeps idf sane on
 * tiny inputs (two articles sharing a word do not make it worthless) and fades as real articles outnumber it.
 */
const PRIOR_DOCUMENTS = 10;
const PRIOR_OCCURRENCES = 1;

/** Inverse document frequency of a term found in `df` of `documents` articles, smoothed by the prior documents. */
export function smoothedIdf(df: number, documents: number): number {
  return Math.log((documents + PRIOR_DOCUMENTS) / (df + PRIOR_OCCURRENCES));
}

/** Sublinear tf (1 + ln tf) times smoothed idf times the bag's boost, normalized to unit length. */
export function tfidfVectors(bags: readonly TermBag[]): TfidfModel {
  const interner = new TermInterner();
  return tfidfFromIds(
    bags.map((bag) => {
      const ids = Int32Array.from(bag.counts.keys(), (term) => interner.id(term));
      const counts = Float64Array.from(bag.counts.values());
      const boosts = Float64Array.from(bag.counts.keys(), (term) => bag.boosts.get(term) ?? 1);
      return { ids, counts, boosts };
    }),
    interner.terms,
  );
}

/**
 * `tfidfVectors` over interned bags (`terms[id]` is an id's term). A model's term numbers are the ranks of its
 * terms in sorted order, as if the bags held strings, so vectors and their sums are the same. `termOrder` (every id,
 * by term: `idsByTerm(terms)`) can be passed when several models share one interner, so the terms are sorted once.
 */
export function tfidfFromIds(bags: readonly IdBag[], terms: readonly string[], termOrder: Int32Array = idsByTerm(terms)): TfidfModel {
  const used = new Uint8Array(terms.length);
  for (const bag of bags) for (const id of bag.ids) used[id] = 1;
  const usedIds = termOrder.filter((id) => used[id] === 1);
  const vocabulary = Array.from(usedIds, (id) => terms[id]!);
  const rank = new Int32Array(terms.length);
  usedIds.forEach((id, r) => (rank[id] = r));
  const documentFrequency = new Int32Array(vocabulary.length);
  for (const bag of bags) for (const id of bag.ids) documentFrequency[rank[id]!]! += 1;
  const idf = Float64Array.from(documentFrequency, (df) => smoothedIdf(df, bags.length));
  const byRank = new Float64Array(vocabulary.length);
  // Every vector is a view of one pool of terms and one of weights: two allocations for the whole model instead of
  // a few per article, which on a big day left the memory of tens of thousands of small freed arrays in pieces.
  let size = 0;
  for (const bag of bags) size += bag.ids.length;
  const poolTerms = new Int32Array(size);
  const poolWeights = new Float64Array(size);
  let start = 0;
  const vectors = bags.map((bag) => {
    let kept = 0;
    for (let k = 0; k < bag.ids.length; k++) {
      const r = rank[bag.ids[k]!]!;
      const weight = (1 + Math.log(bag.counts[k]!)) * idf[r]! * (bag.boosts ? bag.boosts[k]! : 1);
      if (!(weight > 0)) continue;
      poolTerms[start + kept++] = r;
      byRank[r] = weight;
    }
    const vector = normalizedByRank(poolTerms.subarray(start, start + kept).sort(), poolWeights.subarray(start, start + kept), byRank);
    start += kept;
    return vector;
  });
  return { vectors, vocabulary, documentFrequency };
}

/** Every term id, in the order of its term (by UTF-16 code units, as `<` compares strings). */
export function idsByTerm(terms: readonly string[]): Int32Array {
  return Int32Array.from(terms.keys()).sort((x, y) => (terms[x]! < terms[y]! ? -1 : terms[x]! > terms[y]! ? 1 : 0));
}

/**
 * As `normalizedVector`, from distinct ascending term numbers whose weights are spread over a dense array by term
 * (no pair objects, no comparator sort), written into `weights` (as long as `terms`); the weights read are zeroed
 * again, so the array can serve the next vector.
 */
function normalizedByRank(terms: Int32Array, weights: Float64Array, byRank: Float64Array): SparseVector {
  let sum = 0;
  for (let i = 0; i < terms.length; i++) sum += byRank[terms[i]!]! * byRank[terms[i]!]!;
  const norm = Math.sqrt(sum) || 1;
  for (let i = 0; i < terms.length; i++) {
    weights[i] = byRank[terms[i]!]! / norm;
    byRank[terms[i]!] = 0;
  }
  return { terms, weights };
}

export function normalizedVector(entries: [number, number][]): SparseVector {
  const kept = entries.filter(([, weight]) => weight > 0).sort((a, b) => a[0] - b[0]);
  const norm = Math.sqrt(kept.reduce((sum, [, weight]) => sum + weight * weight, 0)) || 1;
  return {
    terms: Int32Array.from(kept, ([term]) => term),
    weights: Float64Array.from(kept, ([, weight]) => weight / norm),
  };
}

export function cosine(a: SparseVector, b: SparseVector): number {
  let i = 0;
  let j = 0;
  let dot = 0;
  while (i < a.terms.length && j < b.terms.length) {
    const ta = a.terms[i]!;
    const tb = b.terms[j]!;
    if (ta === tb) dot += a.weights[i++]! * b.weights[j++]!;
    else if (ta < tb) i++;
    else j++;
  }
  return dot;
}

/** Normalized sum: the direction a group of articles points to, each article counting once. */
export function centroid(vectors: readonly SparseVector[]): SparseVector {
  return centroids([vectors])[0]!;
}

/**
 * `centroid` of each group, summed over one dense array by term shared by all the groups (no map per group). Each
 * term's sum adds the group's weights in the order of its vectors, and the norm sums in term order.
 */
export function centroids(groups: readonly (readonly SparseVector[])[]): SparseVector[] {
  let terms = 0;
  for (const vectors of groups) for (const vector of vectors) terms = Math.max(terms, (vector.terms.at(-1) ?? -1) + 1);
  const sums = new Float64Array(terms);
  const present = new Uint8Array(terms);
  return groups.map((vectors) => {
    const touched: number[] = [];
    for (const vector of vectors) {
      for (let k = 0; k < vector.terms.length; k++) {
        const term = vector.terms[k]!;
        if (present[term] === 0) {
          present[term] = 1;
          touched.push(term);
        }
        sums[term]! += vector.weights[k]!;
      }
    }
    const ordered = Int32Array.from(touched).sort();
    const kept = ordered.filter((term) => sums[term]! > 0);
    let sum = 0;
    for (const term of kept) sum += sums[term]! * sums[term]!;
    const norm = Math.sqrt(sum) || 1;
    const weights = Float64Array.from(kept, (term) => sums[term]! / norm);
    for (const term of ordered) {
      sums[term] = 0;
      present[term] = 0;
    }
    return { terms: kept, weights };
  });
}

