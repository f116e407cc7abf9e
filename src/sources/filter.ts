import type { SourceSpec } from './types.js';

/** Decides from an article's title and text whether a source's include / exclude keywords keep it. */
export type KeywordFilter = (title: string | undefined, text: string) => boolean;

/** Null when the source has no keywords, so callers can skip the work. */
export function keywordFilter(spec: Pick<SourceSpec, 'include' | 'exclude'>): KeywordFilter | null {
  const include = (spec.include ?? []).map(wordPattern);
  const exclude = (spec.exclude ?? []).map(wordPattern);
  if (include.length === 0 && exclude.length === 0) return null;
  return (title, text) => {
    const haystack = `${title ?? ''}\n${text}`;
    if (exclude.some((pattern) => pattern.test(haystack))) return false;
    return include.length === 0 || include.some((pattern) => pattern.test(haystack));
  };
}

/**
 * Whole words or phrases, case-insensitive, in any script: "EU" must not match "neutral", and a phrase matches across
 * any run of whitespace.
 */
function wordPattern(keyword: string): RegExp {
  const body = keyword
    .trim()
    .split(/\s+/)
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('\\s+');
  return new RegExp(`(?<![\\p{L}\\p{N}_])${body}(?![\\p{L}\\p{N}_])`, 'iu');
}
