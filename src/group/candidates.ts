import type { SparseVector } from './vectors.js';
import { EdgeList } from './average-link.js';

/** Terms per item used as blocking keys: its heaviest, which TF-IDF makes the rare, specific ones. */
const BLOCKING_TERMS = 15;
/** A key shared by more items than this is too common to suggest the same happening. */
const MAX_BUCKET = 100;
/**
 * Past `allPairsLimit`, each item keeps its this many strongest edges (and those of which it is among the other
 * end's strongest). Chosen as about the largest story a day holds, not fitted to a score: the largest in the
 * evaluation sets is an ECB+ topic of 39 reports (its largest event 22), so every report of a story that size keeps
 * its edge to every other report, with room for look-alikes. A larger story of S reports can still hold together:
 * average link counts a dropped pair as 0, and with each report's 50 strongest edges inside its story the mean
 * within it is at least 50 / (S - 1) of their typical similarity, which clears a threshold of a quarter of it (as the
 * story cut's 0.1 is of whole texts of one story) up to about 200 reports. Without a bound the graph grows denser
 * with the day (more items share each rare key), and average link's merges of hub clusters cost their degree each time.
 */
const EDGES_PER_ITEM = 50;

/**
 * Similarity edges between items, each cosine scaled by an optional pair factor in [0, 1] (e.g. date affinity) and
 * lowered to an optional cap. Edges under `minSimilarity` are left out to keep the graph sparse (they count as 0 in
 * cluster averages). Up to `allPairsLimit` items every pair is scored; beyond that only items sharing one of their
 * heaviest terms (rare entities and words), and each item keeps only its EDGES_PER_ITEM strongest edges (capped), so
 * the work grows about linearly with the number of items.
 */
export function similarityGraph(
  vectors: readonly SparseVector[],
  options: {
    allPairsLimit: number;
    minSimilarity: number;
    /** Whose heaviest terms make the blocking keys (default `vectors`): a view where names weigh most blocks best. */
    blockingVectors?: readonly SparseVector[];
    /** Each edge is lowered to this where it is less (after the bar, before the strongest are chosen). */
    cap?: (a: number, b: number) => number;
  },
  factor: (a: number, b: number) => number = () => 1,
): EdgeList {
  if (vectors.length <= options.allPairsLimit) {
    const edges = new EdgeList();
    allPairEdges(vectors, keepOver(options.minSimilarity, factor, edges, options.cap));
    return edges;
  }
  const keys = (options.blockingVectors ?? vectors).map((vector) => heaviestTerms(vector, BLOCKING_TERMS));
  const edges = pairEdges(vectors, (visit) => forEachPartnerSharingKey(keys, MAX_BUCKET, visit), options.minSimilarity, factor, options.cap);
  edges.keepStrongest(EDGES_PER_ITEM, vectors.length);
  return edges;
}

/**
 * Similarity edges (as `similarityGraph`'s, lowered to `cap` where given) between the pairs `forEachPair` lists: it
 * calls `visit(a, partners)` for each item a with its partners b > a in ascending order, as `forEachPartnerSharingKey`
 * does.
 */
export function pairEdges(
  vectors: readonly SparseVector[],
  forEachPair: (visit: (a: number, partners: Int32Array) => void) => void,
  minSimilarity: number,
  factor: (a: number, b: number) => number = () => 1,
  cap?: (a: number, b: number) => number,
): EdgeList {
  const edges = new EdgeList();
  const keep = keepOver(minSimilarity, factor, edges, cap);
  // Item a's weights spread over a dense array by term: a partner's dot product is then one pass over its own
  // terms (the same products, summed in the same term order as a merge walk, so the same number).
  // All vectors are copied end to end into one pool, so the partners (ascending) are read in memory order.
  const { start, terms: poolTerms, weights: poolWeights } = pooled(vectors);
  let terms = 0;
  for (const term of poolTerms) terms = Math.max(terms, term + 1);
  const dense = new Float64Array(terms);
  forEachPair((a, partners) => {
    const vector = vectors[a]!;
    for (let k = 0; k < vector.terms.length; k++) dense[vector.terms[k]!] = vector.weights[k]!;
    for (let p = 0; p < partners.length; p++) {
      const b = partners[p]!;
      let dot = 0;
      // A term a lacks adds 0 × weight = +0, which leaves the sum exactly as it was (weights are positive, so the sum
      // is never -0): the same number as adding only the shared terms, without a branch per term.
      for (let k = start[b]!; k < start[b + 1]!; k++) dot += dense[poolTerms[k]!]! * poolWeights[k]!;
      keep(a, b, dot);
    }
    for (let k = 0; k < vector.terms.length; k++) dense[vector.terms[k]!] = 0;
  });
  return edges;
}

/**
 * Adds to `edges` the edge of a pair whose cosine is `dot`, unless it (scaled by the pair factor) is under the bar;
 * an edge that clears the bar is lowered to the cap where that is less (and kept even when the cap is under the bar).
 */
function keepOver(
  minSimilarity: number,
  factor: (a: number, b: number) => number,
  edges: EdgeList,
  cap?: (a: number, b: number) => number,
) {
  // The factor can only lower a cosine, so it is asked for only when the cosine alone clears the bar.
  return (a: number, b: number, dot: number): void => {
    if (dot < minSimilarity) return;
    const similarity = dot * factor(a, b);
    if (similarity >= minSimilarity) edges.add(a, b, cap ? Math.min(similarity, cap(a, b)) : similarity);
  };
}

/**
 * The vectors' terms and weights end to end; vector i's are at start[i] up to start[i + 1]. Vectors that already lie
 * end to end in one pool (a TF-IDF model's, `tfidfFromIds`) are read where they are: on a big day a copy is hundreds
 * of megabytes made for each graph.
 */
export function pooled(vectors: readonly SparseVector[]): { start: Int32Array; terms: Int32Array; weights: Float64Array } {
  const start = new Int32Array(vectors.length + 1);
  vectors.forEach((vector, i) => (start[i + 1] = start[i]! + vector.terms.length));
  const size = start[vectors.length]!;
  if (vectors.length > 0 && endToEnd(vectors)) {
    const { terms, weights } = vectors[0]!;
    return {
      start,
      terms: new Int32Array(terms.buffer, terms.byteOffset, size),
      weights: new Float64Array(weights.buffer, weights.byteOffset, size),
    };
  }
  const terms = new Int32Array(size);
  const weights = new Float64Array(size);
  vectors.forEach((vector, i) => {
    terms.set(vector.terms, start[i]);
    weights.set(vector.weights, start[i]);
  });
  return { start, terms, weights };
}

/** Whether each vector's terms and weights follow the previous one's in the same buffers. */
function endToEnd(vectors: readonly SparseVector[]): boolean {
  const first = vectors[0]!;
  let termsAt = first.terms.byteOffset;
  let weightsAt = first.weights.byteOffset;
  for (const { terms, weights } of vectors) {
    if (terms.buffer !== first.terms.buffer || terms.byteOffset !== termsAt) return false;
    if (weights.buffer !== first.weights.buffer || weights.byteOffset !== weightsAt) return false;
    termsAt += terms.byteLength;
    weightsAt += weights.byteLength;
  }
  return true;
}

/**
 * Every pair's dot product accumulated through term postings: a pair costs only the terms it shares, not a walk
 * over both vectors, which matters when most pairs share next to nothing.
 */
function allPairEdges(vectors: readonly SparseVector[], score: (a: number, b: number, dot: number) => void): void {
  const { start, items, weights: postingWeights } = termPostings(vectors);
  // Items are visited in order and each is in the postings of each of its terms, so where an item sits in a
  // term's list is how many earlier items had the term: a counter per term, not a search.
  const visited = start.slice(0, start.length - 1);
  const dots = new Float64Array(vectors.length);
  // Which later items share a term with a: up to allPairsLimit items, a scan of the marks in item order costs less
  // than sorting a list of them.
  const touched = new Uint8Array(vectors.length);
  for (let a = 0; a < vectors.length; a++) {
    const { terms, weights } = vectors[a]!;
    for (let k = 0; k < terms.length; k++) {
      const term = terms[k]!;
      const weight = weights[k]!;
      // Postings are in item order: only later items, so each pair is scored once.
      for (let p = ++visited[term]!; p < start[term + 1]!; p++) {
        const b = items[p]!;
        touched[b] = 1;
        dots[b] += weight * postingWeights[p]!;
      }
    }
    for (let b = a + 1; b < vectors.length; b++) {
      if (touched[b] === 0) continue;
      score(a, b, dots[b]!);
      dots[b] = 0;
      touched[b] = 0;
    }
  }
}

/** Each term's items (ascending) and their weights, end to end by term: term t's are at start[t] up to start[t + 1]. */
function termPostings(vectors: readonly SparseVector[]): { start: Int32Array; items: Int32Array; weights: Float64Array } {
  let terms = 0;
  for (const vector of vectors) for (const term of vector.terms) terms = Math.max(terms, term + 1);
  const start = new Int32Array(terms + 1);
  for (const vector of vectors) for (const term of vector.terms) start[term + 1]!++;
  for (let term = 0; term < terms; term++) start[term + 1]! += start[term]!;
  const items = new Int32Array(start[terms]!);
  const weights = new Float64Array(start[terms]!);
  const next = start.slice(0, terms);
  vectors.forEach((vector, item) => {
    for (let k = 0; k < vector.terms.length; k++) {
      const at = next[vector.terms[k]!]!++;
      items[at] = item;
      weights[at] = vector.weights[k]!;
    }
  });
  return { start, items, weights };
}

function firstAbove(sorted: readonly number[], value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (sorted[mid]! <= value) low = mid + 1;
    else high = mid;
  }
  return low;
}

/**
 * Calls `visit(a, partners)` for every item with the later items (ascending; a view valid only during the call) that
 * share one of its keys, so every such pair is visited once, in ascending order of (a, b); a key shared by more than
 * `maxBucket` items is skipped.
 * Each item gathers its later partners from its own buckets in a marker array: no pair-keyed set, so memory
 * stays with the buckets however many pairs there are.
 */
export function forEachPartnerSharingKey<Key>(
  keysOf: readonly (readonly Key[])[],
  maxBucket: number,
  visit: (a: number, partners: Int32Array) => void,
): void {
  const buckets = new Map<Key, number[]>();
  keysOf.forEach((keys, item) => {
    for (const key of keys) {
      const bucket = buckets.get(key);
      if (bucket) {
        if (bucket[bucket.length - 1] !== item) bucket.push(item);
      } else buckets.set(key, [item]);
    }
  });
  const marked = new Uint8Array(keysOf.length);
  // An item has at most every other item as a partner: one typed array, whose numeric sort needs no comparator.
  const partners = new Int32Array(keysOf.length);
  keysOf.forEach((keys, a) => {
    let count = 0;
    for (const key of keys) {
      const bucket = buckets.get(key)!;
      if (bucket.length < 2 || bucket.length > maxBucket) continue;
      // Buckets hold items in ascending order: only the later ones, so each pair is visited once.
      for (let p = firstAbove(bucket, a); p < bucket.length; p++) {
        const b = bucket[p]!;
        if (marked[b]) continue;
        marked[b] = 1;
        partners[count++] = b;
      }
    }
    const found = partners.subarray(0, count).sort();
    for (let p = 0; p < count; p++) marked[found[p]!] = 0;
    visit(a, found);
  });
}

/**
 * The vector's `count` heaviest terms (ties to the lower term), heaviest first: one pass that keeps the best so far in
 * order, by insertion (count is small), instead of sorting every term.
 */
export function heaviestTerms(vector: SparseVector, count: number): number[] {
  const best: number[] = [];
  const { terms, weights } = vector;
  for (let k = 0; k < terms.length; k++) {
    // Terms ascend, so an equal weight already kept has the lower term and stays first.
    if (best.length === count && !(weights[k]! > weights[best[count - 1]!]!)) continue;
    let at = best.length === count ? count - 1 : best.length;
    while (at > 0 && weights[best[at - 1]!]! < weights[k]!) {
      best[at] = best[at - 1]!;
      at -= 1;
    }
    best[at] = k;
  }
  return best.map((k) => terms[k]!);
}
