import type { Entity, EntityMention, Sentence } from './types.js';
import { aliasOf, bare, classifySpan, type NameCandidate } from './classify.js';
import { isOrganizationWord, isPlaceWord } from './lexicon.js';
import { mergeCandidates, type PlacedCandidate } from './merge.js';
import { PLACE_NOUNS_AFTER } from './name-words.js';
import { appendAll } from '../util/append.js';
import { findNameSpans, splitIntoWords, type NameSpan } from './spans.js';
import { isTitleCase, isUpperCaseLine, titleCaseInPlace, tokenize } from './tokens.js';

/** Names in one sentence, typed where the sentence allows, not yet merged with other mentions. */
export function findNameCandidates(sentence: string): NameCandidate[] {
  // The surface exactly as written ("Donald J. Trump", "KUALA LUMPUR"), not as tokens rebuilt it.
  return classifiedCandidates(sentence).map((candidate) => ({ ...candidate, surface: sentence.slice(candidate.start, candidate.end) }));
}

/** `findNameCandidates` before each surface is cut from the sentence as written. */
function classifiedCandidates(sentence: string): NameCandidate[] {
  const upperCase = isUpperCaseLine(sentence);
  const text = upperCase ? titleCaseInPlace(sentence) : sentence;
  const tokens = tokenize(text);
  const headline = upperCase || isTitleCase(text, tokens);
  const spans = findNameSpans(text, tokens).map((span, i, all) => shareCoordinatedNoun(span, all[i + 1]));
  const usable = headline ? spans.flatMap((span) => (isKnownPhrase(span) ? [span] : splitIntoWords(span))) : spans;
  return usable.flatMap((span) => classifySpan(span, headline));
}

/** A multi-word name the lexicon or the alias table knows as a whole ("Kuala Lumpur", "United States"). */
function isKnownPhrase(span: NameSpan): boolean {
  if (span.tokens.length < 2) return false;
  const phrase = span.tokens.map(bare).join(' ');
  return isPlaceWord(phrase) || isOrganizationWord(phrase) || aliasOf(phrase) !== undefined;
}

/** "the Bryansk and Kursk regions": the first name gets the noun that follows the second. */
function shareCoordinatedNoun(span: NameSpan, following: NameSpan | undefined): NameSpan {
  if (span.next !== 'and' || !following || following.previous !== 'and' || !following.next) return span;
  return PLACE_NOUNS_AFTER.has(following.next) ? { ...span, next: following.next } : span;
}

export interface EntityExtraction {
  entities: Entity[];
  /** Aligned with the input articles: each one's mentions in reading order. */
  mentions: EntityMention[][];
}

/**
 * People, places and organizations of articles analysed together, variants merged across all of them
 * (Sergei / Sergey Lavrov, Kiev / Kyiv, Mr Rubio / Marco Rubio, U.S. / United States).
 */
export function extractEntities(articles: readonly { id: string; sentences: readonly Sentence[] }[]): EntityExtraction {
  const candidates: PlacedCandidate[] = [];
  articles.forEach((article, articleIndex) => appendAll(candidates, placedCandidates(article.id, article.sentences, articleIndex)));
  return mergeMentions(candidates, articles.length);
}

/** The name candidates of one article's sentences, with where they were found, in reading order. */
export function placedCandidates(articleId: string, sentences: readonly Sentence[], articleIndex: number): PlacedCandidate[] {
  const candidates: PlacedCandidate[] = [];
  for (const sentence of sentences) {
    // Each candidate made once, in one shape, with the surface as findNameCandidates cuts it.
    for (const { start, end, type, alias } of classifiedCandidates(sentence.text)) {
      candidates.push({ surface: sentence.text.slice(start, end), start, end, type, alias, articleIndex, articleId, sentenceIndex: sentence.index });
    }
  }
  return candidates;
}

/**
 * `extractEntities` from the candidates of all the articles (in article order, as `placedCandidates` gives them), so a
 * caller can let each article's sentences go once its candidates are found.
 */
export function mergeMentions(candidates: readonly PlacedCandidate[], articleCount: number): EntityExtraction {
  const { entities, keys } = mergeCandidates(candidates);
  const mentions: EntityMention[][] = Array.from({ length: articleCount }, () => []);
  candidates.forEach((candidate, index) => {
    const key = keys[index];
    if (key === null) return;
    mentions[candidate.articleIndex].push({
      key,
      surface: candidate.surface,
      sentenceIndex: candidate.sentenceIndex,
      start: candidate.start,
      end: candidate.end,
    });
  });
  return { entities, mentions };
}
