/**
 * Web pages read on worker threads, several at once. Reading a page (parsing it, finding its article) is the
 * engine's costliest step per input, about 20 ms of CPU a real page, and each page is independent of the others: a
 * day of a few hundred pages is read in a fraction of the time when every CPU reads. What crosses is the page's
 * markup and the article read from it, both plain data; the answer is extractArticle's, the same as on this thread.
 * A page that takes its thread down (out of memory) or holds it past the deadline is skipped with the reason, and the
 * next gets a new thread: on a thread, a page the reader's bounds did not foresee costs itself only, where on the
 * run's own thread nothing can stop it.
 */
import type { Piscina } from 'piscina';
import { heapLimitMb } from '../capacity.js';
import { ConcurrencyLimiter } from '../util/limiter.js';
import { isThreadOutOfMemory, threadPool } from '../util/thread-pool.js';
import { extractHere, skippedPage, unreadablePage, type ExtractedArticle } from './extract-html.js';
import type { ExtractionTask } from './extraction-thread.js';

/**
 * The longest a page may take. The bounds on markup (extract-html.ts) keep the costliest page they let through to
 * about 1.5 s of CPU (5 MB of 29,000 paragraphs; a real page takes 20 ms): past 20 times that, something they did not
 * foresee is at work.
 */
const PAGE_DEADLINE_MS = 30_000;

export interface ExtractionThreadsOptions {
  /** The heap a thread may use, in MB (default the process's limit). */
  memoryMb?: number;
  /** The longest a page may take on its thread (default PAGE_DEADLINE_MS). */
  deadlineMs?: number;
}

export class ExtractionThreads {
  readonly #pool: Piscina<ExtractionTask, ExtractedArticle>;
  readonly #deadlineMs: number;
  /** Pages handed to the pool, at most one a thread, so each page's deadline runs from when a thread takes it. */
  readonly #places: ConcurrencyLimiter;
  /** Set when a thread could not start at all: the pages go on being read on this thread. */
  #broken: Error | null = null;
  readonly #memoryMb: number;
  readonly #onBroken = new Set<() => void>();

  /** `threads` pages at once. */
  constructor(threads: number, { memoryMb, deadlineMs = PAGE_DEADLINE_MS }: ExtractionThreadsOptions = {}) {
    const places = Math.max(1, Math.floor(threads));
    this.#places = new ConcurrencyLimiter(places, places);
    this.#deadlineMs = deadlineMs;
    this.#memoryMb = memoryMb ?? heapLimitMb();
    // Threads start with the first pages (a run of Markdown starts none) and end with the run (close()). The heap
    // limit is set even when not asked for: a thread does not inherit that of an engine thread it is made in.
    this.#pool = threadPool<ExtractionTask, ExtractedArticle>('ingest/extraction-thread.js', import.meta.url, {
      threads: places,
      memoryMb: this.#memoryMb,
    });
    // An error outside a task is a thread that could not start (its module did not load): piscina would leave the
    // pages waiting for it waiting for ever. They, and the pages after them, are read here instead.
    this.#pool.on('error', (error: Error) => {
      this.#broken ??= error;
      for (const readHere of this.#onBroken) readHere();
      this.#onBroken.clear();
    });
  }

  /** An HtmlExtractor (extract-html.ts). */
  readonly extract = async (html: string, url?: string): Promise<ExtractedArticle> => {
    const release = await this.#places.acquire('');
    try {
      return await this.#readOnThread(html, url);
    } finally {
      release();
    }
  };

  async #readOnThread(html: string, url: string | undefined): Promise<ExtractedArticle> {
    if (this.#broken) return extractHere(html, url);
    let readHere!: () => void;
    const broken = new Promise<'broken'>((resolve) => this.#onBroken.add((readHere = () => resolve('broken'))));
    const deadline = AbortSignal.timeout(this.#deadlineMs);
    try {
      const answer = await Promise.race([this.#pool.run({ html, url }, { signal: deadline }), broken]);
      return answer === 'broken' ? extractHere(html, url) : answer;
    } catch (error) {
      if (deadline.aborted) return skippedPage(`reading the page took more than ${this.#deadlineMs / 1000} s (a real page takes a fraction of a second)`);
      if (isThreadOutOfMemory(error)) return skippedPage(`reading the page needed more memory than its thread has (${this.#memoryMb} MB)`);
      return unreadablePage(error);
    } finally {
      this.#onBroken.delete(readHere);
    }
  }

  /** Ends the threads (pages still being read are rejected). */
  async close(): Promise<void> {
    await this.#pool.destroy();
  }
}
