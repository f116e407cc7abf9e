import type { InputMetadata } from './types.js';

/** Accepted spellings of each metadata field in front matter, sidecars and JSON records. */
const FIELD_ALIASES: Record<keyof InputMetadata, string[]> = {
  title: ['title', 'headline'],
  source: ['source', 'outlet', 'publisher', 'site', 'site_name'],
  url: ['url', 'link'],
  published: ['published', 'date', 'datePublished', 'published_at', 'publishedAt'],
  author: ['author', 'byline', 'authors'],
  language: ['language', 'lang'],
};

/** The InputMetadata fields of a loosely typed object; dates and numbers become strings, lists of names are joined. */
export function pickMetadata(value: unknown): InputMetadata {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return {};
  const record = value as Record<string, unknown>;
  const meta: InputMetadata = {};
  for (const [field, aliases] of Object.entries(FIELD_ALIASES) as [keyof InputMetadata, string[]][]) {
    for (const alias of aliases) {
      const text = asText(record[alias]);
      if (text) {
        meta[field] = text;
        break;
      }
    }
  }
  return meta;
}

function asText(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() || undefined;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString();
  if (Array.isArray(value)) {
    const parts = value.map(asText).filter((part): part is string => Boolean(part));
    return parts.length > 0 ? parts.join(', ') : undefined;
  }
  if (value && typeof value === 'object' && 'name' in value) return asText((value as { name: unknown }).name);
  return undefined;
}

/** Later sources win field by field; undefined never erases a value. */
export function mergeMetadata(...sources: InputMetadata[]): InputMetadata {
  const merged: InputMetadata = {};
  for (const source of sources) {
    for (const [field, value] of Object.entries(source) as [keyof InputMetadata, string | undefined][]) {
      if (value) merged[field] = value;
    }
  }
  return merged;
}
