import type { CleanArticle } from '../clean/types.js';
import { datesInSentences } from './dates.js';
import { extractEntities } from './entities.js';
import { figureCandidates } from './figures/index.js';
import { extractQuotes } from './quotes.js';
import { splitSentences } from './sentences.js';
import type { AnalyzedArticle, Analysis, Entity, Sentence } from './types.js';

export { splitSentences } from './sentences.js';
export { extractEntities, findNameCandidates } from './entities.js';
export { extractQuotes } from './quotes.js';

/** An article's sentences in reading order, each with the paragraph it came from. */
export function articleSentences(article: CleanArticle): Sentence[] {
  const sentences: Sentence[] = [];
  article.paragraphs.forEach((paragraph, paragraphIndex) => {
    for (const text of splitSentences(paragraph)) {
      sentences.push({ articleId: article.id, index: sentences.length, paragraph: paragraphIndex, text });
    }
  });
  return sentences;
}

/**
 * Sentences, named entities (variants merged across all the articles given), figures, quotes and dates of every
 * article with status 'ok'; the others pass through with empty lists.
 */
export function analyze(articles: CleanArticle[]): Analysis {
  return analyzeInFull(analyzeForGrouping(articles));
}

/**
 * The first depth, for every article: sentences, named entities (variants merged across all the articles given)
 * and dates, which grouping and ranking read. Figures and quotes are left empty (`inFull: false`): they cost
 * most of the analysis and only the threads a briefing shows in full need them (analyzeInFull).
 */
export function analyzeForGrouping(articles: CleanArticle[]): Analysis {
  const usable = articles.map((article) => ({ article, sentences: article.status === 'ok' ? articleSentences(article) : [] }));
  const { entities, mentions } = extractEntities(usable.map(({ article, sentences }) => ({ id: article.id, sentences })));
  const analyzed = usable.map(({ article, sentences }, i): AnalyzedArticle => {
    if (!sentences.length) return { article, sentences, mentions: [], figures: [], quotes: [], datesMentioned: [], inFull: true };
    return {
      article,
      sentences,
      mentions: mentions[i],
      figures: [],
      quotes: [],
      datesMentioned: datesInSentences(sentences, article.published.date),
      inFull: false,
    };
  });
  return { articles: analyzed, entities };
}

/**
 * The second depth: figures and quotes of the articles named (all when `articleIds` is absent). Returns a new
 * analysis; articles already analysed in full are kept as they are.
 */
export function analyzeInFull(analysis: Analysis, articleIds?: ReadonlySet<string>): Analysis {
  const entityByKey = new Map<string, Entity>(analysis.entities.map((entity) => [entity.key, entity]));
  const articles = analysis.articles.map((analyzed): AnalyzedArticle => {
    if (analyzed.inFull || (articleIds && !articleIds.has(analyzed.article.id))) return analyzed;
    const { article, sentences, mentions } = analyzed;
    return {
      ...analyzed,
      figures: figureCandidates(sentences, { published: article.published.date, language: article.language }),
      quotes: extractQuotes(sentences, mentions, entityByKey),
      inFull: true,
    };
  });
  return { articles, entities: analysis.entities };
}
