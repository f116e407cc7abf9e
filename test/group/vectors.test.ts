import { describe, expect, it } from 'vitest';
import { contentTokens } from '../../src/group/tokens.js';
import { centroid, cosine, tfidfVectors } from '../../src/group/vectors.js';

const bag = (words: string[], boosts: Record<string, number> = {}) => ({
  counts: new Map(words.map((word) => [word, words.filter((w) => w === word).length])),
  boosts: new Map(Object.entries(boosts)),
});

describe('contentTokens', () => {
  it('drops function words, keeps numbers as specifics and folds plurals', () => {
    expect(contentTokens('Russia launched 415 drones and missiles, the air force said on Thursday.')).toEqual([
      'russia', 'launched', '415', 'drone', 'missile', 'air', 'force',
    ]);
    expect(contentTokens('1,343 wounded')).toEqual(['1343', 'wounded']);
  });
});

describe('tfidfVectors', () => {
  it('gives unit vectors whose cosine is 1 for identical bags and 0 for disjoint ones', () => {
    const { vectors } = tfidfVectors([bag(['quake', 'chile']), bag(['quake', 'chile']), bag(['rehab', 'lohan'])]);
    expect(cosine(vectors[0]!, vectors[1]!)).toBeCloseTo(1, 10);
    expect(cosine(vectors[0]!, vectors[2]!)).toBe(0);
  });

  it('still weighs a word shared by every article when there are only two (smoothed idf)', () => {
    const { vectors } = tfidfVectors([bag(['quake', 'chile']), bag(['quake', 'peru'])]);
    expect(cosine(vectors[0]!, vectors[1]!)).toBeGreaterThan(0.2);
  });

  it('lets a boosted term dominate the similarity', () => {
    const plain = tfidfVectors([bag(['quake', 'chile', 'x']), bag(['quake', 'peru', 'y'])]).vectors;
    const boosted = tfidfVectors([bag(['quake', 'chile', 'x'], { chile: 3 }), bag(['quake', 'chile', 'y'], { chile: 3 })]).vectors;
    expect(cosine(boosted[0]!, boosted[1]!)).toBeGreaterThan(cosine(plain[0]!, plain[1]!));
  });

  it('makes centroids of unit length', () => {
    const { vectors } = tfidfVectors([bag(['a1', 'b1']), bag(['b1', 'c1'])]);
    expect(cosine(centroid(vectors), centroid(vectors))).toBeCloseTo(1, 10);
  });
});
