import { existsSync } from 'node:fs';
import { Piscina } from 'piscina';

/**
 * A worker thread's module, by its path under src/ (or dist/), e.g. 'produce/engine-thread.js', from a module two
 * folders deep (src/<concern>/<file>). Built, it is beside the caller; run from the TypeScript sources (the tests),
 * it is the built one, as a thread does not go through the test runner's transform.
 */
function threadModule(path: string, callerUrl: string): URL {
  const beside = new URL(`../${path}`, callerUrl);
  return existsSync(beside) ? beside : new URL(`../../dist/${path}`, callerUrl);
}

export interface ThreadPoolOptions {
  /** Tasks at once, each on its own thread. */
  threads: number;
  /** The heap a thread may use, in MB; when absent, Node's default for a thread. */
  memoryMb?: number;
  /** How long an idle thread is kept, in ms (piscina's default when absent). */
  idleTimeoutMs?: number;
  /** How long close() lets running tasks finish, in ms (piscina's default when absent). */
  closeTimeoutMs?: number;
}

/**
 * The program's pools (the engine's runs, the pages read): a piscina pool of the module at `path` (see threadModule)
 * whose threads start with the first tasks, none ahead (so a thread that cannot start fails a task, which the caller
 * handles, rather than being started again and again), and wait for their next task on their event loop, not blocked
 * in Atomics.wait.
 */
export function threadPool<Task, Result>(path: string, callerUrl: string, options: ThreadPoolOptions): Piscina<Task, Result> {
  return new Piscina<Task, Result>({
    filename: threadModule(path, callerUrl).href,
    minThreads: 0,
    maxThreads: Math.max(1, Math.floor(options.threads)),
    atomics: 'disabled',
    ...(options.idleTimeoutMs === undefined ? {} : { idleTimeout: options.idleTimeoutMs }),
    ...(options.closeTimeoutMs === undefined ? {} : { closeTimeout: options.closeTimeoutMs }),
    ...(options.memoryMb === undefined ? {} : { resourceLimits: { maxOldGenerationSizeMb: options.memoryMb } }),
  });
}

/** A task whose thread ran out of its heap (the thread is gone; the pool makes another for the next task). */
export function isThreadOutOfMemory(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === 'ERR_WORKER_OUT_OF_MEMORY';
}
