export { Fetcher } from './fetcher.js';
export { FetchError, isTransient, type FetchFailureReason } from './errors.js';
export { DEFAULT_RUN_DEADLINE_MS, defaultUserAgent, type FetchInit, type FetchOptions, type FetchResult } from './types.js';
export { parseFetchUrl } from './url.js';
