import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanDocuments } from '../../src/clean/index.js';
import type { CleanArticle } from '../../src/clean/types.js';
import type { RawDocument } from '../../src/ingest/types.js';

const seedsDir = new URL('../../seeds/', import.meta.url).pathname;

export const seedFiles = (): string[] => readdirSync(seedsDir).filter((name) => name.endsWith('.txt')).sort();

/** The seed text with its lines as paragraphs: independent of the clean stage, for unit-level checks. */
export function rawSeedArticle(prefix: string): CleanArticle {
  const file = seedFiles().find((name) => name.startsWith(prefix));
  if (!file) throw new Error(`no seed ${prefix}`);
  const text = readFileSync(join(seedsDir, file), 'utf8');
  return {
    id: prefix,
    path: `seeds/${file}`,
    title: '',
    outlet: null,
    outletSource: null,
    url: null,
    author: null,
    language: 'en',
    published: { date: null, source: 'unknown', certain: false },
    paragraphs: text.split(/\n+/).map((line) => line.trim()).filter(Boolean),
    removed: [],
    status: 'ok',
    digest: createHash('sha256').update(text).digest('hex'),
  };
}

export const rawSeedArticles = (): CleanArticle[] => ['000', '001', '002', '003', '004'].map(rawSeedArticle);

/** The seeds through the real clean stage, as the pipeline feeds them to analyze. */
export function cleanedSeedArticles(): CleanArticle[] {
  const documents: RawDocument[] = seedFiles().map((file) => {
    const text = readFileSync(join(seedsDir, file), 'utf8');
    return { path: `seeds/${file}`, format: 'txt', text, meta: {}, encoding: 'utf-8', digest: createHash('sha256').update(text).digest('hex') };
  });
  return cleanDocuments(documents);
}
