import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { withRawBrowser } from './raw-browser.js';
import { BrowserManager } from '../browser/browser-manager.js';
import { pdfOptions, renderPdfDetailed, type PdfOptions } from '../render/pdf.js';
import { processTreeCpuMs } from './cpu.js';

/**
 * raw: the floor, a plain puppeteer script (one browser, our flags, K tabs, setContent + page.pdf()).
 * pool: the same work through our BrowserManager (queue, warm locked-down pages): what the pool itself costs.
 * render: our whole PDF render (layout measurement, table of contents, outline, metadata) through the pool.
 */
export const POOL_VARIANTS = ['raw', 'pool', 'render'] as const;
export type PoolVariant = (typeof POOL_VARIANTS)[number];

export interface PoolWorkerInput {
  variant: PoolVariant;
  html: string;
  pdf: PdfOptions;
  renders: number;
  pages: number;
}

/** What one worker process measured itself. */
export interface PoolWorkerResult {
  variant: PoolVariant;
  renders: number;
  pages: number;
  /** Browser started and ready for the first render (raw: its K tabs open; ours: one warm-up job done). */
  startMs: number;
  /** From the first render submitted to the last PDF back. */
  windowMs: number;
  /** CPU of this process and its browser (all its helpers) during that window; undefined off Linux. */
  windowCpuMs?: number;
  /** The same, from the process start to the end of the window (start-up included, shutdown not). */
  cpuMs?: number;
  /** Sum of the PDFs' sizes: the variants print the same document, so these should be close. */
  pdfBytes: number;
}

/** One worker process as its parent saw it: the whole process, start-up and shutdown included. */
export interface PoolProcessRun extends PoolWorkerResult {
  rep: number;
  processMs: number;
  /** The worker's own count (cpuMs): a finished process's tree can no longer be read. */
  processCpuMs?: number;
}

const RENDER_TIMEOUT_MS = 120_000;

/** The worker side: N renders of the same HTML by one variant, K at a time. Runs in its own process. */
export async function poolWorker(input: PoolWorkerInput): Promise<PoolWorkerResult> {
  return input.variant === 'raw' ? rawWorker(input) : ourWorker(input);
}

async function rawWorker(input: PoolWorkerInput): Promise<PoolWorkerResult> {
  const started = performance.now();
  return withRawBrowser(async (browser) => {
      const tabs: Page[] = [];
      for (let i = 0; i < input.pages; i += 1) tabs.push(await browser.newPage());
      const startMs = Math.round(performance.now() - started);
      const options = pdfOptions(input.pdf, RENDER_TIMEOUT_MS);
      let next = 0;
      let pdfBytes = 0;
      const window = await timed(() =>
        Promise.all(
          tabs.map(async (tab) => {
            while (next < input.renders) {
              next += 1;
              await tab.setContent(input.html, { waitUntil: 'load' });
              pdfBytes += (await tab.pdf(options)).length;
            }
          }),
        ),
      );
      return { variant: 'raw', renders: input.renders, pages: input.pages, startMs, ...window, pdfBytes };
  });
}

async function ourWorker(input: PoolWorkerInput): Promise<PoolWorkerResult> {
  const started = performance.now();
  const browser = new BrowserManager({ maxConcurrentPages: input.pages, maxQueuedJobs: input.renders, renderTimeoutMs: RENDER_TIMEOUT_MS });
  try {
    // A server's pool is warm before the burst: the browser is up and one page is open.
    await browser.withPage(async () => undefined);
    const startMs = Math.round(performance.now() - started);
    const options = pdfOptions(input.pdf, RENDER_TIMEOUT_MS);
    let pdfBytes = 0;
    const one =
      input.variant === 'render'
        ? async () => (await renderPdfDetailed(input.html, input.pdf, browser)).output.content.length
        : () =>
            browser.withPage(async (page) => {
              await page.setContent(input.html, { waitUntil: 'load' });
              return (await page.pdf(options)).length;
            });
    const window = await timed(() =>
      Promise.all(
        Array.from({ length: input.renders }, async () => {
          pdfBytes += await one();
        }),
      ),
    );
    return { variant: input.variant, renders: input.renders, pages: input.pages, startMs, ...window, pdfBytes };
  } finally {
    await browser.close();
  }
}

async function timed(work: () => Promise<unknown>): Promise<{ windowMs: number; windowCpuMs?: number; cpuMs?: number }> {
  const cpu = processTreeCpuMs();
  const t = performance.now();
  await work();
  const windowMs = Math.round(performance.now() - t);
  const cpuAfter = processTreeCpuMs();
  return { windowMs, windowCpuMs: cpu === undefined || cpuAfter === undefined ? undefined : cpuAfter - cpu, cpuMs: cpuAfter };
}

/** The worker's input travels as a JSON file (an HTML briefing is too big for argv); dates come back as dates. */
export async function readPoolWorkerInput(path: string): Promise<PoolWorkerInput> {
  const input = JSON.parse(await readFile(path, 'utf8')) as PoolWorkerInput;
  input.pdf.metadata.creationDate = new Date(input.pdf.metadata.creationDate);
  return input;
}

export interface PoolBenchOptions {
  /** The bench CLI (dist/bench/cli.js), started once per measurement with --pool-worker. */
  cliPath: string;
  html: string;
  pdf: PdfOptions;
  renders: number;
  pages: number;
  reps: number;
  variants?: readonly PoolVariant[];
  onRun?: (run: PoolProcessRun) => void;
}

/**
 * Each variant as a whole process, repetition after repetition, the order reversed every other repetition so that
 * no variant always runs first (cold caches) or last (a warm, throttled machine).
 */
export async function runPoolBench(options: PoolBenchOptions): Promise<PoolProcessRun[]> {
  const dir = await mkdtemp(join(tmpdir(), 'briefing-bench-pool-'));
  try {
    const variants = options.variants ?? POOL_VARIANTS;
    const runs: PoolProcessRun[] = [];
    for (let rep = 1; rep <= options.reps; rep += 1) {
      const order = rep % 2 === 1 ? variants : [...variants].reverse();
      for (const variant of order) {
        const file = join(dir, `${variant}.json`);
        const input: PoolWorkerInput = { variant, html: options.html, pdf: options.pdf, renders: options.renders, pages: options.pages };
        await writeFile(file, JSON.stringify(input));
        const run = { rep, ...(await poolProcess(options.cliPath, file)) };
        options.onRun?.(run);
        runs.push(run);
      }
    }
    return runs;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Starts one worker process and times it from spawn to exit. */
export async function poolProcess(cliPath: string, inputFile: string): Promise<Omit<PoolProcessRun, 'rep'>> {
  const started = performance.now();
  const child = spawn(process.execPath, [cliPath, '--pool-worker', inputFile], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr = (stderr + chunk).slice(-2_000)));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (exitCode) => resolve(exitCode));
  });
  const processMs = Math.round(performance.now() - started);
  const line = stdout.trim().split('\n').at(-1) ?? '';
  if (code !== 0 || !line.startsWith('{')) throw new Error(`bench worker for ${inputFile} failed (exit ${code}): ${stderr.trim() || stdout.trim()}`);
  const result = JSON.parse(line) as PoolWorkerResult;
  return { ...result, processMs, processCpuMs: result.cpuMs };
}
