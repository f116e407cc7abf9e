import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { analyzeForGrouping } from '../analyze/index.js';
import type { CleanArticle, RawDocument } from '../clean/types.js';
import { cleanDocuments } from '../clean/index.js';
import { groupArticles } from '../group/index.js';
import type { Grouping } from '../group/types.js';
import { sha256Hex } from '../util/hash.js';
import { evalDataRoot, type EvalOptions, type EvalReport } from './types.js';
import { halvesBy } from './halves.js';

/** One line of clustering/ecbplus.jsonl. */
export interface ClusteringItem {
  id: string;
  text: string;
  event: string;
  topic: string;
}

export interface PrecisionRecall {
  precision: number;
  recall: number;
  f1: number;
}

export type ClusterPrediction = Record<string, { event: string; thread: string }>;

/** The eval README's reference point per set: TF-IDF cosine average-link with its threshold tuned on the data. */
const README_BASELINE_F1: Record<string, number> = { ecbplus: 0.87, 'mixed-day': 0.9 };
const BASELINE_NAME = 'TF-IDF cosine average-link, threshold tuned on the data (eval README)';

/**
 * Undoes PTB-style tokenization so the cleaner and analyzer see ordinary prose: quotes, punctuation and
 * contractions rejoined, split hyphenated words and times mended, URL lines closed up.
 */
export function detokenize(text: string): string {
  return text
    .split('\n')
    .map((line) => (/^https?\s*:\s*\/\s*\//.test(line) ? line.replace(/\s+/g, '') : detokenizeLine(line)))
    .join('\n\n');
}

function detokenizeLine(line: string): string {
  return line
    .replace(/``\s*/g, '"')
    .replace(/\s*''/g, '"')
    .replace(/(“)\s+/g, '$1')
    .replace(/\s+(”)/g, '$1')
    .replace(/\s+([’'](?:s|re|ve|ll|d|m|t)\b)/gi, '$1')
    .replace(/([’'])\s+(s|re|ve|ll|d|m|t)\b/gi, '$1$2')
    .replace(/\s+(n['’]t)\b/gi, '$1')
    .replace(/(\d) ([.:]) (\d)/g, '$1$2$3')
    .replace(/(\d) , (\d{3})(?!\d)/g, '$1,$2')
    .replace(/(\w) - (?=\w)/g, '$1-')
    .replace(/\s+([.,;:!?%)\]}])/g, '$1')
    .replace(/([(\[{$£€])\s+/g, '$1')
    .replace(/\s{2,}/g, ' ')
    .trim();
}

export function toRawDocument(item: ClusteringItem): RawDocument {
  const text = detokenize(item.text);
  return { path: item.id, format: 'txt', text, meta: {}, encoding: 'utf-8', digest: sha256Hex(text) };
}

/**
 * Event and thread of every item. Articles the cleaner set aside stay alone, except exact duplicates, which
 * follow the article they duplicate (the product knows they are the same copy).
 */
export function predictionsFromGrouping(
  items: readonly ClusteringItem[],
  articles: readonly CleanArticle[],
  grouping: Grouping,
): ClusterPrediction {
  const byArticle = placementsOf(grouping.threads);
  const articleOfPath = new Map(articles.map((article) => [article.path, article]));
  const predictions: ClusterPrediction = {};
  for (const item of items) {
    const article = articleOfPath.get(item.id);
    const assigned = article && (byArticle.get(article.id) ?? byArticle.get(article.duplicateOf ?? ''));
    predictions[item.id] = assigned ?? { event: `alone-${item.id}`, thread: `alone-${item.id}` };
  }
  return predictions;
}

/** The event and thread each grouped article is in, by article id (of a grouping's or a briefing's threads). */
export function placementsOf(
  threads: readonly { id: string; events: readonly { id: string; articleIds: readonly string[] }[] }[],
): Map<string, { event: string; thread: string }> {
  const byArticle = new Map<string, { event: string; thread: string }>();
  for (const thread of threads) {
    for (const event of thread.events) {
      for (const id of event.articleIds) byArticle.set(id, { event: event.id, thread: thread.id });
    }
  }
  return byArticle;
}

/** B-cubed precision and recall: per item, the share of its predicted cluster that is right, and vice versa. */
export function bcubed(predicted: readonly string[], gold: readonly string[]): PrecisionRecall {
  const joint = countBy(predicted.map((label, i) => `${label}\u0000${gold[i]}`));
  const predictedSizes = countBy(predicted);
  const goldSizes = countBy(gold);
  let precision = 0;
  let recall = 0;
  predicted.forEach((label, i) => {
    const both = joint.get(`${label}\u0000${gold[i]}`)!;
    precision += both / predictedSizes.get(label)!;
    recall += both / goldSizes.get(gold[i]!)!;
  });
  const n = Math.max(1, predicted.length);
  return withF1(precision / n, recall / n);
}

/** Pairwise precision and recall over all item pairs put together by the prediction and by the gold labels. */
export function pairwise(predicted: readonly string[], gold: readonly string[]): PrecisionRecall {
  const pairs = (counts: Map<string, number>) => [...counts.values()].reduce((sum, c) => sum + (c * (c - 1)) / 2, 0);
  const together = pairs(countBy(predicted.map((label, i) => `${label}\u0000${gold[i]}`)));
  const predictedPairs = pairs(countBy(predicted));
  const goldPairs = pairs(countBy(gold));
  return withF1(predictedPairs === 0 ? 1 : together / predictedPairs, goldPairs === 0 ? 1 : together / goldPairs);
}

function withF1(precision: number, recall: number): PrecisionRecall {
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1 };
}

function countBy(labels: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const label of labels) counts.set(label, (counts.get(label) ?? 0) + 1);
  return counts;
}

/** Metric name -> value for one labelling against gold events and topics. */
export function clusteringMetrics(items: readonly ClusteringItem[], predictions: ClusterPrediction): Record<string, number> {
  const events = items.map((item) => predictions[item.id]!.event);
  const threads = items.map((item) => predictions[item.id]!.thread);
  const goldEvents = items.map((item) => item.event);
  const goldTopics = items.map((item) => item.topic);
  const metrics: Record<string, number> = {};
  const put = (prefix: string, scores: PrecisionRecall) => {
    metrics[`${prefix}.precision`] = round4(scores.precision);
    metrics[`${prefix}.recall`] = round4(scores.recall);
    metrics[`${prefix}.f1`] = round4(scores.f1);
  };
  put('bcubed', bcubed(events, goldEvents));
  put('pairwise', pairwise(events, goldEvents));
  put('thread.bcubed', bcubed(threads, goldTopics));
  put('thread.pairwise', pairwise(threads, goldTopics));
  // Threads against the gold events too: a thread should hold whole events, so its recall here shows lost reports.
  put('thread.event.bcubed', bcubed(threads, goldEvents));
  metrics['events.predicted'] = new Set(events).size;
  metrics['events.gold'] = new Set(goldEvents).size;
  return metrics;
}

function round4(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}

export function parseClusteringItems(text: string): ClusteringItem[] {
  return text
    .split('\n')
    .filter((line) => line.trim().length > 0)
    .map((line) => JSON.parse(line) as ClusteringItem);
}

/** The product's clean -> analyze (the depth grouping reads) -> group stages on clustering items, as predictions. */
export function groupItems(items: readonly ClusteringItem[]): ClusterPrediction {
  const articles = cleanDocuments(items.map(toRawDocument));
  return predictionsFromGrouping(items, articles, groupArticles(analyzeForGrouping(articles)));
}

/** The clustering sets scored by `eval clustering` (and `all`) when no --data is given. */
export const CLUSTERING_SETS = ['ecbplus.jsonl', 'mixed-day.jsonl'] as const;

/**
 * Groups each set's articles with the product's own stages and scores events and threads, on the whole set and on
 * each topic half grouped alone (the spread shows how much a score depends on which stories it met).
 */
export async function evaluateClustering(options: EvalOptions): Promise<EvalReport> {
  const started = performance.now();
  const files = options.data ? [options.data] : CLUSTERING_SETS.map((name) => join(evalDataRoot(), 'clustering', name));
  const metrics: Record<string, number> = {};
  const predictions: ClusterPrediction = {};
  let count = 0;
  for (const file of files) {
    const items = parseClusteringItems(await readFile(file, 'utf8'));
    const prefix = files.length > 1 ? `${basename(file, '.jsonl')}.` : '';
    const predicted = groupItems(items);
    Object.assign(predictions, predicted);
    count += items.length;
    for (const [name, value] of Object.entries(clusteringMetrics(items, predicted))) metrics[prefix + name] = value;
    // Split by topic: a topic's articles are grouped together or not at all.
    const halves = halvesBy(items, (item) => item.topic);
    if (halves === null) continue;
    halves.forEach((half, k) => {
      const scores = clusteringMetrics(half, groupItems(half));
      metrics[`${prefix}half${k + 1}.bcubed.f1`] = scores['bcubed.f1']!;
      metrics[`${prefix}half${k + 1}.thread.bcubed.f1`] = scores['thread.bcubed.f1']!;
    });
  }
  return {
    task: 'clustering',
    data: files.join(', '),
    items: count,
    metrics,
    baselines: [{ name: BASELINE_NAME, metrics: baselineMetrics(files) }],
    predictions,
    seconds: Math.round(performance.now() - started) / 1000,
  };
}

function baselineMetrics(files: readonly string[]): Record<string, number> {
  const metrics: Record<string, number> = {};
  for (const file of files) {
    const set = basename(file, '.jsonl');
    const f1 = README_BASELINE_F1[set];
    if (f1 !== undefined) metrics[files.length > 1 ? `${set}.bcubed.f1` : 'bcubed.f1'] = f1;
  }
  return metrics;
}
