import { rm } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { loadSourceTexts, writeCorpus } from '../../src/bench/corpus.js';
import { formatScaleReport, growthExponents, growthFactors, measureOnce, scaleSizes, storyScores, type ScaleRun } from '../../src/bench/scale.js';
import { realStories, storiesOfArticles, StoryCorpus, writeStoryCorpus } from '../../src/bench/story-corpus.js';
import type { Briefing } from '../../src/model/schema.js';
import { STAGES } from '../../src/pipeline.js';
import { seedsDir, tempDir } from '../helpers.js';

const sum = (stages: Record<string, number>) => Object.values(stages).reduce((a, b) => a + b, 0);

/** A run with fixed times; CPU times default to twice the wall-clock ones. */
function run(n: number, stages: Record<string, number>, peakRssMb = 100, cpu?: Record<string, number>): ScaleRun {
  const cpuStages = cpu ?? Object.fromEntries(Object.entries(stages).map(([k, v]) => [k, 2 * v]));
  return { n, stages, total: sum(stages), cpuStages, cpuTotal: sum(cpuStages), peakRssMb, articles: n, okArticles: n - 1, threads: n / 10, events: n / 5 };
}

// Fixed numbers: clean is linear, group quadratic, compose tiny and noisy.
const runs = [
  run(10_000, { clean: 10_000, group: 40_000, compose: 20 }, 900),
  run(100, { clean: 100, group: 4, compose: 1 }, 200),
  run(1000, { clean: 1000, group: 1000, compose: 0 }, 300),
];

describe('growthFactors', () => {
  const growth = growthFactors(runs);
  const at = (stage: string, to: number) => growth.find((g) => g.stage === stage && g.to === to)!;

  it('divides the time at each size by the time at the size before, in increasing N', () => {
    expect(at('clean', 1000)).toMatchObject({ from: 100, to: 1000, factor: 10, linear: 10, flagged: false });
    expect(at('clean', 10_000).factor).toBe(10);
    expect(at('group', 1000).factor).toBe(250);
    expect(at('group', 10_000).factor).toBe(40);
    expect(at('total', 10_000).factor).toBeCloseTo(50_020 / 2000, 10);
  });

  it('flags a stage above 1.5 x the linear factor only when it takes long enough to matter', () => {
    // Both group factors are far above 15 and the times above the 50 ms floor.
    expect(at('group', 1000).flagged).toBe(true);
    expect(at('group', 10_000).flagged).toBe(true);
    // 0 ms -> 20 ms: infinite factor, but 20 ms (40 ms CPU) is below the floor.
    expect(at('compose', 10_000).factor).toBe(Number.POSITIVE_INFINITY);
    expect(at('compose', 10_000).flagged).toBe(false);
    expect(growthFactors(runs, { minMs: 10 }).find((g) => g.stage === 'compose' && g.to === 10_000)!.flagged).toBe(true);
    expect(growthFactors(runs, { flagRatio: 5 }).find((g) => g.stage === 'group' && g.to === 10_000)!.flagged).toBe(false);
  });

  it('compares CPU times when asked', () => {
    const mixed = [run(1000, { a: 100, b: 100 }, 1, { a: 100, b: 100 }), run(10_000, { a: 1000, b: 3000 }, 1, { a: 3000, b: 1000 })];
    const wall = growthFactors(mixed);
    const cpu = growthFactors(mixed, { clock: 'cpu' });
    expect(wall.filter((g) => g.flagged).map((g) => g.stage)).toEqual(['b', 'total']);
    expect(cpu.filter((g) => g.flagged).map((g) => g.stage)).toEqual(['a', 'total']);
    expect(cpu.find((g) => g.stage === 'total')!.factor).toBe(20);
    expect(formatScaleReport(mixed)).toContain(
      'SUPER-LINEAR: a grew x30.0 in CPU time for x10 articles (1000 -> 10000)\nwall-clock only: b grew x30.0 (1000 -> 10000) but not in CPU time',
    );
  });

  it('calls a stage 0 ms at both sizes flat, not infinite', () => {
    const flat = growthFactors([run(10, { x: 0 }), run(100, { x: 0 })]);
    expect(flat.find((g) => g.stage === 'x')!.factor).toBe(1);
  });
});

describe('formatScaleReport', () => {
  const report = formatScaleReport(runs, { origin: 'fixed numbers' });

  it('prints per stage ms and ms per article for every size, in increasing N', () => {
    const [wallTable, cpuTable] = report.split('CPU ms');
    const clean = wallTable!.split('\n').find((line) => line.startsWith('clean'))!;
    expect(cpuTable!.split('\n').find((line) => line.startsWith('clean'))).toMatch(/200 \(2\.000\)\s+2000 \(2\.000\)\s+20000 \(2\.000\)\s+10\.0\s+10\.0$/);
    expect(clean).toMatch(/100 \(1\.000\)\s+1000 \(1\.000\)\s+10000 \(1\.000\)\s+10\.0\s+10\.0$/);
    const group = wallTable!.split('\n').find((line) => line.startsWith('group'))!;
    expect(group).toMatch(/4 \(0\.040\)\s+1000 \(1\.000\)\s+40000 \(4\.000\)\s+250\.0 SUPER-LINEAR\s+40\.0 SUPER-LINEAR$/);
    expect(report).toContain('corpus: fixed numbers');
  });

  it('names the super-linear stage with its factor, and reports memory and counts', () => {
    expect(report).toContain('SUPER-LINEAR: group grew x40.0 in CPU time for x10 articles (1000 -> 10000)');
    expect(report).toContain('SUPER-LINEAR: group grew x250.0 in CPU time for x10 articles (100 -> 1000)');
    expect(report).not.toContain('wall-clock only');
    expect(report).not.toMatch(/SUPER-LINEAR: (clean|compose)/);
    expect(report.split('\n').find((l) => l.startsWith('peak RSS MB'))).toMatch(/200\s+300\s+900$/);
    expect(report.split('\n').find((l) => l.startsWith('ok/articles'))).toMatch(/99\/100\s+999\/1000\s+9999\/10000$/);
  });

  it('says so when every stage is linear', () => {
    const linear = formatScaleReport([run(100, { a: 100 }), run(1000, { a: 1100 })]);
    expect(linear).toContain('every stage grows about linearly');
    expect(linear).not.toContain('SUPER-LINEAR');
  });
});

describe('scaleSizes', () => {
  it('adds 100 as the baseline and sorts', () => {
    expect(scaleSizes('10000,1000')).toEqual([100, 1000, 10_000]);
    expect(scaleSizes('100, 50')).toEqual([50, 100]);
  });
  it('refuses anything but positive whole numbers', () => {
    expect(scaleSizes('1000,x')).toBeUndefined();
    expect(scaleSizes('0')).toBeUndefined();
    expect(scaleSizes('')).toBeUndefined();
  });
});

describe('measureOnce', () => {
  it('runs the real engine on a corpus and reports every stage and the counts', async () => {
    const dir = await tempDir('briefing-scale-');
    try {
      const source = await loadSourceTexts({ evalRoot: `${dir}/none`, seedsDir });
      await writeCorpus(`${dir}/n`, source.texts, 12);
      const result = await measureOnce(`${dir}/n`, 12);
      expect(result.n).toBe(12);
      expect(Object.keys(result.stages)).toEqual(STAGES);
      expect(Object.keys(result.cpuStages)).toEqual(STAGES);
      // CPU spent in the stages cannot exceed the CPU of the whole run (each stage rounded by at most 0.5 ms).
      expect(Object.values(result.cpuStages).reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(result.cpuTotal + STAGES.length);
      expect(result.articles).toBe(12);
      expect(result.okArticles).toBeGreaterThan(0);
      expect(result.threads).toBeGreaterThan(0);
      expect(result.peakRssMb).toBeGreaterThan(0);
      // The article limit is N (raised past the default 20,000 for big corpora): told N = 5 on these 12, it keeps 5.
      const limited = await measureOnce(`${dir}/n`, 5);
      expect(limited.okArticles).toBe(Math.min(5, result.okArticles));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('storyScores', () => {
  const N = 300;
  const stories = storiesOfArticles(1, N);
  type Scored = Pick<Briefing, 'threads' | 'articles'>;
  const articles = stories.map((_, i) => ({ id: `a${i}`, path: `/corpus/article-${String(i).padStart(3, '0')}.md`, status: 'ok' }));
  /** A briefing whose threads (one event each) put article i in thread `threadOf(i)`. */
  const grouped = (threadOf: (i: number) => string, of = articles): Scored => {
    const members = new Map<string, string[]>();
    of.forEach((article, i) => members.set(threadOf(i), [...(members.get(threadOf(i)) ?? []), article.id]));
    const threads = [...members].map(([id, articleIds]) => ({ id, articleIds, events: [{ id: `e-${id}`, articleIds }] }));
    return { threads, articles: of } as unknown as Scored;
  };

  it('is 1.0 when the threads and events are the stories, lower for a grouping that merges or splits them', () => {
    expect(new Set(stories).size).toBeGreaterThan(50);
    const exact = storyScores(grouped((i) => `t${stories[i]}`), stories);
    expect(exact.articles).toBe(N);
    expect(exact.threads).toEqual({ precision: 1, recall: 1, f1: 1 });
    expect(exact.events.f1).toBe(1);
    const merged = storyScores(grouped(() => 'all'), stories);
    expect(merged.threads.recall).toBe(1);
    expect(merged.threads.precision).toBeLessThan(0.05);
    const split = storyScores(grouped((i) => `t${i}`), stories);
    expect(split.threads.precision).toBe(1);
    expect(split.threads.recall).toBeLessThan(0.5);
    // Pairs of neighbouring stories merged: precision falls, recall stays.
    const paired = storyScores(grouped((i) => `t${Math.floor(stories[i]! / 2)}`), stories);
    expect(paired.threads.recall).toBe(1);
    expect(paired.threads.precision).toBeLessThan(0.8);
    expect(paired.threads.f1).toBeLessThan(exact.threads.f1);
  });

  it("reads each article's story from its file name, against the labels it is given", () => {
    // The same exact grouping scored against another seed's stories is not 1.
    expect(storyScores(grouped((i) => `t${stories[i]}`), storiesOfArticles(2, N)).threads.f1).toBeLessThan(0.9);
    // Articles listed in another order are still scored by their own file: the score does not move.
    const reversed = [...articles].reverse();
    const byFile = (i: number) => `t${stories[Number(reversed[i]!.path.match(/(\d+)\.md$/)![1])]}`;
    expect(storyScores(grouped(byFile, reversed), stories).threads.f1).toBe(1);
    expect(() => storyScores(grouped(() => 'x', [{ ...articles[0]!, path: '/elsewhere/notes.md' }]), stories)).toThrow(/notes\.md/);
  });

  it('scores only the articles grouping saw, and an article no thread holds as alone', () => {
    const withSetAside = articles.map((article, i) => (i % 10 === 0 ? { ...article, status: 'duplicate' } : article));
    const briefing = grouped((i) => `t${stories[i]}`, withSetAside);
    const scores = storyScores(briefing, stories);
    expect(scores.articles).toBe(N - N / 10);
    expect(scores.threads.f1).toBe(1);
    // Articles left out of every thread are alone: recall falls below 1.
    const unplaced = { ...briefing, threads: briefing.threads.map((t) => ({ ...t, events: [{ ...t.events[0]!, articleIds: t.articleIds.slice(0, 1) }] })) };
    expect(storyScores(unplaced, stories).threads.recall).toBeLessThan(1);
    expect(storyScores(unplaced, stories).threads.precision).toBe(1);
  });

  it('is reported by measureOnce on a story corpus and printed by the report', async () => {
    const dir = await tempDir('briefing-scale-stories-');
    const source = await loadSourceTexts({ evalRoot: `${dir}/none`, seedsDir });
    // The seeds as three real stories of a few documents each.
    const real = realStories([0, 1, 2].map((k) => ({ documents: source.texts.filter((_, i) => i % 3 === k) })), []);
    await writeStoryCorpus(`${dir}/n`, new StoryCorpus(real, { seed: 5 }), 30);
    const result = await measureOnce(`${dir}/n`, 30, undefined, 5);
    expect(result.stories!.articles).toBe(result.okArticles);
    expect(result.stories!.threads.f1).toBeGreaterThan(0);
    expect(result.stories!.threads.f1).toBeLessThanOrEqual(1);
    expect((await measureOnce(`${dir}/n`, 30)).stories).toBeUndefined();
    const report = formatScaleReport([run(10, Object.fromEntries(STAGES.map((stage) => [stage, 1]))), result]);
    expect(report).toMatch(new RegExp(`threads B3\\s+-\\s+${result.stories!.threads.f1.toFixed(4)} \\(`));
  });
});

describe('growthExponents', () => {
  it('fits the slope of log time on log N: 1 for a linear stage, 2 for a quadratic one, sizes under 1000 left out', () => {
    const sizes = [100, 2500, 5000, 10000];
    const fitted = growthExponents(sizes.map((n) => run(n, {}, 100, { linear: n / 10, quadratic: (n * n) / 1e5, fixed: n === 100 ? 1e6 : 500 })));
    expect(fitted.linear).toBeCloseTo(1, 5);
    expect(fitted.quadratic).toBeCloseTo(2, 5);
    expect(fitted.fixed).toBeCloseTo(0, 5);
  });

  it('reports articles per CPU-second and the exponents', () => {
    const report = formatScaleReport([run(100, { group: 10 }), run(1000, { group: 100 }), run(10000, { group: 1000 })]);
    expect(report).toMatch(/art\/CPU-s/);
    expect(report).toMatch(/growth exponent .*group 1\.00/);
  });
});
