import type { AnalyzedArticle, Figure, Quote, Sentence } from '../../src/analyze/types.js';
import type { CleanArticle } from '../../src/clean/types.js';

/** Splits a body into Sentence records (one per line) for an article id. */
export function sentencesOf(articleId: string, lines: string[]): Sentence[] {
  return lines.map((text, index) => ({ articleId, index, paragraph: index, text }));
}

export function figure(partial: Partial<Figure> & Pick<Figure, 'value' | 'label' | 'articleId'>): Figure {
  const surface = partial.surface ?? String(partial.value);
  return {
    unit: null,
    surface,
    text: partial.text ?? `Officials reported ${surface} ${partial.label}.`,
    sentenceIndex: 0,
    kind: 'count',
    score: 1,
    ...partial,
  };
}

export function quote(partial: Partial<Quote> & Pick<Quote, 'text' | 'articleId'>): Quote {
  return { speaker: null, speakerKey: null, speakerKind: null, speakerRole: null, problem: null, sentenceIndex: 0, ...partial };
}

export function cleanArticle(id: string, title: string, outlet: string | null, date: string | null): CleanArticle {
  return {
    id,
    path: `${id}.txt`,
    title,
    outlet,
    outletSource: outlet ? 'metadata' : null,
    url: null,
    author: null,
    language: 'en',
    published: { date, source: date ? 'metadata' : 'unknown', certain: date !== null },
    paragraphs: [],
    removed: [],
    status: 'ok',
    digest: id,
  };
}

export function analyzedArticle(
  article: CleanArticle,
  lines: string[],
  extra: Partial<Omit<AnalyzedArticle, 'article' | 'sentences'>> = {},
): AnalyzedArticle {
  return {
    article: { ...article, paragraphs: lines },
    sentences: sentencesOf(article.id, lines),
    mentions: [],
    figures: [],
    quotes: [],
    datesMentioned: [],
    inFull: true,
    ...extra,
  };
}

export function wordCount(text: string): number {
  return text.split(/\s+/).filter((word) => /[\p{L}\p{N}]/u.test(word)).length;
}
