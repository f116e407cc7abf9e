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
import { MessageChannel } from 'node:worker_threads';
import { Piscina } from 'piscina';
import type { EditionFilter } from '../edition/filters.js';
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
  /** The thread's module; default the built engine-thread.js beside this one. */
  filename?: URL;
  /**
   * A thread idle this long ends and gives its memory back (one is kept, so a request after a quiet hour does not
   * wait for the engine's modules to load). Default one minute.
   */
  idleMs?: number;
}

/**
 * The thread's module, beside this one once built; run from the TypeScript sources (the tests), the built one, as a
 * thread does not go through the test runner's transform.
 */
function threadModule(): URL {
  const beside = new URL('./engine-thread.js', import.meta.url);
  return existsSync(beside) ? beside : new URL('../../dist/produce/engine-thread.js', import.meta.url);
}

export class EngineThreads {
  readonly #pool: Piscina<EngineTask, GenerateResult>;

  constructor(options: EngineThreadsOptions = {}) {
    const threads = Math.max(1, Math.floor(options.threads ?? Math.min(4, availableParallelism())));
    this.#pool = new Piscina({
      filename: (options.filename ?? threadModule()).href,
      minThreads: 1,
      maxThreads: threads,
      idleTimeout: options.idleMs ?? 60_000,
      // A thread waits for its next task on its event loop, not blocked in Atomics.wait.
      atomics: 'disabled',
    });
    // A thread that fails outside a run (one started ahead, whose module does not load) fails the next run too,
    // which reports it; unheard, the pool's 'error' would end the process.
    this.#pool.on('error', () => undefined);
  }

  /** One engine run on a thread: generateBriefing's result, its stage events as they happen. */
  async generate({ onStage, signal, ...options }: ThreadedRun): Promise<GenerateResult> {
    const { port1: events, port2: stages } = new MessageChannel();
    events.on('message', (event: StageEvent) => onStage?.(event));
    // The thread closes its end when the run ends: every event it sent is delivered before 'close'.
    const drained = once(events, 'close');
    try {
      const result = await this.#pool.run({ options, stages }, { transferList: [stages], signal });
      await drained;
      return result;
    } catch (error) {
      if (signal?.aborted) throw signal.reason instanceof Error ? signal.reason : new Error('the run was aborted', { cause: error });
      throw error;
    } finally {
      events.close();
    }
  }

  /** Ends every thread; runs still going are rejected. */
  async close(): Promise<void> {
    await this.#pool.destroy();
  }
}
