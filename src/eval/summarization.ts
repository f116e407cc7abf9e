import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Analysis, Sentence } from '../analyze/types.js';
import { analyze } from '../analyze/index.js';
import type { CleanArticle, RawDocument } from '../clean/types.js';
import { cleanDocuments } from '../clean/index.js';
import { summarizeSentences } from '../summarize/extractive.js';
import { personResolver } from '../summarize/people.js';
import { sha256Hex } from '../util/hash.js';
import { halvesBy } from './halves.js';
import { evalDataRoot, type EvalOptions, type EvalReport } from './types.js';

export interface RougeScores {
  rouge1: number;
  rouge2: number;
  rougeL: number;
}

interface Story {
  id: string;
  documents: string[];
  summary: string;
}

const DEFAULT_WORDS = 250;

/** Published reference points from the eval README (lead is computed here too, by this code). */
const README_BASELINES: { name: string; metrics: Record<string, number> }[] = [
  { name: 'lead (eval README)', metrics: { rouge1: 42.2, rouge2: 14.3, rougeL: 19.3 } },
  { name: 'Hi-MAP (published, full test set)', metrics: { rouge1: 43.47, rouge2: 14.89 } },
];

/** ROUGE's tokens as the README defines them: lower-cased [a-z0-9]+ runs, no stemming, no stop-word removal. */
export function rougeTokens(text: string): string[] {
  return text.toLowerCase().match(/[a-z0-9]+/g) ?? [];
}

function ngramCounts(tokens: readonly string[], size: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (let start = 0; start + size <= tokens.length; start++) {
    const key = tokens.slice(start, start + size).join(' ');
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

function f1(overlap: number, predicted: number, reference: number): number {
  if (overlap === 0 || predicted === 0 || reference === 0) return 0;
  const precision = overlap / predicted;
  const recall = overlap / reference;
  return (2 * precision * recall) / (precision + recall);
}

/** ROUGE-N F1 (0..1) with clipped n-gram counts. */
export function rougeN(predicted: readonly string[], reference: readonly string[], size: number): number {
  const predictedCounts = ngramCounts(predicted, size);
  const referenceCounts = ngramCounts(reference, size);
  let overlap = 0;
  for (const [gram, count] of predictedCounts) overlap += Math.min(count, referenceCounts.get(gram) ?? 0);
  return f1(overlap, Math.max(0, predicted.length - size + 1), Math.max(0, reference.length - size + 1));
}

/** Length of the longest common subsequence, in O(n·m) time and O(m) memory. */
export function longestCommonSubsequence(left: readonly string[], right: readonly string[]): number {
  let previous = new Array<number>(right.length + 1).fill(0);
  let current = new Array<number>(right.length + 1).fill(0);
  for (let i = 1; i <= left.length; i++) {
    for (let j = 1; j <= right.length; j++) {
      current[j] = left[i - 1] === right[j - 1] ? previous[j - 1]! + 1 : Math.max(previous[j]!, current[j - 1]!);
    }
    [previous, current] = [current, previous];
  }
  return previous[right.length]!;
}

/** ROUGE-1, ROUGE-2 and ROUGE-L F1 of one prediction, in points (0..100). */
export function rouge(predicted: string, reference: string): RougeScores {
  const predictedTokens = rougeTokens(predicted);
  const referenceTokens = rougeTokens(reference);
  const lcs = longestCommonSubsequence(predictedTokens, referenceTokens);
  return {
    rouge1: 100 * rougeN(predictedTokens, referenceTokens, 1),
    rouge2: 100 * rougeN(predictedTokens, referenceTokens, 2),
    rougeL: 100 * f1(lcs, predictedTokens.length, referenceTokens.length),
  };
}

function meanScores(scores: readonly RougeScores[]): RougeScores {
  const mean = (pick: (score: RougeScores) => number): number =>
    scores.length === 0 ? 0 : round2(scores.reduce((sum, score) => sum + pick(score), 0) / scores.length);
  return { rouge1: mean((s) => s.rouge1), rouge2: mean((s) => s.rouge2), rougeL: mean((s) => s.rougeL) };
}

/** The product's mean scores on each half of the stories (by id, alternately), named half1.rouge1 and so on. */
function halfScores(stories: readonly Story[], scores: readonly RougeScores[]): Record<string, number> {
  const scoreOf = new Map(stories.map((story, k) => [story, scores[k]!]));
  const metrics: Record<string, number> = {};
  halvesBy(stories, (story) => story.id)?.forEach((half, k) => {
    for (const [name, value] of Object.entries(meanScores(half.map((story) => scoreOf.get(story)!)))) metrics[`half${k + 1}.${name}`] = value;
  });
  return metrics;
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

/** Keeps the first `maxWords` whitespace-separated words. */
export function truncateWords(text: string, maxWords: number): string {
  const words = text.split(/\s+/).filter((word) => word.length > 0);
  return words.slice(0, maxWords).join(' ');
}

/** Lead baseline: the first sentence of each document in turn, then the second of each, ... up to the cap. */
export function leadSummary(sentencesByDocument: readonly (readonly string[])[], maxWords: number): string {
  const picked: string[] = [];
  const longest = Math.max(0, ...sentencesByDocument.map((sentences) => sentences.length));
  for (let round = 0; round < longest; round++) {
    for (const sentences of sentencesByDocument) {
      const sentence = sentences[round];
      if (sentence !== undefined) picked.push(sentence);
    }
  }
  return truncateWords(picked.join(' '), maxWords);
}

function rawDocument(storyId: string, index: number, text: string): RawDocument {
  return {
    path: `${storyId}#${index}`,
    format: 'txt',
    text,
    meta: {},
    encoding: 'utf-8',
    digest: sha256Hex(text),
  };
}

/** The story's documents through the product's own clean and analyze stages. */
function analyzeStory(story: Story): Analysis {
  const documents = story.documents.map((text, index) => rawDocument(story.id, index, text));
  const articles = cleanDocuments(documents).filter((article) => article.paragraphs.length > 0);
  const usable = articles.filter((article) => article.status === 'ok');
  // When the cleaner rejects every document, a story still gets a summary from the text there is.
  const chosen: CleanArticle[] = usable.length > 0 ? usable : articles.map((article) => ({ ...article, status: 'ok' }));
  return analyze(chosen);
}

/** The product's summary of one story, treated as a single thread with a single event. */
export function summarizeStory(analysis: Analysis, maxWords: number): string {
  const sentences: Sentence[] = analysis.articles.flatMap((article) => article.sentences);
  const summary = summarizeSentences(sentences, maxWords, { personBefore: personResolver(analysis) });
  return truncateWords(summary.map((sentence) => sentence.text).join(' '), maxWords);
}

async function readStories(path: string): Promise<Story[]> {
  const text = await readFile(path, 'utf8');
  return text
    .split('\n')
    .filter((line) => line.trim().length > 0)
    .map((line) => JSON.parse(line) as Story);
}

/** ROUGE of the product's summaries on Multi-News stories, with the lead baseline computed by the same code. */
export async function evaluateSummarization(options: EvalOptions): Promise<EvalReport> {
  const started = performance.now();
  const data = options.data ?? join(evalDataRoot(), 'summarization', 'multinews.jsonl');
  const maxWords = options.words ?? DEFAULT_WORDS;
  const stories = await readStories(data);
  const predictions: Record<string, { summary: string }> = {};
  const productScores: RougeScores[] = [];
  const leadScores: RougeScores[] = [];
  for (const story of stories) {
    const analysis = analyzeStory(story);
    const summary = summarizeStory(analysis, maxWords);
    predictions[story.id] = { summary };
    productScores.push(rouge(summary, story.summary));
    const lead = leadSummary(
      analysis.articles.map((article) => article.sentences.map((sentence) => sentence.text)),
      maxWords,
    );
    leadScores.push(rouge(lead, story.summary));
  }
  return {
    task: 'summarization',
    data,
    items: stories.length,
    metrics: { ...meanScores(productScores), ...halfScores(stories, productScores) },
    baselines: [{ name: 'lead (this code)', metrics: { ...meanScores(leadScores) } }, ...README_BASELINES],
    predictions,
    seconds: round2((performance.now() - started) / 1000),
  };
}
