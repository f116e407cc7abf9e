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
 * feeds an event's summary, its thread's and the headline. Owned by one thread's summaries and let go with them, so
 * a plain map (a weak one costs the garbage collector more for every entry) holds only that thread's tokens.
 */
export function cachedSentenceTokens(): SentenceTokens {
  const cache = new Map<Sentence, string[]>();
  return (sentence) => {
    let tokens = cache.get(sentence);
    if (!tokens) {
      tokens = contentTokens(sentence.text);
      cache.set(sentence, tokens);
    }
    return tokens;
  };
}

/**
 * Scratch buffers over term ids, shared by every term space (one is worked on at a time) and grown to the largest
 * vocabulary met: a day makes a term space for every event and thread, and buffers of each vocabulary's size were
 * most of summarize's garbage. Between uses `zeros` is all zero and `marks` all -1.
 */
let zeros = new Float64Array(1024);
let marks = new Int32Array(1024).fill(-1);
/** The term ids of a space's documents one after another, while the space is made. */
let termIds = new Int32Array(4096);

function scratchFor(size: number): void {
  if (zeros.length >= size) return;
  const length = Math.max(size, zeros.length * 2);
  zeros = new Float64Array(length);
  marks = new Int32Array(length).fill(-1);
}

/**
 * Runs `use` with the scratch marks over `size` ids, all -1, and sets them back to -1 after, also when `use` throws
 * (a long-running server would otherwise weigh every later space wrongly). `use` must not make a term space or a
 * dense vector itself: they share the scratch.
 */
export function withMarks<T>(size: number, use: (marks: Int32Array) => T): T {
  scratchFor(size);
  try {
    return use(marks);
  } finally {
    marks.fill(-1, 0, size);
  }
}

/** Vocabulary, smoothed IDF (each token list is one document) and the TF-IDF vector of every list. */
export function buildTermSpace(documents: readonly (readonly string[])[]): TermSpace {
  const vocabulary = new Map<string, number>();
  let total = 0;
  for (const tokens of documents) total += tokens.length;
  if (termIds.length < total) termIds = new Int32Array(Math.max(total, termIds.length * 2));
  // The documents' term ids in one buffer, document after document: no list of ids a document.
  const ids = termIds;
  let at = 0;
  for (const tokens of documents) for (const token of tokens) ids[at++] = internId(vocabulary, token);
  const size = vocabulary.size;
  const idf = new Float64Array(size);
  // Document frequencies are counted in the idf array, then turned into the idf in place.
  withMarks(size, (lastDocument) => {
    let start = 0;
    documents.forEach((tokens, document) => {
      for (let k = start; k < start + tokens.length; k++) {
        const id = ids[k]!;
        if (lastDocument[id] === document) continue;
        lastDocument[id] = document;
        idf[id]! += 1;
      }
      start += tokens.length;
    });
  });
  for (let id = 0; id < size; id++) idf[id] = Math.log((documents.length + 1) / (idf[id]! + 0.5));
  // withMarks grew the scratch to `size`: `zeros` is long enough and all zero.
  let start = 0;
  const vectors = documents.map((tokens) => {
    const vector = weigh(ids, start, start + tokens.length, idf, zeros);
    start += tokens.length;
    return vector;
  });
  return { vocabulary, idf, vectors };
}

/** The vector of tokens outside the space's documents (e.g. a title); unknown tokens carry no weight. */
export function vectorizeIn(space: TermSpace, tokens: readonly string[]): SparseVector {
  const ids = tokens.map((token) => space.vocabulary.get(token)).filter((id): id is number => id !== undefined);
  scratchFor(space.idf.length);
  return weigh(ids, 0, ids.length, space.idf, zeros);
}

function internId(vocabulary: Map<string, number>, token: string): number {
  let id = vocabulary.get(token);
  if (id === undefined) {
    id = vocabulary.size;
    vocabulary.set(token, id);
  }
  return id;
}

/**
 * Sublinear TF times IDF of the ids from `start` to `end`; `counts` is an all-zero scratch buffer over the
 * vocabulary, left all-zero again. The vector's lists are made at their length (the distinct ids bound it).
 */
function weigh(ids: ArrayLike<number>, start: number, end: number, idf: Float64Array, counts: Float64Array): SparseVector {
  let distinct = 0;
  for (let k = start; k < end; k++) if (counts[ids[k]!]!++ === 0) distinct++;
  const kept = new Array<number>(distinct);
  const weights = new Array<number>(distinct);
  let length = 0;
  let norm = 0;
  // Each id at its first place (its count is zeroed once read, so a later copy is passed over): first-occurrence order.
  for (let k = start; k < end; k++) {
    const id = ids[k]!;
    if (counts[id] === 0) continue;
    const weight = (1 + Math.log(counts[id]!)) * idf[id]!;
    counts[id] = 0;
    if (weight <= 0) continue;
    kept[length] = id;
    weights[length] = weight;
    length++;
    norm += weight * weight;
  }
  kept.length = length;
  weights.length = length;
  return { ids: kept, weights, norm: Math.sqrt(norm) };
}

/** A dense vector over the vocabulary with its norm, for fast repeated dot products against one vector. */
export interface DenseVector {
  values: Float64Array;
  norm: number;
}

/**
 * Runs `use` with the vector made dense over a vocabulary of `size` terms, in the scratch buffer (set back to zeros
 * after, also when `use` throws): the dense vector is good only during the call, and `use` must not make a term
 * space or another dense vector (they would write into the same buffer, which weighing expects all zero).
 */
export function withDense<T>(vector: SparseVector, size: number, use: (dense: DenseVector) => T): T {
  scratchFor(size);
  const values = zeros;
  for (let index = 0; index < vector.ids.length; index++) values[vector.ids[index]!] = vector.weights[index]!;
  try {
    return use({ values, norm: vector.norm });
  } finally {
    for (let index = 0; index < vector.ids.length; index++) values[vector.ids[index]!] = 0;
  }
}

/** Sum of the vectors: the unnormalized centroid, the topic signature of a set of sentences. */
export function centroidOf(vectors: readonly SparseVector[], size: number): DenseVector {
  const values = new Float64Array(size);
  for (const vector of vectors) {
    for (let index = 0; index < vector.ids.length; index++) values[vector.ids[index]!]! += vector.weights[index]!;
  }
  let norm = 0;
  for (let id = 0; id < values.length; id++) norm += values[id]! * values[id]!;
  return { values, norm: Math.sqrt(norm) };
}

export function cosineDense(vector: SparseVector, dense: DenseVector): number {
  if (vector.norm === 0 || dense.norm === 0) return 0;
  let dot = 0;
  for (let index = 0; index < vector.ids.length; index++) dot += vector.weights[index]! * dense.values[vector.ids[index]!]!;
  return dot / (vector.norm * dense.norm);
}
