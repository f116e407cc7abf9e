import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { evaluateExtraction, matchShingles, pagePrecisionRecall, scoreExtraction, shingles } from '../../src/eval/extraction.js';
import { tempDirSync } from '../helpers.js';

describe('shingles', () => {
  it('counts word 4-grams over \\w+ tokens, punctuation ignored', () => {
    const counts = shingles('a b c d a b c d');
    expect(counts.size).toBe(4);
    expect([...counts.values()].sort()).toEqual([1, 1, 1, 2]);
  });

  it('makes one shingle of a text shorter than four words, none of an empty one', () => {
    expect([...shingles('Hello, world!').values()]).toEqual([1]);
    expect(shingles('').size).toBe(0);
  });
});

describe('matchShingles and pagePrecisionRecall', () => {
  it('normalizes TP, FP and FN by their sum', () => {
    // truth: 3 shingles (one two three four five six); prediction adds two words -> 2 extra shingles.
    const match = matchShingles('one two three four five six', 'one two three four five six seven eight');
    expect(match).toEqual({ tp: 3 / 5, fp: 2 / 5, fn: 0 });
    expect(pagePrecisionRecall(match)).toEqual({ precision: 0.6, recall: 1 });
  });

  it('counts repeated shingles with their multiplicity', () => {
    const match = matchShingles('w x y z', 'w x y z. w x y z');
    // prediction: "w x y z w x y z" -> 5 shingles, one of them shared once.
    expect(match.tp).toBeCloseTo(1 / 5);
    expect(match.fp).toBeCloseTo(4 / 5);
  });

  it('scores an empty page pair as perfect and a missing prediction as zero', () => {
    expect(pagePrecisionRecall(matchShingles('', ''))).toEqual({ precision: 1, recall: 1 });
    expect(pagePrecisionRecall(matchShingles('some real article text', ''))).toEqual({ precision: 0, recall: 0 });
  });
});

describe('scoreExtraction', () => {
  it('averages precision and recall over pages and takes the F1 of the means', () => {
    const truth = { a: 'one two three four five six', b: 'alpha beta gamma delta' };
    const predicted = { a: 'one two three four five six seven eight', b: 'alpha beta gamma delta' };
    const score = scoreExtraction(truth, predicted);
    expect(score.precision).toBeCloseTo((0.6 + 1) / 2);
    expect(score.recall).toBeCloseTo(1);
    expect(score.f1).toBeCloseTo((2 * 0.8 * 1) / 1.8);
  });
});

describe('evaluateExtraction', () => {
  it('runs the product extractor over gzipped pages and reports the metric, baselines and predictions', async () => {
    const root = tempDirSync('aeb-');
    mkdirSync(join(root, 'html'));
    const paragraphs = [
      'The river flooded three villages on Sunday, and about 400 people left their homes before the water reached the main road.',
      'Rescue teams used boats to reach families who stayed behind, and the regional council opened two schools as shelters.',
      'Forecasters said more rain was expected on Tuesday, although the river was likely to fall slowly by the end of the week.',
      'Farmers said the water had destroyed most of the winter crops in the valley, and asked the government for emergency help.',
    ];
    const page = `<html><head><title>Flood</title></head><body><nav><a href="/">Home</a> <a href="/news">News</a></nav><article>${paragraphs.map((p) => `<p>${p}</p>`).join('')}</article><footer>Copyright Example News</footer></body></html>`;
    writeFileSync(join(root, 'html', 'p1.html.gz'), gzipSync(page));
    writeFileSync(join(root, 'ground-truth.json'), JSON.stringify({ p1: { articleBody: paragraphs.join('\n'), url: 'https://example.org/flood' } }));
    const report = await evaluateExtraction({ data: root });
    expect(report.task).toBe('extraction');
    expect(report.items).toBe(1);
    expect(report.metrics.f1).toBeCloseTo(1);
    expect(report.predictions).toEqual({ p1: { articleBody: expect.stringContaining('400 people left their homes') } });
    expect(report.baselines.map((baseline) => baseline.name)).toContain('readability.js (Firefox Reader View)');
    // A single page has no halves to score apart.
    expect(report.metrics['half1.f1']).toBeUndefined();
  });

  it('scores each half of the pages (by id, alternately) beside the whole set', async () => {
    const root = tempDirSync('aeb-');
    mkdirSync(join(root, 'html'));
    const text = 'The river flooded three villages on Sunday, and about 400 people left their homes before the water reached the main road. '.repeat(3);
    const page = `<html><head><title>Flood</title></head><body><article><p>${text}</p></article></body></html>`;
    writeFileSync(join(root, 'html', 'p1.html.gz'), gzipSync(page));
    writeFileSync(join(root, 'html', 'p2.html.gz'), gzipSync(page));
    // p2's truth is another text altogether: its half scores nothing.
    const other = 'Shares in the carmaker fell sharply after it cut its forecast for the year and warned of lower sales in China.';
    writeFileSync(join(root, 'ground-truth.json'), JSON.stringify({ p1: { articleBody: text }, p2: { articleBody: other } }));
    const report = await evaluateExtraction({ data: root });
    expect(report.metrics['half1.f1']).toBeCloseTo(1);
    expect(report.metrics['half2.f1']).toBe(0);
    expect(report.metrics.f1).toBeCloseTo(0.5);
  });
});
