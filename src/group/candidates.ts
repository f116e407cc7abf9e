import { cosine, type SparseVector } from './vectors.js';
import type { Edge } from './average-link.js';

/** Terms per item used as blocking keys: its heaviest, which TF-IDF makes the rare, specific ones. */
const BLOCKING_TERMS = 15;
/** A key shared by more items than this is too common to suggest the same happening. */
const MAX_BUCKET = 100;

/**
 * Similarity edges between items, each cosine scaled by an optional pair factor in [0, 1] (e.g. date affinity). Edges under
 * `minSimilarity` are left out to keep the graph sparse (they count as 0 in cluster averages). Up to
 * `allPairsLimit` items every pair is scored; beyond that only items sharing one of their heaviest terms (rare
 * entities and words), so the work grows about linearly with the number of items.
 */
export function similarityGraph(
  vectors: readonly SparseVector[],
  options: {
    allPairsLimit: number;
    minSimilarity: number;
    /** Whose heaviest terms make the blocking keys (default `vectors`): a view where names weigh most blocks best. */
    blockingVectors?: readonly SparseVector[];
  },
  factor: (a: number, b: number) => number = () => 1,
): Edge[] {
  // The factor can only lower a cosine, so it is asked for only when the cosine alone clears the bar.
  const keep = (a: number, b: number, dot: number): Edge[] => {
    if (dot < options.minSimilarity) return [];
    const similarity = dot * factor(a, b);
    return similarity >= options.minSimilarity ? [{ a, b, similarity }] : [];
  };
  if (vectors.length <= options.allPairsLimit) return allPairEdges(vectors, keep);
  return blockedPairs(options.blockingVectors ?? vectors).flatMap(([a, b]) => keep(a, b, cosine(vectors[a]!, vectors[b]!)));
}

/**
 * Every pair's dot product accumulated through term postings: a pair costs only the terms it shares, not a walk
 * over both vectors, which matters when most pairs share next to nothing.
 */
function allPairEdges(vectors: readonly SparseVector[], toEdges: (a: number, b: number, dot: number) => Edge[]): Edge[] {
  const postings = termPostings(vectors);
  const dots = new Float64Array(vectors.length);
  const touched: number[] = [];
  const edges: Edge[] = [];
  vectors.forEach((vector, a) => {
    vector.terms.forEach((term, k) => {
      const weight = vector.weights[k]!;
      const list = postings.get(term)!;
      // Postings are in item order: only later items, so each pair is scored once.
      for (let p = list.upperBound(a); p < list.items.length; p++) {
        const b = list.items[p]!;
        if (dots[b] === 0) touched.push(b);
        dots[b] += weight * list.weights[p]!;
      }
    });
    touched.sort((x, y) => x - y);
    for (const b of touched) {
      for (const edge of toEdges(a, b, dots[b]!)) edges.push(edge);
      dots[b] = 0;
    }
    touched.length = 0;
  });
  return edges;
}

interface Postings {
  items: number[];
  weights: number[];
  upperBound(item: number): number;
}

function termPostings(vectors: readonly SparseVector[]): Map<number, Postings> {
  const postings = new Map<number, Postings>();
  vectors.forEach((vector, item) => {
    vector.terms.forEach((term, k) => {
      let list = postings.get(term);
      if (list === undefined) {
        const created: Postings = { items: [], weights: [], upperBound: (x) => firstAbove(created.items, x) };
        list = created;
        postings.set(term, list);
      }
      list.items.push(item);
      list.weights.push(vector.weights[k]!);
    });
  });
  return postings;
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

function blockedPairs(vectors: readonly SparseVector[]): [number, number][] {
  const buckets = new Map<number, number[]>();
  vectors.forEach((vector, item) => {
    for (const term of heaviestTerms(vector, BLOCKING_TERMS)) {
      const bucket = buckets.get(term);
      if (bucket) bucket.push(item);
      else buckets.set(term, [item]);
    }
  });
  const seen = new Set<number>();
  const pairs: [number, number][] = [];
  const size = vectors.length;
  for (const bucket of buckets.values()) {
    if (bucket.length < 2 || bucket.length > MAX_BUCKET) continue;
    for (let x = 0; x < bucket.length; x++) {
      for (let y = x + 1; y < bucket.length; y++) {
        const key = bucket[x]! * size + bucket[y]!;
        if (seen.has(key)) continue;
        seen.add(key);
        pairs.push([bucket[x]!, bucket[y]!]);
      }
    }
  }
  return pairs.sort((p, q) => p[0] - q[0] || p[1] - q[1]);
}

function heaviestTerms(vector: SparseVector, count: number): number[] {
  return [...vector.terms.keys()]
    .sort((i, j) => vector.weights[j]! - vector.weights[i]! || vector.terms[i]! - vector.terms[j]!)
    .slice(0, count)
    .map((k) => vector.terms[k]!);
}
