import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { withRawBrowser } from './raw-browser.js';
import { BrowserManager } from '../browser/browser-manager.js';
import { generateBriefing, STAGES } from '../pipeline.js';
import { renderHtml } from '../render/html.js';
import { pdfOptions, renderPdfDetailed, type PdfOptions } from '../render/pdf.js';

/** One seeds-to-PDF run, each stage timed (ms). */
export interface FullRun {
  stages: Record<string, number>;
  total: number;
  html: string;
  pages: number;
  passes: number;
}

/** What any PDF of the same HTML costs at least: a browser launch, setContent and page.pdf(). */
export interface FloorRun {
  launch: number;
  setContent: number;
  pdf: number;
  total: number;
}

export interface BenchInput {
  inputs: string[];
  date: string;
  timezone: string;
  theme?: string;
  /** Use this HTML instead of generating the briefing (when the engine or the theme cannot run). */
  html?: string;
  pdf: PdfOptions;
}

const ms = (start: number) => Math.round(performance.now() - start);

export async function fullRun(input: BenchInput): Promise<FullRun> {
  const started = performance.now();
  const stages: Record<string, number> = {};
  const browser = new BrowserManager();
  // As the CLI should: start Chromium while the engine works.
  browser.prelaunch();
  let html = input.html;
  if (html === undefined) {
    const result = await generateBriefing({ inputs: input.inputs, date: input.date, timezone: input.timezone, now: input.pdf.metadata.creationDate });
    for (const stage of STAGES) stages[stage] = result.timings[stage];
    const t = performance.now();
    const rendered = await renderHtml(result.briefing, { theme: input.theme, paper: input.pdf.paper });
    html = String(rendered.content);
    stages.html = ms(t);
  }
  try {
    const t = performance.now();
    const report = await renderPdfDetailed(html, input.pdf, browser);
    const pdfTotal = ms(t);
    // Launch time spent waiting here, not the part hidden behind the engine.
    const launch = Math.min(browser.stats().launchMs, Math.max(0, pdfTotal - report.timings.loadMs - report.timings.layoutMs - report.timings.printMs - report.timings.finishMs));
    stages['chromium launch (waited)'] = launch;
    stages['pdf: load html'] = report.timings.loadMs;
    stages['pdf: measure layout'] = report.timings.layoutMs;
    stages['pdf: print'] = report.timings.printMs;
    stages['pdf: outline+metadata'] = report.timings.finishMs;
    stages['pdf: other'] = Math.max(0, pdfTotal - launch - report.timings.loadMs - report.timings.layoutMs - report.timings.printMs - report.timings.finishMs);
    return { stages, total: ms(started), html, pages: report.pages, passes: report.passes };
  } finally {
    await browser.close();
  }
}

export async function floorRun(html: string, pdf: PdfOptions): Promise<FloorRun> {
  const started = performance.now();
  return withRawBrowser(async (browser) => {
      const page = await browser.newPage();
      const launch = ms(started);
      let t = performance.now();
      await page.setContent(html, { waitUntil: 'load' });
      const setContent = ms(t);
      t = performance.now();
      await page.pdf(pdfOptions(pdf, 120_000));
      const pdfMs = ms(t);
      return { launch, setContent, pdf: pdfMs, total: ms(started) };
  });
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : Math.round((sorted[mid - 1]! + sorted[mid]!) / 2);
}

export async function readHtml(path: string): Promise<string> {
  return readFile(path, 'utf8');
}
