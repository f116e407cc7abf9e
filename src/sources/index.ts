export { collectSources } from './collect.js';
export { sourcesFromInputs } from './inputs.js';
export { keywordFilter, type KeywordFilter } from './filter.js';
export { pageFromResponse } from './page.js';
export { isHttpUrl } from './locations.js';
export {
  FULL_TEXT_MODES,
  SOURCE_KINDS,
  type CollectDeps,
  type CollectResult,
  type FailedSource,
  type FetchedResource,
  type FullTextMode,
  type SourceFetcher,
  type SourceKind,
  type SourceSpec,
} from './types.js';
