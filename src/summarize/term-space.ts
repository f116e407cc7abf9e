import type { Sentence } from '../analyze/types.js';
import { contentTokens } from './text.js';

/**
 * TF-IDF vectors over a vocabulary local to one summarization call: term ids with their weights, in
 * first-occurrence order. Plain arrays and scratch buffers keep big threads fast and light on garbage.
 */
export interface SparseVector {
  ids: number[];
  weights: number[];
  norm: number;
}

export interface TermSpace {
  vocabulary: Map<string, number>;
  idf: Float64Array;
  vectors: SparseVector[];
}

/** Content tokens of a sentence. */
export type SentenceTokens = (sentence: Sentence) => string[];

export const sentenceTokens: SentenceTokens = (sentence) => contentTokens(sentence.text);

/**
 * Content tokens computed once per sentence object for as long as the returned function lives: the same sentence
 * feeds an event's summary, its thread's and the headline. Owned by one summarize call, so the tokens of a day's
 * sentences are not kept for as long as the analysis is (a module-wide cache held them to the end of the run).
 */
export function cachedSentenceTokens(): SentenceTokens {
  const cache = new WeakMap<Sentence, string[]>();
  return (sentence) => {
    let tokens = cache.get(sentence);
    if (!tokens) {
      tokens = contentTokens(sentence.text);
      cache.set(sentence, tokens);
    }
    return tokens;
  };
}

/** Vocabulary, smoothed IDF (each token list is one document) and the TF-IDF vector of every list. */
export function buildTermSpace(documents: readonly (readonly string[])[]): TermSpace {
  const vocabulary = new Map<string, number>();
  const documentIds = documents.map((tokens) => tokens.map((token) => internId(vocabulary, token)));
  const frequency = new Float64Array(vocabulary.size);
  const lastDocument = new Int32Array(vocabulary.size).fill(-1);
  documentIds.forEach((ids, document) => {
    for (const id of ids) {
      if (lastDocument[id] === document) continue;
      lastDocument[id] = document;
      frequency[id]! += 1;
    }
  });
  const idf = new Float64Array(vocabulary.size);
  for (let id = 0; id < idf.length; id++) idf[id] = Math.log((documents.length + 1) / (frequency[id]! + 0.5));
  const counts = new Float64Array(vocabulary.size);
  return { vocabulary, idf, vectors: documentIds.map((ids) => weigh(ids, idf, counts)) };
}

/** The vector of tokens outside the space's documents (e.g. a title); unknown tokens carry no weight. */
export function vectorizeIn(space: TermSpace, tokens: readonly string[]): SparseVector {
  const ids = tokens.map((token) => space.vocabulary.get(token)).filter((id): id is number => id !== undefined);
  return weigh(ids, space.idf, new Float64Array(space.idf.length));
}

function internId(vocabulary: Map<string, number>, token: string): number {
  let id = vocabulary.get(token);
  if (id === undefined) {
    id = vocabulary.size;
    vocabulary.set(token, id);
  }
  return id;
}

/** Sublinear TF times IDF; `counts` is an all-zero scratch buffer over the vocabulary, left all-zero again. */
function weigh(ids: readonly number[], idf: Float64Array, counts: Float64Array): SparseVector {
  const distinct: number[] = [];
  for (const id of ids) {
    if (counts[id] === 0) distinct.push(id);
    counts[id]! += 1;
  }
  const kept: number[] = [];
  const weights: number[] = [];
  let norm = 0;
  for (const id of distinct) {
    const weight = (1 + Math.log(counts[id]!)) * idf[id]!;
    counts[id] = 0;
    if (weight <= 0) continue;
    kept.push(id);
    weights.push(weight);
    norm += weight * weight;
  }
  return { ids: kept, weights, norm: Math.sqrt(norm) };
}

/** A dense vector over the vocabulary with its norm, for fast repeated dot products against one vector. */
export interface DenseVector {
  values: Float64Array;
  norm: number;
}

export function toDense(vector: SparseVector, size: number): DenseVector {
  const values = new Float64Array(size);
  for (let index = 0; index < vector.ids.length; index++) values[vector.ids[index]!] = vector.weights[index]!;
  return { values, norm: vector.norm };
}

/** Sum of the vectors: the unnormalized centroid, the topic signature of a set of sentences. */
export function centroidOf(vectors: readonly SparseVector[], size: number): DenseVector {
  const values = new Float64Array(size);
  for (const vector of vectors) {
    for (let index = 0; index < vector.ids.length; index++) values[vector.ids[index]!]! += vector.weights[index]!;
  }
  let norm = 0;
  for (const value of values) norm += value * value;
  return { values, norm: Math.sqrt(norm) };
}

export function cosineDense(vector: SparseVector, dense: DenseVector): number {
  if (vector.norm === 0 || dense.norm === 0) return 0;
  let dot = 0;
  for (let index = 0; index < vector.ids.length; index++) dot += vector.weights[index]! * dense.values[vector.ids[index]!]!;
  return dot / (vector.norm * dense.norm);
}
