import { describe, expect, it } from 'vitest';
import { buildTermSpace, centroidOf, cosineDense, vectorizeIn, withDense, withMarks, type SparseVector } from '../../src/summarize/term-space.js';

/** The term space as written before its buffers were shared: fresh arrays for every call. */
function referenceSpace(documents: string[][]): { idf: number[]; vectors: SparseVector[] } {
  const vocabulary = new Map<string, number>();
  const ids = documents.map((tokens) => tokens.map((token) => {
    if (!vocabulary.has(token)) vocabulary.set(token, vocabulary.size);
    return vocabulary.get(token)!;
  }));
  const frequency = new Array<number>(vocabulary.size).fill(0);
  for (const list of ids) for (const id of new Set(list)) frequency[id]! += 1;
  const idf = frequency.map((f) => Math.log((documents.length + 1) / (f + 0.5)));
  const vectors = ids.map((list) => {
    const counts = new Map<number, number>();
    for (const id of list) counts.set(id, (counts.get(id) ?? 0) + 1);
    const kept: number[] = [];
    const weights: number[] = [];
    let norm = 0;
    for (const [id, count] of counts) {
      const weight = (1 + Math.log(count)) * idf[id]!;
      if (weight <= 0) continue;
      kept.push(id);
      weights.push(weight);
      norm += weight * weight;
    }
    return { ids: kept, weights, norm: Math.sqrt(norm) };
  });
  return { idf, vectors };
}

/** Deterministic pseudo-random documents over a vocabulary of `words` words. */
function documents(count: number, words: number, seed: number): string[][] {
  let state = seed;
  const next = () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
  return Array.from({ length: count }, () => Array.from({ length: 1 + Math.floor(next() * 12) }, () => `w${Math.floor(next() * words)}`));
}

describe('term space on shared buffers', () => {
  it('gives what fresh buffers give, call after call, as vocabularies and documents grow and shrink', () => {
    for (const [count, words, seed] of [[5, 10, 1], [300, 5000, 2], [3, 4, 3], [1000, 20000, 7], [40, 3000, 4], [1, 1, 5], [0, 1, 6]] as const) {
      const docs = documents(count, words, seed);
      const space = buildTermSpace(docs);
      const reference = referenceSpace(docs);
      expect([...space.idf]).toEqual(reference.idf);
      expect(space.vectors).toEqual(reference.vectors);
      // A title's vector: repeated and unknown words.
      expect(vectorizeIn(space, ['w1', 'w1', 'unknown', 'w2'])).toEqual(referenceIn(space.vocabulary, reference.idf, ['w1', 'w1', 'unknown', 'w2']));
    }
  });

  it('sets the buffers back after a dense vector and after marks', () => {
    const space = buildTermSpace([['a', 'b', 'c'], ['a', 'd'], ['e']]);
    const size = space.vocabulary.size;
    const before = buildTermSpace([['a', 'b'], ['b', 'c']]).vectors;
    const centroid = centroidOf(space.vectors, size);
    const dot = withDense(space.vectors[0]!, size, (dense) => cosineDense(space.vectors[1]!, dense));
    expect(dot).toBeGreaterThan(0);
    expect(dot).toBeCloseTo(cosineDense(space.vectors[1]!, { values: denseOf(space.vectors[0]!, size), norm: space.vectors[0]!.norm }), 12);
    withMarks(size, (marks) => marks.fill(7, 0, size));
    expect(withMarks(size, (marks) => [...marks.subarray(0, size)])).toEqual(new Array(size).fill(-1));
    expect(withDense(space.vectors[2]!, size, () => 0)).toBe(0);
    expect(buildTermSpace([['a', 'b'], ['b', 'c']]).vectors).toEqual(before);
    expect(centroidOf(space.vectors, size)).toEqual(centroid);
  });

  it('sets them back when the work given the buffers throws, so the next space is weighed right', () => {
    const docs = documents(200, 800, 9);
    const reference = referenceSpace(docs);
    const size = buildTermSpace(docs).vocabulary.size;
    const space = buildTermSpace(docs);
    expect(() => withMarks(size, (marks) => {
      marks.fill(3, 0, size);
      throw new Error('a failing step');
    })).toThrow('a failing step');
    expect(() => withDense(space.vectors[0]!, size, () => {
      throw new Error('a failing step');
    })).toThrow('a failing step');
    const again = buildTermSpace(docs);
    expect([...again.idf]).toEqual(reference.idf);
    expect(again.vectors).toEqual(reference.vectors);
  });
});

function referenceIn(vocabulary: ReadonlyMap<string, number>, idf: number[], tokens: string[]): SparseVector {
  const counts = new Map<number, number>();
  for (const token of tokens) {
    const id = vocabulary.get(token);
    if (id !== undefined) counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  const ids: number[] = [];
  const weights: number[] = [];
  let norm = 0;
  for (const [id, count] of counts) {
    const weight = (1 + Math.log(count)) * idf[id]!;
    if (weight <= 0) continue;
    ids.push(id);
    weights.push(weight);
    norm += weight * weight;
  }
  return { ids, weights, norm: Math.sqrt(norm) };
}

function denseOf(vector: SparseVector, size: number): Float64Array {
  const values = new Float64Array(size);
  vector.ids.forEach((id, k) => (values[id] = vector.weights[k]!));
  return values;
}
