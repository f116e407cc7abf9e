/** What one engine run can take; a module of its own so the configuration can name it without loading the engine. */

import { availableParallelism } from 'node:os';
import { getHeapStatistics } from 'node:v8';

/**
 * What one process analyses and groups within Node's default heap (about 4 GB on a 64-bit machine) with room to
 * spare: measured peak memory (generate, JSON) is 0.5 to 0.8 GB at 10,000 distinct articles and 1.9 GB at 25,000; a
 * 100,000-article run completes but peaks at 4.1 to 4.3 GB, most of it garbage the collector has not yet taken (the
 * README's Benchmark section). A bigger day needs a bigger heap (NODE_OPTIONS=--max-old-space-size) and a higher
 * maxArticles.
 */
export const DEFAULT_MAX_ARTICLES = 20_000;

/**
 * Threads a process gives work that is spread over the CPUs (engine runs at once, pages read at once): one per CPU,
 * at most 4, as past that they mostly compete for memory bandwidth and each holds its own heap.
 */
export function threadsForMachine(cpus = availableParallelism()): number {
  return Math.max(1, Math.min(4, Math.floor(cpus)));
}

/** The heap this process may use, in MB (Node's default for the machine, or NODE_OPTIONS=--max-old-space-size). */
export function heapLimitMb(): number {
  return Math.round(getHeapStatistics().heap_size_limit / 1_048_576);
}
