import type { EvalReport } from './types.js';

/** A plain-text table: our metrics next to each baseline that reports the same metric. */
export function formatReport(report: EvalReport): string {
  const metricNames = Object.keys(report.metrics);
  const columns = ['briefing', ...report.baselines.map((b) => b.name)];
  const cell = (value: number | undefined, metric: string) =>
    value === undefined ? '' : isPoints(metric) ? value.toFixed(2) : value.toFixed(3);
  const rows = metricNames.map((metric) => [
    metric,
    cell(report.metrics[metric], metric),
    ...report.baselines.map((b) => cell(b.metrics[metric], metric)),
  ]);
  const header = ['metric', ...columns];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return (
    `${report.task}: ${report.items} items from ${report.data} in ${report.seconds.toFixed(1)} s\n` +
    `${line(header)}\n${rows.map(line).join('\n')}\n`
  );
}

function isPoints(metric: string): boolean {
  return metric.toLowerCase().includes('rouge');
}
