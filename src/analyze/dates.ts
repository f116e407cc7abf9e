import { findDateMentions } from '../clean/dates.js';
import type { AnalyzedArticle, Sentence } from './types.js';

/** Dates the sentences mention, resolved against the article's own date where one is needed ("on Sunday"). */
export function datesInSentences(sentences: readonly Sentence[], reference: string | null): AnalyzedArticle['datesMentioned'] {
  return sentences.flatMap((sentence) =>
    findDateMentions(sentence.text, reference).map((mention) => ({
      date: mention.date,
      sentenceIndex: sentence.index,
      surface: mention.surface,
    })),
  );
}
