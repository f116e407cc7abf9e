import { analyzeForGrouping } from './analyze/index.js';
import type { CleanArticle } from './clean/types.js';
import type { ExcludedInput, RawDocument } from './ingest/types.js';
import { extractHere, type HtmlExtractor } from './ingest/extract-html.js';
import type { ExtractionThreads } from './ingest/extraction-threads.js';
import { cleanHandedOver } from './clean/index.js';
import { composeBriefing } from './compose/index.js';
import { editionArticleFilter, type EditionFilter } from './edition/filters.js';
import { groupArticles } from './group/index.js';
import type { FetchOptions } from './fetch/index.js';
import type { Briefing } from './model/schema.js';
import { collectSources, sourcesFromInputs, type FailedSource, type SourceFetcher, type SourceSpec } from './sources/index.js';
import { summarize } from './summarize/index.js';
import { programInfo } from './version.js';
import { DEFAULT_MAX_ARTICLES } from './capacity.js';

export interface GenerateOptions {
  /** Files, folders and http(s) URLs (a URL serving a feed is read as a feed, anything else as a web page). */
  inputs?: string[];
  /** Named sources (the configuration's `sources:`), read after the inputs. */
  sources?: SourceSpec[];
  /** Used for every network source; when absent one is made from `fetch` and closed at the end of the run. */
  fetcher?: SourceFetcher;
  fetch?: FetchOptions;
  /** Briefing date, YYYY-MM-DD. */
  date: string;
  timezone: string;
  title?: string;
  /** The instant recorded as generatedAt (injectable so tests and re-runs are reproducible). */
  now?: Date;
  /** Per-input size cap in bytes (default 5 MB). */
  maxBytes?: number;
  /**
   * Web pages read at once, each on a worker thread of this run's (default 1: on this thread). Worth it for a day of
   * many pages read by one run at a time (the CLI, scheduled editions); a server's small runs would pay each thread's
   * start-up (loading the page reader, about 0.3 s of CPU) again and again.
   */
  extractionThreads?: number;
  /** Accepted article languages (default: the cleaner's DEFAULT_LANGUAGES), or 'any'. */
  languages?: readonly string[] | 'any';
  /** Summary length of a thread and of an event, in words. */
  threadWords?: number;
  eventWords?: number;
  /**
   * How many of the most important threads are shown in full (figures, quotes, event summaries); the others are in
   * brief. Default DEFAULT_THREADS_IN_FULL.
   */
  threadsInFull?: number;
  onStage?: (event: StageEvent) => void;
  /**
   * Decides, after cleaning, whether an article belongs in this briefing (an edition's time window and filters):
   * null keeps it, a reason leaves it out, listed in `excluded` with that reason.
   */
  articleFilter?: (article: CleanArticle) => string | null;
  /**
   * An edition's filter as data (its window, keywords, entities and outlets), made into `articleFilter` here: data
   * crosses to an engine thread where a function cannot. Used instead of `articleFilter` when both are given.
   */
  editionFilter?: EditionFilter;
  /**
   * At most this many usable articles are analysed (default DEFAULT_MAX_ARTICLES): past it the newest are kept and
   * the others listed in `excluded` with the reason, so an oversized input makes a briefing instead of exhausting memory.
   */
  maxArticles?: number;
}


export type StageName = 'ingest' | 'clean' | 'analyze' | 'group' | 'summarize' | 'compose';
export const STAGES: StageName[] = ['ingest', 'clean', 'analyze', 'group', 'summarize', 'compose'];

export interface StageEvent {
  stage: StageName;
  phase: 'start' | 'end';
  /** Milliseconds, on 'end'. */
  ms?: number;
}

export interface GenerateResult {
  briefing: Briefing;
  timings: Record<StageName, number>;
  /** Sources that yielded nothing, each with why; their details are also in the briefing's `excluded` list. */
  failedSources: FailedSource[];
  /** Problems that cost nothing essential: skipped feed items past maxItems, articles filtered by keywords, duplicates. */
  warnings: string[];
}

/** Runs the whole engine: inputs and sources in, the validated briefing model out. Writes nothing. */
export async function generateBriefing(options: GenerateOptions): Promise<GenerateResult> {
  const timings = {} as Record<StageName, number>;
  const stage = async <T>(name: StageName, run: () => T | Promise<T>): Promise<T> => {
    options.onStage?.({ stage: name, phase: 'start' });
    const started = performance.now();
    const result = await run();
    timings[name] = Math.round(performance.now() - started);
    options.onStage?.({ stage: name, phase: 'end', ms: timings[name] });
    return result;
  };

  const sources = [...sourcesFromInputs(options.inputs ?? []), ...(options.sources ?? [])];
  // The fetcher's code (14 modules) is loaded only by a run that reads from the network.
  const ownFetcher =
    !options.fetcher && sources.some((s) => s.kind !== 'path') ? new (await import('./fetch/fetcher.js')).Fetcher(options.fetch ?? {}) : undefined;
  const extraction = (options.extractionThreads ?? 1) > 1 ? pagesOnThreads(options.extractionThreads!) : undefined;
  let read;
  try {
    read = await stage('ingest', () =>
      collectSources(sources, {
        fetcher: options.fetcher ?? ownFetcher,
        ingest: { maxBytes: options.maxBytes, extract: extraction?.extract },
        now: options.now,
      }),
    );
  } finally {
    ownFetcher?.close();
    await extraction?.close();
  }
  // The event loop turns once before the engine's synchronous stages: until then the reader's last finished file
  // requests are still held, and with them the Error of a missing sidecar, whose stack holds the reading loop and
  // every document read (all the texts, for the whole run, as the stages after this never wait on I/O).
  await new Promise((resolve) => setImmediate(resolve));
  // Compose needs of the documents only what identifies each input; the texts go once cleaned.
  const inputs = read.documents.map(({ path, digest }) => ({ path, digest }));
  const cleaned = await stage('clean', () => cleanHandedOver(takeDocuments(read), { languages: options.languages }));
  const filtered: ExcludedInput[] = [];
  const articleFilter = options.editionFilter ? editionArticleFilter(options.editionFilter) : options.articleFilter;
  const chosen = articleFilter ? keepArticles(cleaned, articleFilter, filtered) : cleaned;
  const beforeLimit = filtered.length;
  const maxArticles = options.maxArticles ?? DEFAULT_MAX_ARTICLES;
  const articles = newestArticles(chosen, maxArticles, filtered);
  const overLimit = filtered.length - beforeLimit;
  const warnings = overLimit === 0
    ? read.warnings
    : [...read.warnings, `${overLimit.toLocaleString('en')} older articles left out: more than maxArticles (${maxArticles.toLocaleString('en')}) usable articles were read; raise it (and Node's heap) to take them all.`];
  const analysis = await stage('analyze', () => analyzeForGrouping(articles));
  const grouping = await stage('group', () => groupArticles(analysis));
  const threads = await stage('summarize', () =>
    summarize(analysis, grouping, { threadWords: options.threadWords, eventWords: options.eventWords, threadsInFull: options.threadsInFull }),
  );
  const briefing = await stage('compose', () =>
    composeBriefing(
      { documents: inputs, excludedInputs: read.excluded, articles, analysis, threads },
      {
        title: options.title ?? 'Daily Briefing',
        date: options.date,
        timezone: options.timezone,
        generatedAt: options.now ?? new Date(),
        generator: programInfo(),
      },
    ),
  );
  // Filtered articles were read (they count as inputs): they are added to `excluded` only, not a second time to inputs.
  const result = filtered.length === 0
    ? briefing
    : {
        ...briefing,
        excluded: [...briefing.excluded, ...filtered.map((e) => ({ path: e.path, reason: e.reason, articleId: null }))],
        stats: { ...briefing.stats, excluded: briefing.stats.excluded + filtered.length },
      };
  return { briefing: result, timings, failedSources: read.failedSources, warnings };
}

/**
 * An extractor reading pages on `threads` threads, made with the run's first page: a run of Markdown or plain text
 * loads no thread code and starts no thread. Should the pool not be made, the pages are read on this thread.
 */
function pagesOnThreads(threads: number): { extract: HtmlExtractor; close: () => Promise<void> } {
  let made: Promise<ExtractionThreads | undefined> | undefined;
  return {
    extract: async (html, url) => {
      made ??= import('./ingest/extraction-threads.js')
        .then((module) => new module.ExtractionThreads(threads))
        .catch(() => undefined);
      const pool = await made;
      return pool ? pool.extract(html, url) : extractHere(html, url);
    },
    close: async () => {
      await (await made)?.close();
    },
  };
}

/** The documents read, taken out of the result that holds them, so they are let go as soon as their reader is done. */
function takeDocuments(read: { documents: RawDocument[] }): RawDocument[] {
  const documents = read.documents;
  read.documents = [];
  return documents;
}

/**
 * The newest `limit` usable articles (by publication date, undated ones last, then input order); the other usable
 * ones go to `excluded` with the reason. Articles that are not usable pass through: they are excluded anyway.
 */
function newestArticles(articles: CleanArticle[], limit: number, excluded: ExcludedInput[]): CleanArticle[] {
  const usable = articles.filter((article) => article.status === 'ok');
  if (usable.length <= limit) return articles;
  // A stable sort of the filtered copy: equal dates keep their input order.
  const kept = new Set(usable.sort((a, b) => (b.published.date ?? '').localeCompare(a.published.date ?? '')).slice(0, limit));
  const reason = `more than ${limit.toLocaleString('en')} usable articles (maxArticles): the newest ${limit.toLocaleString('en')} are in this briefing`;
  for (const article of articles) if (article.status === 'ok' && !kept.has(article)) excluded.push({ path: article.path, reason });
  return articles.filter((article) => article.status !== 'ok' || kept.has(article));
}

/** The articles the filter keeps; the others go to `excluded` with the filter's reason. */
function keepArticles(articles: CleanArticle[], filter: (article: CleanArticle) => string | null, excluded: ExcludedInput[]): CleanArticle[] {
  const kept: CleanArticle[] = [];
  for (const article of articles) {
    const reason = filter(article);
    if (reason === null) kept.push(article);
    else excluded.push({ path: article.path, reason });
  }
  return kept;
}
