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
  const members: (number[] | null)[] = Array.from({ length: size }, (_, i) => [i]);
  /** Sum of similarities over the pairs inside each cluster (pairs not listed count as 0). */
  const within: number[] = Array.from({ length: size }, () => 0);
  const links: (Map<number, number> | null)[] = Array.from({ length: size }, () => new Map());
  for (const { a, b, similarity } of edges) {
    if (a === b) continue;
    links[a]!.set(b, (links[a]!.get(b) ?? 0) + similarity);
    links[b]!.set(a, (links[b]!.get(a) ?? 0) + similarity);
  }
  const withinMean = (cluster: number): number | null => {
    const n = members[cluster]!.length;
    return n < 2 ? null : within[cluster]! / ((n * (n - 1)) / 2);
  };
  /** The pair's mean similarity when it may merge, else null. */
  const mergeable = (x: number, y: number, sum: number): number | null => {
    const average = sum / (members[x]!.length * members[y]!.length);
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
    if (members[best.a] === null || members[best.b] === null) continue;
    count -= 1;
    const merged = members.length;
    members.push([...members[best.a]!, ...members[best.b]!]);
    within.push(within[best.a]! + within[best.b]! + (links[best.a]!.get(best.b) ?? 0));
    const mergedLinks = new Map<number, number>();
    for (const old of [best.a, best.b]) {
      for (const [other, sum] of links[old]!) {
        if (other === best.a || other === best.b) continue;
        mergedLinks.set(other, (mergedLinks.get(other) ?? 0) + sum);
        links[other]!.delete(old);
      }
      members[old] = null;
      links[old] = null;
    }
    links.push(mergedLinks);
    for (const [other, sum] of mergedLinks) {
      links[other]!.set(merged, sum);
      const average = mergeable(merged, other, sum);
      if (average !== null) heap.push({ average, a: Math.min(other, merged), b: Math.max(other, merged) });
    }
  }
  return members
    .filter((group): group is number[] => group !== null)
    .map((group) => [...group].sort((x, y) => x - y))
    .sort((x, y) => x[0]! - y[0]!);
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
