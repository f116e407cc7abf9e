import { describe, expect, it } from 'vitest';
import { formatStartupReport, type StartupReport } from '../../src/bench/startup.js';

const run = (cpu: number, wall: number) => ({ cpu, wall });

function report(pages: StartupReport['pages']): StartupReport {
  return {
    reps: 3,
    input: '/somewhere/seeds',
    node: [run(0.06, 0.06), run(0.05, 0.05), run(0.07, 0.07)],
    help: [run(0.09, 0.09), run(0.08, 0.08), run(0.1, 0.1)],
    json: [run(0.6, 0.5), run(0.7, 0.5), run(0.5, 0.4)],
    pdf: [
      { cli: run(3, 1.6), floor: run(2, 1.2) },
      { cli: run(3.3, 1.8), floor: run(2.2, 1.2) },
      { cli: run(2.8, 1.5), floor: run(2, 1.25) },
    ],
    pages,
    load: { before: 1, after: 2 },
  };
}

describe('the start-up report', () => {
  it('gives medians, the pairs\' median ratio under the input\'s name, and the real pages when they were run', () => {
    const text = formatStartupReport(report([run(4.8, 3.3), run(5.1, 3.5), run(4.9, 3.4)]));
    expect(text).toMatch(/generate --format json\s+0\.60\s+0\.50\s+CPU < 1 s: met/);
    expect(text).toMatch(/real pages to JSON \(eval aeb\)\s+4\.90\s+3\.40/);
    // Ratios pair by pair: 1.5, 1.5, 1.4 in CPU; 1.33, 1.5, 1.2 in wall.
    expect(text).toContain('seeds to PDF / floor, median of the pairs\' ratios: 1.50x CPU, 1.33x wall (target <= 1.2 both: NOT met)');
  });

  it('leaves the real pages out when they were not there', () => {
    expect(formatStartupReport(report([]))).not.toContain('real pages');
  });
});
