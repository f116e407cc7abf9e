import { parseArgs } from 'node:util';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultConcurrentPages } from '../browser/browser-manager.js';
import { evalDataRoot } from '../eval/types.js';
import type { PdfOptions } from '../render/pdf.js';
import { loadSourceTexts, writeCorpus } from './corpus.js';
import { processTreeCpuMs } from './cpu.js';
import { loadRealStories, StoryCorpus, writeStoryCorpus } from './story-corpus.js';
import { floorRun, fullRun, median, readHtml, type BenchInput, type FloorRun, type FullRun } from './measure.js';
import { poolProcess, poolWorker, readPoolWorkerInput, runPoolBench, type PoolProcessRun } from './pool.js';
import { formatPoolReport, formatServeReport } from './pool-report.js';
import { formatScaleReport, measureInChild, measureOnce, scaleSizes } from './scale.js';
import { fetchText, runServeLoad, startServeProcess, type ServeLoadResult } from './serve.js';
import { errorMessage } from '../util/errors.js';

/**
 * `npm run bench`: the whole seeds-to-PDF run in one process against its floor (a browser launch,
 * setContent and page.pdf() of the same final HTML), medians over several repetitions, run alternately
 * so both see the same machine load.
 */
const HELP = `Usage: npm run bench -- [--input DIR] [--reps N] [--paper a4|letter] [--theme NAME] [--html FILE]
       npm run bench -- --scale 2500,5000,10000 [--corpus stories|copies|mixed] [--seed N] [--input SEEDS]
       npm run bench -- --pool [--requests 20] [--pages K] [--reps 3] [--html FILE]
       npm run bench -- --serve [--requests 20 --concurrency 20] [--pages K] [--reps 3] [--url URL --token TOKEN]
       npm run bench -- --startup [--input DIR] [--reps N] [--paper a4|letter]
       npm run bench -- --workers 1,2,3 [--editions 5] [--recipients 200] [--input DIR]
  --startup briefing --help, generate --format json and --input to PDF against its floor, each a whole
            process, paired and alternated; CPU is user + system time of the process and of every process it
            started (Chromium's helpers included, also those left orphaned at exit): each run is started by a
            small reaper (python3, Linux) that collects them all; with ../shared/eval present, also a day of
            real web pages (its extraction set's 83 pages) to JSON, the realistic case
  --workers scale-out mode: for each count, that many briefing worker processes (dist/, a redis-server
            started here, a real SMTP server in this process, one SQLite store) produce --editions editions
            (JSON, HTML, PDF) for --recipients e-mail recipients each: editions and deliveries per minute,
            each edition's stages and the median send
  --pool    PDFs per second of --requests renders of the same HTML, --pages at a time (default one per CPU, at
            most 4): a raw puppeteer page pool (the floor), our BrowserManager, and our whole PDF render through
            it, each a whole process, alternated
  --serve   --requests briefing requests (3 articles of --input each), --concurrency at once, against briefing
            serve (started here on a free port, or the one at --url with an admin --token), compared with the
            raw page pool printing the HTML the server made
  --input   articles to read (default seeds; with --scale, the seeds to recombine when ../shared/eval is absent)
  --reps    repetitions, the median is reported (default 5)
  --html    render this HTML file instead of generating the briefing (engine or theme unavailable)
  --scale   e.g. 1000,10000: time the engine alone (no PDF) per stage on that many articles, plus 100 as the
            baseline, and print how each stage's cost grows (corpus built in a temp folder from
            ../shared/eval news text, else from the seeds)
  --corpus  stories (default: real stories from ../shared/eval retold as distinct stories, names, numbers and
            most words swapped, reports recombined from the story's documents over a week; --seed picks
            another such corpus; grouping is scored against its stories, B-cubed of threads and events),
            copies (past the source texts, rotated re-runs of them, which grouping merges as near-duplicates)
            or mixed (recombined from two sources, every article a distinct text)
`;

async function scaleMode(spec: string, input: string, mode: string, seed: number): Promise<number> {
  const sizes = scaleSizes(spec);
  if (!sizes) {
    process.stderr.write(`--scale must be a comma-separated list of positive whole numbers, got ${spec}\n`);
    return 2;
  }
  if (mode !== 'copies' && mode !== 'mixed' && mode !== 'stories') {
    process.stderr.write(`--corpus must be stories, copies or mixed, got ${mode}\n`);
    return 2;
  }
  if (!Number.isInteger(seed)) {
    process.stderr.write('--seed must be a whole number\n');
    return 2;
  }
  const stories = mode === 'stories' ? await loadRealStories(evalDataRoot()) : [];
  if (mode === 'stories' && stories.length === 0) {
    process.stderr.write(`--corpus stories needs the evaluation data (${evalDataRoot()}); use --corpus mixed without it\n`);
    return 2;
  }
  const storyCorpus = mode === 'stories' ? new StoryCorpus(stories, { seed }) : undefined;
  const source = storyCorpus
    ? { texts: [], origin: `${stories.length} real stories (Multi-News, ECB+) from ${evalDataRoot()} retold as distinct stories, seed ${seed}` }
    : await loadSourceTexts({ evalRoot: evalDataRoot(), seedsDir: resolve(input) });
  const write = (dir: string, n: number) =>
    storyCorpus ? writeStoryCorpus(dir, storyCorpus, n) : writeCorpus(dir, source.texts, n, mode as 'copies' | 'mixed');
  const root = await mkdtemp(join(tmpdir(), 'briefing-scale-'));
  try {
    // The smallest corpus, read once before each timed run, so every size is measured with a warm JIT.
    const warmup = join(root, 'warmup');
    await write(warmup, sizes[0]!);
    const runs = [];
    for (const n of sizes) {
      const dir = join(root, `n${n}`);
      await write(dir, n);
      const run = await measureInChild(fileURLToPath(import.meta.url), dir, n, warmup, storyCorpus ? seed : undefined);
      process.stderr.write(`bench: N = ${n}: ${run.total} ms, peak RSS ${run.peakRssMb} MB\n`);
      runs.push(run);
      await rm(dir, { recursive: true, force: true });
    }
    process.stdout.write(formatScaleReport(runs, { origin: storyCorpus ? source.origin : `${source.origin}; past them, ${mode === 'copies' ? 'rotated copies' : 'mixed recombinations'}` }));
    return 0;
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

async function workersMode(spec: string, editions: number, recipients: number, input: string): Promise<number> {
  const counts = spec.split(',').map((part) => Number(part.trim()));
  if (!counts.every((n) => Number.isInteger(n) && n > 0) || !Number.isInteger(editions) || editions < 1 || !Number.isInteger(recipients) || recipients < 1) {
    process.stderr.write(`--workers must be a comma-separated list of whole numbers (e.g. 1,2,3), --editions and --recipients whole numbers of 1 or more\n`);
    return 2;
  }
  const { formatWorkersReport, runWorkersBench } = await import('./workers.js');
  const bin = fileURLToPath(new URL('../../bin/briefing.js', import.meta.url));
  const runs = await runWorkersBench({ counts, editions, recipients, input: resolve(input), bin });
  process.stdout.write(formatWorkersReport(runs, availableParallelism()));
  return 0;
}

const cliPath = fileURLToPath(import.meta.url);
const progress = (run: PoolProcessRun) =>
  process.stderr.write(`bench: ${run.variant} run ${run.rep}: ${run.renders} PDFs in ${run.windowMs} ms (process ${run.processMs} ms)\n`);

async function poolMode(input: BenchInput, options: { renders: number; pages: number; reps: number; htmlLabel: string }): Promise<number> {
  // The floor prints the very HTML our render prints: the briefing of the seeds (or --html).
  const html = input.html ?? (await fullRun(input)).html;
  const runs = await runPoolBench({ cliPath, html, pdf: input.pdf, renders: options.renders, pages: options.pages, reps: options.reps, onRun: progress });
  process.stdout.write(formatPoolReport(runs, { html: options.htmlLabel }));
  return 0;
}

async function serveMode(
  pdf: PdfOptions,
  options: { requests: number; concurrency: number; pages: number; reps: number; input: string; url?: string; token?: string },
): Promise<number> {
  const dir = resolve(options.input);
  const files = (await readdir(dir)).filter((name) => /\.(txt|md|html?)$/i.test(name)).sort().slice(0, 3).map((name) => join(dir, name));
  if (files.length === 0) {
    process.stderr.write(`--serve uploads three articles from --input; ${dir} has none (.txt, .md, .html)\n`);
    return 2;
  }
  if (options.url && !options.token) {
    process.stderr.write('--url needs --token (an admin token of that server)\n');
    return 2;
  }
  const token = options.token ?? randomBytes(24).toString('hex');
  const data = options.url ? undefined : await mkdtemp(join(tmpdir(), 'briefing-bench-serve-'));
  const server = options.url
    ? undefined
    : await startServeProcess({
        command: [process.execPath, fileURLToPath(new URL('../../bin/briefing.js', import.meta.url)), 'serve', '--host', '127.0.0.1', '--port', '0'],
        // The server's own configuration reads BRIEFING_TOKENS; its working folder (database, outputs) is a temp one.
        env: { ...process.env, BRIEFING_TOKENS: `bench:admin:${token}` },
        cwd: data,
      });
  try {
    const baseUrl = options.url ?? server!.baseUrl;
    const serverPid = server?.process.pid;
    // The server's process tree when we started it; the whole machine's CPU when it runs elsewhere.
    const load = { baseUrl, token, files, cpuMs: serverPid === undefined ? undefined : () => processTreeCpuMs(serverPid) };
    // One request first: it warms the server (browser up, pages open) and gives the HTML the floor prints.
    const warm = await runServeLoad({ ...load, requests: 1, concurrency: 1 });
    if (warm.ok !== 1 || !warm.htmlUrl) throw new Error(`the warm-up request failed: ${warm.errors.join('; ') || 'no html output'}`);
    const html = await fetchText(warm.htmlUrl, token);
    const floorDir = await mkdtemp(join(tmpdir(), 'briefing-bench-floor-'));
    const serveRuns: ServeLoadResult[] = [];
    const floorRuns: PoolProcessRun[] = [];
    try {
      const floorInput = join(floorDir, 'raw.json');
      await writeFile(floorInput, JSON.stringify({ variant: 'raw', html, pdf, renders: options.requests, pages: options.pages }));
      for (let rep = 1; rep <= options.reps; rep += 1) {
        const runServe = async () => {
          const run = await runServeLoad({ ...load, requests: options.requests, concurrency: options.concurrency });
          process.stderr.write(`bench: serve run ${rep}: ${run.ok} PDFs in ${run.wallMs} ms (${run.failed} failed)\n`);
          serveRuns.push(run);
        };
        const runFloor = async () => {
          const run = { rep, ...(await poolProcess(cliPath, floorInput)) };
          progress(run);
          floorRuns.push(run);
        };
        if (rep % 2 === 1) {
          await runServe();
          await runFloor();
        } else {
          await runFloor();
          await runServe();
        }
      }
    } finally {
      await rm(floorDir, { recursive: true, force: true });
    }
    process.stdout.write(formatServeReport(serveRuns, floorRuns));
    return serveRuns.every((run) => run.failed === 0) ? 0 : 1;
  } finally {
    await server?.stop();
    if (data) await rm(data, { recursive: true, force: true });
  }
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      input: { type: 'string', default: 'seeds' },
      reps: { type: 'string' },
      pool: { type: 'boolean', default: false },
      startup: { type: 'boolean', default: false },
      serve: { type: 'boolean', default: false },
      requests: { type: 'string', default: '20' },
      concurrency: { type: 'string', default: '20' },
      pages: { type: 'string' },
      url: { type: 'string' },
      token: { type: 'string' },
      'pool-worker': { type: 'string' },
      paper: { type: 'string', default: 'a4' },
      theme: { type: 'string' },
      html: { type: 'string' },
      help: { type: 'boolean', default: false },
      scale: { type: 'string' },
      corpus: { type: 'string', default: 'stories' },
      seed: { type: 'string', default: '1' },
      'scale-worker': { type: 'string' },
      'scale-n': { type: 'string' },
      'scale-warmup': { type: 'string' },
      'scale-story-seed': { type: 'string' },
      workers: { type: 'string' },
      editions: { type: 'string', default: '5' },
      recipients: { type: 'string', default: '200' },
    },
  });
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  if (values['scale-worker'] !== undefined) {
    // The child side of --scale: one measurement, sent back to the parent.
    const storySeed = values['scale-story-seed'] === undefined ? undefined : Number(values['scale-story-seed']);
    const run = await measureOnce(values['scale-worker'], Number(values['scale-n']), values['scale-warmup'], storySeed);
    await new Promise<void>((done) => process.send!(run, () => done()));
    process.disconnect?.();
    return 0;
  }
  if (values['pool-worker'] !== undefined) {
    // The child side of --pool and --serve: one variant's renders, the result as one JSON line.
    const result = await poolWorker(await readPoolWorkerInput(values['pool-worker']));
    process.stdout.write(`${JSON.stringify(result)}\n`);
    return 0;
  }
  if (values.workers !== undefined) return workersMode(values.workers, Number(values.editions), Number(values.recipients), values.input);
  if (values.scale !== undefined) return scaleMode(values.scale, values.input, values.corpus, Number(values.seed));
  const reps = Number(values.reps ?? (values.pool || values.serve ? 3 : 5));
  if (!Number.isInteger(reps) || reps < 1) {
    process.stderr.write(`--reps must be a positive integer, got ${values.reps}\n${HELP}`);
    return 2;
  }
  if (values.paper !== 'a4' && values.paper !== 'letter') {
    process.stderr.write(`--paper must be a4 or letter, got ${values.paper}\n`);
    return 2;
  }
  if (values.startup) {
    const { formatStartupReport, measureStartup } = await import('./startup.js');
    // The realistic case beside the seeds: a day of real web pages, when the eval data is there.
    const aebPages = join(evalDataRoot(), 'extraction', 'aeb', 'html');
    const pages = (await readdir(aebPages).catch(() => [])).length > 0 ? aebPages : undefined;
    process.stdout.write(formatStartupReport(await measureStartup({ input: values.input, reps, paper: values.paper, pages })));
    return 0;
  }
  const creationDate = new Date('2025-07-11T06:00:00Z');
  const input: BenchInput = {
    inputs: [values.input],
    date: '2025-07-11',
    timezone: 'UTC',
    theme: values.theme,
    html: values.html ? await readHtml(values.html) : undefined,
    pdf: {
      filename: 'bench.pdf',
      paper: values.paper,
      title: 'Daily Briefing',
      headerText: 'Daily Briefing — 11 July 2025',
      footerStamp: 'As of 11 July 2025, 06:00 UTC',
      metadata: { title: 'Daily Briefing', subject: 'Benchmark', keywords: ['bench'], creator: 'briefing bench', creationDate },
    },
  };

  if (values.pool || values.serve) {
    const requests = Number(values.requests);
    const concurrency = Number(values.concurrency);
    const pages = Number(values.pages ?? defaultConcurrentPages());
    for (const [name, value] of [['--requests', requests], ['--concurrency', concurrency], ['--pages', pages]] as const) {
      if (!Number.isInteger(value) || value < 1) {
        process.stderr.write(`${name} must be a positive integer, got ${value}\n`);
        return 2;
      }
    }
    if (values.pool) return poolMode(input, { renders: requests, pages, reps, htmlLabel: values.html ?? values.input });
    return serveMode(input.pdf, { requests, concurrency, pages, reps, input: values.input, url: values.url, token: values.token });
  }

  const full: FullRun[] = [];
  const floor: FloorRun[] = [];
  for (let i = 0; i < reps; i += 1) {
    const run = await fullRun(input);
    full.push(run);
    // The floor prints the very HTML the full run produced.
    floor.push(await floorRun(run.html, input.pdf));
    process.stderr.write(`bench: repetition ${i + 1}/${reps}: full ${run.total} ms, floor ${floor.at(-1)!.total} ms\n`);
  }

  const fullTotal = median(full.map((r) => r.total));
  const floorTotal = median(floor.map((r) => r.total));
  const rows: [string, number][] = Object.keys(full[0]!.stages).map((stage) => [stage, median(full.map((r) => r.stages[stage] ?? 0))]);
  const width = Math.max(24, ...rows.map(([name]) => name.length + 2));
  const line = (name: string, value: number, share?: string) => `${name.padEnd(width)}${String(value).padStart(8)} ms${share ? `  ${share}` : ''}\n`;
  const pct = (value: number) => `${((100 * value) / fullTotal).toFixed(0).padStart(3)}%`;
  let out = `Seeds to PDF in one process, median of ${reps} (${input.html ? 'HTML from --html' : values.input}, ${full[0]!.pages} pages, ${values.paper})\n\n`;
  out += 'full run, per stage\n';
  for (const [name, value] of rows) out += line(`  ${name}`, value, pct(value));
  out += line('  total', fullTotal);
  out += '\nfloor (same HTML)\n';
  out += line('  chromium launch', median(floor.map((r) => r.launch)));
  out += line('  setContent', median(floor.map((r) => r.setContent)));
  out += line('  page.pdf()', median(floor.map((r) => r.pdf)));
  out += line('  total', floorTotal);
  const ratio = fullTotal / floorTotal;
  out += `\nratio full / floor: ${ratio.toFixed(2)} (target <= 1.30${ratio <= 1.3 ? ', met' : ', NOT met'})\n`;
  out += `print passes: ${full.map((r) => r.passes).join(', ')} (1 = table of contents predicted right)\n`;
  process.stdout.write(out);
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`bench: ${errorMessage(error)}\n`);
    process.exitCode = 1;
  },
);
