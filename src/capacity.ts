/** What one engine run can take; a module of its own so the configuration can name it without loading the engine. */

/**
 * What one process analyses and groups within Node's default heap (about 4 GB on a 64-bit machine) with room to
 * spare: measured peak memory (generate, JSON) is 0.5 to 0.8 GB at 10,000 distinct articles and 1.9 GB at 25,000; a
 * 100,000-article run completes but peaks at 4.1 to 4.3 GB, most of it garbage the collector has not yet taken (the
 * README's Benchmark section). A bigger day needs a bigger heap (NODE_OPTIONS=--max-old-space-size) and a higher
 * maxArticles.
 */
export const DEFAULT_MAX_ARTICLES = 20_000;
