import { describe, expect, test } from 'vitest';
import { cpuMsFromProcStat, parseProcPidStat, treeCpuMs } from '../../src/bench/cpu.js';
import { formatPoolReport, formatServeReport, medianOf, summarizeVariants, type PoolRunFigures, type ServeFigures } from '../../src/bench/pool-report.js';

const run = (variant: string, windowMs: number, processMs: number, windowCpuMs?: number): PoolRunFigures => ({
  variant,
  renders: 20,
  pages: 2,
  startMs: 1_000,
  windowMs,
  windowCpuMs,
  processMs,
  processCpuMs: windowCpuMs === undefined ? undefined : windowCpuMs + 500,
});

describe('pool bench report', () => {
  test('medians of odd and even counts; an empty list has none (NaN)', () => {
    expect(medianOf([3, 1, 2])).toBe(2);
    expect(medianOf([4, 1, 3, 2])).toBe(2.5);
    expect(medianOf([])).toBeNaN();
  });

  test('per variant: medians, PDFs per second over the window and over the process, CPU per PDF', () => {
    const [raw, pool] = summarizeVariants([run('raw', 10_000, 14_000, 8_000), run('pool', 12_500, 16_000, 9_000), run('raw', 12_000, 15_000, 10_000), run('raw', 11_000, 20_000, 9_000)]);
    expect(raw).toMatchObject({ variant: 'raw', runs: 3, windowMs: 11_000, processMs: 15_000, cpuMsPerPdf: 450 });
    expect(raw!.windowPdfsPerSecond).toBeCloseTo(20 / 11, 5);
    expect(raw!.processPdfsPerSecond).toBeCloseTo(20 / 15, 5);
    expect(pool).toMatchObject({ variant: 'pool', runs: 1, windowMs: 12_500 });
    expect(pool!.windowPdfsPerSecond).toBeCloseTo(1.6, 5);
  });

  test('CPU is reported only when every run could read it', () => {
    const [raw] = summarizeVariants([run('raw', 10_000, 14_000, 8_000), run('raw', 10_000, 14_000)]);
    expect(raw!.cpuMsPerPdf).toBeUndefined();
    expect(formatPoolReport([run('raw', 10_000, 14_000)], { html: 'seeds' })).toContain('n/a');
  });

  test('the pool table gives each variant its throughput relative to the raw floor', () => {
    const text = formatPoolReport([run('raw', 10_000, 14_000, 8_000), run('pool', 12_500, 17_500, 9_000), run('render', 20_000, 28_000, 16_000)], { html: 'seeds' });
    expect(text).toMatch(/^20 PDFs of the same HTML \(seeds\), 2 at a time/);
    const line = (name: string) => text.split('\n').find((l) => l.startsWith(name))!.trim().split(/\s+/);
    // variant, start, window, PDFs/s, vs floor, CPU ms/PDF, process, PDFs/s (process), vs floor
    expect(line('raw')).toEqual(['raw', '1000', '10000', '2.00', '1.00', '400', '14000', '1.43', '1.00']);
    expect(line('pool')).toEqual(['pool', '1000', '12500', '1.60', '0.80', '450', '17500', '1.14', '0.80']);
    expect(line('render')).toEqual(['render', '1000', '20000', '1.00', '0.50', '800', '28000', '0.71', '0.50']);
  });

  test('the serve report: counts, throughput, latency, errors, and the ratio to the floor against the 0.9 target', () => {
    const serve = (wallMs: number, extra: Partial<ServeFigures> = {}): ServeFigures => ({
      requests: 20,
      concurrency: 20,
      ok: 20,
      failed: 0,
      busyRetries: 0,
      wallMs,
      cpuMs: 18_000,
      latenciesMs: [wallMs / 2, wallMs],
      errors: [],
      ...extra,
    });
    const met = formatServeReport([serve(10_000), serve(12_000), serve(11_000)], [run('raw', 10_000, 14_000, 8_000)]);
    expect(met).toContain('ok 60, failed 0, 429 retried 0');
    expect(met).toContain('wall 11000 ms, 1.82 PDFs/s, CPU 900 ms/PDF');
    expect(met).toContain('latency per request: median 8000 ms, max 12000 ms');
    expect(met).toContain('raw page pool floor (same HTML, 2 tabs, browser up): 2.00 PDFs/s, CPU 400 ms/PDF');
    expect(met).toContain('ratio server / floor: 0.91 (target >= 0.9, met)');
    expect(met).toContain('CPU per PDF, floor / server: 0.44');
    const missed = formatServeReport([serve(20_000, { ok: 19, failed: 1, busyRetries: 3, errors: ['job x failed: boom'] })], [run('raw', 10_000, 14_000)]);
    expect(missed).toContain('ratio server / floor: 0.50 (target >= 0.9, NOT met)');
    // Without a CPU reading on both sides there is no CPU ratio.
    expect(missed).not.toContain('CPU per PDF, floor / server');
    expect(missed).toContain('ok 19, failed 1, 429 retried 3');
    expect(missed).toContain('error: job x failed: boom');
    expect(formatServeReport([], [])).toBe('No runs.\n');
  });
});

describe('CPU readings', () => {
  test('the machine: busy ticks of the first cpu line, in ms', () => {
    expect(cpuMsFromProcStat('cpu  100 5 50 9000 20 1 4 0 0 0\ncpu0 50 2 25 4500 10 0 2 0 0 0\n')).toBe(1_600);
    expect(cpuMsFromProcStat('nonsense')).toBeUndefined();
    expect(cpuMsFromProcStat('cpu a b c d e f g h')).toBeUndefined();
  });

  test('a process tree: the root and every descendant, not its parent or siblings; a comm with spaces and parentheses parses', () => {
    const stat = (pid: number, comm: string, ppid: number, utime: number, stime: number, cutime = 0, cstime = 0) =>
      `${pid} (${comm}) S ${ppid} 1 1 0 -1 4194560 100 0 0 0 ${utime} ${stime} ${cutime} ${cstime} 20 0 1 0 100 1000 10`;
    const entries = [
      stat(1, 'init', 0, 500, 500),
      stat(10, 'node', 1, 100, 20, 30, 0),
      stat(11, 'chromium', 10, 200, 50),
      stat(12, 'chromium (renderer) x', 11, 300, 10),
      stat(20, 'other', 1, 9_000, 9_000),
    ].map((text) => parseProcPidStat(text)!);
    expect(entries[3]).toEqual({ pid: 12, ppid: 11, ticks: 310 });
    expect(treeCpuMs(entries, 10)).toBe(7_100);
    expect(treeCpuMs(entries, 11)).toBe(5_600);
    expect(treeCpuMs(entries, 99)).toBeUndefined();
    expect(parseProcPidStat('garbage')).toBeUndefined();
  });
});
