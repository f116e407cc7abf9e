/**
 * The engine on worker threads, for a process that serves while it makes briefings (`briefing serve`). The engine's
 * stages are synchronous: on the main thread a run of a few thousand articles holds the event loop for seconds at
 * a time, and with it every other request, the job events and the browser's pages, which wait for their next
 * DevTools command. On a thread of its own a run holds nothing but its thread; aborting it ends the thread at once
 * instead of at the next stage.
 */
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { getHeapStatistics } from 'node:v8';
import { MessageChannel } from 'node:worker_threads';
import { Piscina } from 'piscina';
import type { EditionFilter } from '../edition/filters.js';
import { BriefingError } from '../util/errors.js';
import type { GenerateOptions, GenerateResult, StageEvent } from '../pipeline.js';
import type { EngineTask } from './engine-thread.js';

/**
 * What a run on a thread is given: the engine's options but the functions, which cannot cross to a thread; an
 * edition's filter goes as data and is made there.
 */
export type ThreadedGenerateOptions = Omit<GenerateOptions, 'fetcher' | 'articleFilter' | 'onStage'> & { editionFilter?: EditionFilter };

export interface ThreadedRun extends ThreadedGenerateOptions {
  onStage?: (event: StageEvent) => void;
  /** Aborting ends the run's thread; the run rejects with the signal's reason. */
  signal?: AbortSignal;
}

export interface EngineThreadsOptions {
  /**
   * Runs at once, each on its own thread; more wait for one. Default one per CPU, at most 4: past that runs only
   * compete for the same cores, each holding its day in memory.
   */
  threads?: number;
  /**
   * The heap each run's thread may use, in MB; default the process's own limit (Node's default for the machine, or
   * NODE_OPTIONS=--max-old-space-size). A run past it fails alone, with OutOfMemoryError; the process goes on.
   */
  memoryMb?: number;
}

/**
 * The thread's module, beside this one once built; run from the TypeScript sources (the tests), the built one, as a
 * thread does not go through the test runner's transform.
 */
function threadModule(): URL {
  const beside = new URL('./engine-thread.js', import.meta.url);
  return existsSync(beside) ? beside : new URL('../../dist/produce/engine-thread.js', import.meta.url);
}

/** A run that needed more memory than its thread may have. */
export class OutOfMemoryError extends BriefingError {}

function heapLimitMb(memoryMb: number | undefined): number {
  return memoryMb ?? Math.round(getHeapStatistics().heap_size_limit / 1_048_576);
}

export class EngineThreads {
  readonly #threads: number;
  readonly #memoryMb: number | undefined;
  #pool: Piscina<EngineTask, GenerateResult>;
  /** How to fail each run in flight, should the pool itself fail. */
  readonly #inFlight = new Set<(error: Error) => void>();

  constructor(options: EngineThreadsOptions = {}) {
    this.#threads = Math.max(1, Math.floor(options.threads ?? Math.min(4, availableParallelism())));
    this.#memoryMb = options.memoryMb;
    this.#pool = this.#newPool();
  }

  #newPool(): Piscina<EngineTask, GenerateResult> {
    const pool = new Piscina<EngineTask, GenerateResult>({
      filename: threadModule().href,
      // Threads start with the first runs (none is started ahead, so a thread that cannot start fails a run, below,
      // rather than being started again and again) and end after a minute without one, giving their memory back.
      minThreads: 0,
      maxThreads: this.#threads,
      idleTimeout: 60_000,
      ...(this.#memoryMb === undefined ? {} : { resourceLimits: { maxOldGenerationSizeMb: this.#memoryMb } }),
      // A thread waits for its next task on its event loop, not blocked in Atomics.wait.
      atomics: 'disabled',
    });
    // A thread that fails outside a run (it could not start: its module did not load, or its heap was too small for
    // it) leaves the runs waiting for it waiting for ever: they fail with its error, and a new pool takes the next.
    pool.on('error', (error: Error) => {
      if (pool !== this.#pool) return;
      for (const fail of this.#inFlight) fail(error);
      this.#pool = this.#newPool();
      void pool.destroy().catch(() => undefined);
    });
    return pool;
  }

  /** One engine run on a thread: generateBriefing's result, its stage events as they happen. */
  async generate({ onStage, signal, ...options }: ThreadedRun): Promise<GenerateResult> {
    const { port1: events, port2: stages } = new MessageChannel();
    events.on('message', (event: StageEvent) => onStage?.(event));
    // The thread closes its end when the run ends: every event it sent is delivered before 'close'.
    const drained = once(events, 'close');
    let failRun!: (error: Error) => void;
    const poolFailed = new Promise<never>((_, reject) => (failRun = reject));
    this.#inFlight.add(failRun);
    try {
      const result = await Promise.race([this.#pool.run({ options, stages }, { transferList: [stages], signal }), poolFailed]);
      await drained;
      return result;
    } catch (error) {
      if (signal?.aborted) throw signal.reason instanceof Error ? signal.reason : new Error('the run was aborted', { cause: error });
      if ((error as { code?: unknown }).code === 'ERR_WORKER_OUT_OF_MEMORY') {
        throw new OutOfMemoryError(
          `the engine ran out of memory on this run (${options.maxArticles === undefined ? '' : `at most ${options.maxArticles.toLocaleString('en')} articles, `}heap limit ${heapLimitMb(this.#memoryMb)} MB): ` +
            'lower maxArticles in the configuration, or give Node a bigger heap with NODE_OPTIONS=--max-old-space-size=MB',
          { cause: error },
        );
      }
      throw error;
    } finally {
      this.#inFlight.delete(failRun);
      events.close();
    }
  }

  /** Ends every thread; runs still going are rejected. */
  async close(): Promise<void> {
    await this.#pool.destroy();
  }
}
