import { describe, expect, it } from 'vitest';
import { analyze, analyzeForGrouping, articleSentences, extractEntities, sentenceLayout, sentencesFromLayout, splitSentences } from '../../src/analyze/index.js';
import type { CleanArticle } from '../../src/clean/types.js';
import { cleanedSeedArticles, rawSeedArticle } from './seed-articles.js';

describe('analyze', () => {
  it('passes articles that are not ok through with empty lists', () => {
    const ok = rawSeedArticle('000');
    const errorPage: CleanArticle = { ...rawSeedArticle('004'), status: 'error-page', statusReason: 'A 403 page.' };
    const analysis = analyze([ok, errorPage]);
    expect(analysis.articles).toHaveLength(2);
    expect(analysis.articles[0].sentences.length).toBeGreaterThan(10);
    expect(analysis.articles[1]).toEqual({ article: errorPage, sentences: [], mentions: [], figures: [], quotes: [], datesMentioned: [], inFull: true });
    expect(analysis.entities.every((entity) => !entity.articleIds.includes(errorPage.id))).toBe(true);
  });

  it('numbers sentences in reading order with their paragraph', () => {
    const article = { ...rawSeedArticle('000'), paragraphs: ['First one. Second one.', 'Third one.'] };
    expect(articleSentences(article).map((s) => [s.index, s.paragraph, s.text])).toEqual([
      [0, 0, 'First one.'],
      [1, 0, 'Second one.'],
      [2, 1, 'Third one.'],
    ]);
  });

  it('points every mention at an entity and at the text it names', () => {
    const analysis = analyze([rawSeedArticle('000'), rawSeedArticle('003')]);
    const keys = new Set(analysis.entities.map((entity) => entity.key));
    for (const analyzed of analysis.articles) {
      for (const mention of analyzed.mentions) {
        expect(keys.has(mention.key)).toBe(true);
        const sentence = analyzed.sentences[mention.sentenceIndex].text;
        expect(sentence.slice(mention.start, mention.end)).toBe(mention.surface);
      }
    }
  });

  it('resolves dates mentioned against the article date', () => {
    const article: CleanArticle = {
      ...rawSeedArticle('000'),
      published: { date: '2025-07-10', source: 'metadata', certain: true },
      paragraphs: ['The two met on July 10 in Kuala Lumpur. Talks resume on Friday.'],
    };
    const [analyzed] = analyze([article]).articles;
    expect(analyzed.datesMentioned).toContainEqual({ date: '2025-07-10', sentenceIndex: 0, surface: 'July 10' });
  });

  it('is deterministic, whatever the order of the articles', () => {
    const articles = cleanedSeedArticles();
    const first = analyze(articles);
    expect(analyze(articles)).toEqual(first);
    const reversed = analyze([...articles].reverse());
    expect(reversed.entities).toEqual(first.entities);
    expect([...reversed.articles].reverse()).toEqual(first.articles);
  });
});

describe('analyze on the cleaned seeds', () => {
  const analysis = analyze(cleanedSeedArticles());
  const entity = (key: string) => analysis.entities.find((e) => e.key === key);

  it('merges the variants the outlets use', () => {
    expect(entity('person:marco-rubio')?.articleIds).toHaveLength(5);
    expect(entity('place:kyiv')?.variants).toEqual(['Kiev', 'Kyiv']);
    expect(entity('place:united-states')?.variants).toEqual(expect.arrayContaining(['U.S.', 'US', 'United States']));
  });

  it('attributes the quotes the briefing needs', () => {
    const speakers = new Set(analysis.articles.flatMap((a) => a.quotes.map((quote) => quote.speakerKey)));
    for (const key of ['person:marco-rubio', 'person:volodymyr-zelensky', 'person:dmitry-peskov', 'person:keir-starmer']) {
      expect(speakers.has(key)).toBe(true);
    }
  });
});

describe('the first depth kept compactly', () => {
  // What the first depth held before it kept sentences as offsets: every paragraph split as splitSentences splits it.
  const sentencesAsSplit = (article: CleanArticle) =>
    article.paragraphs.flatMap((paragraph, paragraphIndex) => splitSentences(paragraph).map((text) => ({ paragraph: paragraphIndex, text })));

  it('makes from a sentence layout the sentences it was taken from, wrapped lines and odd spaces included', () => {
    const odd: CleanArticle = {
      ...rawSeedArticle('000'),
      paragraphs: ['  First  one.   Second\tone. ', 'A headline line\nThe body begins. It goes on\nacross a wrap.', '   ', 'Last one without a stop'],
    };
    for (const article of [odd, ...cleanedSeedArticles()]) {
      const sentences = sentencesFromLayout(article, sentenceLayout(article));
      expect(sentences.map(({ paragraph, text }) => ({ paragraph, text }))).toEqual(sentencesAsSplit(article));
      expect(sentences.map((sentence) => sentence.index)).toEqual(sentences.map((_, i) => i));
      expect(sentences.every((sentence) => sentence.articleId === article.id)).toBe(true);
    }
    expect(sentencesAsSplit(odd).map((s) => s.text)).toEqual([
      'First one.', 'Second one.', 'A headline line', 'The body begins.', 'It goes on across a wrap.', 'Last one without a stop',
    ]);
  });

  it('gives at every read the sentences and mentions a direct extraction finds', () => {
    const articles = cleanedSeedArticles().filter((article) => article.status === 'ok');
    const analysis = analyzeForGrouping(articles);
    const direct = extractEntities(articles.map((article) => ({ id: article.id, sentences: articleSentences(article) })));
    expect(analysis.entities).toEqual(direct.entities);
    analysis.articles.forEach((analyzed, i) => {
      expect(analyzed.sentences).toEqual(articleSentences(articles[i]!));
      expect(analyzed.mentions).toEqual(direct.mentions[i]);
      expect(analyzed.mentions).toEqual(analyzed.mentions);
    });
    expect(analysis.articles.some((analyzed) => analyzed.mentions.length > 0)).toBe(true);
  });

  it('finds mentions again in paragraphs split into parts and in paragraphs kept whole', () => {
    const odd: CleanArticle = {
      ...rawSeedArticle('000'),
      status: 'ok',
      paragraphs: [
        'Marco Rubio met Sergei Lavrov in Kuala Lumpur.',
        'NATO TALKS\nThe  talks with Keir Starmer went on\nin London. Dmitry Peskov said little.',
        '  Volodymyr Zelensky  spoke in Kyiv. ',
      ],
    };
    const analysis = analyzeForGrouping([odd]);
    const direct = extractEntities([{ id: odd.id, sentences: articleSentences(odd) }]);
    expect(analysis.articles[0]!.sentences).toEqual(articleSentences(odd));
    expect(analysis.articles[0]!.mentions).toEqual(direct.mentions[0]);
    const surfaces = analysis.articles[0]!.mentions.map((mention) => mention.surface);
    expect(surfaces).toEqual(expect.arrayContaining(['Marco Rubio', 'Keir Starmer', 'London', 'Dmitry Peskov', 'Volodymyr Zelensky', 'Kyiv']));
  });
});
