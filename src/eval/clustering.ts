import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { analyze } from '../analyze/index.js';
import type { CleanArticle, RawDocument } from '../clean/types.js';
import { cleanDocuments } from '../clean/index.js';
import { groupArticles } from '../group/index.js';
import type { Grouping } from '../group/types.js';
import { sha256Hex } from '../util/hash.js';
import { evalDataRoot, type EvalOptions, type EvalReport } from './types.js';

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

const README_BASELINES: EvalReport['baselines'] = [
  { name: 'TF-IDF cosine average-link, threshold tuned on the data (eval README)', metrics: { 'bcubed.f1': 0.87 } },
];

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
  const byArticle = new Map<string, { event: string; thread: string }>();
  for (const thread of grouping.threads) {
    for (const event of thread.events) {
      for (const id of event.articleIds) byArticle.set(id, { event: event.id, thread: thread.id });
    }
  }
  const articleOfPath = new Map(articles.map((article) => [article.path, article]));
  const predictions: ClusterPrediction = {};
  for (const item of items) {
    const article = articleOfPath.get(item.id);
    const assigned = article && (byArticle.get(article.id) ?? byArticle.get(article.duplicateOf ?? ''));
    predictions[item.id] = assigned ?? { event: `alone-${item.id}`, thread: `alone-${item.id}` };
  }
  return predictions;
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

/** Groups the ECB+ articles with the product's own clean -> analyze -> group stages and scores the events. */
export async function evaluateClustering(options: EvalOptions): Promise<EvalReport> {
  const started = performance.now();
  const data = options.data ?? join(evalDataRoot(), 'clustering', 'ecbplus.jsonl');
  const items = parseClusteringItems(await readFile(data, 'utf8'));
  const articles = cleanDocuments(items.map(toRawDocument));
  const grouping = groupArticles(analyze(articles));
  const predictions = predictionsFromGrouping(items, articles, grouping);
  const metrics = clusteringMetrics(items, predictions);
  // The cleaner sets very short records aside; scoring the rest too separates grouping errors from that choice.
  const kept = items.filter((item) => !predictions[item.id]!.event.startsWith('alone-'));
  metrics['items.ungrouped'] = items.length - kept.length;
  metrics['kept.bcubed.f1'] = round4(bcubed(
    kept.map((item) => predictions[item.id]!.event),
    kept.map((item) => item.event),
  ).f1);
  return {
    task: 'clustering',
    data,
    items: items.length,
    metrics,
    baselines: README_BASELINES,
    predictions,
    seconds: Math.round(performance.now() - started) / 1000,
  };
}
