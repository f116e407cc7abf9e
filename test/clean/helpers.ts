import type { InputMetadata, RawDocument } from '../../src/ingest/types.js';

/** A RawDocument for a synthetic text; the digest only needs to be stable per text. */
export function doc(text: string, meta: InputMetadata = {}, path = 'story.txt'): RawDocument {
  let hash = 0;
  for (const char of text) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return { path, format: 'txt', text, meta, encoding: 'utf-8', digest: hash.toString(16).padStart(8, '0') };
}

/** Prose paragraphs long enough for an 'ok' article (well over 60 words). */
export const STORY = [
  'The city council approved a new budget on Tuesday after a long debate about spending on roads and schools.',
  'Council members said the plan would raise funding for public transport by a fifth over the next three years.',
  'Opponents argued that the increase would force higher local taxes, and several residents spoke against it at the meeting.',
  'The mayor said she was confident the budget would pass a final vote later this month without major changes.',
];

export function story(...extra: string[]): string {
  return [...STORY, ...extra].join('\n');
}
