import { describe, expect, it } from 'vitest';
import { centredEdges, MAX_REFINE_SIZE, refineClusters } from '../../src/group/refine.js';
import { normalizedVector, type SparseVector } from '../../src/group/vectors.js';

/** A unit vector from term id -> weight. */
function vector(weights: Record<number, number>): SparseVector {
  return normalizedVector(Object.entries(weights).map(([term, weight]): [number, number] => [Number(term), weight]));
}

// Terms 0-1 are the story's shared vocabulary ("earthquake", "magnitude"); 10-11 name one place, 20-21 another.
const FIRST_QUAKE = [vector({ 0: 1, 1: 1, 10: 1, 11: 1 }), vector({ 0: 1, 1: 1, 10: 1, 11: 0.8 }), vector({ 0: 1, 1: 0.8, 10: 1, 11: 1 })];
const SECOND_QUAKE = [vector({ 0: 1, 1: 1, 20: 1, 21: 1 }), vector({ 0: 1, 1: 1, 20: 0.8, 21: 1 }), vector({ 0: 0.8, 1: 1, 20: 1, 21: 1 })];

describe('refineClusters', () => {
  it('splits a story holding two happenings of one kind at the gap between them', () => {
    const vectors = [...FIRST_QUAKE, ...SECOND_QUAKE];
    expect(refineClusters([[0, 1, 2, 3, 4, 5]], [vectors], { splitRatio: 0.7 })).toEqual([[0, 1, 2], [3, 4, 5]]);
  });

  it('keeps a cluster that is one happening whole', () => {
    const vectors = [...FIRST_QUAKE, vector({ 0: 1, 1: 1, 10: 0.9, 11: 1 })];
    expect(refineClusters([[0, 1, 2, 3]], [vectors], { splitRatio: 0.7 })).toEqual([[0, 1, 2, 3]]);
  });

  it('never splits at a ratio of 0 and keeps pairs whole (no within to compare)', () => {
    const vectors = [...FIRST_QUAKE, ...SECOND_QUAKE];
    expect(refineClusters([[0, 1, 2, 3, 4, 5]], [vectors], { splitRatio: 0 })).toEqual([[0, 1, 2, 3, 4, 5]]);
    expect(refineClusters([[0, 3]], [vectors], { splitRatio: 0.99 })).toEqual([[0, 3]]);
  });

  it('splits when any one view shows the gap (the first view draws the bisection)', () => {
    // The whole text barely tells the two apart (places are a small part of it); the lead shows the gap.
    const faint = [0.3, 0.25, 0.3].flatMap((w) => [vector({ 0: 1, 1: 1, 10: w }), vector({ 0: 1, 1: 1, 20: w })]);
    const order = [0, 2, 4, 1, 3, 5];
    const body = order.map((k) => faint[k]!);
    const lead = [...FIRST_QUAKE, ...SECOND_QUAKE];
    expect(refineClusters([[0, 1, 2, 3, 4, 5]], [body], { splitRatio: 0.7 })).toEqual([[0, 1, 2, 3, 4, 5]]);
    expect(refineClusters([[0, 1, 2, 3, 4, 5]], [body, lead], { splitRatio: 0.7 })).toEqual([[0, 1, 2], [3, 4, 5]]);
  });

  it('never separates the items of one core', () => {
    const vectors = [...FIRST_QUAKE, ...SECOND_QUAKE];
    // Items 2 and 3 were put together by the precise first cut: the split must keep them on one side.
    const coreOf = (item: number) => (item === 3 ? 2 : item);
    const parts = refineClusters([[0, 1, 2, 3, 4, 5]], [vectors], { splitRatio: 0.7, coreOf });
    for (const part of parts) expect(part.includes(2)).toBe(part.includes(3));
  });

  it('lets the pair factor (dates) make a gap the words do not show', () => {
    const same = Array.from({ length: 4 }, () => vector({ 0: 1, 1: 1 }));
    const days = [0, 1, 40, 41];
    const factor = (a: number, b: number) => (Math.abs(days[a]! - days[b]!) > 7 ? 0.2 : 1);
    expect(refineClusters([[0, 1, 2, 3]], [same], { splitRatio: 0.7, factor })).toEqual([[0, 1], [2, 3]]);
  });

  it('hands a pair, which cannot be tested, to the fallback (the precise cut decides)', () => {
    const vectors = [...FIRST_QUAKE, ...SECOND_QUAKE];
    const fallback = (cluster: readonly number[]) => cluster.map((item) => [item]);
    expect(refineClusters([[0, 3]], [vectors], { splitRatio: 0.7, fallback })).toEqual([[0], [3]]);
  });

  it('hands clusters too large to refine to the fallback', () => {
    const big = Array.from({ length: MAX_REFINE_SIZE + 1 }, (_, i) => i);
    const vectors = big.map(() => vector({ 0: 1 }));
    const fallback = (cluster: readonly number[]) => [cluster.slice(0, 1), cluster.slice(1)];
    const parts = refineClusters([big], [vectors], { splitRatio: 0.7, fallback });
    expect(parts.map((part) => part.length)).toEqual([1, MAX_REFINE_SIZE]);
  });

  it('gives the same parts whatever order the clusters come in', () => {
    const vectors = [...FIRST_QUAKE, ...SECOND_QUAKE];
    const forward = refineClusters([[0, 1, 2], [3, 4, 5]], [vectors], { splitRatio: 0.7 });
    expect(refineClusters([[3, 4, 5], [0, 1, 2]], [vectors], { splitRatio: 0.7 })).toEqual(forward);
  });
});

describe('centredEdges', () => {
  it('turns equal similarities into equal, and unequal ones into signed, centred cosines', () => {
    // Items 0-1 alike (0.9), both unlike 2 (0.1): after centring 0-1 is positive, 0-2 and 1-2 negative.
    const matrix = Float64Array.from([1, 0.9, 0.1, 0.9, 1, 0.1, 0.1, 0.1, 1]);
    const edges = centredEdges(matrix, 3);
    const byPair = new Map(edges.map((edge) => [`${edge.a}-${edge.b}`, edge.similarity]));
    expect(byPair.get('0-1')!).toBeGreaterThan(0);
    expect(byPair.get('0-2')!).toBeLessThan(0);
    expect(byPair.get('1-2')!).toBeCloseTo(byPair.get('0-2')!, 10);
  });
});
