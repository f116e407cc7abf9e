/**
 * The engine on worker threads, for a process that serves or schedules while it makes briefings (`briefing serve`,
 * `schedule`, `worker`). The engine's stages are synchronous: on the main thread a run of a few hundred articles
 * holds the event loop for a second or more at a time (2,000 articles: 8 s), and with it every other request, the
 * job events, timers and locks, and the browser's pages, which wait for their next DevTools command. On a thread of its own a run holds nothing but its thread; aborting it ends the thread at once
 * instead of at the next stage.
 */
import { once } from 'node:events';
import { MessageChannel } from 'node:worker_threads';
import type { Piscina } from 'piscina';
import { heapLimitMb, threadsForMachine } from '../capacity.js';
import { BriefingError } from '../util/errors.js';
import { isThreadOutOfMemory, threadPool } from '../util/thread-pool.js';
import type { GenerateOptions, GenerateResult, StageEvent } from '../pipeline.js';
import { STARTED, type EngineTask, type ThreadMessage } from './engine-thread.js';

/**
 * What a run on a thread is given: the engine's options but the functions, which cannot cross to a thread (an
 * edition's filter goes as data, `editionFilter`).
 */
export type ThreadedGenerateOptions = Omit<GenerateOptions, 'fetcher' | 'articleFilter' | 'onStage'>;

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

/** A run that needed more memory than its thread may have. */
export class OutOfMemoryError extends BriefingError {}

/** No thread could be started for a run. */
export class EngineThreadError extends BriefingError {}

/** The longest a timer may wait (2^31 - 1 ms). */
const MAX_TIMER_MS = 2_147_483_647;

export class EngineThreads {
  readonly #threads: number;
  readonly #memoryMb: number | undefined;
  #pool: Piscina<EngineTask, GenerateResult>;
  /** Pools replaced after a thread failed to start, finishing the runs they had begun. */
  readonly #retired = new Set<Piscina<EngineTask, GenerateResult>>();
  /** How to fail each run not yet started on a thread, should no thread start. */
  readonly #waiting = new Set<(error: Error) => void>();
  #closed = false;

  constructor(options: EngineThreadsOptions = {}) {
    this.#threads = Math.max(1, Math.floor(options.threads ?? threadsForMachine()));
    this.#memoryMb = options.memoryMb;
    this.#pool = this.#newPool();
  }

  #newPool(): Piscina<EngineTask, GenerateResult> {
    const pool = threadPool<EngineTask, GenerateResult>('produce/engine-thread.js', import.meta.url, {
      threads: this.#threads,
      memoryMb: this.#memoryMb,
      // Threads end after a minute without a run, giving their memory back.
      idleTimeoutMs: 60_000,
      // A retired pool finishes the runs it began, however long they take (close() ends them).
      closeTimeoutMs: MAX_TIMER_MS,
    });
    // An error outside a run is a thread that could not start (its module did not load, its heap was too small for
    // it): piscina would leave the runs waiting for it waiting for ever. They fail with the error, and a new pool
    // takes the next runs while this one finishes those its other threads began.
    pool.on('error', (error: Error) => {
      if (pool !== this.#pool || this.#closed) return;
      const failure = new EngineThreadError(`the engine's thread could not start: ${error.message}`, { cause: error });
      for (const fail of this.#waiting) fail(failure);
      this.#pool = this.#newPool();
      this.#retired.add(pool);
      void pool
        .close({ force: true })
        .catch(() => undefined)
        .finally(() => this.#retired.delete(pool));
    });
    return pool;
  }

  /** One engine run on a thread: generateBriefing's result, its stage events as they happen. */
  async generate({ onStage, signal, ...options }: ThreadedRun): Promise<GenerateResult> {
    const { port1: events, port2: stages } = new MessageChannel();
    let failRun!: (error: Error) => void;
    const noThread = new Promise<never>((_, reject) => (failRun = reject));
    events.on('message', (message: ThreadMessage) => {
      if (message === STARTED) this.#waiting.delete(failRun);
      else onStage?.(message);
    });
    // The thread closes its end when the run ends: every event it sent is delivered before 'close'.
    const drained = once(events, 'close');
    this.#waiting.add(failRun);
    try {
      const result = await Promise.race([this.#pool.run({ options, stages }, { transferList: [stages], signal }), noThread]);
      await drained;
      return result;
    } catch (error) {
      if (signal?.aborted) throw signal.reason instanceof Error ? signal.reason : new Error('the run was aborted', { cause: error });
      if (isThreadOutOfMemory(error)) {
        throw new OutOfMemoryError(
          `the engine ran out of memory on this run (${options.maxArticles === undefined ? '' : `at most ${options.maxArticles.toLocaleString('en')} articles, `}heap limit about ${this.#memoryMb ?? heapLimitMb()} MB): ` +
            'lower maxArticles in the configuration, or give Node a bigger heap with NODE_OPTIONS=--max-old-space-size=MB',
          { cause: error },
        );
      }
      throw error;
    } finally {
      this.#waiting.delete(failRun);
      events.close();
    }
  }

  /** Ends every thread; runs still going are rejected. */
  async close(): Promise<void> {
    this.#closed = true;
    await Promise.allSettled([this.#pool, ...this.#retired].map((pool) => pool.destroy()));
  }
}
