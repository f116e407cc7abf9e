import { grown } from '../util/typed-arrays.js';

/** Similarity between two items; pairs not listed count as 0. */
export interface Edge {
  a: number;
  b: number;
  similarity: number;
}

/**
 * Similarity edges in parallel typed arrays, edge k joining a[k] and b[k] (the arrays may run past `length`): a graph
 * of a day's articles has hundreds of thousands of edges, and an object per edge is garbage the collector copies.
 */
export class EdgeList {
  a = new Int32Array(16);
  b = new Int32Array(16);
  similarity = new Float64Array(16);
  length = 0;

  static of(edges: readonly Edge[]): EdgeList {
    const list = new EdgeList();
    for (const edge of edges) list.add(edge.a, edge.b, edge.similarity);
    return list;
  }

  add(a: number, b: number, similarity: number): void {
    if (this.length === this.a.length) this.grow();
    this.a[this.length] = a;
    this.b[this.length] = b;
    this.similarity[this.length++] = similarity;
  }

  /**
   * Keeps only each item's `k` strongest edges: an edge stays when it is among the k strongest of either of its two
   * items (ties with the k-th strongest stay too), in the order it was listed. Items 0..size-1.
   */
  keepStrongest(k: number, size: number): void {
    // Each item's k strongest similarities so far, as a min-heap in its own k slots (the weakest kept at the root).
    const strongest = new Float64Array(size * k);
    const held = new Int32Array(size);
    const offer = (item: number, similarity: number) => {
      const base = item * k;
      if (held[item]! < k) {
        let i = held[item]!++;
        while (i > 0 && strongest[base + ((i - 1) >> 1)]! > similarity) {
          strongest[base + i] = strongest[base + ((i - 1) >> 1)]!;
          i = (i - 1) >> 1;
        }
        strongest[base + i] = similarity;
        return;
      }
      if (!(similarity > strongest[base]!)) return;
      let i = 0;
      for (;;) {
        const left = 2 * i + 1;
        if (left >= k) break;
        const child = left + 1 < k && strongest[base + left + 1]! < strongest[base + left]! ? left + 1 : left;
        if (strongest[base + child]! >= similarity) break;
        strongest[base + i] = strongest[base + child]!;
        i = child;
      }
      strongest[base + i] = similarity;
    };
    for (let e = 0; e < this.length; e++) {
      offer(this.a[e]!, this.similarity[e]!);
      offer(this.b[e]!, this.similarity[e]!);
    }
    // An item with fewer than k edges keeps them all.
    const bar = (item: number) => (held[item]! < k ? Number.NEGATIVE_INFINITY : strongest[item * k]!);
    let kept = 0;
    for (let e = 0; e < this.length; e++) {
      const similarity = this.similarity[e]!;
      if (similarity < bar(this.a[e]!) && similarity < bar(this.b[e]!)) continue;
      this.a[kept] = this.a[e]!;
      this.b[kept] = this.b[e]!;
      this.similarity[kept++] = similarity;
    }
    this.length = kept;
    // The arrays were sized for every candidate edge: a copy of the kept ones lets the rest go (on a big day the
    // unbounded graph is several times the bounded one).
    this.a = this.a.slice(0, kept);
    this.b = this.b.slice(0, kept);
    this.similarity = this.similarity.slice(0, kept);
  }

  toArray(): Edge[] {
    return Array.from({ length: this.length }, (_, k) => ({ a: this.a[k]!, b: this.b[k]!, similarity: this.similarity[k]! }));
  }

  private grow(): void {
    // keepStrongest may have cut the arrays to no length at all.
    const size = Math.max(16, 2 * this.a.length);
    this.a = grown(this.a, size);
    this.b = grown(this.b, size);
    this.similarity = grown(this.similarity, size);
  }
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
  edges: EdgeList,
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
  const links = new LinkLists(size, edges);
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
  for (let a = 0; a < size; a++) {
    links.forEachLink(a, alive, (b, sum) => {
      const average = a < b ? mergeable(a, b, sum) : null;
      if (average !== null) heap.push(average, a, b);
    });
  }
  while (heap.size > 0 && count > minClusters) {
    const x = heap.topA();
    const y = heap.topB();
    heap.pop();
    if (!alive[x] || !alive[y]) continue;
    count -= 1;
    const merged = created++;
    alive[merged] = 1;
    clusterSize[merged] = clusterSize[x]! + clusterSize[y]!;
    firstItem[merged] = firstItem[x]!;
    nextItem[lastItem[x]!] = firstItem[y]!;
    lastItem[merged] = lastItem[y]!;
    alive[x] = 0;
    alive[y] = 0;
    within[merged] = within[x]! + within[y]! + links.merge(x, y, merged, alive);
    links.forEachLink(merged, alive, (other, sum) => {
      const average = mergeable(merged, other, sum);
      if (average !== null) heap.push(average, Math.min(other, merged), Math.max(other, merged));
    });
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

/**
 * Each live cluster's links (the other cluster and the sum of similarities between the two), as growable arrays
 * rather than maps: a merge appends the merged cluster to each neighbour's list instead of deleting and setting map
 * keys. Entries naming a cluster that has since been merged are stale and skipped (the liveness array says which);
 * a list is compacted once it holds more stale entries than live ones, so lists stay within twice their live size.
 */
class LinkLists {
  private readonly others: number[][];
  private readonly sums: number[][];
  private readonly stale: number[];
  /** Scratch by cluster: the merged cluster's sum with each neighbour while a merge gathers them. */
  private readonly gathered: Float64Array;
  /** Scratch by cluster: how many lists being gathered named it (0 when not gathered yet). */
  private readonly seen: Int32Array;
  private readonly touched: number[] = [];

  constructor(size: number, edges: EdgeList) {
    const slots = Math.max(1, 2 * size - 1);
    this.others = Array.from({ length: slots }, () => []);
    this.sums = Array.from({ length: slots }, () => []);
    this.stale = new Array<number>(slots).fill(0);
    this.gathered = new Float64Array(slots);
    this.seen = new Int32Array(slots);
    // Each item's edges in the order given (compressed rows by item): a pair listed twice counts the sum of its
    // similarities, added in that order.
    const start = new Int32Array(size + 1);
    for (let k = 0; k < edges.length; k++) {
      if (edges.a[k] === edges.b[k]) continue;
      start[edges.a[k]! + 1]!++;
      start[edges.b[k]! + 1]!++;
    }
    for (let item = 0; item < size; item++) start[item + 1]! += start[item]!;
    const other = new Int32Array(start[size]!);
    const similarity = new Float64Array(start[size]!);
    const next = start.slice(0, size);
    for (let k = 0; k < edges.length; k++) {
      const [a, b] = [edges.a[k]!, edges.b[k]!];
      if (a === b) continue;
      other[next[a]!] = b;
      similarity[next[a]!++] = edges.similarity[k]!;
      other[next[b]!] = a;
      similarity[next[b]!++] = edges.similarity[k]!;
    }
    for (let item = 0; item < size; item++) {
      for (let k = start[item]!; k < start[item + 1]!; k++) this.gather(other[k]!, similarity[k]!);
      this.flush(item);
    }
  }

  /** Calls `visit(other, sum)` for each live cluster linked to `cluster`. */
  forEachLink(cluster: number, alive: Uint8Array, visit: (other: number, sum: number) => void): void {
    const others = this.others[cluster]!;
    const sums = this.sums[cluster]!;
    for (let k = 0; k < others.length; k++) if (alive[others[k]!]) visit(others[k]!, sums[k]!);
  }

  /**
   * Gives `merged` the links of x and y (a cluster linked to both gets the sum of the two, kept's plus absorbed's in
   * either order: addition commutes exactly) and adds `merged` to each of those clusters' lists; returns the sum
   * between x and y. x and y are already marked dead, `merged` alive.
   */
  merge(x: number, y: number, merged: number, alive: Uint8Array): number {
    let between = 0;
    for (const part of [x, y]) {
      const others = this.others[part]!;
      const sums = this.sums[part]!;
      for (let k = 0; k < others.length; k++) {
        const other = others[k]!;
        if (other === x || other === y) between = sums[k]!;
        else if (alive[other]) this.gather(other, sums[k]!);
      }
      this.others[part] = [];
      this.sums[part] = [];
    }
    for (const other of this.touched) {
      this.others[other]!.push(merged);
      this.sums[other]!.push(this.gathered[other]!);
      // x, y or both are now stale in this neighbour's list.
      this.stale[other]! += this.seen[other]!;
      if (2 * this.stale[other]! > this.others[other]!.length) this.compact(other, alive);
    }
    this.flush(merged);
    return between;
  }

  private gather(other: number, sum: number): void {
    if (this.seen[other] === 0) {
      this.touched.push(other);
      this.gathered[other] = sum;
    } else {
      this.gathered[other]! += sum;
    }
    this.seen[other]! += 1;
  }

  /** Stores the gathered links as `cluster`'s list and clears the scratch. */
  private flush(cluster: number): void {
    const others = this.others[cluster]!;
    const sums = this.sums[cluster]!;
    for (const other of this.touched) {
      others.push(other);
      sums.push(this.gathered[other]!);
      this.gathered[other] = 0;
      this.seen[other] = 0;
    }
    this.touched.length = 0;
  }

  private compact(cluster: number, alive: Uint8Array): void {
    const others = this.others[cluster]!;
    const sums = this.sums[cluster]!;
    let kept = 0;
    for (let k = 0; k < others.length; k++) {
      if (!alive[others[k]!]) continue;
      others[kept] = others[k]!;
      sums[kept] = sums[k]!;
      kept += 1;
    }
    others.length = kept;
    sums.length = kept;
    this.stale[cluster] = 0;
  }
}

/**
 * Max-heap of candidate merges on average similarity; equal averages pop the older (lower-numbered) pair first. Held
 * in typed arrays (no object per candidate). Every pair is pushed once at most, so the order is total and the pops
 * do not depend on how the heap is laid out.
 */
class CandidateHeap {
  private averages = new Float64Array(1024);
  private as = new Int32Array(1024);
  private bs = new Int32Array(1024);
  size = 0;

  topA(): number {
    return this.as[0]!;
  }

  topB(): number {
    return this.bs[0]!;
  }

  push(average: number, a: number, b: number): void {
    if (this.size === this.averages.length) this.grow();
    let i = this.size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.before(average, a, b, parent)) break;
      this.move(parent, i);
      i = parent;
    }
    this.averages[i] = average;
    this.as[i] = a;
    this.bs[i] = b;
  }

  pop(): void {
    const last = --this.size;
    if (last === 0) return;
    const average = this.averages[last]!;
    const a = this.as[last]!;
    const b = this.bs[last]!;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= last) break;
      const right = left + 1;
      const child = right < last && this.precedes(right, left) ? right : left;
      if (this.before(average, a, b, child)) break;
      this.move(child, i);
      i = child;
    }
    this.averages[i] = average;
    this.as[i] = a;
    this.bs[i] = b;
  }

  /** Whether the candidate (average, a, b) comes before the one at `i`. */
  private before(average: number, a: number, b: number, i: number): boolean {
    const other = this.averages[i]!;
    if (average !== other) return average > other;
    return a !== this.as[i] ? a < this.as[i]! : b < this.bs[i]!;
  }

  private precedes(i: number, j: number): boolean {
    return this.before(this.averages[i]!, this.as[i]!, this.bs[i]!, j);
  }

  private move(from: number, to: number): void {
    this.averages[to] = this.averages[from]!;
    this.as[to] = this.as[from]!;
    this.bs[to] = this.bs[from]!;
  }

  private grow(): void {
    this.averages = grown(this.averages, this.averages.length * 2);
    this.as = grown(this.as, this.as.length * 2);
    this.bs = grown(this.bs, this.bs.length * 2);
  }
}
