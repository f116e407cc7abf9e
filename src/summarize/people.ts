import type { Analysis, AnalyzedArticle, Sentence } from '../analyze/types.js';
import { objectMemo } from '../util/memo.js';

/** How many sentences back a leading he/she may reach for its person. */
const LOOKBACK = 2;

/** The keys of the day's people, made once per entity list: a resolver is made for every thread shown in full. */
const personKeysOf = objectMemo(
  (entities: Analysis['entities']): ReadonlySet<string> => new Set(entities.filter((entity) => entity.type === 'person').map((entity) => entity.key)),
);

/**
 * Resolves a sentence's leading he/she to the person who is the likely subject just before it:
 * the first person named in the nearest earlier sentence (of the same article) that names one.
 */
export function personResolver(analysis: Analysis): (sentence: Sentence) => string | null {
  const personKeys = personKeysOf(analysis.entities);
  const byArticle = new Map(analysis.articles.map((article) => [article.article.id, article]));
  const cache = new Map<string, Map<number, string>>();
  return (sentence) => {
    let firstPerson = cache.get(sentence.articleId);
    if (!firstPerson) {
      const article = byArticle.get(sentence.articleId);
      firstPerson = article ? firstPersonBySentence(article, personKeys) : new Map();
      cache.set(sentence.articleId, firstPerson);
    }
    for (let back = 1; back <= LOOKBACK; back++) {
      const name = firstPerson.get(sentence.index - back);
      if (name) return name;
    }
    return null;
  };
}

function firstPersonBySentence(article: AnalyzedArticle, personKeys: ReadonlySet<string>): Map<number, string> {
  const textOf = new Map(article.sentences.map((sentence) => [sentence.index, sentence.text]));
  const best = new Map<number, { surface: string; at: number }>();
  for (const mention of article.mentions) {
    if (!personKeys.has(mention.key)) continue;
    const at = textOf.get(mention.sentenceIndex)?.indexOf(mention.surface) ?? -1;
    const position = at < 0 ? Number.MAX_SAFE_INTEGER : at;
    const current = best.get(mention.sentenceIndex);
    if (!current || position < current.at) best.set(mention.sentenceIndex, { surface: mention.surface, at: position });
  }
  return new Map([...best].map(([index, { surface }]) => [index, surface]));
}
