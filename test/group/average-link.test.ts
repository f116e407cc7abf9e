import { describe, expect, it } from 'vitest';
import { averageLinkClusters } from '../../src/group/average-link.js';

describe('averageLinkClusters', () => {
  it('merges while the mean similarity between clusters reaches the threshold', () => {
    // 0-1 and 2-3 are tight pairs; a single strong 1-2 link is diluted by the three missing ones.
    const edges = [
      { a: 0, b: 1, similarity: 0.9 },
      { a: 2, b: 3, similarity: 0.8 },
      { a: 1, b: 2, similarity: 0.6 },
    ];
    expect(averageLinkClusters(4, edges, 0.5)).toEqual([[0, 1], [2, 3]]);
    // Mean over the four cross pairs is 0.6 / 4 = 0.15.
    expect(averageLinkClusters(4, edges, 0.15)).toEqual([[0, 1, 2, 3]]);
  });

  it('leaves items without links alone', () => {
    expect(averageLinkClusters(3, [{ a: 0, b: 2, similarity: 0.7 }], 0.3)).toEqual([[0, 2], [1]]);
  });

  it('breaks ties by item order, not by the order edges are given', () => {
    const edges = [
      { a: 1, b: 2, similarity: 0.5 },
      { a: 0, b: 1, similarity: 0.5 },
    ];
    // Once 0-1 merge, 2 averages 0.25 with them, below the threshold.
    expect(averageLinkClusters(3, edges, 0.4)).toEqual([[0, 1], [2]]);
    expect(averageLinkClusters(3, [...edges].reverse(), 0.4)).toEqual([[0, 1], [2]]);
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
    expect(averageLinkClusters(4, edges, Number.NEGATIVE_INFINITY, { minClusters: 2 })).toEqual([[0, 1], [2, 3]]);
    expect(averageLinkClusters(4, edges, Number.NEGATIVE_INFINITY)).toEqual([[0, 1, 2, 3]]);
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
    expect(averageLinkClusters(6, triples, 0.3)).toEqual([[0, 1, 2, 3, 4, 5]]);
    expect(averageLinkClusters(6, triples, 0.3, { gap: { ratio: 0.7, loneRatio: 0.5 } })).toEqual([
      [0, 1, 2],
      [3, 4, 5],
    ]);
  });

  it('still merges groups about as alike across as within', () => {
    expect(averageLinkClusters(6, triples, 0.3, { gap: { ratio: 0.5, loneRatio: 0.5 } })).toEqual([[0, 1, 2, 3, 4, 5]]);
  });

  it('holds a single item to the lone ratio of the group it would join', () => {
    const edges = [
      { a: 0, b: 1, similarity: 0.9 },
      { a: 0, b: 2, similarity: 0.4 },
      { a: 1, b: 2, similarity: 0.4 },
    ];
    // 0.4 is under 0.5 x 0.9 but over 0.4 x 0.9.
    expect(averageLinkClusters(3, edges, 0.3, { gap: { ratio: 0.7, loneRatio: 0.5 } })).toEqual([[0, 1], [2]]);
    expect(averageLinkClusters(3, edges, 0.3, { gap: { ratio: 0.7, loneRatio: 0.4 } })).toEqual([[0, 1, 2]]);
  });
});
