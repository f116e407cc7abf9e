/** What one engine run can take; a module of its own so the configuration can name it without loading the engine. */

/**
 * What one process analyses and groups within Node's default heap (about 4 GB on a 64-bit machine) with room to
 * spare: measured peak memory (generate, JSON) was 1.15 GB at 10,000 distinct articles and 3.0 GB at 25,000, and
 * a 100,000-article run ran out of memory while grouping. A bigger day needs a bigger heap
 * (NODE_OPTIONS=--max-old-space-size) and a higher maxArticles.
 */
export const DEFAULT_MAX_ARTICLES = 20_000;
