/**
 * Web pages read on worker threads, several at once. Reading a page (parsing it, finding its article) is the
 * engine's costliest step per input, about 20 ms of CPU a real page, and each page is independent of the others: a
 * day of a few hundred pages is read in a fraction of the time when every CPU reads. What crosses is the page's
 * markup and the article read from it, both plain data; the answer is extractArticle's, the same as on this thread.
 * A page that takes its thread down (out of memory) fails alone, as a page that throws does on this thread, and the
 * next gets a new thread.
 */
import { Piscina } from 'piscina';
import { heapLimitMb } from '../capacity.js';
import { threadModule } from '../util/thread-module.js';
import { extractArticle, type ExtractedArticle } from './extract-html.js';
import type { ExtractionTask } from './extraction-thread.js';

export class ExtractionThreads {
  readonly #pool: Piscina<ExtractionTask, ExtractedArticle>;
  /** Set when a thread could not start at all: the pages go on being read on this thread. */
  #broken: Error | null = null;
  readonly #memoryMb: number;
  readonly #onBroken = new Set<() => void>();

  /**
   * `threads` pages at once; `memoryMb`, the heap a thread may use (default the process's limit): a page needing more
   * fails alone, and the next page gets a new thread.
   */
  constructor(threads: number, { memoryMb }: { memoryMb?: number } = {}) {
    this.#memoryMb = memoryMb ?? heapLimitMb();
    this.#pool = new Piscina<ExtractionTask, ExtractedArticle>({
      filename: threadModule('ingest/extraction-thread.js', import.meta.url).href,
      // Threads start with the first pages (a run of Markdown starts none) and end with the run (close()).
      minThreads: 0,
      maxThreads: Math.max(1, Math.floor(threads)),
      atomics: 'disabled',
      ...(memoryMb === undefined ? {} : { resourceLimits: { maxOldGenerationSizeMb: memoryMb } }),
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
    if (this.#broken) return extractArticle(html, url);
    let readHere!: () => void;
    const broken = new Promise<'broken'>((resolve) => this.#onBroken.add((readHere = () => resolve('broken'))));
    try {
      const answer = await Promise.race([this.#pool.run({ html, url }), broken]);
      return answer === 'broken' ? extractArticle(html, url) : answer;
    } catch (error) {
      if ((error as { code?: unknown }).code !== 'ERR_WORKER_OUT_OF_MEMORY') throw error;
      return { text: '', meta: {}, skipped: `skipped: reading the page needed more memory than its thread has (${this.#memoryMb} MB)` };
    } finally {
      this.#onBroken.delete(readHere);
    }
  };

  /** Ends the threads (pages still being read are rejected). */
  async close(): Promise<void> {
    await this.#pool.destroy();
  }
}
