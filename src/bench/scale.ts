import { fork } from 'node:child_process';
import { bcubed, placementsOf, type PrecisionRecall } from '../eval/clustering.js';
import type { Briefing } from '../model/schema.js';
import { generateBriefing, STAGES } from '../pipeline.js';
import { articleIndexOfPath, storiesOfArticles } from './story-corpus.js';

/**
 * How the engine's cost grows with the number of articles: `generateBriefing` (no HTML, no PDF) timed per stage
 * on corpora of N articles, each size in a fresh process so its peak RSS is its own and no heap is inherited.
 */

export interface ScaleRun {
  n: number;
  /** Wall-clock ms per stage, as the pipeline times them. */
  stages: Record<string, number>;
  total: number;
  /** CPU ms (user + system, all threads) per stage: steadier than wall-clock on a machine shared with other work. */
  cpuStages: Record<string, number>;
  cpuTotal: number;
  /** Peak resident set size of the measuring process, in MB. */
  peakRssMb: number;
  articles: number;
  okArticles: number;
  threads: number;
  events: number;
  /** On a story corpus: how well the grouping found its stories. */
  stories?: StoryScores;
}

/** How well a briefing's grouping found the stories of a story corpus. */
export interface StoryScores {
  /** B-cubed of the threads against the stories. */
  threads: PrecisionRecall;
  /** B-cubed of the events against the stories (a generated story is one happening reported over a few days). */
  events: PrecisionRecall;
  /** Articles scored: those the grouping saw. */
  articles: number;
}

/**
 * B-cubed precision, recall and F1 of a briefing's threads and of its events against the stories a story corpus's
 * articles retell (`stories[i]` for the article written as article-<i>.md, `storiesOfArticles`). Scored over the
 * articles grouping saw (status ok): what the cleaner set aside is the same whatever the grouping does.
 */
export function storyScores(briefing: Pick<Briefing, 'threads' | 'articles'>, stories: readonly number[]): StoryScores {
  const placed = placementsOf(briefing.threads);
  const threads: string[] = [];
  const events: string[] = [];
  const gold: string[] = [];
  for (const article of briefing.articles) {
    if (article.status !== 'ok') continue;
    const index = articleIndexOfPath(article.path);
    const story = index === undefined ? undefined : stories[index];
    if (story === undefined) throw new Error(`${article.path} is not an article of the story corpus scored`);
    // An article no thread holds is a story of its own.
    const place = placed.get(article.id) ?? { thread: `alone-${article.id}`, event: `alone-${article.id}` };
    threads.push(place.thread);
    events.push(place.event);
    gold.push(String(story));
  }
  return { threads: bcubed(threads, gold), events: bcubed(events, gold), articles: gold.length };
}

/**
 * One measurement, in this process: an optional warm-up run (so the JIT is warm), then the timed run. With
 * `storySeed`, `dir` is a story corpus of that seed (`writeStoryCorpus`) and its grouping is scored against its stories.
 */
export async function measureOnce(dir: string, n: number, warmupDir?: string, storySeed?: number): Promise<ScaleRun> {
  // Every article is analysed: past the default maxArticles (20,000) a run keeps the newest and excludes the rest,
  // which would time 20,000 articles and call it N.
  const base = { date: '2025-07-11', timezone: 'UTC', now: new Date('2025-07-11T06:00:00Z'), maxArticles: Math.max(n, 1) };
  if (warmupDir) await generateBriefing({ ...base, inputs: [warmupDir] });
  const cpuMs = () => {
    const usage = process.cpuUsage();
    return (usage.user + usage.system) / 1000;
  };
  const cpuStages: Record<string, number> = {};
  let stageCpu = 0;
  const started = performance.now();
  const cpuStarted = cpuMs();
  const result = await generateBriefing({
    ...base,
    inputs: [dir],
    onStage: (event) => {
      if (event.phase === 'start') stageCpu = cpuMs();
      else cpuStages[event.stage] = Math.round(cpuMs() - stageCpu);
    },
  });
  const total = Math.round(performance.now() - started);
  const cpuTotal = Math.round(cpuMs() - cpuStarted);
  const stages: Record<string, number> = {};
  for (const stage of STAGES) stages[stage] = result.timings[stage];
  const { stats } = result.briefing;
  return {
    n,
    stages,
    total,
    cpuStages,
    cpuTotal,
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    articles: stats.articles,
    okArticles: stats.articlesOk,
    threads: stats.threads,
    events: stats.events,
    ...(storySeed === undefined ? {} : { stories: storyScores(result.briefing, storiesOfArticles(storySeed, n)) }),
  };
}

/** Runs `measureOnce` in a child process started from `script` (which must answer `--scale-worker`). */
export function measureInChild(script: string, dir: string, n: number, warmupDir?: string, storySeed?: number): Promise<ScaleRun> {
  return new Promise((resolve, reject) => {
    const args = [
      '--scale-worker', dir, '--scale-n', String(n),
      ...(warmupDir ? ['--scale-warmup', warmupDir] : []),
      ...(storySeed === undefined ? [] : ['--scale-story-seed', String(storySeed)]),
    ];
    const child = fork(script, args, { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
    let run: ScaleRun | undefined;
    child.on('message', (message) => {
      run = message as ScaleRun;
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      if (run) resolve(run);
      else reject(new Error(`the measuring process for N = ${n} exited with code ${code} and no result`));
    });
  });
}

/** The sizes a --scale run measures: the ones asked for, with 100 as the baseline, in increasing order. */
export function scaleSizes(spec: string): number[] | undefined {
  const sizes = spec.split(',').map((part) => Number(part.trim()));
  if (sizes.length === 0 || !sizes.every((n) => Number.isInteger(n) && n > 0)) return undefined;
  return [...new Set([100, ...sizes])].sort((a, b) => a - b);
}

export interface Growth {
  stage: string;
  from: number;
  to: number;
  /** time(to) / time(from). */
  factor: number;
  /** n(to) / n(from): the factor a linear stage would show. */
  linear: number;
  flagged: boolean;
}

export interface GrowthOptions {
  /** Flag a stage whose factor exceeds this multiple of the linear one (1.5: above 15 for ten times the articles). */
  flagRatio?: number;
  /** Times below this (ms) at the larger size are too small to call super-linear. */
  minMs?: number;
  /** Which times to compare: wall-clock (default) or CPU. */
  clock?: 'wall' | 'cpu';
}

function timesOf(run: ScaleRun, clock: 'wall' | 'cpu'): { stages: Record<string, number>; total: number } {
  return clock === 'cpu' ? { stages: run.cpuStages, total: run.cpuTotal } : { stages: run.stages, total: run.total };
}

/** Growth factors between consecutive sizes, per stage and for the total; runs are taken in increasing N. */
export function growthFactors(runs: ScaleRun[], options: GrowthOptions = {}): Growth[] {
  const flagRatio = options.flagRatio ?? 1.5;
  const minMs = options.minMs ?? 50;
  const sorted = [...runs].sort((a, b) => a.n - b.n);
  const out: Growth[] = [];
  for (let i = 1; i < sorted.length; i += 1) {
    const a = timesOf(sorted[i - 1]!, options.clock ?? 'wall');
    const b = timesOf(sorted[i]!, options.clock ?? 'wall');
    const from = sorted[i - 1]!.n;
    const to = sorted[i]!.n;
    const linear = to / from;
    const names = [...Object.keys(b.stages), 'total'];
    for (const stage of names) {
      const ta = stage === 'total' ? a.total : (a.stages[stage] ?? 0);
      const tb = stage === 'total' ? b.total : (b.stages[stage] ?? 0);
      // A stage that took 0 ms at the smaller size has no meaningful factor: it stays unflagged unless it is large now.
      const factor = ta > 0 ? tb / ta : tb > 0 ? Number.POSITIVE_INFINITY : 1;
      out.push({ stage, from, to, factor, linear, flagged: tb >= minMs && factor > flagRatio * linear });
    }
  }
  return out;
}

/**
 * Each stage's growth exponent: the slope of log(CPU time) against log(N), fitted by least squares over the sizes
 * from `fromN` up (the 100-article baseline is mostly fixed cost). 1 is linear, 2 quadratic.
 */
export function growthExponents(runs: ScaleRun[], fromN = 1000): Record<string, number> {
  const used = runs.filter((run) => run.n >= fromN);
  const out: Record<string, number> = {};
  if (used.length < 2) return out;
  for (const stage of [...Object.keys(used[0]!.cpuStages), 'total']) {
    const points = used
      .map((run) => [Math.log(run.n), Math.log(Math.max(1, stage === 'total' ? run.cpuTotal : (run.cpuStages[stage] ?? 0)))] as const);
    const mx = points.reduce((sum, [x]) => sum + x, 0) / points.length;
    const my = points.reduce((sum, [, y]) => sum + y, 0) / points.length;
    const sxy = points.reduce((sum, [x, y]) => sum + (x - mx) * (y - my), 0);
    const sxx = points.reduce((sum, [x]) => sum + (x - mx) ** 2, 0);
    out[stage] = sxy / sxx;
  }
  return out;
}

const fmt = (value: number, digits = 0) => (Number.isFinite(value) ? value.toFixed(digits) : 'inf');

/** One table: per stage ms and ms/article for each size, then the growth factor between consecutive sizes. */
function formatTable(sorted: ScaleRun[], growth: Growth[], clock: 'wall' | 'cpu'): string {
  const stages = [...Object.keys(timesOf(sorted[0]!, clock).stages), 'total'];
  const time = (run: ScaleRun, stage: string) => {
    const times = timesOf(run, clock);
    return stage === 'total' ? times.total : (times.stages[stage] ?? 0);
  };
  let out = (clock === 'cpu' ? 'CPU ms' : 'wall ms').padEnd(12) + sorted.map((r) => `N=${r.n}: ms (ms/art)`.padStart(COL)).join('');
  out += `${sorted.slice(1).map((r, i) => `x${fmt(r.n / sorted[i]!.n)} ${sorted[i]!.n}->${r.n}`.padStart(COL)).join('')}\n`;
  for (const stage of stages) {
    out += stage.padEnd(12);
    for (const run of sorted) out += `${fmt(time(run, stage))} (${fmt(time(run, stage) / run.n, 3)})`.padStart(COL);
    for (let i = 1; i < sorted.length; i += 1) {
      const g = growth.find((x) => x.stage === stage && x.to === sorted[i]!.n)!;
      out += `${fmt(g.factor, 1)}${g.flagged ? ' SUPER-LINEAR' : ''}`.padStart(COL);
    }
    out += '\n';
  }
  return out;
}

const COL = 22;

/**
 * The report `npm run bench -- --scale` prints: per stage ms and ms/article per size and growth factors, in
 * wall-clock and in CPU time, then memory, counts and the stages flagged super-linear.
 */
export function formatScaleReport(runs: ScaleRun[], options: Omit<GrowthOptions, 'clock'> & { origin?: string } = {}): string {
  const sorted = [...runs].sort((a, b) => a.n - b.n);
  if (sorted.length === 0) return 'no runs\n';
  const wall = growthFactors(sorted, { ...options, clock: 'wall' });
  const cpu = growthFactors(sorted, { ...options, clock: 'cpu' });
  let out = `Engine cost at scale: generateBriefing, no HTML or PDF, one fresh process per size${options.origin ? `\ncorpus: ${options.origin}` : ''}\n\n`;
  out += formatTable(sorted, wall, 'wall');
  out += '\n';
  out += formatTable(sorted, cpu, 'cpu');
  out += '\n';
  out += 'peak RSS MB'.padEnd(12) + sorted.map((r) => fmt(r.peakRssMb).padStart(COL)).join('') + '\n';
  out += 'ok/articles'.padEnd(12) + sorted.map((r) => `${r.okArticles}/${r.articles}`.padStart(COL)).join('') + '\n';
  out += 'threads'.padEnd(12) + sorted.map((r) => `${r.threads} (${r.events} events)`.padStart(COL)).join('') + '\n';
  out += 'art/CPU-s'.padEnd(12) + sorted.map((r) => fmt((r.n * 1000) / Math.max(1, r.cpuTotal)).padStart(COL)).join('') + '\n';
  if (sorted.some((r) => r.stories)) {
    // B-cubed F1 (precision/recall) against the corpus's stories: what a change to grouping at scale costs or buys.
    const score = (r: ScaleRun, of: 'threads' | 'events') => {
      const s = r.stories?.[of];
      return s ? `${s.f1.toFixed(4)} (${s.precision.toFixed(3)}/${s.recall.toFixed(3)})` : '-';
    };
    out += 'threads B3'.padEnd(12) + sorted.map((r) => score(r, 'threads').padStart(COL)).join('') + '\n';
    out += 'events B3'.padEnd(12) + sorted.map((r) => score(r, 'events').padStart(COL)).join('') + '\n';
    out += 'B-cubed F1 (precision/recall) of the threads and events against the stories the corpus retells\n';
  }
  const exponents = growthExponents(sorted);
  if (Object.keys(exponents).length > 0) {
    out += `\ngrowth exponent (slope of log CPU time on log N, N >= 1000): ${Object.entries(exponents)
      .map(([stage, value]) => `${stage} ${fmt(value, 2)}`)
      .join(', ')}\n`;
  }
  // CPU time decides: a stage that is super-linear costs more CPU per article; wall-clock alone also moves with
  // whatever else the machine is running.
  const flagged = cpu.filter((g) => g.flagged && g.stage !== 'total');
  const wallOnly = wall.filter((g) => g.flagged && g.stage !== 'total' && !flagged.some((c) => c.stage === g.stage && c.to === g.to));
  out += '\n';
  out += flagged.length
    ? flagged.map((g) => `SUPER-LINEAR: ${g.stage} grew x${fmt(g.factor, 1)} in CPU time for x${fmt(g.linear)} articles (${g.from} -> ${g.to})\n`).join('')
    : 'every stage grows about linearly in CPU time (no factor above 1.5 x the growth in articles)\n';
  out += wallOnly
    .map((g) => `wall-clock only: ${g.stage} grew x${fmt(g.factor, 1)} (${g.from} -> ${g.to}) but not in CPU time: machine load, not the stage\n`)
    .join('');
  return out;
}
