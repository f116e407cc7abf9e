import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDirSync } from '../helpers.js';
import {
  canonicalUnit, evaluateFigures, goldValue, matchSentence, scoreCounts, surfacesOverlap, valuesEqual,
} from '../../src/eval/figures.js';

describe('figures metric pieces', () => {
  it('parses gold values given as numbers, strings and percents', () => {
    expect(goldValue(5)).toBe(5);
    expect(goldValue('1E-12')).toBe(1e-12);
    expect(goldValue('100%')).toBe(100);
    expect(goldValue(null)).toBeNull();
  });

  it('compares values with a relative tolerance and surfaces by containment', () => {
    expect(valuesEqual(2 / 3, 0.666666666666667)).toBe(true);
    expect(valuesEqual(2, 3)).toBe(false);
    expect(surfacesOverlap('$10000', '10000')).toBe(true);
    expect(surfacesOverlap('Three Days', 'three days')).toBe(true);
    expect(surfacesOverlap('3 days', '4 days')).toBe(false);
  });

  it('maps gold unit names and our codes to one vocabulary', () => {
    expect(canonicalUnit('United States dollar')).toBe('USD');
    expect(canonicalUnit('USD')).toBe('USD');
    expect(canonicalUnit('Pound', 'currency')).toBe('GBP');
    expect(canonicalUnit('Pound', 'dimension')).toBe('pound');
    expect(canonicalUnit('Kilometer per hour')).toBe(canonicalUnit('kilometre per hour'));
    expect(canonicalUnit('dimensionless')).toBe(canonicalUnit(null));
  });
});

describe('matchSentence and scoreCounts', () => {
  it('matches one to one and counts unit agreement among matches', () => {
    const gold = [
      { surface: '4,000 km', value: 4000, unit: 'kilometre' },
      { surface: 'six weeks', value: 6, unit: 'week' },
      { surface: 'percent', value: null, unit: null },
    ];
    const predicted = [
      { surface: '4,000', value: 4000, unit: null },
      { surface: 'six weeks', value: 6, unit: 'week' },
      { surface: '7', value: 7, unit: null },
    ];
    const counts = matchSentence(gold, predicted);
    expect(counts).toEqual({ gold: 3, predicted: 3, matched: 2, unitAgreed: 1 });
    const s = scoreCounts(counts);
    expect(s.precision).toBeCloseTo(2 / 3);
    expect(s.recall).toBeCloseTo(2 / 3);
    expect(s.f1).toBeCloseTo(2 / 3);
    expect(s.unitAgreement).toBeCloseTo(0.5);
  });

  it('does not match one prediction twice', () => {
    const gold = [{ surface: '5', value: 5, unit: null }, { surface: '5', value: 5, unit: null }];
    expect(matchSentence(gold, [{ surface: '5', value: 5, unit: null }]).matched).toBe(1);
  });

  it('scores empty gold and empty predictions as perfect', () => {
    expect(scoreCounts({ gold: 0, predicted: 0, matched: 0, unitAgreed: 0 })).toMatchObject({ precision: 1, recall: 1, f1: 1 });
  });
});

describe('evaluateFigures', () => {
  it('scores a tiny data folder and returns predictions per file aligned with lines', async () => {
    const dir = tempDirSync('figures-eval-');
    const lines = [
      { text: 'It failed after three days', quantities: [{ surface: 'three days', value: 3, unit: 'day' }] },
      { text: 'Nothing here.', quantities: [] },
      { text: 'A cost of $5 and 7 apples', quantities: [{ surface: '$5', value: '5', unit: 'Dollar', type: 'currency' }] },
    ];
    writeFileSync(join(dir, 'tiny.jsonl'), lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
    const report = await evaluateFigures({ data: dir });
    expect(report.task).toBe('figures');
    expect(report.items).toBe(3);
    expect(report.metrics['tiny.recall']).toBe(1);
    expect(report.metrics['tiny.precision']).toBeCloseTo(2 / 3);
    expect(report.metrics['tiny.unitAgreement']).toBe(1);
    const predictions = report.predictions as Record<string, { quantities: { surface: string }[] }[]>;
    expect(predictions['tiny.jsonl']).toHaveLength(3);
    expect(predictions['tiny.jsonl']![1]!.quantities).toEqual([]);
    expect(predictions['tiny.jsonl']![2]!.quantities.map((q) => q.surface)).toEqual(['$5', '7']);
    // Sentences alternately in two halves: the first and third (precision 2/3, recall 1), the second (nothing to find).
    expect(report.metrics['all.half1.f1']).toBeCloseTo(0.8);
    expect(report.metrics['all.half2.f1']).toBe(1);
  });
});
