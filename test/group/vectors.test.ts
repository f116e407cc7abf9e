import { describe, expect, it } from 'vitest';
import { contentTokens, rawTokens, scanRawTokens, TokenSpans } from '../../src/group/tokens.js';
import { centroid, centroids, cosine, idsByTerm, normalizedVector, tfidfFromIds, tfidfVectors, type SparseVector } from '../../src/group/vectors.js';

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

  it('finds the raw tokens the word-and-number pattern finds, in and out of ASCII', () => {
    const pattern = /\p{L}+(?:['’]\p{L}+)*|\d+(?:[.,]\d+)*/gu;
    const texts = [
      "Rock'n'roll isn't dead: 1,343.5 km, 6.1 quake, 2013's 'quoted' words, end.' 4,, 5.",
      'Zürich İstanbul ΣΟΦΟΣ ١٢٣ naïve café’s 𝒜𝒷c 😀emoji a\ud800b \udc00c x\u0301y',
    ];
    // Random mixes of the characters the pattern cares about, so every boundary is met.
    const alphabet = ['a', 'Z', 'é', 'ß', '𝒜', '😀', '1', '9', '٣', "'", '’', '.', ',', ' ', '-', '\ud800', '\udc00', '\u0301'];
    let state = 7;
    const next = () => ((state = (Math.imul(state, 1103515245) + 12345) >>> 0) >>> 8) % alphabet.length;
    for (let t = 0; t < 300; t++) texts.push(Array.from({ length: 30 }, () => alphabet[next()]).join(''));
    for (const text of texts) expect(rawTokens(text)).toEqual(text.toLowerCase().match(pattern) ?? []);
    // Each token's hash, taken as the scan reads it, is the FNV-1a of its units.
    const fnv = (token: string) => {
      let hash = 0x811c9dc5;
      for (let k = 0; k < token.length; k++) hash = Math.imul(hash ^ token.charCodeAt(k), 0x01000193);
      return hash | 0;
    };
    const spans = new TokenSpans();
    for (const text of texts) {
      const lower = text.toLowerCase();
      const count = scanRawTokens(lower, spans);
      const tokens = lower.match(pattern) ?? [];
      expect(count).toBe(tokens.length);
      expect(Array.from(spans.hashes.subarray(0, count))).toEqual(tokens.map(fnv));
    }
  });

  it('reads as interned ids the same words, each raw word folded once a run', async () => {
    const { TermInterner } = await import('../../src/group/features.js');
    const interner = new TermInterner();
    const texts = ['Missiles and drones: the missiles hit 415 homes.', 'A missile; the MISSILES; 415 drones, 2 homes.'];
    // Enough distinct words that the table of raw tokens grows several times, then all of them read again.
    const many = Array.from({ length: 5000 }, (_, k) => `word${k.toString(36)}x item${k} ${k}`).join(' ');
    texts.push(many, many.toUpperCase());
    for (const text of texts) expect(interner.contentIds(text).map((id) => interner.terms[id])).toEqual(contentTokens(text));
  });
});

describe('TermInterner.entityId', () => {
  it('numbers an entity key as its prefixed term, the same id however it is asked for first', async () => {
    const { TermInterner } = await import('../../src/group/features.js');
    const interner = new TermInterner();
    const byTerm = interner.id('ent:place:kyiv');
    expect(interner.entityId('place:kyiv')).toBe(byTerm);
    const byKey = interner.entityId('person:marco-rubio');
    expect(interner.terms[byKey]).toBe('ent:person:marco-rubio');
    expect(interner.id('ent:person:marco-rubio')).toBe(byKey);
    expect(interner.entityId('person:marco-rubio')).toBe(byKey);
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

  it('numbers terms by their sorted order, sorted once for models sharing an interner', () => {
    expect(Array.from(idsByTerm(['b', 'a', 'B', 'ab']))).toEqual([2, 1, 3, 0]);
    const terms = ['quake', 'chile', 'peru'];
    const bags = [
      { ids: Int32Array.of(0, 1), counts: Float64Array.of(2, 1), boosts: null },
      { ids: Int32Array.of(2, 0), counts: Float64Array.of(1, 1), boosts: Float64Array.of(3, 1) },
    ];
    const model = tfidfFromIds(bags, terms);
    expect(model.vocabulary).toEqual(['chile', 'peru', 'quake']);
    expect(Array.from(model.vectors[1]!.terms)).toEqual([1, 2]);
    expect(tfidfFromIds(bags, terms, idsByTerm(terms))).toEqual(model);
  });

  it('makes centroids of unit length', () => {
    const { vectors } = tfidfVectors([bag(['a1', 'b1']), bag(['b1', 'c1'])]);
    expect(cosine(centroid(vectors), centroid(vectors))).toBeCloseTo(1, 10);
  });

  it('gives each group the normalized sum of its vectors, to the same numbers as summing term by term', () => {
    const { vectors } = tfidfVectors([bag(['quake', 'chile', 'x']), bag(['quake', 'peru']), bag(['rehab', 'chile']), bag(['y'])]);
    const groups = [[vectors[0]!, vectors[1]!, vectors[2]!], [vectors[3]!], [], [vectors[2]!, vectors[0]!]];
    const summed = (group: SparseVector[]) => {
      const sums = new Map<number, number>();
      for (const vector of group) vector.terms.forEach((term, k) => sums.set(term, (sums.get(term) ?? 0) + vector.weights[k]!));
      return normalizedVector([...sums]);
    };
    expect(centroids(groups)).toEqual(groups.map(summed));
  });
});

describe('ArticleBagReader', () => {
  it('gives the same vectors as the string term bags of each view', async () => {
    const { ArticleBagReader, articleTermBag, entityTermBag, plainTermBag } = await import('../../src/group/features.js');
    const { tfidfFromIds } = await import('../../src/group/vectors.js');
    const article = (id: string, title: string, sentences: string[], keys: [string, number][]) =>
      ({
        article: { id, title },
        sentences: sentences.map((text, index) => ({ articleId: id, index, paragraph: index, text })),
        mentions: keys.map(([key, sentenceIndex]) => ({ key, surface: key, sentenceIndex })),
      }) as unknown as Parameters<typeof articleTermBag>[0];
    const articles = [
      article('a', 'Quake hits Chile coast', ['A strong quake hit Chile on Monday.', 'Rescuers searched homes.', 'Aid came.', 'More aid came later.', 'Chile mourns.'], [['place:chile', 1], ['place:chile', 4], ['organization:red-cross', 3]]),
      article('b', 'Chile quake toll rises', ['The toll of the Chile quake rose to 415.', 'Rescuers searched homes in Valparaiso.'], [['place:chile', 0], ['place:valparaiso', 1]]),
      article('c', 'Lohan enters rehab', ['Lindsay Lohan entered rehab on Friday.'], [['person:lindsay-lohan', 0]]),
    ];
    const types = new Map<string, 'person' | 'place' | 'organization'>([['place:chile', 'place'], ['organization:red-cross', 'organization']]);
    const reader = new ArticleBagReader(types, 3, 4);
    const bags = articles.map((a) => reader.read(a));
    const interner = reader.interner;
    const same = (ids: typeof bags[number]['lead'][], strings: Parameters<typeof tfidfVectors>[0]) =>
      expect(tfidfFromIds(ids, interner.terms)).toEqual(tfidfVectors(strings));
    same(bags.map((b) => b.lead), articles.map((a) => articleTermBag(a, types, 3, 4)));
    same(bags.map((b) => b.body), articles.map((a) => articleTermBag(a, types, 3)));
    same(bags.map((b) => b.text), articles.map((a) => plainTermBag(a)));
    same(bags.map((b) => b.entity), articles.map((a) => entityTermBag(a, types, 3)));
  });
});
