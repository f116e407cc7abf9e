import { describe, expect, it } from 'vitest';
import {
  APART_RATIO,
  CONCURRENT_FACTOR,
  centredEdges,
  LONE_SPLIT_RATIO,
  MAX_REFINE_SIZE,
  neighbourCrossing,
  partsRelation,
  refineClusters,
  requiredRatio,
  showsGap,
  welchT,
} from '../../src/group/refine.js';
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

  it('splits when most views show the gap, not when one alone does (the first view draws the bisection)', () => {
    // The whole text barely tells the two apart (places are a small part of it); the lead and the names show the gap.
    const faint = [0.3, 0.25, 0.3].flatMap((w) => [vector({ 0: 1, 1: 1, 10: w }), vector({ 0: 1, 1: 1, 20: w })]);
    const order = [0, 2, 4, 1, 3, 5];
    const body = order.map((k) => faint[k]!);
    const lead = [...FIRST_QUAKE, ...SECOND_QUAKE];
    const names = [...FIRST_QUAKE, ...SECOND_QUAKE].map((v) => vector(Object.fromEntries([...v.terms].map((t, k) => [t + 100, v.weights[k]!]))));
    const cluster = [[0, 1, 2, 3, 4, 5]];
    expect(refineClusters(cluster, [body], { splitRatio: 0.7 })).toEqual(cluster);
    expect(refineClusters(cluster, [body, lead], { splitRatio: 0.7 })).toEqual(cluster);
    expect(refineClusters(cluster, [body, lead, names], { splitRatio: 0.7 })).toEqual([[0, 1, 2], [3, 4, 5]]);
  });

  it('splits a lone article off only at a deeper gap than a group (it has no likeness of its own to show)', () => {
    // Three reports alike, a fourth sharing about half of their words: a gap for two parts, not for one article.
    const reports = [vector({ 0: 1, 1: 1, 2: 1 }), vector({ 0: 1, 1: 1, 2: 0.9 }), vector({ 0: 0.9, 1: 1, 2: 1 })];
    const outlier = vector({ 0: 1, 1: 0.8, 5: 1, 6: 1 });
    const vectors = [...reports, outlier];
    expect(requiredRatio([0, 1, 2], [3], { splitRatio: 0.7 })).toBe(LONE_SPLIT_RATIO);
    expect(refineClusters([[0, 1, 2, 3]], [vectors], { splitRatio: 0.7 })).toEqual([[0, 1, 2, 3]]);
    const far = vector({ 5: 1, 6: 1, 0: 0.2 });
    expect(refineClusters([[0, 1, 2, 3]], [[...reports, far]], { splitRatio: 0.7 })).toEqual([[0, 1, 2], [3]]);
  });

  it('asks more of parts reported on the same days and less of parts weeks apart', () => {
    const day = (d: number, certain = true) => ({ day: d, certain });
    const dates = new Map<number, { day: number; certain: boolean }>([[0, day(100)], [1, day(101)], [2, day(140)], [3, day(140, false)]]);
    const partDate = (items: readonly number[]) => dates.get(items[0]!) ?? null;
    const options = { splitRatio: 0.7, partDate };
    expect(requiredRatio([0, 9], [1, 9], options)).toBeCloseTo(0.7 * CONCURRENT_FACTOR, 10);
    expect(requiredRatio([0, 9], [2, 9], options)).toBe(APART_RATIO);
    expect(requiredRatio([0, 9], [3, 9], options)).toBe(APART_RATIO); // one certain date is enough to be apart
    expect(requiredRatio([1, 9], [4, 9], options)).toBe(0.7); // no date for one part: the text alone decides
    expect(requiredRatio([0, 9], [1, 9], { splitRatio: 0, partDate })).toBe(0);
  });

  it('keeps reports of one day together when they differ in emphasis, and parts weeks apart split', () => {
    // Two aspects of one happening: a gap the plain ratio would cut (about 0.6), not a concurrent one.
    const aspectA = [vector({ 0: 1, 1: 1, 10: 1 }), vector({ 0: 1, 1: 1, 10: 0.9 }), vector({ 0: 1, 1: 0.9, 10: 1 })];
    const aspectB = [vector({ 0: 1, 1: 1, 20: 1 }), vector({ 0: 1, 1: 1, 20: 0.9 }), vector({ 0: 1, 1: 0.9, 20: 1 })];
    const vectors = [...aspectA, ...aspectB];
    const cluster = [[0, 1, 2, 3, 4, 5]];
    expect(refineClusters(cluster, [vectors], { splitRatio: 0.7 })).toEqual([[0, 1, 2], [3, 4, 5]]);
    const sameDays = (items: readonly number[]) => ({ day: items[0]! < 3 ? 200 : 201, certain: true });
    expect(refineClusters(cluster, [vectors], { splitRatio: 0.7, partDate: sameDays })).toEqual(cluster);
    const weeksApart = (items: readonly number[]) => ({ day: items[0]! < 3 ? 200 : 230, certain: true });
    expect(refineClusters(cluster, [vectors], { splitRatio: 0.7, partDate: weeksApart })).toEqual([[0, 1, 2], [3, 4, 5]]);
  });

  it('splits loosely reported happenings whose nearest neighbours never cross, unless reported on the same days', () => {
    // Each report has words of its own (term 100+i), so inside each happening articles are only loosely alike: the
    // averages differ by a ratio of about 0.8, not under splitRatio. But every article's closest reports are its own.
    const loose = (place: number, i: number) => vector({ 0: 1, 1: 1, [place]: 0.7, [100 + i]: 1.2 });
    const vectors = [0, 1, 2].map((i) => loose(10, i)).concat([3, 4, 5].map((i) => loose(20, i)));
    const cluster = [[0, 1, 2, 3, 4, 5]];
    expect(refineClusters(cluster, [vectors], { splitRatio: 0.7 })).toEqual([[0, 1, 2], [3, 4, 5]]);
    const sameDays = (items: readonly number[]) => ({ day: items[0]! < 3 ? 200 : 201, certain: true });
    expect(refineClusters(cluster, [vectors], { splitRatio: 0.7, partDate: sameDays })).toEqual(cluster);
    // The same loose reports of one happening: neighbours cross everywhere, and the cluster stays whole.
    const oneHappening = [0, 1, 2, 3, 4, 5].map((i) => loose(10, i));
    expect(refineClusters(cluster, [oneHappening], { splitRatio: 0.7 })).toEqual(cluster);
    // Neighbours never crossing is not enough where the parts are nearly as alike across as within.
    const faint = (place: number, i: number) => vector({ 0: 1, 1: 1, [place]: 0.25, [100 + i]: 0.3 });
    const faintPair = [0, 1, 2].map((i) => faint(10, i)).concat([3, 4, 5].map((i) => faint(20, i)));
    expect(refineClusters(cluster, [faintPair], { splitRatio: 0.7 })).toEqual(cluster);
  });

  it('parts a pair only when its dates are weeks apart, and never a pair of one core', () => {
    const vectors = [vector({ 0: 1 }), vector({ 0: 1 })];
    const dated = (days: [number, number]) => (items: readonly number[]) => ({ day: days[items[0]!]!, certain: true });
    expect(refineClusters([[0, 1]], [vectors], { splitRatio: 0.7, partDate: dated([10, 12]) })).toEqual([[0, 1]]);
    expect(refineClusters([[0, 1]], [vectors], { splitRatio: 0.7, partDate: dated([10, 40]) })).toEqual([[0], [1]]);
    const oneCore = { splitRatio: 0.7, partDate: dated([10, 40]), coreOf: () => 0 };
    expect(refineClusters([[0, 1]], [vectors], oneCore)).toEqual([[0, 1]]);
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
    const byPair = new Map(edges.toArray().map((edge) => [`${edge.a}-${edge.b}`, edge.similarity]));
    expect(byPair.get('0-1')!).toBeGreaterThan(0);
    expect(byPair.get('0-2')!).toBeLessThan(0);
    expect(byPair.get('1-2')!).toBeCloseTo(byPair.get('0-2')!, 10);
  });
});

describe('neighbourCrossing', () => {
  // Positions 0-2 close to each other, 3-4 close to each other, the two groups far apart; 5 sits between.
  const n = 6;
  const matrix = new Float64Array(n * n);
  const set = (i: number, j: number, value: number) => {
    matrix[i * n + j] = value;
    matrix[j * n + i] = value;
  };
  for (const [i, j] of [[0, 1], [0, 2], [1, 2], [3, 4]] as const) set(i, j, 0.9);
  for (const i of [0, 1, 2, 3, 4]) set(i, 5, 0.5);

  it('counts the share of nearest-neighbour links that cross the bisection', () => {
    // 0-2: neighbours inside; 3 and 4: each other and 5; 5: 0 and 1 (ties go to the earlier position).
    expect(neighbourCrossing(matrix, n, [0, 1, 2], 2)).toBeCloseTo(2 / 12, 10);
    expect(neighbourCrossing(matrix, n, [0, 1, 2, 5], 2)).toBeCloseTo(2 / 12, 10);
    expect(neighbourCrossing(matrix, n, [0, 1], 1)).toBeCloseTo(2 / 6, 10);
  });
});

describe('partsRelation', () => {
  it('lets time decide first and neighbours only where time says nothing', () => {
    expect(partsRelation('unknown', true)).toBe('apart');
    expect(partsRelation('unknown', false)).toBe('unknown');
    expect(partsRelation('concurrent', true)).toBe('concurrent');
    expect(partsRelation('apart', false)).toBe('apart');
  });
});

describe('showsGap', () => {
  it('needs the across mean under the ratio times the within mean', () => {
    expect(showsGap([0.5, 0.5, 0.5], [0.3, 0.3, 0.3], 0.7)).toBe(true);
    expect(showsGap([0.5, 0.5, 0.5], [0.4, 0.4, 0.4], 0.7)).toBe(false);
  });

  it('does not take a gap that is within its noise (a few scattered similarities, as short briefs give)', () => {
    const within = [0.9, 0.1, 0.5];
    const across = [0.0, 0.6, 0.1, 0.5];
    expect(0.3 < 0.7 * 0.5).toBe(true); // the ratio alone would split
    expect(welchT(within, across)).toBeLessThan(2);
    expect(showsGap(within, across, 0.7)).toBe(false);
    // The same means over many consistent pairs are a real gap.
    expect(showsGap(Array(20).fill(0.5), Array(40).fill(0.3), 0.7)).toBe(true);
  });

  it('takes a gap whose parts time already says are apart, however few the pairs', () => {
    expect(showsGap([0.9, 0.1, 0.5], [0.0, 0.6, 0.1, 0.5], APART_RATIO, true)).toBe(true);
  });
});

describe('welchT', () => {
  it('grows with the difference and shrinks with the spread', () => {
    expect(welchT([0.5, 0.6, 0.55], [0.2, 0.3, 0.25])).toBeGreaterThan(5);
    expect(welchT([0.9, 0.1, 0.5], [0.0, 0.6, 0.1, 0.5])).toBeLessThan(2);
    expect(welchT([0.2, 0.2], [0.5, 0.5])).toBeLessThan(0);
  });

  it('lends a one-value sample the spread of the other, and cannot test two one-value samples', () => {
    // One inside pair (a part of two articles) against scattered pairs across: not significant.
    expect(welchT([0.3], [0.0, 0.25, 0.05, 0.2])).toBeLessThan(2);
    expect(welchT([0.3], [0.1, 0.1, 0.1])).toBeGreaterThan(100);
    expect(welchT([0.9], [0.1])).toBe(0);
  });
});
