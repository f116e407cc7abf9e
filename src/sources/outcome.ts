import type { ExcludedInput, RawDocument } from '../ingest/types.js';
import { appendAll } from '../util/append.js';
import type { FailedSource, SourceSpec } from './types.js';

/** A document with the URL it was read from, which deduplication across sources goes by (null: never deduplicated). */
export interface CollectedDocument {
  document: RawDocument;
  urlKey: string | null;
}

/** What one source yields. */
export interface SourceOutcome {
  documents: CollectedDocument[];
  excluded: ExcludedInput[];
  warnings: string[];
  failed: FailedSource[];
  /** Articles left out by the include / exclude keywords: not errors, only counted. */
  filtered: number;
}

export function emptyOutcome(): SourceOutcome {
  return { documents: [], excluded: [], warnings: [], failed: [], filtered: 0 };
}

export function mergeOutcomes(outcomes: SourceOutcome[]): SourceOutcome {
  const merged = emptyOutcome();
  for (const outcome of outcomes) {
    // No spread: a source (a folder of large JSON files) may hold many thousands of documents.
    appendAll(merged.documents, outcome.documents);
    appendAll(merged.excluded, outcome.excluded);
    appendAll(merged.warnings, outcome.warnings);
    appendAll(merged.failed, outcome.failed);
    merged.filtered += outcome.filtered;
  }
  return merged;
}

/** The whole source could not be read: one excluded entry naming it, and the reason. */
export function failedOutcome(spec: Pick<SourceSpec, 'name'>, location: string, reason: string): SourceOutcome {
  const outcome = emptyOutcome();
  outcome.excluded.push({ path: location, reason: `source "${spec.name}": ${reason}` });
  outcome.failed.push({ name: spec.name, location, reason });
  return outcome;
}

export function itemExcluded(spec: Pick<SourceSpec, 'name'>, path: string, reason: string): ExcludedInput {
  return { path, reason: `source "${spec.name}": ${reason}` };
}
