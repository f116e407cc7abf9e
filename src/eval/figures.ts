/**
 * Figures evaluation: quantities found in sentences against quantulum3 and Recognizers-Text gold.
 *
 * Metric (../shared/eval/README.md): a predicted quantity matches a gold one when the numeric values are
 * equal (relative tolerance 1e-6, so 2/3 equals "0.666666666666667") and the surfaces overlap (one contains
 * the other, case-insensitive); matching is one-to-one within a sentence; precision, recall and F1 are
 * computed over all quantities of a file. Gold quantities without a numeric value ("percent" alone) can
 * never be matched and count as misses.
 *
 * Unit agreement: among matched pairs, the share whose normalized units are equal. Both sides are mapped to
 * one vocabulary (ISO codes for currencies, British singular names for measures, "percent" for gold of type
 * "percentage"); gold null and "dimensionless" mean no unit, and a pair where neither side has a unit agrees.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { extractQuantities } from '../analyze/figures/index.js';
import type { Quantity } from '../analyze/types.js';
import { halvesBy } from './halves.js';
import { evalDataRoot, type EvalOptions, type EvalReport } from './types.js';

export interface GoldQuantity {
  surface: string;
  value: number | string | null;
  unit: string | null;
  type?: string;
}

export interface FiguresItem {
  text: string;
  quantities: GoldQuantity[];
}

export interface PredictedQuantity {
  surface: string;
  value: number;
  unit: string | null;
}

export interface MatchCounts {
  gold: number;
  predicted: number;
  matched: number;
  unitAgreed: number;
}

/** Kinds that are not quantities in the sense of the gold data: calendar years, dates and clock times, ordinals. */
const NOT_QUANTITIES: ReadonlySet<Quantity['kind']> = new Set(['year', 'date', 'ordinal']);

export function predictQuantities(text: string): PredictedQuantity[] {
  return extractQuantities(text)
    .filter((q) => !NOT_QUANTITIES.has(q.kind))
    .map((q) => ({ surface: q.surface, value: q.value, unit: q.unit }));
}

export function goldValue(value: GoldQuantity['value']): number | null {
  if (value === null) return null;
  if (typeof value === 'number') return value;
  const n = Number(value.replace(/%$/, '').trim());
  return Number.isFinite(n) ? n : null;
}

export function valuesEqual(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(a), Math.abs(b));
}

export function surfacesOverlap(a: string, b: string): boolean {
  const x = a.toLowerCase().trim();
  const y = b.toLowerCase().trim();
  return x.length > 0 && y.length > 0 && (x.includes(y) || y.includes(x));
}

const GOLD_UNIT_NAMES: Record<string, string> = {
  dollar: 'USD', 'united states dollar': 'USD', euro: 'EUR', 'british pound': 'GBP', 'pound sterling': 'GBP',
  'chinese yuan': 'CNY', 'japanese yen': 'JPY', yen: 'JPY', 'canadian dollar': 'CAD', 'australian dollar': 'AUD',
  'hong kong dollar': 'HKD', 'new zealand dollar': 'NZD', 'mexican peso': 'MXN', 'turkish lira': 'TRY',
  rupee: 'INR', 'indian rupee': 'INR', 'sri lankan rupee': 'LKR', 'swiss franc': 'CHF', bitcoin: 'BTC',
  'finnish markka': 'FIM', peseta: 'ESP', 'netherlands guilder': 'NLG', 'costa rican colón': 'CRC',
  'georgian lari': 'GEL', 'lao kip': 'LAK', penny: 'pence', 'metric ton': 'tonne', dimensionless: '',
};

/** One vocabulary for both sides: ISO codes for money, British singular names for measures, "" for no unit. */
export function canonicalUnit(unit: string | null, type?: string): string {
  // Recognizers gives percentages a null unit and the type "percentage".
  if (type === 'percentage') return 'percent';
  if (unit === null) return '';
  const u = unit.trim().toLowerCase();
  if (u === 'pound') return type === 'currency' ? 'GBP' : 'pound';
  if (GOLD_UNIT_NAMES[u] !== undefined) return GOLD_UNIT_NAMES[u]!;
  if (/^[a-z]{3}$/.test(u) && unit === unit.toUpperCase()) return unit;
  return u.replace(/meter/g, 'metre').replace(/liter/g, 'litre');
}

/** One-to-one greedy matching in gold order; returns counts for one sentence. */
export function matchSentence(gold: GoldQuantity[], predicted: PredictedQuantity[]): MatchCounts {
  const used = new Set<number>();
  let matched = 0;
  let unitAgreed = 0;
  for (const g of gold) {
    const gv = goldValue(g.value);
    if (gv === null) continue;
    const k = predicted.findIndex((p, idx) => !used.has(idx) && valuesEqual(p.value, gv) && surfacesOverlap(p.surface, g.surface));
    if (k < 0) continue;
    used.add(k);
    matched++;
    if (canonicalUnit(predicted[k]!.unit) === canonicalUnit(g.unit, g.type)) unitAgreed++;
  }
  return { gold: gold.length, predicted: predicted.length, matched, unitAgreed };
}

const EMPTY_COUNTS: MatchCounts = { gold: 0, predicted: 0, matched: 0, unitAgreed: 0 };

export function addCounts(a: MatchCounts, b: MatchCounts): MatchCounts {
  return { gold: a.gold + b.gold, predicted: a.predicted + b.predicted, matched: a.matched + b.matched, unitAgreed: a.unitAgreed + b.unitAgreed };
}

export function scoreCounts(c: MatchCounts): { precision: number; recall: number; f1: number; unitAgreement: number } {
  const precision = c.predicted === 0 ? (c.gold === 0 ? 1 : 0) : c.matched / c.predicted;
  const recall = c.gold === 0 ? 1 : c.matched / c.gold;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  const unitAgreement = c.matched === 0 ? 0 : c.unitAgreed / c.matched;
  return { precision, recall, f1, unitAgreement };
}

export function parseItems(jsonl: string): FiguresItem[] {
  return jsonl
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as FiguresItem);
}

function dataFiles(path: string): string[] {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path)
    .filter((f) => f.endsWith('.jsonl'))
    .sort()
    .map((f) => join(path, f));
}

export async function evaluateFigures(options: EvalOptions): Promise<EvalReport> {
  const started = performance.now();
  const data = options.data ?? join(evalDataRoot(), 'figures');
  const metrics: Record<string, number> = {};
  const predictions: Record<string, { quantities: PredictedQuantity[] }[]> = {};
  let items = 0;
  let total = EMPTY_COUNTS;
  const sentences: { key: string; counts: MatchCounts }[] = [];
  for (const file of dataFiles(data)) {
    const name = basename(file);
    const stem = name.replace(/\.jsonl$/, '');
    let counts = EMPTY_COUNTS;
    const filePredictions: { quantities: PredictedQuantity[] }[] = [];
    for (const item of parseItems(readFileSync(file, 'utf8'))) {
      const predicted = predictQuantities(item.text);
      filePredictions.push({ quantities: predicted });
      const matched = matchSentence(item.quantities, predicted);
      counts = addCounts(counts, matched);
      sentences.push({ key: `${stem}:${String(items).padStart(8, '0')}`, counts: matched });
      items++;
    }
    predictions[name] = filePredictions;
    total = addCounts(total, counts);
    for (const [metric, v] of Object.entries(scoreCounts(counts))) metrics[`${stem}.${metric}`] = v;
  }
  for (const [metric, v] of Object.entries(scoreCounts(total))) metrics[`all.${metric}`] = v;
  // Sentences in reading order, alternately.
  halvesBy(sentences, (sentence) => sentence.key)?.forEach((half, k) => {
    metrics[`all.half${k + 1}.f1`] = scoreCounts(half.reduce((sum, sentence) => addCounts(sum, sentence.counts), EMPTY_COUNTS)).f1;
  });
  return {
    task: 'figures',
    data,
    items,
    metrics,
    baselines: [],
    predictions,
    seconds: (performance.now() - started) / 1000,
  };
}
