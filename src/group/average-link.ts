/** Similarity between two items; pairs not listed count as 0. */
export interface Edge {
  a: number;
  b: number;
  similarity: number;
}

interface Candidate {
  average: number;
  a: number;
  b: number;
}

/**
 * When two clusters are far apart compared with how alike each is inside: merging them is refused unless the mean
 * similarity across reaches `ratio` times the mean within the looser part (of two or more items), or `loneRatio`
 * times the other part's when one part is a single item. Average link alone merges two tight groups whose mean
 * across clears the threshold however much tighter each is inside; this keeps such groups apart.
 */
export interface GapRule {
  ratio: number;
  loneRatio: number;
}

export interface AverageLinkOptions {
  /** Stop merging once this few clusters are left (a bisection asks for 2 with a threshold of -Infinity). */
  minClusters?: number;
  /** Merges that would join two parts across a gap are refused (see `GapRule`). */
  gap?: GapRule;
}

/**
 * Agglomerative average-link clustering of items 0..size-1 over a sparse similarity graph: repeatedly merge the two
 * clusters with the highest mean pairwise similarity while that mean reaches `threshold` (and, with a `gap` rule,
 * while the two are about as alike across as within). A heap with lazy deletion keeps it near O(E log E). Ties
 * break on cluster creation order, so the result depends only on the input. Returns clusters as ascending item
 * lists, ordered by their first item.
 */
export function averageLinkClusters(
  size: number,
  edges: readonly Edge[],
  threshold: number,
  options: AverageLinkOptions = {},
): number[][] {
  const minClusters = options.minClusters ?? 1;
  const gap = options.gap;
  let count = size;
  // Clusters are numbered 0..2*size-2 (a merge makes a new one); their items are linked lists (first, last, next
  // item), so a merge costs O(1) however large the clusters, not a copy of both member lists.
  const slots = Math.max(1, 2 * size - 1);
  const clusterSize = new Int32Array(slots);
  const firstItem = new Int32Array(slots).fill(-1);
  const lastItem = new Int32Array(slots).fill(-1);
  const nextItem = new Int32Array(size).fill(-1);
  const alive = new Uint8Array(slots);
  for (let i = 0; i < size; i++) {
    clusterSize[i] = 1;
    firstItem[i] = i;
    lastItem[i] = i;
    alive[i] = 1;
  }
  let created = size;
  /** Sum of similarities over the pairs inside each cluster (pairs not listed count as 0). */
  const within = new Float64Array(slots);
  const links: (Map<number, number> | null)[] = Array.from({ length: size }, () => new Map());
  for (const { a, b, similarity } of edges) {
    if (a === b) continue;
    links[a]!.set(b, (links[a]!.get(b) ?? 0) + similarity);
    links[b]!.set(a, (links[b]!.get(a) ?? 0) + similarity);
  }
  const withinMean = (cluster: number): number | null => {
    const n = clusterSize[cluster]!;
    return n < 2 ? null : within[cluster]! / ((n * (n - 1)) / 2);
  };
  /** The pair's mean similarity when it may merge, else null. */
  const mergeable = (x: number, y: number, sum: number): number | null => {
    const average = sum / (clusterSize[x]! * clusterSize[y]!);
    if (average < threshold) return null;
    if (gap === undefined) return average;
    const wx = withinMean(x);
    const wy = withinMean(y);
    if (wx !== null && wy !== null) return average >= gap.ratio * Math.min(wx, wy) ? average : null;
    if (wx !== null || wy !== null) return average >= gap.loneRatio * (wx ?? wy)! ? average : null;
    return average;
  };
  const heap = new CandidateHeap();
  links.forEach((map, a) => {
    for (const [b, sum] of map!) {
      const average = a < b ? mergeable(a, b, sum) : null;
      if (average !== null) heap.push({ average, a, b });
    }
  });
  while (heap.size > 0 && count > minClusters) {
    const best = heap.pop()!;
    if (!alive[best.a] || !alive[best.b]) continue;
    count -= 1;
    const merged = created++;
    alive[merged] = 1;
    clusterSize[merged] = clusterSize[best.a]! + clusterSize[best.b]!;
    firstItem[merged] = firstItem[best.a]!;
    nextItem[lastItem[best.a]!] = firstItem[best.b]!;
    lastItem[merged] = lastItem[best.b]!;
    within[merged] = within[best.a]! + within[best.b]! + (links[best.a]!.get(best.b) ?? 0);
    // The merged cluster's links are the busier part's map with the other part's added in: a merge then costs the
    // smaller part's links, not a copy of both (sums are the same numbers: addition commutes exactly).
    const [kept, absorbed] = links[best.a]!.size >= links[best.b]!.size ? [best.a, best.b] : [best.b, best.a];
    const mergedLinks = links[kept]!;
    mergedLinks.delete(absorbed);
    for (const [other, sum] of links[absorbed]!) {
      if (other === kept) continue;
      mergedLinks.set(other, (mergedLinks.get(other) ?? 0) + sum);
    }
    for (const old of [best.a, best.b]) {
      alive[old] = 0;
      links[old] = null;
    }
    for (const other of mergedLinks.keys()) {
      const theirs = links[other]!;
      theirs.delete(best.a);
      theirs.delete(best.b);
    }
    links.push(mergedLinks);
    for (const [other, sum] of mergedLinks) {
      links[other]!.set(merged, sum);
      const average = mergeable(merged, other, sum);
      if (average !== null) heap.push({ average, a: Math.min(other, merged), b: Math.max(other, merged) });
    }
  }
  const clusters: number[][] = [];
  for (let cluster = 0; cluster < created; cluster++) {
    if (!alive[cluster]) continue;
    const items: number[] = [];
    for (let item = firstItem[cluster]!; item !== -1; item = nextItem[item]!) items.push(item);
    clusters.push(items.sort((x, y) => x - y));
  }
  return clusters.sort((x, y) => x[0]! - y[0]!);
}

/** Max-heap on average similarity; equal averages pop the older (lower-numbered) pair first. */
class CandidateHeap {
  private readonly items: Candidate[] = [];

  get size(): number {
    return this.items.length;
  }

  push(candidate: Candidate): void {
    this.items.push(candidate);
    let i = this.items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(this.items[i]!, this.items[parent]!)) break;
      [this.items[i], this.items[parent]] = [this.items[parent]!, this.items[i]!];
      i = parent;
    }
  }

  pop(): Candidate | undefined {
    const top = this.items[0];
    const last = this.items.pop();
    if (this.items.length > 0 && last !== undefined) {
      this.items[0] = last;
      let i = 0;
      for (;;) {
        const left = 2 * i + 1;
        const right = left + 1;
        let next = i;
        if (left < this.items.length && before(this.items[left]!, this.items[next]!)) next = left;
        if (right < this.items.length && before(this.items[right]!, this.items[next]!)) next = right;
        if (next === i) break;
        [this.items[i], this.items[next]] = [this.items[next]!, this.items[i]!];
        i = next;
      }
    }
    return top;
  }
}

function before(x: Candidate, y: Candidate): boolean {
  if (x.average !== y.average) return x.average > y.average;
  return x.a !== y.a ? x.a < y.a : x.b < y.b;
}
