import { wordCount } from '../text/words.js';
import { collapseWhitespace } from '../text/spaces.js';
import type { Analysis, Entity } from '../analyze/types.js';
import type { CleanArticle } from '../clean/types.js';
import type { ExcludedInput, RawDocument } from '../ingest/types.js';
import { BriefingSchema, SCHEMA_VERSION, type Briefing, type BriefingArticle, type BriefingThread } from '../model/schema.js';
import type { ThreadSummary } from '../summarize/types.js';
import { sha256Hex } from '../util/hash.js';

export interface ComposeInput {
  /** What identifies each document read (its text is not needed here). */
  documents: Pick<RawDocument, 'path' | 'digest'>[];
  excludedInputs: ExcludedInput[];
  articles: CleanArticle[];
  analysis: Analysis;
  threads: ThreadSummary[];
}

export interface ComposeOptions {
  title: string;
  date: string;
  timezone: string;
  generatedAt: Date;
  generator: { name: string; version: string };
  /** How many entities the model lists (most mentioned first). */
  maxEntities?: number;
}

/** Assembles the versioned briefing model and validates it, so that a stage bug never reaches a template. */
export function composeBriefing(input: ComposeInput, options: ComposeOptions): Briefing {
  const articles = input.articles.map(toModelArticle);
  const outletOf = new Map(input.articles.map((a) => [a.id, a.outlet]));
  const entityNames = new Map(input.analysis.entities.map((entity) => [entity.key, entity.name]));
  const threads = input.threads.map((thread, index) => toModelThread(thread, index + 1, outletOf, entityNames));
  const excluded = [
    ...input.excludedInputs.map((e) => ({ path: e.path, reason: e.reason, articleId: null })),
    ...input.articles
      .filter((a) => a.status !== 'ok')
      .map((a) => ({ path: a.path, reason: `${a.status}: ${a.statusReason ?? 'not usable as an article'}`, articleId: a.id })),
  ];
  const briefing: Briefing = {
    schemaVersion: SCHEMA_VERSION,
    title: options.title,
    date: options.date,
    timezone: options.timezone,
    generatedAt: options.generatedAt.toISOString(),
    generator: options.generator,
    inputsDigest: inputsDigest(input.documents, input.excludedInputs),
    stats: {
      inputs: input.documents.length + input.excludedInputs.length,
      articles: articles.length,
      articlesOk: articles.filter((a) => a.status === 'ok').length,
      excluded: excluded.length,
      threads: threads.length,
      events: threads.reduce((sum, t) => sum + t.events.length, 0),
      outlets: new Set(articles.filter((a) => a.status === 'ok' && a.outlet).map((a) => a.outlet)).size,
    },
    threads,
    articles,
    entities: topEntities(input.analysis.entities, options.maxEntities ?? 100),
    excluded,
  };
  return BriefingSchema.parse(briefing);
}

function toModelArticle(article: CleanArticle): BriefingArticle {
  return {
    id: article.id,
    path: article.path,
    title: article.title,
    outlet: article.outlet,
    url: article.url,
    author: article.author,
    language: article.language,
    published: article.published.date,
    publishedSource: article.published.source,
    publishedCertain: article.published.certain,
    publishedNote: article.published.note ?? null,
    status: article.status,
    statusReason: article.statusReason ?? null,
    wordCount: article.paragraphs.reduce((sum, p) => sum + wordCount(p), 0),
    // Whitespace-insensitive, so a re-scrape that only reflows the text is still the same article.
    contentHash: sha256Hex(article.paragraphs.map(collapseWhitespace).join('\n')),
    removed: article.removed.map((r) => ({ rule: r.rule, text: r.text })),
  };
}

function toModelThread(
  thread: ThreadSummary,
  rank: number,
  outletOf: Map<string, string | null>,
  entityNames: Map<string, string>,
): BriefingThread {
  const outlets = [...new Set(thread.articleIds.map((id) => outletOf.get(id)).filter((o): o is string => !!o))];
  const events = [...thread.events].sort(
    (a, b) => (a.date ?? '9999').localeCompare(b.date ?? '9999') || a.id.localeCompare(b.id),
  );
  return {
    id: thread.threadId,
    rank,
    headline: thread.headline,
    summary: thread.summary.map((s) => ({ text: s.text, articleIds: [...s.articleIds] })),
    events: events.map((e) => ({
      id: e.id,
      date: e.date,
      dateCertain: e.dateCertain,
      headline: e.headline,
      summary: e.summary.map((s) => ({ text: s.text, articleIds: [...s.articleIds] })),
      articleIds: [...e.articleIds],
    })),
    figures: thread.figures.map((f) => ({
      value: f.value,
      ...(f.valueHigh !== undefined ? { valueHigh: f.valueHigh } : {}),
      unit: f.unit,
      label: f.label,
      surface: f.surface,
      kind: f.kind,
      text: f.text,
      articleId: f.articleId,
    })),
    ...(thread.droppedFigures && thread.droppedFigures.length > 0
      ? {
          droppedFigures: thread.droppedFigures.map((f) => ({
            value: f.value,
            ...(f.valueHigh !== undefined ? { valueHigh: f.valueHigh } : {}),
            unit: f.unit,
            surface: f.surface,
            reason: f.dropped ?? 'unknown',
            text: f.text,
            articleId: f.articleId,
          })),
        }
      : {}),
    quotes: thread.quotes.map((q) => ({
      text: q.text,
      speaker: q.speaker,
      ...(q.speakerKind ? { speakerKind: q.speakerKind } : {}),
      ...(q.speakerRole ? { speakerRole: q.speakerRole } : {}),
      articleId: q.articleId,
    })),
    ...(thread.droppedQuotes && thread.droppedQuotes.length > 0
      ? {
          droppedQuotes: thread.droppedQuotes.map((q) => ({ text: q.text, speaker: q.speaker, reason: q.problem ?? 'unknown', articleId: q.articleId })),
        }
      : {}),
    conflicts: thread.conflicts.map((c) => ({
      about: c.about,
      values: c.values.map((v) => ({ value: v.value, unit: v.unit, surface: v.surface ?? String(v.value), text: v.text, articleId: v.articleId })),
    })),
    articleIds: [...thread.articleIds],
    outlets,
    link: { names: thread.link.names.map((key) => entityNames.get(key) ?? key), terms: [...thread.link.terms] },
    ...(thread.inBrief ? { inBrief: true } : {}),
  };
}

function topEntities(entities: Entity[], max: number): Briefing['entities'] {
  return [...entities]
    .sort((a, b) => b.mentions - a.mentions || a.key.localeCompare(b.key))
    .slice(0, max)
    .map((e) => ({ key: e.key, name: e.name, type: e.type, variants: [...e.variants], mentions: e.mentions, articleIds: [...e.articleIds] }));
}

/** Order-independent digest of what was read, so a reader can tell whether two briefings saw the same inputs. */
function inputsDigest(documents: ComposeInput['documents'], excluded: ExcludedInput[]): string {
  const lines = [
    ...documents.map((d) => `${d.path}\t${d.digest}`),
    ...excluded.map((e) => `${e.path}\texcluded`),
  ].sort();
  return sha256Hex(lines.join('\n'));
}
