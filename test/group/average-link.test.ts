import { describe, expect, it } from 'vitest';
import { averageLinkClusters, EdgeList, type AverageLinkOptions, type Edge } from '../../src/group/average-link.js';
import { seededRandom } from '../../src/util/seeded-random.js';

/** `averageLinkClusters` on edges written as objects. */
const averageLink = (size: number, edges: readonly Edge[], threshold: number, options?: AverageLinkOptions) =>
  averageLinkClusters(size, EdgeList.of(edges), threshold, options);

describe('averageLinkClusters', () => {
  it('merges while the mean similarity between clusters reaches the threshold', () => {
    // 0-1 and 2-3 are tight pairs; a single strong 1-2 link is diluted by the three missing ones.
    const edges = [
      { a: 0, b: 1, similarity: 0.9 },
      { a: 2, b: 3, similarity: 0.8 },
      { a: 1, b: 2, similarity: 0.6 },
    ];
    expect(averageLink(4, edges, 0.5)).toEqual([[0, 1], [2, 3]]);
    // Mean over the four cross pairs is 0.6 / 4 = 0.15.
    expect(averageLink(4, edges, 0.15)).toEqual([[0, 1, 2, 3]]);
  });

  it('leaves items without links alone', () => {
    expect(averageLink(3, [{ a: 0, b: 2, similarity: 0.7 }], 0.3)).toEqual([[0, 2], [1]]);
  });

  it('breaks ties by item order, not by the order edges are given', () => {
    const edges = [
      { a: 1, b: 2, similarity: 0.5 },
      { a: 0, b: 1, similarity: 0.5 },
    ];
    // Once 0-1 merge, 2 averages 0.25 with them, below the threshold.
    expect(averageLink(3, edges, 0.4)).toEqual([[0, 1], [2]]);
    expect(averageLink(3, [...edges].reverse(), 0.4)).toEqual([[0, 1], [2]]);
  });
});

describe('averageLinkClusters with minClusters', () => {
  it('stops merging once that few clusters are left, even below any threshold', () => {
    const edges = [
      { a: 0, b: 1, similarity: 0.9 },
      { a: 2, b: 3, similarity: 0.8 },
      { a: 1, b: 2, similarity: -0.5 },
      { a: 0, b: 3, similarity: -0.5 },
    ];
    expect(averageLink(4, edges, Number.NEGATIVE_INFINITY, { minClusters: 2 })).toEqual([[0, 1], [2, 3]]);
    expect(averageLink(4, edges, Number.NEGATIVE_INFINITY)).toEqual([[0, 1, 2, 3]]);
  });
});

describe('averageLinkClusters with a gap rule', () => {
  // Two tight triples (0.9 inside) joined by across pairs of 0.5: the mean across clears a 0.3 threshold, but the
  // triples are far tighter inside than across (0.5 < 0.7 x 0.9).
  const triples = [
    { a: 0, b: 1, similarity: 0.9 },
    { a: 0, b: 2, similarity: 0.9 },
    { a: 1, b: 2, similarity: 0.9 },
    { a: 3, b: 4, similarity: 0.9 },
    { a: 3, b: 5, similarity: 0.9 },
    { a: 4, b: 5, similarity: 0.9 },
    ...[0, 1, 2].flatMap((a) => [3, 4, 5].map((b) => ({ a, b, similarity: 0.5 }))),
  ];

  it('keeps apart two groups that are much less alike across than within', () => {
    expect(averageLink(6, triples, 0.3)).toEqual([[0, 1, 2, 3, 4, 5]]);
    expect(averageLink(6, triples, 0.3, { gap: { ratio: 0.7, loneRatio: 0.5 } })).toEqual([
      [0, 1, 2],
      [3, 4, 5],
    ]);
  });

  it('still merges groups about as alike across as within', () => {
    expect(averageLink(6, triples, 0.3, { gap: { ratio: 0.5, loneRatio: 0.5 } })).toEqual([[0, 1, 2, 3, 4, 5]]);
  });

  it('holds a single item to the lone ratio of the group it would join', () => {
    const edges = [
      { a: 0, b: 1, similarity: 0.9 },
      { a: 0, b: 2, similarity: 0.4 },
      { a: 1, b: 2, similarity: 0.4 },
    ];
    // 0.4 is under 0.5 x 0.9 but over 0.4 x 0.9.
    expect(averageLink(3, edges, 0.3, { gap: { ratio: 0.7, loneRatio: 0.5 } })).toEqual([[0, 1], [2]]);
    expect(averageLink(3, edges, 0.3, { gap: { ratio: 0.7, loneRatio: 0.4 } })).toEqual([[0, 1, 2]]);
  });
});

describe('averageLinkClusters against a direct recomputation', () => {
  function randomGraph(seed: number, size: number, density: number): Edge[] {
    const next = seededRandom(seed);
    const edges: Edge[] = [];
    for (let a = 0; a < size; a++) {
      for (let b = a + 1; b < size; b++) if (next() < density) edges.push({ a, b, similarity: next() * 1.2 - 0.2 });
    }
    return edges;
  }

  /** Every step recomputes every pair of clusters' mean from the item pairs: slow, plainly average link. */
  function directAverageLink(size: number, edges: readonly Edge[], threshold: number, options: AverageLinkOptions = {}): number[][] {
    const similarity = new Map<string, number>();
    for (const { a, b, similarity: s } of edges) similarity.set(`${Math.min(a, b)},${Math.max(a, b)}`, s);
    const between = (x: readonly number[], y: readonly number[]) => {
      let sum = 0;
      for (const i of x) for (const j of y) sum += similarity.get(`${Math.min(i, j)},${Math.max(i, j)}`) ?? 0;
      return sum;
    };
    const withinMean = (x: readonly number[]) => (x.length < 2 ? null : between(x, x) / 2 / ((x.length * (x.length - 1)) / 2));
    const clusters = new Map<number, number[]>(Array.from({ length: size }, (_, i) => [i, [i]]));
    let created = size;
    while (clusters.size > (options.minClusters ?? 1)) {
      let best: { average: number; x: number; y: number } | null = null;
      const ids = [...clusters.keys()].sort((p, q) => p - q);
      for (const x of ids) {
        for (const y of ids) {
          if (y <= x) continue;
          const [cx, cy] = [clusters.get(x)!, clusters.get(y)!];
          if (between(cx, cy) === 0) continue;
          const average = between(cx, cy) / (cx.length * cy.length);
          if (average < threshold) continue;
          const [wx, wy] = [withinMean(cx), withinMean(cy)];
          if (options.gap && wx !== null && wy !== null && average < options.gap.ratio * Math.min(wx, wy)) continue;
          if (options.gap && (wx === null) !== (wy === null) && average < options.gap.loneRatio * (wx ?? wy)!) continue;
          if (best === null || average > best.average) best = { average, x, y };
        }
      }
      if (best === null) break;
      clusters.set(created++, [...clusters.get(best.x)!, ...clusters.get(best.y)!]);
      clusters.delete(best.x);
      clusters.delete(best.y);
    }
    return [...clusters.values()].map((items) => items.sort((p, q) => p - q)).sort((p, q) => p[0]! - q[0]!);
  }

  it('merges the same clusters on random graphs, with and without a gap rule', () => {
    for (let seed = 1; seed <= 12; seed++) {
      const edges = randomGraph(seed, 40, seed % 2 === 0 ? 0.5 : 0.15);
      for (const [threshold, options] of [
        [0.1, {}],
        [0.3, { gap: { ratio: 0.7, loneRatio: 0.5 } }],
        [Number.NEGATIVE_INFINITY, { minClusters: 3 }],
      ] as const) {
        expect(averageLink(40, edges, threshold, options)).toEqual(directAverageLink(40, edges, threshold, options));
      }
    }
  });

  it('adds up a pair listed twice', () => {
    const twice = [
      { a: 0, b: 1, similarity: 0.3 },
      { a: 1, b: 0, similarity: 0.3 },
    ];
    expect(averageLink(2, twice, 0.5)).toEqual([[0, 1]]);
    expect(averageLink(2, twice.slice(0, 1), 0.5)).toEqual([[0], [1]]);
  });
});

describe('EdgeList', () => {
  it('keeps every edge added, in order', () => {
    const edges = Array.from({ length: 40 }, (_, k) => ({ a: k, b: k + 1, similarity: k / 40 }));
    expect(EdgeList.of(edges).toArray()).toEqual(edges);
  });

  it("keeps each item's k strongest edges and those of which it is among the other end's, in order", () => {
    const next = seededRandom(3);
    const size = 30;
    const edges: Edge[] = [];
    for (let a = 0; a < size; a++) {
      // Item 0 is a hub linked to everything; the others to a few items each. Similarities repeat, so ties happen.
      for (let b = a + 1; b < size; b++) if (a === 0 || next() < 0.3) edges.push({ a, b, similarity: Math.ceil(next() * 20) / 20 });
    }
    const k = 4;
    const list = EdgeList.of(edges);
    list.keepStrongest(k, size);
    // Brute force: an item's bar is its k-th strongest similarity (none when it has k edges or fewer).
    const bar = (item: number) => {
      const own = edges.filter((e) => e.a === item || e.b === item).map((e) => e.similarity).sort((x, y) => y - x);
      return own.length < k ? -Infinity : own[k - 1]!;
    };
    const expected = edges.filter((e) => e.similarity >= bar(e.a) || e.similarity >= bar(e.b));
    expect(list.toArray()).toEqual(expected);
    expect(expected.length).toBeLessThan(edges.length);
    // The arrays sized for every edge are let go: only the kept ones are held.
    expect([list.a.length, list.b.length, list.similarity.length]).toEqual([expected.length, expected.length, expected.length]);
    list.add(1, 2, 0.5);
    expect(list.length).toBe(expected.length + 1);
    // The hub keeps more than k edges only through the items that rank it among their own strongest.
    expect(expected.filter((e) => e.a === 0).length).toBeGreaterThan(k);
    expect(expected.filter((e) => e.a === 0).length).toBeLessThan(size - 1);
    // An item with at most k edges keeps them all.
    const few = EdgeList.of(edges.slice(0, 3));
    few.keepStrongest(k, size);
    expect(few.toArray()).toEqual(edges.slice(0, 3));
    // A list cut to nothing still takes edges.
    const none = new EdgeList();
    none.keepStrongest(k, size);
    none.add(3, 4, 0.25);
    expect(none.toArray()).toEqual([{ a: 3, b: 4, similarity: 0.25 }]);
  });
});
