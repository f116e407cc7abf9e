// Hand-made stand-ins for the clean and analyze stages, so grouping is tested on its own contract.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Analysis, AnalyzedArticle, Entity, EntityType } from '../../src/analyze/types.js';
import type { ArticleStatus, PublishedDate } from '../../src/clean/types.js';
import type { Grouping } from '../../src/group/types.js';

export interface EntitySpec {
  name: string;
  type: EntityType;
  variants: string[];
}

export interface ArticleSpec {
  id: string;
  title?: string;
  paragraphs: string[];
  published?: PublishedDate;
  status?: ArticleStatus;
  datesMentioned?: AnalyzedArticle['datesMentioned'];
}

const UNKNOWN_DATE: PublishedDate = { date: null, source: 'unknown', certain: false };

function keyOf(spec: EntitySpec): string {
  return `${spec.type}:${spec.name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
}

function splitSentences(paragraph: string): string[] {
  return paragraph.split(/(?<=[.!?]["”’]?)\s+(?=["“‘]?[A-Z])/).filter((sentence) => sentence.trim().length > 0);
}

/** An Analysis built by plain sentence splitting and whole-word matching of the given entity variants. */
export function handMadeAnalysis(articles: readonly ArticleSpec[], entitySpecs: readonly EntitySpec[]): Analysis {
  const entities = new Map<string, Entity>();
  const analyzed = articles.map((spec): AnalyzedArticle => {
    const sentences = spec.paragraphs.flatMap((paragraph, p) =>
      splitSentences(paragraph).map((text) => ({ paragraph: p, text })),
    ).map((sentence, index) => ({ articleId: spec.id, index, ...sentence }));
    const mentions = sentences.flatMap((sentence) =>
      entitySpecs.flatMap((entity) => {
        const pattern = new RegExp(`\\b(?:${[...entity.variants].sort((a, b) => b.length - a.length).join('|')})\\b`, 'g');
        return (sentence.text.match(pattern) ?? []).map((surface) => ({
          key: keyOf(entity),
          surface,
          sentenceIndex: sentence.index,
        }));
      }),
    );
    for (const mention of mentions) {
      const spec0 = entitySpecs.find((entity) => keyOf(entity) === mention.key)!;
      const entity = entities.get(mention.key) ?? { key: mention.key, name: spec0.name, type: spec0.type, variants: spec0.variants, mentions: 0, articleIds: [] };
      entity.mentions += 1;
      if (!entity.articleIds.includes(spec.id)) entity.articleIds.push(spec.id);
      entities.set(mention.key, entity);
    }
    return {
      article: {
        id: spec.id,
        path: `${spec.id}.txt`,
        title: spec.title ?? spec.paragraphs[0] ?? '',
        outlet: null,
        outletSource: null,
        url: null,
        author: null,
        language: 'en',
        published: spec.published ?? UNKNOWN_DATE,
        paragraphs: spec.paragraphs,
        removed: [],
        status: spec.status ?? 'ok',
        digest: spec.id,
      },
      sentences,
      mentions,
      figures: [],
      quotes: [],
      datesMentioned: spec.datesMentioned ?? [],
      inFull: true,
    };
  });
  return { articles: analyzed, entities: [...entities.values()] };
}

export const SEED_ENTITIES: EntitySpec[] = [
  { name: 'Marco Rubio', type: 'person', variants: ['Marco Rubio', 'Rubio'] },
  { name: 'Sergei Lavrov', type: 'person', variants: ['Sergei Lavrov', 'Sergey Lavrov', 'Lavrov'] },
  { name: 'Donald Trump', type: 'person', variants: ['Donald Trump', 'Trump'] },
  { name: 'Volodymyr Zelensky', type: 'person', variants: ['Volodymyr Zelensky', 'Zelensky'] },
  { name: 'Vladimir Putin', type: 'person', variants: ['Vladimir Putin', 'Putin'] },
  { name: 'Dmitry Peskov', type: 'person', variants: ['Dmitry Peskov', 'Peskov'] },
  { name: 'Keir Starmer', type: 'person', variants: ['Keir Starmer', 'Starmer'] },
  { name: 'Tammy Bruce', type: 'person', variants: ['Tammy Bruce'] },
  { name: 'Ukraine', type: 'place', variants: ['Ukraine'] },
  { name: 'Russia', type: 'place', variants: ['Russia'] },
  { name: 'Kyiv', type: 'place', variants: ['Kyiv', 'Kiev'] },
  { name: 'Moscow', type: 'place', variants: ['Moscow'] },
  { name: 'Washington', type: 'place', variants: ['Washington'] },
  { name: 'Kuala Lumpur', type: 'place', variants: ['Kuala Lumpur'] },
  { name: 'Malaysia', type: 'place', variants: ['Malaysia'] },
  { name: 'Rome', type: 'place', variants: ['Rome'] },
  { name: 'Istanbul', type: 'place', variants: ['Istanbul'] },
  { name: 'Saudi Arabia', type: 'place', variants: ['Saudi Arabia', 'Riyadh'] },
  { name: 'Kursk', type: 'place', variants: ['Kursk'] },
  { name: 'Bryansk', type: 'place', variants: ['Bryansk'] },
  { name: 'Kremlin', type: 'organization', variants: ['Kremlin'] },
];

/** Publication dates as the cleaner is expected to find them: page headers, certain unless the body contradicts. */
const SEED_DATES: Record<string, PublishedDate> = {
  '000': UNKNOWN_DATE,
  '001': { date: '2025-07-10', source: 'page', certain: true },
  '002': UNKNOWN_DATE,
  '003': { date: '2025-03-16', source: 'inferred', certain: false, note: 'page header contradicted by the story' },
  '004': { date: '2025-06-02', source: 'page', certain: true },
};

const SEEDS_DIR = new URL('../../seeds/', import.meta.url).pathname;

/**
 * The seed files with a crude stand-in for cleaning: prose paragraphs only (long lines ending in punctuation),
 * each kept once, which drops headers, menus and the repeated body of 004 the way the real cleaner should.
 */
export function seedArticles(): ArticleSpec[] {
  return readdirSync(SEEDS_DIR)
    .filter((name) => name.endsWith('.txt'))
    .sort()
    .map((name) => {
      const id = name.slice(0, 3);
      const lines = readFileSync(join(SEEDS_DIR, name), 'utf8').split('\n').map((line) => line.trim());
      const paragraphs = [...new Set(lines.filter((line) => line.length > 80 && /[.!?"”]$/.test(line)))];
      const title = lines.find((line) => line.length > 20 && line.length < 90 && !/^\d|date/i.test(line)) ?? '';
      return { id, title, paragraphs, published: SEED_DATES[id] ?? UNKNOWN_DATE };
    });
}

/** Event membership as sorted article-id lists, sorted, so groupings compare regardless of order. */
export function eventSets(grouping: Grouping): string[][] {
  return grouping.threads
    .flatMap((thread) => thread.events.map((event) => [...event.articleIds].sort()))
    .sort((a, b) => a.join().localeCompare(b.join()));
}
