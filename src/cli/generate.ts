import { existsSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import type { BrowserManager } from '../browser/browser-manager.js';
import type { BriefingConfig } from '../config/index.js';
import type { Briefing } from '../model/schema.js';
import type { Paper } from '../render/html.js';
import type { ProducedBriefing } from '../produce/index.js';
import type { FailedSource, SourceSpec } from '../sources/index.js';
import { OUTPUT_FORMATS, type OutputFormat } from '../render/formats.js';
import { dateInTimeZone, defaultTimeZone, parseBriefingDate } from '../util/dates.js';
import { BriefingError, EditionRunFailedError, UsageError } from '../util/errors.js';
import { threadsForMachine } from '../capacity.js';

export interface GenerateCommandOptions {
  input?: string[];
  config?: string;
  cacheDir?: string;
  out?: string;
  /** Run these editions of the configuration (in order, on one browser) instead of a one-off briefing. */
  edition?: string[];
  /** Commander's --no-deliver: false when given. */
  deliver?: boolean;
  date?: string;
  timezone?: string;
  format: string;
  theme?: string;
  paper: string;
  editorNote?: string;
  title?: string;
  maxBytes?: string;
  summaryWords?: string;
  threadsInFull?: string;
  quiet?: boolean;
}

export interface CommandIO {
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
  cwd: string;
  now: () => Date;
  /** The environment configuration is read from (default: process.env). */
  env?: Record<string, string | undefined>;
}

export async function runGenerate(options: GenerateCommandOptions, io: CommandIO): Promise<void> {
  if (options.edition !== undefined && options.edition.length > 0) {
    return (await import('./edition.js')).runGenerateEdition({ ...options, edition: options.edition }, io);
  }
  if (options.deliver === false) throw new UsageError('--no-deliver only applies with --edition: a one-off briefing is never delivered.');
  const started = performance.now();
  const maxBytes = parsePositiveInt(options.maxBytes, '--max-bytes');
  const threadWords = parsePositiveInt(options.summaryWords, '--summary-words');
  const threadsInFull = parseWholeNumber(options.threadsInFull, '--threads-in-full', 0);
  const formats = parseFormats(options.format);
  const paper = parsePaper(options.paper);
  // A PDF run starts Chromium first, so its start-up overlaps loading the engine, reading the configuration and
  // generating, instead of following them (the engine's modules are imported only after this). It prints one PDF.
  const browser = formats.includes('pdf')
    ? new (await import('../browser/browser-manager.js')).BrowserManager({ maxJobsPerBrowser: 1 })
    : undefined;
  browser?.prelaunch();
  let produced: ProducedBriefing;
  try {
    produced = await produce(options, io, { formats, paper, maxBytes, threadWords, threadsInFull, browser });
  } finally {
    await browser?.close();
  }
  const { briefing, written, failedSources, warnings, themeWarnings } = produced;
  if (!options.quiet) {
    const shown = written.map((target) => {
      const path = relative(io.cwd, target);
      return path && !path.startsWith('..') ? path : target;
    });
    io.stderr.write(`${summaryLine(briefing, shown, failedSources, performance.now() - started)}\n`);
    for (const e of briefing.excluded) io.stderr.write(`briefing: excluded ${e.path}: ${e.reason}\n`);
    for (const warning of warnings) io.stderr.write(`briefing: warning: ${warning}\n`);
  }
  // Said even with --quiet: the briefing was written, but not as the theme's author meant.
  for (const warning of themeWarnings) io.stderr.write(`briefing: theme warning: ${warning}\n`);
}

/** Reads the configuration and produces the briefing into --out (the PDF on the caller's browser), showing progress. */
async function produce(
  options: GenerateCommandOptions,
  io: CommandIO,
  run: { formats: OutputFormat[]; paper: Paper; maxBytes?: number; threadWords?: number; threadsInFull?: number; browser?: BrowserManager },
): Promise<ProducedBriefing> {
  const [{ loadConfig }, { produceBriefing }, { createProgress }] = await Promise.all([
    import('../config/index.js'),
    import('../produce/index.js'),
    import('./progress.js'),
  ]);
  const config = await loadConfig({
    cwd: io.cwd,
    file: options.config,
    env: io.env ?? process.env,
    flags: { title: options.title, timezone: options.timezone, maxInputBytes: run.maxBytes, cacheDir: options.cacheDir },
  });
  const timezone = config.timezone ?? defaultTimeZone();
  const now = io.now();
  const date = options.date ? parseBriefingDate(options.date) : dateInTimeZone(now, timezone);
  const { inputs, sources } = chooseInputs(options, config, io.cwd);
  const progress = createProgress(io.stderr, options.quiet ?? false);
  try {
    return await produceBriefing({
      inputs,
      sources,
      config,
      date,
      timezone,
      title: config.title,
      now,
      threadWords: run.threadWords,
      threadsInFull: run.threadsInFull,
      formats: run.formats,
      theme: options.theme,
      paper: run.paper,
      editorNote: options.editorNote,
      branding: config.branding,
      browser: run.browser,
      // One run in the process: its pages are read on every CPU.
      extractionThreads: threadsForMachine(),
      outDir: resolve(io.cwd, options.out ?? 'out'),
      onStage: (event) => progress.onStage(event),
    });
  } catch (error) {
    if (error instanceof EditionRunFailedError) throw nothingRead(error.reasons, [...inputs, ...sources.map((s) => s.name)]);
    throw error;
  } finally {
    progress.done();
  }
}

/** A one-off run with nothing to show is a plain failure (exit 1) that says what to pass instead. */
function nothingRead(reasons: readonly string[], inputs: string[]): BriefingError {
  return new BriefingError(
    `No article could be read from ${inputs.join(', ')}.\n${reasons.map((r) => `  ${r}`).join('\n')}\n` +
      'Pass files or folders of .txt, .md, .html, .json or .jsonl articles, or feed and page URLs, with --input, ' +
      'or list sources in briefing.config.yaml.',
  );
}

export function parseFormats(value: string): OutputFormat[] {
  const formats = value
    .split(',')
    .map((f) => f.trim().toLowerCase())
    .filter(Boolean);
  if (formats.length === 0) throw new UsageError(`--format is empty: use one or more of ${OUTPUT_FORMATS.join(', ')}.`);
  for (const format of formats) {
    if (!(OUTPUT_FORMATS as readonly string[]).includes(format)) {
      throw new UsageError(`--format "${format}" is not supported: use one or more of ${OUTPUT_FORMATS.join(', ')}.`);
    }
  }
  return [...new Set(formats)] as OutputFormat[];
}

function parsePaper(value: string): Paper {
  const paper = value.trim().toLowerCase();
  if (paper !== 'a4' && paper !== 'letter') throw new UsageError(`--paper "${value}" is not supported: use a4 or letter.`);
  return paper;
}

function parsePositiveInt(value: string | undefined, flag: string): number | undefined {
  return parseWholeNumber(value, flag, 1);
}

function parseWholeNumber(value: string | undefined, flag: string, min: 0 | 1): number | undefined {
  if (value === undefined) return undefined;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < min) {
    throw new UsageError(`${flag} "${value}" must be a ${min === 1 ? 'positive ' : ''}whole number${min === 0 ? ' (0 or more)' : ''}.`);
  }
  return parsed;
}

/** --input wins over the configuration's sources; with neither, the sample articles are read. */
function chooseInputs(options: GenerateCommandOptions, config: BriefingConfig, cwd: string): { inputs: string[]; sources: SourceSpec[] } {
  if (options.input?.length) return { inputs: options.input, sources: [] };
  if (config.sources.length > 0) return { inputs: [], sources: config.sources };
  return { inputs: [defaultInput(cwd)], sources: [] };
}

/** seeds/ of the working directory when there is one, else the samples shipped with the program. */
function defaultInput(cwd: string): string {
  const local = join(cwd, 'seeds');
  if (existsSync(local)) return 'seeds';
  return new URL('../../seeds/', import.meta.url).pathname;
}

function summaryLine(briefing: Briefing, written: string[], failed: FailedSource[], ms: number): string {
  const s = briefing.stats;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  return (
    `briefing: read ${plural(s.inputs, 'input')}, kept ${plural(s.articlesOk, 'article')}, excluded ${s.excluded}; ` +
    `${plural(s.threads, 'thread')}, ${plural(s.events, 'event')}; wrote ${written.join(', ')} in ${(ms / 1000).toFixed(1)} s` +
    (failed.length > 0 ? `; ${plural(failed.length, 'source')} failed: ${failed.map((f) => f.name).join(', ')}` : '')
  );
}
