import { describe, expect, it } from 'vitest';
import { forEachPartnerSharingKey, heaviestTerms, pooled, similarityGraph } from '../../src/group/candidates.js';
import { cosine, normalizedVector, tfidfFromIds, type SparseVector } from '../../src/group/vectors.js';
import { seededRandom } from '../../src/util/seeded-random.js';

/** Vectors over a vocabulary where low terms are common and high ones rare, as in text. */
function randomVectors(seed: number, count: number, vocabulary: number): SparseVector[] {
  const next = seededRandom(seed);
  return Array.from({ length: count }, () => {
    const weights = new Map<number, number>();
    for (let k = 0; k < 30; k++) weights.set(Math.floor(vocabulary * next() ** 3), Math.ceil(next() * 4) / 4);
    return normalizedVector([...weights]);
  });
}

describe('similarityGraph', () => {
  const vectors = randomVectors(7, 120, 400);
  const direct = vectors.flatMap((x, a) =>
    vectors.slice(a + 1).flatMap((y, i) => {
      const similarity = cosine(x, y);
      return similarity >= 0.05 ? [{ a, b: a + 1 + i, similarity }] : [];
    }),
  );

  it('scores every pair over the bar, to the same number as a merge walk, when all pairs are compared', () => {
    expect(similarityGraph(vectors, { allPairsLimit: 1000, minSimilarity: 0.05 }).toArray()).toEqual(direct);
  });

  it('scores blocked pairs to the same numbers, and finds most of the pairs over the bar', () => {
    const blocked = similarityGraph(vectors, { allPairsLimit: 10, minSimilarity: 0.05 }).toArray();
    const byPair = new Map(direct.map((edge) => [`${edge.a},${edge.b}`, edge.similarity]));
    for (const edge of blocked) expect(edge.similarity).toBe(byPair.get(`${edge.a},${edge.b}`));
    expect(blocked.length).toBeGreaterThan(direct.length / 2);
  });

  it("past allPairsLimit keeps each item's 50 strongest edges, capped first; all of them up to it", () => {
    // 80 reports of one story: common words plus the story's rare terms, so every pair shares a key and clears the bar.
    const next = seededRandom(11);
    const story = Array.from({ length: 80 }, () => {
      const weights = new Map<number, number>([[1000, 1], [1001, 1], [1002, 1]]);
      for (let k = 0; k < 20; k++) weights.set(Math.floor(300 * next()), next());
      return normalizedVector([...weights]);
    });
    const cap = (a: number, b: number) => ((a * 7 + b * 13) % 10) / 10;
    const all = similarityGraph(story, { allPairsLimit: 1000, minSimilarity: 0.05, cap }).toArray();
    expect(all).toHaveLength((80 * 79) / 2);
    const bounded = similarityGraph(story, { allPairsLimit: 10, minSimilarity: 0.05, cap }).toArray();
    const strongest = (item: number) =>
      all.filter((e) => e.a === item || e.b === item).map((e) => e.similarity).sort((x, y) => y - x)[49]!;
    expect(bounded).toEqual(all.filter((e) => e.similarity >= strongest(e.a) || e.similarity >= strongest(e.b)));
    expect(bounded.length).toBeLessThan(all.length);
    for (let item = 0; item < 80; item++) expect(bounded.filter((e) => e.a === item || e.b === item).length).toBeGreaterThanOrEqual(50);
  });

  it('scales each cosine by the pair factor and drops pairs it brings under the bar', () => {
    const factor = (a: number, b: number) => ((a + b) % 2 === 0 ? 1 : 0.01);
    for (const allPairsLimit of [1000, 10]) {
      const edges = similarityGraph(vectors, { allPairsLimit, minSimilarity: 0.05 }, factor).toArray();
      expect(edges.length).toBeGreaterThan(0);
      for (const edge of edges) expect((edge.a + edge.b) % 2).toBe(0);
    }
  });
});

describe('pooled', () => {
  const separate = randomVectors(3, 40, 200);
  const expected = {
    terms: separate.flatMap((vector) => [...vector.terms]),
    weights: separate.flatMap((vector) => [...vector.weights]),
  };

  it('copies vectors that lie apart end to end', () => {
    const pool = pooled(separate);
    expect([...pool.terms]).toEqual(expected.terms);
    expect([...pool.weights]).toEqual(expected.weights);
    expect(pool.start.at(-1)).toBe(expected.terms.length);
    expect(pool.terms.buffer).not.toBe(separate[0]!.terms.buffer);
  });

  it("reads a TF-IDF model's vectors where they lie, without a copy", () => {
    // A count under 1 weighs under 0 (1 + ln tf) and is left out: some vectors are shorter than their bags, so the
    // pool has room left at its end.
    const bags = separate.map((vector, i) => ({
      ids: Int32Array.from(vector.terms),
      counts: Float64Array.from(vector.terms, (_, k) => (i % 3 === 0 && k === 0 ? 0.1 : 1 + (k % 3))),
      boosts: null,
    }));
    const terms = Array.from({ length: 200 }, (_, id) => `t${String(id).padStart(3, '0')}`);
    const model = tfidfFromIds(bags, terms);
    const pool = pooled(model.vectors);
    expect(pool.terms.buffer).toBe(model.vectors[0]!.terms.buffer);
    expect(pool.weights.buffer).toBe(model.vectors[0]!.weights.buffer);
    expect([...pool.terms]).toEqual(model.vectors.flatMap((vector) => [...vector.terms]));
    expect([...pool.weights]).toEqual(model.vectors.flatMap((vector) => [...vector.weights]));
    // A vector out of its place in the pool is copied.
    const shuffled = [model.vectors[1]!, model.vectors[0]!, ...model.vectors.slice(2)];
    const copied = pooled(shuffled);
    expect(copied.terms.buffer).not.toBe(model.vectors[0]!.terms.buffer);
    expect([...copied.terms]).toEqual(shuffled.flatMap((vector) => [...vector.terms]));
  });
});

describe('heaviestTerms', () => {
  it('gives the heaviest terms, heaviest first, equal weights to the lower term', () => {
    for (const vector of randomVectors(11, 40, 200)) {
      const sorted = [...vector.terms.keys()]
        .sort((i, j) => vector.weights[j]! - vector.weights[i]! || vector.terms[i]! - vector.terms[j]!)
        .map((k) => vector.terms[k]!);
      for (const count of [1, 5, 15, 40]) expect(heaviestTerms(vector, count)).toEqual(sorted.slice(0, count));
    }
  });
});

describe('forEachPartnerSharingKey', () => {
  it('visits each item with its later partners in ascending order, as a brute-force pass finds them', () => {
    const next = seededRandom(5);
    const keysOf = Array.from({ length: 300 }, () => Array.from({ length: 1 + Math.floor(next() * 4) }, () => Math.floor(40 * next() ** 2)));
    const maxBucket = 25;
    const bucketSize = new Map<number, number>();
    keysOf.forEach((keys) => new Set(keys).forEach((key) => bucketSize.set(key, (bucketSize.get(key) ?? 0) + 1)));
    const usable = (key: number) => bucketSize.get(key)! <= maxBucket;
    const visited: [number, number[]][] = [];
    forEachPartnerSharingKey(keysOf, maxBucket, (a, partners) => visited.push([a, Array.from(partners)]));
    const expected = keysOf.map((keys, a): [number, number[]] => [
      a,
      keysOf.flatMap((other, b) => (b > a && keys.some((key) => usable(key) && other.includes(key)) ? [b] : [])),
    ]);
    expect(visited).toEqual(expected);
    expect(visited.some(([, partners]) => partners.length > 3)).toBe(true);
    expect([...bucketSize.values()].some((size) => size > maxBucket)).toBe(true);
  });
});
