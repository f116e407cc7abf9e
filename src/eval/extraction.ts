import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { decodeBytes } from '../text/decode.js';
import { cleanDocument } from '../clean/index.js';
import { extractArticle } from '../ingest/extract-html.js';
import { halvesBy } from './halves.js';
import { evalDataRoot, type EvalOptions, type EvalReport } from './types.js';

/** Per-page shares of shared (tp), extra predicted (fp) and missed (fn) shingles; they sum to 1 unless both texts are empty. */
export interface ShingleMatch {
  tp: number;
  fp: number;
  fn: number;
}

const SHINGLE_SIZE = 4;
const TOKEN = /[\p{L}\p{N}_]+/gu;

/** Published scores of other extractors on the development half (from the eval README table). */
const BASELINES: { name: string; metrics: Record<string, number> }[] = [
  { name: 'rs_trafilatura', metrics: { f1: 0.969, precision: 0.949, recall: 0.99 } },
  { name: 'trafilatura 2', metrics: { f1: 0.958, precision: 0.94, recall: 0.976 } },
  { name: 'newspaper', metrics: { f1: 0.949, precision: 0.968, recall: 0.93 } },
  { name: 'readability.js (Firefox Reader View)', metrics: { f1: 0.948, precision: 0.917, recall: 0.981 } },
  { name: 'goose3', metrics: { f1: 0.887, precision: 0.941, recall: 0.839 } },
  { name: 'whole page text (html-text)', metrics: { f1: 0.67, precision: 0.505, recall: 0.994 } },
];

/** Word 4-gram shingles with counts; a text shorter than 4 words is one shingle, as in the benchmark's code. */
export function shingles(text: string, size = SHINGLE_SIZE): Map<string, number> {
  const tokens = text.match(TOKEN) ?? [];
  const counts = new Map<string, number>();
  const last = Math.max(1, tokens.length - size + 1);
  for (let start = 0; start < last; start++) {
    const gram = tokens.slice(start, start + size);
    if (gram.length === 0) continue;
    const key = gram.join('\u0001');
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

export function matchShingles(truth: string, predicted: string): ShingleMatch {
  const truthCounts = shingles(truth);
  const predictedCounts = shingles(predicted);
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const key of new Set([...truthCounts.keys(), ...predictedCounts.keys()])) {
    const inTruth = truthCounts.get(key) ?? 0;
    const inPrediction = predictedCounts.get(key) ?? 0;
    tp += Math.min(inTruth, inPrediction);
    fp += Math.max(0, inPrediction - inTruth);
    fn += Math.max(0, inTruth - inPrediction);
  }
  const total = tp + fp + fn;
  return total > 0 ? { tp: tp / total, fp: fp / total, fn: fn / total } : { tp, fp, fn };
}

/** Page-level precision and recall; nothing predicted and nothing expected is a perfect page. */
export function pagePrecisionRecall({ tp, fp, fn }: ShingleMatch): { precision: number; recall: number } {
  if (fp === 0 && fn === 0) return { precision: 1, recall: 1 };
  if (tp === 0) return { precision: 0, recall: 0 };
  return { precision: tp / (tp + fp), recall: tp / (tp + fn) };
}

/** Mean precision and recall over pages, and the F1 of those means. */
export function scoreExtraction(truth: Record<string, string>, predicted: Record<string, string>): { precision: number; recall: number; f1: number } {
  const ids = Object.keys(truth).sort();
  if (ids.length === 0) return { precision: 0, recall: 0, f1: 0 };
  let precisionSum = 0;
  let recallSum = 0;
  for (const id of ids) {
    const page = pagePrecisionRecall(matchShingles(truth[id]!, predicted[id] ?? ''));
    precisionSum += page.precision;
    recallSum += page.recall;
  }
  const precision = precisionSum / ids.length;
  const recall = recallSum / ids.length;
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, f1 };
}

interface GroundTruthEntry {
  articleBody?: string;
  url?: string;
}

export async function evaluateExtraction(options: EvalOptions): Promise<EvalReport> {
  const started = performance.now();
  const root = options.data ?? join(evalDataRoot(), 'extraction', 'aeb');
  const groundTruth = JSON.parse(await readFile(join(root, 'ground-truth.json'), 'utf8')) as Record<string, GroundTruthEntry>;
  const pageIds = await listPageIds(join(root, 'html'));
  const ids = Object.keys(groundTruth).filter((id) => pageIds.has(id)).sort();

  const truth: Record<string, string> = {};
  const predictions: Record<string, { articleBody: string }> = {};
  for (const id of ids) {
    truth[id] = groundTruth[id]!.articleBody ?? '';
    predictions[id] = { articleBody: await extractPage(join(root, 'html', `${id}.html.gz`), groundTruth[id]!.url) };
  }
  const predicted = Object.fromEntries(ids.map((id) => [id, predictions[id]!.articleBody]));
  const metrics: Record<string, number> = { ...scoreExtraction(truth, predicted) };
  halvesBy(ids, (id) => id)?.forEach((half, k) => {
    metrics[`half${k + 1}.f1`] = scoreExtraction(pick(truth, half), pick(predicted, half)).f1;
  });
  return {
    task: 'extraction',
    data: root,
    items: ids.length,
    metrics,
    baselines: BASELINES,
    predictions,
    seconds: (performance.now() - started) / 1000,
  };
}

function pick<T>(record: Record<string, T>, ids: readonly string[]): Record<string, T> {
  return Object.fromEntries(ids.map((id) => [id, record[id]!]));
}

async function listPageIds(folder: string): Promise<Set<string>> {
  const names = await readdir(folder);
  return new Set(names.filter((name) => name.endsWith('.html.gz')).map((name) => name.slice(0, -'.html.gz'.length)));
}

/**
 * The page read the way the product reads it: decoded as ingest does, the main text extracted, then cleaned (junk
 * lines removed by the cleaner's rules, each recorded). The score is the body every later stage sees.
 */
async function extractPage(file: string, url: string | undefined): Promise<string> {
  const decoded = decodeBytes(gunzipSync(await readFile(file)), 'html');
  if (!decoded.ok) return '';
  const extracted = extractArticle(decoded.text, url);
  const document = { path: file, format: 'html' as const, text: extracted.text, meta: extracted.meta, encoding: decoded.encoding, digest: '' };
  return cleanDocument(document, 'eval').paragraphs.join('\n\n');
}
