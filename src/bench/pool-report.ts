/*
 * The reports of `npm run bench -- --pool` and `-- --serve`: pure functions from measurements to text, so what a
 * number means is decided (and tested) in one place.
 */

/** One measured process of a variant (see bench/pool.ts), reduced to what the report needs. */
export interface PoolRunFigures {
  variant: string;
  renders: number;
  pages: number;
  startMs: number;
  windowMs: number;
  windowCpuMs?: number;
  processMs: number;
  processCpuMs?: number;
}

export interface VariantSummary {
  variant: string;
  runs: number;
  pages: number;
  /** Medians over the runs. */
  processMs: number;
  windowMs: number;
  startMs: number;
  /** PDFs per second over the whole process (node and browser start-up included). */
  processPdfsPerSecond: number;
  /** PDFs per second once the browser is up. */
  windowPdfsPerSecond: number;
  /** Machine CPU per PDF during the window, ms; undefined when CPU could not be read. */
  cpuMsPerPdf?: number;
  processCpuMs?: number;
}

export function medianOf(values: number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Medians per variant, in the order the variants first appear. */
export function summarizeVariants(runs: PoolRunFigures[]): VariantSummary[] {
  const names = [...new Set(runs.map((r) => r.variant))];
  return names.map((variant) => {
    const mine = runs.filter((r) => r.variant === variant);
    const renders = mine[0]!.renders;
    const processMs = medianOf(mine.map((r) => r.processMs));
    const windowMs = medianOf(mine.map((r) => r.windowMs));
    const cpu = mine.map((r) => r.windowCpuMs).filter((v): v is number => v !== undefined);
    const processCpu = mine.map((r) => r.processCpuMs).filter((v): v is number => v !== undefined);
    return {
      variant,
      runs: mine.length,
      pages: mine[0]!.pages,
      processMs,
      windowMs,
      startMs: medianOf(mine.map((r) => r.startMs)),
      processPdfsPerSecond: perSecond(renders, processMs),
      windowPdfsPerSecond: perSecond(renders, windowMs),
      cpuMsPerPdf: cpu.length === mine.length ? medianOf(cpu) / renders : undefined,
      processCpuMs: processCpu.length === mine.length ? medianOf(processCpu) : undefined,
    };
  });
}

export function perSecond(count: number, ms: number): number {
  return ms > 0 ? (count * 1000) / ms : Number.NaN;
}

/** a / b, to compare throughputs (higher is better, so ours / floor). */
export function ratio(a: number, b: number): number {
  return b > 0 ? a / b : Number.NaN;
}

const fixed = (n: number | undefined, digits: number) => (n === undefined || !Number.isFinite(n) ? 'n/a' : n.toFixed(digits));

export function formatPoolReport(runs: PoolRunFigures[], context: { html: string; floor?: string }): string {
  if (runs.length === 0) return 'No runs.\n';
  const summaries = summarizeVariants(runs);
  const floor = summaries.find((s) => s.variant === (context.floor ?? 'raw'));
  const { renders, pages } = runs[0]!;
  let out = `${renders} PDFs of the same HTML (${context.html}), ${pages} at a time, each variant a whole process, median of ${summaries[0]!.runs} alternated runs\n\n`;
  const header = ['variant', 'start ms', 'window ms', 'PDFs/s', 'vs floor', 'CPU ms/PDF', 'process ms', 'PDFs/s (process)', 'vs floor'];
  const rows = summaries.map((s) => [
    s.variant,
    fixed(s.startMs, 0),
    fixed(s.windowMs, 0),
    fixed(s.windowPdfsPerSecond, 2),
    floor ? fixed(ratio(s.windowPdfsPerSecond, floor.windowPdfsPerSecond), 2) : 'n/a',
    fixed(s.cpuMsPerPdf, 0),
    fixed(s.processMs, 0),
    fixed(s.processPdfsPerSecond, 2),
    floor ? fixed(ratio(s.processPdfsPerSecond, floor.processPdfsPerSecond), 2) : 'n/a',
  ]);
  out += table([header, ...rows]);
  out += '\nwindow: from the first render submitted to the last PDF, browser already up; process: spawn to exit.\n';
  out += 'CPU: the worker process and its browser with all its helpers (process tree), user + system, during the window.\n';
  return out;
}

/** What the --serve client measured against a running server. */
export interface ServeFigures {
  requests: number;
  concurrency: number;
  ok: number;
  failed: number;
  /** 429 answers that were retried. */
  busyRetries: number;
  wallMs: number;
  cpuMs?: number;
  latenciesMs: number[];
  errors: string[];
}

/** The target: the server makes at least 0.9 of the PDFs per second of a raw page pool. */
export const SERVE_TARGET = 0.9;

export function formatServeReport(serve: ServeFigures[], floor: PoolRunFigures[]): string {
  if (serve.length === 0) return 'No runs.\n';
  const first = serve[0]!;
  const serveMs = medianOf(serve.map((s) => s.wallMs));
  const servePerSecond = perSecond(first.requests, serveMs);
  const cpus = serve.map((s) => s.cpuMs).filter((v): v is number => v !== undefined);
  const serveCpuPerPdf = cpus.length === serve.length ? medianOf(cpus) / first.requests : undefined;
  const latencies = serve.flatMap((s) => s.latenciesMs);
  let out = `${first.requests} briefing requests (3 articles each), ${first.concurrency} at once, against the server; median of ${serve.length} runs\n`;
  out += `  ok ${sum(serve.map((s) => s.ok))}, failed ${sum(serve.map((s) => s.failed))}, 429 retried ${sum(serve.map((s) => s.busyRetries))}\n`;
  out += `  wall ${fixed(serveMs, 0)} ms, ${fixed(servePerSecond, 2)} PDFs/s, CPU ${serveCpuPerPdf !== undefined ? `${fixed(serveCpuPerPdf, 0)} ms/PDF` : 'n/a'}\n`;
  out += `  latency per request: median ${fixed(medianOf(latencies), 0)} ms, max ${fixed(Math.max(...latencies), 0)} ms\n`;
  const errors = [...new Set(serve.flatMap((s) => s.errors))];
  for (const error of errors.slice(0, 5)) out += `  error: ${error}\n`;
  if (floor.length > 0) {
    const [raw] = summarizeVariants(floor);
    const r = ratio(servePerSecond, raw!.windowPdfsPerSecond);
    out += `\nraw page pool floor (same HTML, ${raw!.pages} tabs, browser up): ${fixed(raw!.windowPdfsPerSecond, 2)} PDFs/s, CPU ${fixed(raw!.cpuMsPerPdf, 0)} ms/PDF\n`;
    out += `ratio server / floor: ${fixed(r, 2)} (target >= ${SERVE_TARGET}${r >= SERVE_TARGET ? ', met' : ', NOT met'})\n`;
    // The throughput ratio moves with whatever else the machine runs during each measurement; CPU per PDF much less,
    // and on a machine the renders keep busy it is what sets the throughput.
    if (serveCpuPerPdf !== undefined && raw!.cpuMsPerPdf !== undefined) {
      out += `CPU per PDF, floor / server: ${fixed(raw!.cpuMsPerPdf / serveCpuPerPdf, 2)}\n`;
    }
  }
  return out;
}

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ')).join('\n') + '\n';
}
