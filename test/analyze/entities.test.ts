import { describe, expect, it } from 'vitest';
import { extractEntities, findNameCandidates, placedCandidates } from '../../src/analyze/entities.js';
import { bare } from '../../src/analyze/classify.js';
import { tokenize } from '../../src/analyze/tokens.js';
import { sameFirstName } from '../../src/analyze/merge.js';
import { articleSentences } from '../../src/analyze/index.js';
import type { Entity, Sentence } from '../../src/analyze/types.js';
import { rawSeedArticles } from './seed-articles.js';

function sentencesOf(id: string, texts: string[]): { id: string; sentences: Sentence[] } {
  return { id, sentences: texts.map((text, index) => ({ articleId: id, index, paragraph: index, text })) };
}

const byKey = (entities: Entity[], key: string) => entities.find((entity) => entity.key === key);

describe('findNameCandidates', () => {
  it('types people, places and organizations and strips titles', () => {
    const found = findNameCandidates('U.S. Secretary of State Marco Rubio met Kremlin spokesman Dmitry Peskov in Kuala Lumpur.');
    expect(found.map((candidate) => [candidate.surface, candidate.type])).toEqual([
      ['U.S.', 'place'],
      ['Marco Rubio', 'person'],
      ['Kremlin', 'organization'],
      ['Dmitry Peskov', 'person'],
      ['Kuala Lumpur', 'place'],
    ]);
  });

  it('normalizes possessives and keeps offsets on the name itself', () => {
    const sentence = "Russia's foreign minister Sergei Lavrov spoke.";
    const [russia, lavrov] = findNameCandidates(sentence);
    expect(russia.surface).toBe('Russia');
    expect(sentence.slice(russia.start, russia.end)).toBe('Russia');
    expect(lavrov).toMatchObject({ surface: 'Sergei Lavrov', type: 'person' });
  });

  it('drops sentence-initial common words, demonyms and weekdays', () => {
    const surfaces = findNameCandidates('Police said the Russian attack on Thursday hit Kyiv.').map((c) => c.surface);
    expect(surfaces).toEqual(['Kyiv']);
  });

  it('does not read an institution name as a title plus a person', () => {
    const found = findNameCandidates('A statement from the Russian Ministry of Foreign Affairs followed.');
    expect(found.map((c) => [c.surface, c.type])).toEqual([['Russian Ministry of Foreign Affairs', 'organization']]);
  });

  it('reads a line in capitals through its title case, keeping the surface as written', () => {
    const [dateline] = findNameCandidates('KUALA LUMPUR');
    expect(dateline).toMatchObject({ surface: 'KUALA LUMPUR', type: 'place' });
  });

  it('keeps initials and abbreviated titles inside the name', () => {
    const found = findNameCandidates('Rep. Carlos Curbelo met Donald J. Trump.');
    expect(found.map((c) => [c.surface, c.type])).toEqual([
      ['Carlos Curbelo', 'person'],
      ['Donald J. Trump', 'person'],
    ]);
  });

  it('does not take a place for a first name ("North Carolina Republican")', () => {
    const types = findNameCandidates('The North Carolina Republican spoke.').map((c) => c.type);
    expect(types).not.toContain('person');
  });

  it('reads a title-case headline one word at a time', () => {
    const found = findNameCandidates('Lavrov and Rubio Seek Ukraine Peace Roadmap at ASEAN Summit');
    expect(found.map((c) => c.surface)).not.toContain('Rubio Seek Ukraine Peace Roadmap');
    expect(found.find((c) => c.surface === 'Ukraine')?.type).toBe('place');
  });
});

describe('sameFirstName', () => {
  it('accepts transliterations and initials, rejects different names', () => {
    expect(sameFirstName('sergei', 'sergey')).toBe(true);
    expect(sameFirstName('m', 'marco')).toBe(true);
    expect(sameFirstName('donald', 'melania')).toBe(false);
    expect(sameFirstName('ivan', 'ilya')).toBe(false);
  });
});

describe('extractEntities: merging variants', () => {
  it('merges transliterated first names with the same surname', () => {
    const { entities } = extractEntities([
      sentencesOf('a', ['Foreign Minister Sergei Lavrov spoke.']),
      sentencesOf('b', ['Foreign Minister Sergey Lavrov spoke again.']),
    ]);
    const lavrov = entities.filter((entity) => entity.type === 'person');
    expect(lavrov).toHaveLength(1);
    expect(lavrov[0].variants).toEqual(['Sergei Lavrov', 'Sergey Lavrov']);
    expect(lavrov[0].articleIds).toEqual(['a', 'b']);
  });

  it('keeps different first names with one surname apart', () => {
    const { entities } = extractEntities([sentencesOf('a', ['Donald Trump met Eric Trump.'])]);
    expect(entities.filter((entity) => entity.type === 'person').map((entity) => entity.key).sort()).toEqual([
      'person:donald-trump',
      'person:eric-trump',
    ]);
  });

  it('resolves surname-only and honorific forms to the full name seen in another article', () => {
    const { entities, mentions } = extractEntities([
      sentencesOf('a', ['Mr Rubio arrived late.', 'Rubio said little.']),
      sentencesOf('b', ['Secretary of State Marco Rubio spoke.']),
    ]);
    expect(mentions[0].map((mention) => mention.key)).toEqual(['person:marco-rubio', 'person:marco-rubio']);
    expect(byKey(entities, 'person:marco-rubio')?.mentions).toBe(3);
  });

  it('gives a lone surname to the person of that name in the same article, else to the one named most', () => {
    const { mentions } = extractEntities([
      sentencesOf('a', ['Eric Trump spoke.']),
      sentencesOf('b', ['Donald Trump spoke.', 'Donald Trump spoke again.', 'Donald Trump left.', 'Donald Trump returned.']),
      sentencesOf('c', ['Eric Trump arrived.', 'Trump said little.']),
      sentencesOf('d', ['Trump said nothing.']),
    ]);
    expect(mentions[2]!.map((mention) => mention.key)).toEqual(['person:eric-trump', 'person:eric-trump']);
    expect(mentions[3]!.map((mention) => mention.key)).toEqual(['person:donald-trump']);
  });

  it('merges exonyms and short forms into one place or body', () => {
    const { entities } = extractEntities([
      sentencesOf('a', ['Missiles hit Kiev overnight.', 'The U.S. and the U.N. reacted.']),
      sentencesOf('b', ['In Kyiv, the US and the UN were blamed.', 'The United States and the United Nations met.']),
    ]);
    expect(byKey(entities, 'place:kyiv')?.variants).toEqual(['Kiev', 'Kyiv']);
    expect(byKey(entities, 'place:united-states')?.variants).toEqual(['U.S.', 'US', 'United States']);
    expect(byKey(entities, 'organization:united-nations')?.variants).toEqual(['U.N.', 'UN', 'United Nations']);
  });

  it('merges a middle initial with the plain full name', () => {
    const { entities } = extractEntities([sentencesOf('a', ['Donald J. Trump spoke.', 'Later Donald Trump left.', 'Trump smiled.'])]);
    const people = entities.filter((entity) => entity.type === 'person');
    expect(people).toHaveLength(1);
    expect(people[0]).toMatchObject({ key: 'person:donald-trump', mentions: 3 });
  });

  it('gives the same keys for the same input, whatever the run', () => {
    const input = [sentencesOf('a', ['Sergei Lavrov met Marco Rubio in Kuala Lumpur.'])];
    expect(extractEntities(input)).toEqual(extractEntities(input));
  });
});

describe('extractEntities on the seeds', () => {
  const articles = rawSeedArticles();
  const { entities, mentions } = extractEntities(articles.map((article) => ({ id: article.id, sentences: articleSentences(article) })));

  it('merges Sergei / Sergey Lavrov across outlets', () => {
    const lavrov = byKey(entities, 'person:sergei-lavrov') ?? byKey(entities, 'person:sergey-lavrov');
    expect(lavrov?.variants).toEqual(expect.arrayContaining(['Sergei Lavrov', 'Sergey Lavrov', 'Lavrov']));
    expect(entities.filter((entity) => entity.type === 'person' && /lavrov/i.test(entity.name))).toHaveLength(1);
    expect(lavrov?.articleIds.slice().sort()).toEqual(['000', '001', '002', '003', '004']);
  });

  it('merges Kiev / Kyiv', () => {
    const kyiv = byKey(entities, 'place:kyiv');
    expect(kyiv?.variants).toEqual(['Kiev', 'Kyiv']);
    expect(entities.some((entity) => entity.key === 'place:kiev')).toBe(false);
  });

  it('resolves Mr Rubio / Rubio to Marco Rubio', () => {
    expect(byKey(entities, 'person:marco-rubio')?.variants).toEqual(['Marco Rubio', 'Rubio']);
    const mrRubio = mentions[2].find((mention) => mention.surface === 'Rubio');
    expect(mrRubio?.key).toBe('person:marco-rubio');
  });

  it('finds the speakers of the seeds as people', () => {
    for (const key of ['person:volodymyr-zelensky', 'person:dmitry-peskov', 'person:keir-starmer', 'person:danielle-bell']) {
      expect(byKey(entities, key)?.type).toBe('person');
    }
  });
});

describe('bare, the form the name rules compare', () => {
  it('drops the possessive and the dots, once a token', () => {
    const tokens = tokenize("The U.S. ally, Russia's army, Reuters' desk and Türkiye’s envoy");
    const bareForms = tokens.map((token) => bare(token));
    expect(bareForms).toEqual(['The', 'US', 'ally', 'Russia', 'army', 'Reuters', 'desk', 'and', 'Türkiye', 'envoy']);
    expect(tokens.map((token) => bare(token))).toEqual(bareForms);
    expect(tokens.every((token, i) => token.bare === bareForms[i])).toBe(true);
  });
});

describe('placedCandidates', () => {
  it('places the candidates findNameCandidates finds, surfaces as written', () => {
    const texts = [
      'KUALA LUMPUR (Reuters) - Secretary of State Marco Rubio met Sergei Lavrov.',
      "Donald J. Trump said the U.S. would act, and Kiev's mayor agreed.",
      'Lavrov and Rubio Seek Ukraine Peace Roadmap at ASEAN Summit',
    ];
    const { sentences } = sentencesOf('a', texts);
    const placed = placedCandidates('a', sentences, 3);
    const expected = sentences.flatMap((sentence) =>
      findNameCandidates(sentence.text).map((candidate) => ({ ...candidate, articleIndex: 3, articleId: 'a', sentenceIndex: sentence.index })),
    );
    expect(placed).toEqual(expected);
    expect(placed.map((candidate) => candidate.surface)).toEqual(expect.arrayContaining(['Marco Rubio', 'Donald J. Trump']));
    expect(placed.some((candidate) => candidate.alias === 'United States')).toBe(true);
  });
});
