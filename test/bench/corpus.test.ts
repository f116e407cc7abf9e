import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { corpusTexts, loadSourceTexts, paragraphs, readSeeds, synthesizeFromSeeds, writeCorpus } from '../../src/bench/corpus.js';
import { generateBriefing } from '../../src/pipeline.js';
import { seedsDir, tempDir } from '../helpers.js';

const dirs: string[] = [];
async function temp(): Promise<string> {
  const dir = await tempDir('briefing-corpus-');
  dirs.push(dir);
  return dir;
}
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

describe('paragraphs', () => {
  it('splits on blank lines when there are any, joining wrapped lines', () => {
    expect(paragraphs('Head \n \n First line\nwrapped \n\n\nSecond')).toEqual(['Head', 'First line wrapped', 'Second']);
  });
  it('splits one sentence a line when there is no blank line (ECB+)', () => {
    expect(paragraphs('One .\nTwo .\r\nThree .')).toEqual(['One .', 'Two .', 'Three .']);
  });
});

describe('corpusTexts', () => {
  const sources = ['Alpha headline\n\nA one.\n\nA two.\n\nA three.', 'Beta headline\n\nB one.', 'Gamma only'];

  it('makes exactly N distinct texts, cycling past the sources', () => {
    const texts = corpusTexts(sources, 10);
    expect(texts).toHaveLength(10);
    expect(new Set(texts).size).toBe(10);
    // The first pass is the sources themselves, normalized.
    expect(texts[0]).toBe('Alpha headline\n\nA one.\n\nA two.\n\nA three.');
    expect(texts[2]).toBe('Gamma only');
  });

  it('rotates the body of a copy and keeps its headline first', () => {
    const [, , , copy] = corpusTexts(sources, 4);
    expect(copy!.split('\n\n')).toEqual(['Alpha headline', 'A two.', 'A three.', 'A one.', 'This report was filed again, as copy 2 of the story.']);
  });

  it('mixes half of a source with another source in mixed mode, still N distinct', () => {
    const many = Array.from({ length: 4 }, (_, s) => [`Head ${s}`, ...Array.from({ length: 4 }, (_, p) => `S${s} p${p}.`)].join('\n\n'));
    const texts = corpusTexts(many, 12, 'mixed');
    expect(new Set(texts).size).toBe(12);
    const parts = texts[4]!.split('\n\n');
    // Copy 2 of source 0: its headline, its odd paragraphs, and a partner's body (7919 % 4 = 3).
    expect(parts[0]).toBe('Head 0');
    expect(parts.filter((p) => p.startsWith('S0'))).toEqual(['S0 p1.', 'S0 p3.']);
    expect(parts.filter((p) => p.startsWith('S3'))).toEqual(['S3 p0.', 'S3 p1.', 'S3 p2.', 'S3 p3.']);
    expect(parts.at(-1)).toContain('copy 2');
    expect(corpusTexts(many, 4, 'mixed')).toEqual(corpusTexts(many, 4, 'copies'));
  });

  it('counts duplicate sources once', () => {
    const texts = corpusTexts(['Same\n\nbody', 'Same\n\nbody', 'Other'], 4);
    expect(new Set(texts).size).toBe(4);
    expect(texts[2]).toContain('copy 2');
  });

  it('returns nothing for N = 0 and refuses an empty source list or a bad N', () => {
    expect(corpusTexts([], 0)).toEqual([]);
    expect(() => corpusTexts([], 1)).toThrow(/no source text/);
    expect(() => corpusTexts(sources, 2.5)).toThrow(RangeError);
  });
});

describe('writeCorpus', () => {
  it('writes N distinct .txt files recombined from the seeds when the evaluation data is absent', async () => {
    const source = await loadSourceTexts({ evalRoot: join(await temp(), 'no-eval-data'), seedsDir });
    expect(source.origin).toMatch(/recombined from 5 seeds/);
    expect(new Set(source.texts).size).toBe(source.texts.length);
    const dir = await temp();
    const paths = await writeCorpus(dir, source.texts, 450);
    const names = (await readdir(dir)).sort();
    expect(names).toHaveLength(450);
    expect(names[0]).toBe('article-000.txt');
    expect(paths.map((p) => p.slice(dir.length + 1)).sort()).toEqual(names);
    const contents = await Promise.all(names.map((name) => readFile(join(dir, name), 'utf8')));
    expect(new Set(contents).size).toBe(450);
  });

  it('gives articles the engine reads one by one, copies not dropped as duplicates (both modes)', async () => {
    const seeds = synthesizeFromSeeds(await readSeeds(seedsDir), 5);
    for (const mode of ['copies', 'mixed'] as const) {
      const dir = await temp();
      await writeCorpus(dir, seeds, 15, mode);
      const { briefing } = await generateBriefing({ inputs: [dir], date: '2025-07-11', timezone: 'UTC', now: new Date('2025-07-11T06:00:00Z') });
      expect(briefing.stats.articles).toBe(15);
      expect(briefing.articles.filter((a) => a.status === 'duplicate')).toEqual([]);
    }
  });
});
