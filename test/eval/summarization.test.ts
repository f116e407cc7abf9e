import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDirSync } from '../helpers.js';
import {
  evaluateSummarization,
  leadSummary,
  longestCommonSubsequence,
  rouge,
  rougeTokens,
  truncateWords,
} from '../../src/eval/summarization.js';

describe('ROUGE', () => {
  it('tokenizes lower-cased [a-z0-9]+ runs', () => {
    expect(rougeTokens("The U.S. fired 741 drones – Kyiv's mayor said.")).toEqual([
      'the', 'u', 's', 'fired', '741', 'drones', 'kyiv', 's', 'mayor', 'said',
    ]);
  });

  it('matches hand-computed scores on tiny strings', () => {
    // unigrams: the×2, cat, on, mat shared = 5 of 6 each side; bigrams: "the cat", "on the", "the mat" = 3 of 5;
    // LCS "the cat on the mat" = 5.
    const scores = rouge('The cat sat on the mat.', 'the cat is on the mat');
    expect(scores.rouge1).toBeCloseTo((100 * 5) / 6, 6);
    expect(scores.rouge2).toBeCloseTo(60, 6);
    expect(scores.rougeL).toBeCloseTo((100 * 5) / 6, 6);
  });

  it('clips repeated n-grams and handles empty text', () => {
    // prediction "the the the" vs "the cat": overlap 1; P = 1/3, R = 1/2, F = 0.4.
    expect(rouge('the the the', 'the cat').rouge1).toBeCloseTo(40, 6);
    expect(rouge('', 'the cat')).toEqual({ rouge1: 0, rouge2: 0, rougeL: 0 });
  });

  it('computes the longest common subsequence', () => {
    expect(longestCommonSubsequence(['a', 'b', 'c', 'd'], ['b', 'd', 'a'])).toBe(2);
    expect(longestCommonSubsequence([], ['a'])).toBe(0);
  });
});

describe('lead baseline helpers', () => {
  it('takes the first sentence of each document in turn, then the second, up to the cap', () => {
    expect(leadSummary([['A one.', 'A two.'], ['B one.']], 100)).toBe('A one. B one. A two.');
    expect(leadSummary([['A one.', 'A two.'], ['B one.']], 3)).toBe('A one. B');
  });

  it('truncates to a word count', () => {
    expect(truncateWords('  one two   three four ', 2)).toBe('one two');
    expect(truncateWords('one', 5)).toBe('one');
  });
});

describe('evaluateSummarization', () => {
  it('summarizes each story within the cap and scores it against the reference', async () => {
    const documents = [
      [
        'The city council approved a new budget for public parks on Monday after a long debate.',
        'The budget sets aside two million dollars for new playgrounds and the repair of old paths.',
        'Council members said the parks had been neglected for more than a decade.',
        'Residents who attended the meeting welcomed the decision and asked for more trees.',
      ].join('\n\n'),
      [
        'Local officials on Monday backed a plan to spend two million dollars on city parks.',
        'The plan includes new playgrounds, repaired paths and hundreds of new trees across the city.',
        'The mayor said work on the first parks would begin in the spring of next year.',
      ].join('\n\n'),
    ];
    const story = { id: 'story-1', documents, summary: '– The city council approved two million dollars for parks, with new playgrounds and trees.' };
    const folder = tempDirSync('briefing-summ-');
    const data = join(folder, 'stories.jsonl');
    writeFileSync(data, `${JSON.stringify(story)}\n${JSON.stringify({ ...story, id: 'story-2' })}\n`);

    const report = await evaluateSummarization({ data, words: 30 });
    expect(report.task).toBe('summarization');
    expect(report.items).toBe(2);
    const predictions = report.predictions as Record<string, { summary: string }>;
    expect(Object.keys(predictions).sort()).toEqual(['story-1', 'story-2']);
    for (const { summary } of Object.values(predictions)) {
      expect(summary.length).toBeGreaterThan(0);
      expect(summary.split(/\s+/).length).toBeLessThanOrEqual(30);
    }
    for (const name of ['rouge1', 'rouge2', 'rougeL']) {
      expect(report.metrics[name]).toBeGreaterThan(0);
      expect(report.metrics[name]).toBeLessThanOrEqual(100);
    }
    // One story a half, the two alike: each half scores what the whole set does.
    for (const name of ['rouge1', 'rouge2', 'rougeL']) {
      expect(report.metrics[`half1.${name}`]).toBe(report.metrics[name]);
      expect(report.metrics[`half2.${name}`]).toBe(report.metrics[name]);
    }
    expect(report.baselines[0]!.name).toMatch(/lead/);
    expect(report.baselines[0]!.metrics.rouge1).toBeGreaterThan(0);
  });
});
