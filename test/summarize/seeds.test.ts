import { readFileSync, readdirSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/analyze/index.js';
import { cleanDocuments } from '../../src/clean/index.js';
import type { RawDocument } from '../../src/clean/types.js';
import { groupArticles } from '../../src/group/index.js';
import { summarize } from '../../src/summarize/index.js';
import type { ThreadSummary } from '../../src/summarize/types.js';
import { wordCount } from './helpers.js';
import { DEFAULT_MAX_QUOTES } from '../../src/summarize/quotes.js';

const SEEDS = new URL('../../seeds/', import.meta.url).pathname;

/** The seed files as the ingest stage hands plain text over (decoding is trivial for these UTF-8 files). */
function seedDocuments(): RawDocument[] {
  return readdirSync(SEEDS)
    .filter((name) => name.endsWith('.txt'))
    .sort()
    .map((name) => {
      const text = readFileSync(join(SEEDS, name), 'utf8');
      return { path: join('seeds', name), format: 'txt', text, meta: {}, encoding: 'utf-8', digest: createHash('sha256').update(text).digest('hex') };
    });
}

function runSeeds(): { threads: ThreadSummary[]; idOf: (prefix: string) => string } {
  const articles = cleanDocuments(seedDocuments());
  const analysis = analyze(articles);
  const threads = summarize(analysis, groupArticles(analysis));
  const idOf = (prefix: string): string => articles.find((article) => article.path.includes(`${prefix}_`))!.id;
  return { threads, idOf };
}

describe('summarize on the seed articles (clean -> analyze -> group -> summarize)', () => {
  const { threads, idOf } = runSeeds();
  const talks = threads.find((thread) => thread.articleIds.includes(idOf('000')))!;

  it('produces traceable summaries within the word caps, without repeats or dangling openers', () => {
    expect(talks).toBeDefined();
    for (const thread of threads) {
      const summaries = [thread.summary, ...thread.events.map((event) => event.summary)];
      expect(thread.summary.reduce((sum, sentence) => sum + wordCount(sentence.text), 0)).toBeLessThanOrEqual(120);
      for (const event of thread.events) {
        expect(event.summary.reduce((sum, sentence) => sum + wordCount(sentence.text), 0)).toBeLessThanOrEqual(60);
        for (const sentence of event.summary) for (const id of sentence.articleIds) expect(event.articleIds).toContain(id);
      }
      for (const summary of summaries) {
        const texts = summary.map((sentence) => sentence.text);
        expect(new Set(texts).size).toBe(texts.length);
        for (const sentence of summary) {
          expect(sentence.text).not.toMatch(/^(He|She|They|However|Meanwhile)\b/);
          for (const id of sentence.articleIds) expect(thread.articleIds).toContain(id);
        }
      }
      expect(thread.headline.length).toBeGreaterThan(0);
      expect(thread.headline).not.toMatch(/403|Sorry|Error/);
    }
  });

  it('lists the key figures of the thread', () => {
    const values = talks.figures.map((figure) => figure.value);
    for (const expected of [415, 741, 232, 1343, 10e9, 2.3e9, 506e9, 371]) expect(values).toContain(expected);
  });

  it('reports the wounded 16 vs injured more than 23 conflict with both sources', () => {
    const hurt = talks.conflicts.find((conflict) => conflict.about === 'people injured');
    expect(hurt).toBeDefined();
    expect(hurt!.values.map((value) => [value.articleId, value.value])).toEqual([
      [idOf('000'), 16],
      [idOf('002'), 23],
    ]);
  });

  it('quotes the main speakers, each quote once', () => {
    const speakers = talks.quotes.map((quote) => quote.speaker ?? '');
    for (const name of ['Rubio', 'Zelensky', 'Peskov', 'Starmer']) expect(speakers.some((speaker) => speaker.includes(name))).toBe(true);
    const texts = talks.quotes.map((quote) => quote.text);
    expect(new Set(texts).size).toBe(texts.length);
    expect(talks.quotes.length).toBeLessThanOrEqual(DEFAULT_MAX_QUOTES);
  });

  it('is deterministic', () => {
    expect(runSeeds().threads).toEqual(threads);
  });
});
