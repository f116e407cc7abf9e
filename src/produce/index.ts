import type { BrowserManager } from '../browser/browser-manager.js';
import type { BriefingConfig, SourceFailurePolicy } from '../config/index.js';
import type { EditionFilter } from '../edition/filters.js';
import { judgeRun } from '../edition/verdict.js';
import type { Briefing } from '../model/schema.js';
import { generateBriefing } from '../pipeline.js';
import type { EngineThreads } from './engine-threads.js';
import type { Branding } from '../render/branding.js';
import type { Paper } from '../render/html.js';
import type { LoadedTheme } from '../render/theme.js';
import { renderBriefing, type OutputFormat } from '../render/index.js';
import type { RenderedOutput } from '../render/json.js';
import { sourcesFromInputs, type FailedSource, type SourceSpec } from '../sources/index.js';
import { EditionRunFailedError } from '../util/errors.js';
import { realWriteSetFs, unflushedWriteSetFs, writeFileSet } from '../util/write-set.js';

/** The pipeline's stages, then memory (editions only), render and write, in the order a run reaches them. */
export type ProduceStage = 'ingest' | 'clean' | 'analyze' | 'group' | 'summarize' | 'compose' | 'memory' | 'render' | 'write';

export interface ProduceStageEvent {
  stage: ProduceStage;
  phase: 'start' | 'end';
  /** Milliseconds, on 'end'. */
  ms?: number;
}

export interface ProduceOptions {
  /** Files, folders and http(s) URLs. */
  inputs?: string[];
  /** Configured sources, read after the inputs. */
  sources?: SourceSpec[];
  /** Fetch rules, input size and article caps, languages, threads in full, themes folder and base folder of theme paths. */
  config: Pick<BriefingConfig, 'fetch' | 'maxInputBytes' | 'maxArticles' | 'languages' | 'themesDir' | 'baseDir' | 'editionDefaults'>;
  date: string;
  timezone: string;
  title?: string;
  /** The instant recorded as generatedAt. */
  now: Date;
  threadWords?: number;
  /** Threads shown in full (the others in brief); default: the configuration's editionDefaults.threadsInFull. */
  threadsInFull?: number;
  /** An edition's filter (its window, keywords, entities and outlets): an article it refuses is listed as excluded. */
  editionFilter?: EditionFilter;
  /** Continuity across days (editions): takes the generated briefing, returns it as published. */
  memory?: (briefing: Briefing) => Briefing | Promise<Briefing>;
  /** When the run is a failure (see edition/verdict.ts); defaults: at least one story, a failed source warns. */
  verdict?: { minStories?: number; onSourceFailure?: SourceFailurePolicy };
  formats: OutputFormat[];
  theme?: string;
  paper?: Paper;
  editorNote?: string;
  branding?: Branding;
  /** Runs the engine on a worker thread (EngineThreads of a server or a scheduler) instead of this one. */
  engine?: EngineThreads;
  /** Web pages read at once on threads of the run's own (GenerateOptions.extractionThreads; default 1). */
  extractionThreads?: number;
  /** The process's shared browser; when absent and a PDF is wanted, one is started for this call and closed. */
  browser?: BrowserManager;
  /** When given, the outputs are written there, all or nothing; otherwise they are only returned. */
  outDir?: string;
  /**
   * False for outputs that need not survive a crash of the machine (the server's job folders, emptied when it
   * starts): they are written without being flushed to the disk. Default true.
   */
  flush?: boolean;
  onStage?: (event: ProduceStageEvent) => void;
  /** Checked between stages: an aborted run throws before it writes anything. */
  signal?: AbortSignal;
}

export interface ProducedBriefing {
  /** The briefing as published (after memory). */
  briefing: Briefing;
  outputs: RenderedOutput[];
  /** Absolute paths written, in the order of `outputs`; empty without `outDir`. */
  written: string[];
  failedSources: FailedSource[];
  /** What cost nothing essential: feed items past maxItems, articles left out by keywords, duplicates. */
  warnings: string[];
  /** Sources that failed while others were read, let through by the verdict (onSourceFailure: warn). */
  sourceWarnings: string[];
  /** Template fields the model does not have and {{{ }}} on model text, once each with file:line (HTML and PDF runs). */
  themeWarnings: string[];
  stages: Array<{ name: ProduceStage; ms: number }>;
}

/**
 * The one way a briefing is made, for the CLI, editions and the server: generate, apply memory, judge, render every
 * format, write. Everything is rendered before anything is written, so a failure leaves no file behind. A run with
 * nothing worth showing (nothing read, every source failed, fewer stories than minStories) throws
 * EditionRunFailedError with its reasons, before anything is rendered.
 */
export async function produceBriefing(options: ProduceOptions): Promise<ProducedBriefing> {
  const stages: ProducedBriefing['stages'] = [];
  const report = (event: ProduceStageEvent) => {
    if (event.phase === 'end') stages.push({ name: event.stage, ms: event.ms ?? 0 });
    options.onStage?.(event);
  };
  const timed = async <T>(stage: ProduceStage, work: () => T | Promise<T>): Promise<T> => {
    checkAborted(options.signal);
    report({ stage, phase: 'start' });
    const begun = performance.now();
    const result = await work();
    report({ stage, phase: 'end', ms: Math.round(performance.now() - begun) });
    // Once written, the files exist: the caller records them (memory, the edition's row) whatever the signal says.
    if (stage !== 'write') checkAborted(options.signal);
    return result;
  };
  // The browser code (and puppeteer) is loaded only by a run that prints; a browser of its own prints one PDF.
  const ownBrowser =
    !options.browser && options.formats.includes('pdf')
      ? new (await import('../browser/browser-manager.js')).BrowserManager({ maxJobsPerBrowser: 1 })
      : undefined;
  // Chromium starts while the engine works, so the PDF costs little more than printing; a run that prints nothing
  // leaves a shared browser (the scheduler's, a batch of editions') alone.
  if (options.formats.includes('pdf')) (options.browser ?? ownBrowser)?.prelaunch();
  try {
    checkAborted(options.signal);
    // Inputs become sources here (all the files as one source, each URL its own), so the verdict sees what failed.
    const sources = [...sourcesFromInputs(options.inputs ?? []), ...(options.sources ?? [])];
    const engineOptions = {
      sources,
      fetch: { ...options.config.fetch },
      date: options.date,
      timezone: options.timezone,
      title: options.title,
      now: options.now,
      maxBytes: options.config.maxInputBytes,
      extractionThreads: options.extractionThreads,
      maxArticles: options.config.maxArticles,
      languages: options.config.languages,
      threadWords: options.threadWords,
      threadsInFull: options.threadsInFull ?? options.config.editionDefaults.threadsInFull,
      editionFilter: options.editionFilter,
      onStage: report,
    };
    const generated = options.engine
      ? await options.engine.generate({ ...engineOptions, signal: options.signal })
      : await generateBriefing(engineOptions);
    checkAborted(options.signal);
    const memory = options.memory;
    const briefing = memory ? await timed('memory', () => memory(generated.briefing)) : generated.briefing;
    const verdict = judgeRun({
      sources: sources.map((s) => s.name),
      failedSources: generated.failedSources,
      inputs: briefing.stats.inputs,
      stories: briefing.threads.length,
      minStories: options.verdict?.minStories ?? 1,
      onSourceFailure: options.verdict?.onSourceFailure ?? 'warn',
    });
    if (verdict.failures.length > 0) throw new EditionRunFailedError(verdict.failures.join('; '), verdict.failures);
    const wantsPage = options.formats.some((f) => f === 'html' || f === 'pdf');
    const { outputs, page } = await timed('render', async () => {
      const page = wantsPage ? await loadPageTheme(options.theme, options.config) : undefined;
      const outputs = await renderBriefing(briefing, {
        formats: options.formats,
        theme: options.theme,
        loadedTheme: page?.theme,
        paper: options.paper,
        editorNote: options.editorNote,
        cwd: options.config.baseDir,
        themesDir: options.config.themesDir,
        branding: options.branding,
        browser: options.browser ?? ownBrowser,
      });
      return { outputs, page };
    });
    // After the render succeeded, so a theme that cannot render fails with its own error, not these; a warning
    // pass that fails itself never fails the run.
    const themeWarnings = page
      ? await import('../templates/theme-warnings.js')
          .then((m) => m.themeWarnings(page.name, { cwd: options.config.baseDir, themesDir: options.config.themesDir, theme: page.theme }))
          .catch(() => [])
      : [];
    const outDir = options.outDir;
    const written = outDir ? await timed('write', () => writeFileSet(outDir, outputs, options.flush === false ? unflushedWriteSetFs : realWriteSetFs)) : [];
    return { briefing, outputs, written, failedSources: generated.failedSources, warnings: generated.warnings, sourceWarnings: verdict.warnings, themeWarnings, stages };
  } finally {
    await ownBrowser?.close();
  }
}

function checkAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw signal.reason instanceof Error ? signal.reason : new Error('the run was aborted');
}

/**
 * The page's theme, loaded once for the page and its warnings: each load checks every file of the theme's folders
 * for changes, which a server would otherwise do twice per request.
 */
async function loadPageTheme(
  name: string | undefined,
  config: { baseDir: string; themesDir?: string },
): Promise<{ name: string; theme: LoadedTheme }> {
  const { DEFAULT_THEME, loadTheme } = await import('../render/theme.js');
  const themeName = name ?? DEFAULT_THEME;
  return { name: themeName, theme: await loadTheme(themeName, config.baseDir, config.themesDir) };
}
