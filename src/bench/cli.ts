import { parseArgs } from 'node:util';
import { floorRun, fullRun, median, readHtml, type BenchInput, type FloorRun, type FullRun } from './measure.js';

/**
 * `npm run bench`: the whole seeds-to-PDF run in one process against its floor (a browser launch,
 * setContent and page.pdf() of the same final HTML), medians over several repetitions, run alternately
 * so both see the same machine load.
 */
const HELP = `Usage: npm run bench -- [--input DIR] [--reps N] [--paper a4|letter] [--theme NAME] [--html FILE]
  --input   articles to read (default seeds)
  --reps    repetitions, the median is reported (default 5)
  --html    render this HTML file instead of generating the briefing (engine or theme unavailable)
`;

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      input: { type: 'string', default: 'seeds' },
      reps: { type: 'string', default: '5' },
      paper: { type: 'string', default: 'a4' },
      theme: { type: 'string' },
      html: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const reps = Number(values.reps);
  if (!Number.isInteger(reps) || reps < 1) {
    process.stderr.write(`--reps must be a positive integer, got ${values.reps}\n${HELP}`);
    return 2;
  }
  if (values.paper !== 'a4' && values.paper !== 'letter') {
    process.stderr.write(`--paper must be a4 or letter, got ${values.paper}\n`);
    return 2;
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
    process.stderr.write(`bench: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
