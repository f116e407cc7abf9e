import { describe, expect, it } from 'vitest';
import type { Analysis } from '../../src/analyze/types.js';
import type { Grouping } from '../../src/group/types.js';
import { summarize } from '../../src/summarize/index.js';
import { analyzedArticle, cleanArticle, figure, quote, wordCount } from './helpers.js';

function fixture(): { analysis: Analysis; grouping: Grouping } {
  const a = analyzedArticle(cleanArticle('a', "Rubio says Lavrov shared 'new idea' on Ukraine", 'AFP', '2025-07-10'), [
    'US Secretary of State Marco Rubio said his Russian counterpart Sergei Lavrov shared a new idea on Ukraine.',
    'He said the idea could potentially open the door to a path towards peace.',
    'The attack killed two women and wounded 16 people in Kyiv, officials said.',
  ], {
    mentions: [
      { key: 'person:marco-rubio', surface: 'Marco Rubio', sentenceIndex: 0 },
      { key: 'person:sergei-lavrov', surface: 'Sergei Lavrov', sentenceIndex: 0 },
    ],
    figures: [figure({ articleId: 'a', value: 16, label: 'people wounded', sentenceIndex: 2, score: 3, text: 'The attack killed two women and wounded 16 people in Kyiv, officials said.' })],
    quotes: [quote({ articleId: 'a', text: "It's a new idea or a new concept that I'll take back to the president.", speaker: 'Marco Rubio', speakerKey: 'person:marco-rubio' })],
  });
  const b = analyzedArticle(cleanArticle('b', 'US disappointed by Russia lack of flexibility as Kyiv pounded by drones', 'The Independent', '2025-07-10'), [
    'Marco Rubio told Sergei Lavrov that the US president was disappointed with the lack of flexibility.',
    'The air force reported strikes that killed two people and injured more than 23 people in Kyiv.',
  ], {
    figures: [figure({ articleId: 'b', value: 23, label: 'people injured', sentenceIndex: 1, score: 3, text: 'The air force reported strikes that killed two people and injured more than 23 people in Kyiv.' })],
  });
  const c = analyzedArticle(cleanArticle('c', "Russia, US diplomats discuss 'next steps' on Ukraine", 'Oman Observer', '2025-03-16'), [
    'Russia and the United States have discussed the next steps of how to end the war in Ukraine.',
    'Russia said it has moved 371 of its civilians to safety from the Kursk region.',
  ], {
    figures: [figure({ articleId: 'c', value: 371, label: 'civilians moved to safety', sentenceIndex: 1, score: 4 })],
  });
  const d = analyzedArticle(cleanArticle('d', 'Local council approves new budget for parks', 'Town Crier', '2025-05-01'), [
    'The local council approved a new budget for the maintenance of city parks on Monday.',
  ]);
  const analysis: Analysis = {
    articles: [a, b, c, d],
    entities: [
      { key: 'person:marco-rubio', name: 'Marco Rubio', type: 'person', variants: ['Marco Rubio'], mentions: 3, articleIds: ['a', 'b'] },
      { key: 'person:sergei-lavrov', name: 'Sergei Lavrov', type: 'person', variants: ['Sergei Lavrov'], mentions: 2, articleIds: ['a', 'b'] },
    ],
  };
  const grouping: Grouping = {
    threads: [
      {
        id: 't-parks',
        articleIds: ['d'],
        events: [{ id: 'e-parks', date: '2025-05-01', dateCertain: true, articleIds: ['d'], nearDuplicates: [] }],
        link: { names: [], terms: [] },
      },
      {
        id: 't-talks',
        articleIds: ['c', 'a', 'b'],
        link: { names: [], terms: [] },
        events: [
          { id: 'e-march', date: '2025-03-16', dateCertain: true, articleIds: ['c'], nearDuplicates: [] },
          { id: 'e-july', date: '2025-07-10', dateCertain: true, articleIds: ['a', 'b'], nearDuplicates: [] },
        ],
      },
    ],
  };
  return { analysis, grouping };
}

describe('summarize', () => {
  const { analysis, grouping } = fixture();
  const threads = summarize(analysis, grouping, { threadWords: 60, eventWords: 30 });

  it('ranks the multi-source, recent thread first', () => {
    expect(threads.map((thread) => thread.threadId)).toEqual(['t-talks', 't-parks']);
    expect(threads[0]!.score).toBeGreaterThan(threads[1]!.score);
  });

  it('lists events newest first with their own headlines and summaries', () => {
    const talks = threads[0]!;
    expect(talks.events.map((event) => event.id)).toEqual(['e-july', 'e-march']);
    expect(talks.events[1]!.headline).toBe("Russia, US diplomats discuss 'next steps' on Ukraine");
    for (const event of talks.events) {
      expect(event.summary.reduce((sum, sentence) => sum + wordCount(sentence.text), 0)).toBeLessThanOrEqual(30);
      for (const sentence of event.summary) for (const id of sentence.articleIds) expect(event.articleIds).toContain(id);
    }
  });

  it('keeps thread summaries within the cap and traceable to thread articles', () => {
    for (const thread of threads) {
      expect(thread.summary.reduce((sum, sentence) => sum + wordCount(sentence.text), 0)).toBeLessThanOrEqual(60);
      for (const sentence of thread.summary) for (const id of sentence.articleIds) expect(thread.articleIds).toContain(id);
    }
  });

  it('resolves a leading pronoun with the person named before', () => {
    const texts = summarize(analysis, grouping, { threadWords: 200, eventWords: 200 })[0]!.summary.map((s) => s.text);
    expect(texts).toContain('Marco Rubio said the idea could potentially open the door to a path towards peace.');
  });

  it('collects figures, quotes and the wounded/injured conflict', () => {
    const talks = threads[0]!;
    // The disputed 16 and 23 are reported as a conflict, not as key figures.
    expect(talks.figures.map((item) => item.value)).toEqual([371]);
    expect(talks.quotes).toHaveLength(1);
    expect(talks.conflicts).toHaveLength(1);
    expect(talks.conflicts[0]!.values.map((value) => `${value.articleId}:${value.value}`)).toEqual(['a:16', 'b:23']);
  });

  it('is deterministic', () => {
    const again = summarize(fixture().analysis, fixture().grouping, { threadWords: 60, eventWords: 30 });
    expect(again).toEqual(threads);
  });
});
