import { wordCount } from '../text/words.js';
import type { Sentence } from '../analyze/types.js';
import type { SummarySentence } from './types.js';
import { DEFAULT_SENTENCE_LIMITS, fitsLimits, isStatementShaped, makeStandalone, type SentenceLimits } from './standalone.js';
import {
  buildTermSpace,
  centroidOf,
  cosineDense,
  sentenceTokens,
  withDense,
  withMarks,
  type SentenceTokens,
  type DenseVector,
  type SparseVector,
} from './term-space.js';

export interface ExtractiveOptions {
  /** Date (YYYY-MM-DD) of the event an article reports; orders the summary by event date. */
  dateOf?: (articleId: string) => string | null;
  /** Put the newest event's sentences first (a thread leads with what is new); default oldest first. */
  newestFirst?: boolean;
  /** The person named just before a sentence, used to replace a leading he/she; without it such sentences are skipped. */
  personBefore?: (sentence: Sentence) => string | null;
  sentenceLimits?: SentenceLimits;
  /** MMR trade-off: 1 ranks by importance only, lower values favour novelty. */
  relevanceWeight?: number;
  /** Cosine at or above which two sentences say the same thing (merged, carrying all their article ids). */
  duplicateSimilarity?: number;
  /** How fast the lead prior decays: weight = 1 / (1 + index / positionScale). */
  positionScale?: number;
  /** Largest number of top-scored candidates MMR looks at (bounds the cost on big threads). */
  poolSize?: number;
  /** Exponent on the share of articles using a term, applied to the centroid; 0 turns it off. */
  coverageWeight?: number;
  /** How sentences become tokens (a cache shared by the summaries of one run); default: tokenized each time. */
  tokens?: SentenceTokens;
}

const DEFAULTS = {
  relevanceWeight: 0.55,
  duplicateSimilarity: 0.6,
  positionScale: 16,
  poolSize: 300,
  coverageWeight: 2,
};

/** Near-copies below this cosine are never credited as a source, whatever the duplicate setting. */
const MIN_SOURCE_SIMILARITY = 0.5;

interface Candidate {
  sentence: Sentence;
  /** Position in the input, i.e. in the term space. */
  position: number;
  text: string;
  words: number;
  vector: SparseVector;
  score: number;
  articleOrder: number;
}

/**
 * Extractive summary of the sentences of one event or thread: central sentences near the lead win,
 * redundant ones are merged (keeping every source), and the result reads in chronological order.
 */
export function summarizeSentences(
  sentences: readonly Sentence[],
  maxWords: number,
  options: ExtractiveOptions = {},
): SummarySentence[] {
  const space = buildTermSpace(sentences.map(options.tokens ?? sentenceTokens));
  const size = space.vocabulary.size;
  const centroid = weighByCoverage(
    centroidOf(space.vectors, size),
    articleCoverage(sentences, space.vectors, size),
    options.coverageWeight ?? DEFAULTS.coverageWeight,
  );
  const candidates = scoreCandidates(sentences, space.vectors, centroid, options);
  const selected = selectByMmr(candidates, maxWords, size, options);
  const threshold = Math.max(options.duplicateSimilarity ?? DEFAULTS.duplicateSimilarity, MIN_SOURCE_SIMILARITY);
  const merged = selected.map((chosen) => ({
    chosen,
    articleIds: withDense(chosen.vector, size, (chosenDense) => sourcesOf(chosen, sentences, space.vectors, chosenDense, threshold)),
  }));
  return orderForReading(merged, options.dateOf, options.newestFirst ?? false).map(({ chosen, articleIds }) => ({ text: chosen.text, articleIds }));
}

/** For each term, the share of the articles (among those given) that use it. */
function articleCoverage(sentences: readonly Sentence[], vectors: readonly SparseVector[], size: number): Float64Array {
  const articleIndex = firstAppearance(sentences);
  const coverage = new Float64Array(size);
  withMarks(size, (lastArticle) =>
    sentences.forEach((sentence, position) => {
      const article = articleIndex.get(sentence.articleId)!;
      for (const id of vectors[position]!.ids) {
        if (lastArticle[id] === article) continue;
        lastArticle[id] = article;
        coverage[id]! += 1;
      }
    }),
  );
  for (let id = 0; id < size; id++) coverage[id]! /= Math.max(1, articleIndex.size);
  return coverage;
}

/**
 * Scales the centroid by how many outlets use each term: what several articles say is the story, what one
 * article dwells on is its own angle. The scaled values are written over the coverage, which is not read again.
 */
function weighByCoverage(centroid: DenseVector, coverage: Float64Array, exponent: number): DenseVector {
  if (exponent === 0) return centroid;
  const values = coverage;
  let norm = 0;
  for (let id = 0; id < values.length; id++) {
    values[id] = centroid.values[id]! * Math.pow(coverage[id]!, exponent);
    norm += values[id]! * values[id]!;
  }
  return { values, norm: Math.sqrt(norm) };
}

interface Standalone {
  text: string;
  words: number;
}

// The same sentence is summarized for its event and again for its thread: rewrite and vet it once per resolver.
const standaloneCache = new WeakMap<object, WeakMap<Sentence, Standalone | null>>();
const NO_RESOLVER = {};

function standaloneOf(sentence: Sentence, personBefore: ExtractiveOptions['personBefore']): Standalone | null {
  const cacheKey = personBefore ?? NO_RESOLVER;
  let cache = standaloneCache.get(cacheKey);
  if (!cache) {
    cache = new WeakMap();
    standaloneCache.set(cacheKey, cache);
  }
  if (cache.has(sentence)) return cache.get(sentence)!;
  const text = makeStandalone(sentence.text, () => personBefore?.(sentence) ?? null);
  const result = text !== null && isStatementShaped(text) ? { text, words: wordCount(text) } : null;
  cache.set(sentence, result);
  return result;
}

function scoreCandidates(
  sentences: readonly Sentence[],
  vectors: readonly SparseVector[],
  centroid: DenseVector,
  options: ExtractiveOptions,
): Candidate[] {
  const limits = options.sentenceLimits ?? DEFAULT_SENTENCE_LIMITS;
  const positionScale = options.positionScale ?? DEFAULTS.positionScale;
  const articleOrder = firstAppearance(sentences);
  const seen = new Set<string>();
  const candidates: Candidate[] = [];
  sentences.forEach((sentence, position) => {
    const standalone = standaloneOf(sentence, options.personBefore);
    if (standalone === null || !fitsLimits(standalone.words, limits)) return;
    const key = `${sentence.articleId}\u0000${standalone.text.toLowerCase()}`;
    if (seen.has(key)) return;
    seen.add(key);
    const vector = vectors[position]!;
    const lead = 1 / (1 + sentence.index / positionScale);
    candidates.push({
      sentence,
      position,
      text: standalone.text,
      words: standalone.words,
      vector,
      score: cosineDense(vector, centroid) * lead,
      articleOrder: articleOrder.get(sentence.articleId) ?? 0,
    });
  });
  return candidates;
}

function firstAppearance(sentences: readonly Sentence[]): Map<string, number> {
  const order = new Map<string, number>();
  for (const sentence of sentences) if (!order.has(sentence.articleId)) order.set(sentence.articleId, order.size);
  return order;
}

function byScore(left: Candidate, right: Candidate): number {
  return (
    right.score - left.score ||
    left.articleOrder - right.articleOrder ||
    left.sentence.index - right.sentence.index ||
    left.position - right.position
  );
}

/** Maximal marginal relevance under a word budget: each pick trades importance against overlap with earlier picks. */
function selectByMmr(
  candidates: readonly Candidate[],
  maxWords: number,
  size: number,
  options: ExtractiveOptions,
): Candidate[] {
  const lambda = options.relevanceWeight ?? DEFAULTS.relevanceWeight;
  const threshold = options.duplicateSimilarity ?? DEFAULTS.duplicateSimilarity;
  const pool = [...candidates].sort(byScore).slice(0, options.poolSize ?? DEFAULTS.poolSize);
  const topScore = pool[0]?.score ?? 0;
  const maxOverlap = new Array<number>(pool.length).fill(0);
  const open = new Set(pool.map((_candidate, index) => index));
  const selected: Candidate[] = [];
  let remaining = maxWords;
  while (open.size > 0) {
    let best = -1;
    let bestValue = -Infinity;
    for (const index of open) {
      const candidate = pool[index]!;
      if (candidate.words > remaining || maxOverlap[index]! >= threshold) {
        open.delete(index);
        continue;
      }
      const relevance = topScore > 0 ? candidate.score / topScore : 0;
      const value = lambda * relevance - (1 - lambda) * maxOverlap[index]!;
      if (value > bestValue) {
        bestValue = value;
        best = index;
      }
    }
    if (best < 0) break;
    const chosen = pool[best]!;
    open.delete(best);
    selected.push(chosen);
    remaining -= chosen.words;
    withDense(chosen.vector, size, (chosenDense) => {
      for (const index of open) {
        maxOverlap[index] = Math.max(maxOverlap[index]!, cosineDense(pool[index]!.vector, chosenDense));
      }
    });
  }
  return selected;
}

/** Every article that carries the chosen sentence or a near-copy of it, its own article first. */
function sourcesOf(
  chosen: Candidate,
  sentences: readonly Sentence[],
  vectors: readonly SparseVector[],
  chosenDense: DenseVector,
  threshold: number,
): string[] {
  const ids = new Set([chosen.sentence.articleId]);
  sentences.forEach((sentence, position) => {
    if (!ids.has(sentence.articleId) && cosineDense(vectors[position]!, chosenDense) >= threshold) ids.add(sentence.articleId);
  });
  return [...ids];
}

function orderForReading<T extends { chosen: Candidate }>(
  items: readonly T[],
  dateOf: ((articleId: string) => string | null) | undefined,
  newestFirst: boolean,
): T[] {
  const dateKey = (item: T): string => dateOf?.(item.chosen.sentence.articleId) ?? (newestFirst ? '0000-00-00' : '9999-99-99');
  const byDate = (left: T, right: T): number =>
    newestFirst ? dateKey(right).localeCompare(dateKey(left)) : dateKey(left).localeCompare(dateKey(right));
  return [...items].sort(
    (left, right) =>
      byDate(left, right) ||
      left.chosen.articleOrder - right.chosen.articleOrder ||
      left.chosen.sentence.index - right.chosen.sentence.index,
  );
}
