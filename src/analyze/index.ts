import type { CleanArticle } from '../clean/types.js';
import { datesInSentences } from './dates.js';
import { extractEntities } from './entities.js';
import { figureCandidates } from './figures/index.js';
import { extractQuotes } from './quotes.js';
import { splitSentences } from './sentences.js';
import type { AnalyzedArticle, Analysis, Entity, EntityMention, Sentence } from './types.js';

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
  const usable = articles.map((article) => ({ article, sentences: article.status === 'ok' ? articleSentences(article) : [] }));
  const { entities, mentions } = extractEntities(usable.map(({ article, sentences }) => ({ id: article.id, sentences })));
  const entityByKey = new Map<string, Entity>(entities.map((entity) => [entity.key, entity]));
  const analyzed = usable.map(({ article, sentences }, i): AnalyzedArticle => {
    const articleMentions: EntityMention[] = mentions[i];
    if (!sentences.length) return { article, sentences, mentions: [], figures: [], quotes: [], datesMentioned: [] };
    return {
      article,
      sentences,
      mentions: articleMentions,
      figures: figureCandidates(sentences, { published: article.published.date, language: article.language }),
      quotes: extractQuotes(sentences, articleMentions, entityByKey),
      datesMentioned: datesInSentences(sentences, article.published.date),
    };
  });
  return { articles: analyzed, entities };
}
