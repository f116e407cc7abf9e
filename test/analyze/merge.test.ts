import { describe, expect, it } from 'vitest';
import { mergeCandidates, type PlacedCandidate } from '../../src/analyze/merge.js';

const at = (surface: string, type: PlacedCandidate['type'], articleIndex: number): PlacedCandidate => ({
  surface,
  start: 0,
  end: surface.length,
  type,
  articleIndex,
  articleId: `a-${articleIndex}`,
  sentenceIndex: 0,
});

describe('mergeCandidates', () => {
  it('keeps people of one surname apart by first name, joins transliterations and initials, and files a lone surname under the person of its article', () => {
    const candidates = [
      at('Sergei Ivanov', 'person', 0),
      at('Sergei Ivanov', 'person', 0),
      at('Anna Ivanov', 'person', 1),
      at('Sergey Ivanov', 'person', 2),
      at('Anna Ivanov', 'person', 6),
      at('Boris Ivanov', 'person', 3),
      at('A. Ivanov', 'person', 4),
      at('Ivanov', null, 1),
      at('Ivanov', 'person', 3),
      at('Ivanov', null, 5),
      at('Nobody', null, 5),
    ];
    const { entities, keys } = mergeCandidates(candidates);
    const byKey = new Map(entities.map((entity) => [entity.key, entity]));
    const nameOf = (index: number) => byKey.get(keys[index]!)!.name;
    expect(nameOf(0)).toBe('Sergei Ivanov');
    expect(keys[3]).toBe(keys[0]);
    expect(nameOf(2)).toBe('Anna Ivanov');
    expect(keys[6]).toBe(keys[2]);
    expect(nameOf(5)).toBe('Boris Ivanov');
    // A lone surname: the person named in its own article, else the one most mentioned.
    expect(keys[7]).toBe(keys[2]);
    expect(keys[8]).toBe(keys[5]);
    expect(keys[9]).toBe(keys[2]); // Anna Ivanov: four mentions by then (A. Ivanov and a lone one), Sergei three
    expect(keys[10]).toBeNull();
    expect(new Set(keys.filter((key) => key !== null)).size).toBe(3);
  });

  it('gives the same entities whatever many first names share a surname', () => {
    const first = ['Ali', 'Ben', 'Cai', 'Dan', 'Eva', 'Fay', 'Gus', 'Hal', 'Ida', 'Jon', 'Kim', 'Lea'];
    const candidates = first.flatMap((name, i) => [at(`${name} Smith`, 'person', i), at('Smith', null, i)]);
    const { entities, keys } = mergeCandidates(candidates);
    expect(entities.map((entity) => entity.name).sort()).toEqual(first.map((name) => `${name} Smith`).sort());
    // Each lone "Smith" is the Smith of its own article.
    for (let i = 0; i < first.length; i++) expect(keys[2 * i + 1]).toBe(keys[2 * i]);
  });
});

describe('canonical names seen only in capitals', () => {
  it('sets shouted names in title case and keeps acronyms of organizations and places as written', () => {
    const { entities } = mergeCandidates([
      at('NASA', 'organization', 0),
      at('UAE', 'place', 0),
      at('WHITE HOUSE', 'organization', 1),
      at('DONALD TRUMP', 'person', 1),
      at('NATO', 'organization', 2),
      at('Nato', 'organization', 3),
    ]);
    expect(entities.map((entity) => entity.name).sort()).toEqual(['Donald Trump', 'NASA', 'Nato', 'UAE', 'White House']);
  });
});
