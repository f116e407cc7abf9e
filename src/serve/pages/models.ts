/*
 * Pure view models: a briefing (or an edition record) in, the plain data a view shows out. Every string stays text
 * here; the views escape it.
 */
import type { Briefing, BriefingThread } from '../../model/schema.js';
import { formatApproxDate, formatDay, formatFigure, httpUrl, threadSources, threadsByDepth } from '../../render/helpers.js';
import type { EditionRecord } from '../../store/index.js';

export type OutputFormat = 'html' | 'pdf' | 'json' | 'md';
export interface Link {
  href: string;
  label: string;
}

const FORMAT_LABELS: Record<OutputFormat, string> = { html: 'Read (HTML)', pdf: 'PDF', json: 'Data (JSON)', md: 'Markdown' };
const FORMAT_ORDER: OutputFormat[] = ['html', 'pdf', 'json', 'md'];

/** The formats an edition record says were written, in a fixed order. */
export function recordedFormats(record: Pick<EditionRecord, 'outputs'>): OutputFormat[] {
  const found = new Set<string>();
  for (const output of record.outputs) {
    const format = (output as { format?: unknown } | null)?.format;
    if (typeof format === 'string') found.add(format);
  }
  return FORMAT_ORDER.filter((f) => found.has(f));
}

/** Links to an archived edition's files, served by the API. */
export function editionFileLinks(name: string, date: string, formats: OutputFormat[]): Link[] {
  return formats.map((format) => ({ href: `/api/editions/${encodeURIComponent(name)}/${date}.${format}`, label: FORMAT_LABELS[format] }));
}

/** Links to a job's files (JobView.outputs). */
export function jobFileLinks(outputs: Partial<Record<OutputFormat, string>>): Link[] {
  return FORMAT_ORDER.filter((f) => outputs[f]).map((f) => ({ href: outputs[f]!, label: FORMAT_LABELS[f] }));
}

export function editionPath(name: string, date: string): string {
  return `/editions/${encodeURIComponent(name)}/${date}`;
}

export function storyPath(base: string, threadId: string): string {
  return `${base}/stories/${encodeURIComponent(threadId)}`;
}

export interface EditionCard {
  name: string;
  date: string;
  level: number;
  title: string;
  href: string;
  dateLabel: string;
  status: string;
  statusNote?: string;
  outputs: Link[];
  /** The threads shown in full. */
  headlines: CardHeadline[];
  /** The threads shown in brief: one line on the card, but searched like the others. */
  inBrief?: { label: string; href: string; headlines: CardHeadline[] };
  problem?: string;
}

interface CardHeadline {
  headline: string;
  href: string;
  isNew: boolean;
  continues: boolean;
}

/** One edition on the Today or Archive page; `briefing` is its JSON when it could be read. */
export function editionCard(record: EditionRecord, briefing: Briefing | undefined, level = 2): EditionCard {
  const href = editionPath(record.edition, record.date);
  const failed = record.status !== 'ok';
  const cardHeadline = (t: BriefingThread): CardHeadline => ({
    headline: t.headline,
    href: storyPath(href, t.id),
    isNew: t.isNew === true,
    continues: t.continuesFrom !== undefined,
  });
  const { full, brief: inBrief } = threadsByDepth(briefing?.threads ?? []);
  return {
    name: record.edition,
    date: record.date,
    level,
    title: briefing?.title ?? `${record.edition} of ${record.date}`,
    href,
    dateLabel: formatDay(record.date, undefined, 'long'),
    status: record.status,
    statusNote: failed ? `${record.status}${record.error ? `: ${record.error}` : ''}` : undefined,
    outputs: failed ? [] : editionFileLinks(record.edition, record.date, recordedFormats(record)),
    headlines: full.map(cardHeadline),
    inBrief: inBrief.length > 0 ? { label: moreInBrief(inBrief.length), href: `${href}#in-brief`, headlines: inBrief.map(cardHeadline) } : undefined,
    problem: !failed && !briefing ? 'The JSON of this edition could not be read, so its stories cannot be listed here.' : undefined,
  };
}

/** Case-insensitive: every word of the query appears in one of the briefing's headlines (thread or event). */
export function matchesQuery(briefing: Briefing | undefined, query: string): boolean {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  if (!briefing) return false;
  const headlines = briefing.threads.flatMap((t) => [t.headline, ...t.events.map((e) => e.headline)]).map((h) => h.toLowerCase());
  return headlines.some((h) => words.every((w) => h.includes(w)));
}

/** The threads whose headlines match, for highlighting search results: those in brief too. */
export function filterHeadlines(card: EditionCard, query: string): EditionCard {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return card;
  const matching = [...card.headlines, ...(card.inBrief?.headlines ?? [])].filter((h) => words.every((w) => h.headline.toLowerCase().includes(w)));
  return { ...card, headlines: matching.length > 0 ? matching : card.headlines };
}

/** YYYY-MM-DD plus `days`. */
export function shiftDate(date: string, days: number): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** "and 3 more stories in brief": the line that stands for the threads shown in brief where only the full ones are listed. */
export function moreInBrief(count: number): string {
  return `and ${plainCount(count, 'more story', 'more stories')} in brief`;
}

export function plainCount(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** The edition (or on-demand briefing) page: its stories with their first sentence, those shown in brief after them. */
export function briefingOverview(briefing: Briefing, base: string) {
  const memory = briefing.memory;
  const story = (t: BriefingThread) => ({
    headline: t.headline,
    href: storyPath(base, t.id),
    lead: t.summary[0]?.text ?? '',
    isNew: t.isNew === true,
    continues: t.continuesFrom ? formatDay(t.continuesFrom) : undefined,
    sourcesNote: `${plainCount(t.articleIds.length, 'article')} · ${t.outlets.join(', ')}`,
  });
  const { full, brief: inBrief } = threadsByDepth(briefing.threads);
  return {
    title: briefing.title,
    subtitle: `${formatDay(briefing.date, undefined, 'long')} · ${plainCount(briefing.stats.threads, 'story', 'stories')} from ${plainCount(briefing.stats.articlesOk, 'article')} by ${plainCount(briefing.stats.outlets, 'outlet')}`,
    memoryNote: memory?.previousDate
      ? `Continues the ${memory.edition} edition of ${formatDay(memory.previousDate)}${memory.carriedOver ? `; ${plainCount(memory.carriedOver, 'continuing story', 'continuing stories')} with nothing new ${memory.carriedOver === 1 ? 'was' : 'were'} left out` : ''}.`
      : undefined,
    threads: full.map(story),
    inBrief:
      inBrief.length > 0
        ? { intro: `${plainCount(inBrief.length, 'more story', 'more stories')}, each in one sentence with its sources.`, threads: inBrief.map(story) }
        : undefined,
    excluded: briefing.excluded.map((e) => ({ path: e.path, reason: e.reason })),
  };
}

/**
 * One story: summary sentences and events each cite their articles by number, the numbers point into the source
 * list, and the list links to the articles themselves.
 */
export function storyView(briefing: Briefing, thread: BriefingThread) {
  const sources = threadSources(thread, briefing);
  const byId = new Map(sources.map((s) => [s.articleId, s]));
  const cite = (ids: readonly string[]) =>
    [...new Set(ids)]
      .map((id) => byId.get(id))
      .filter((s) => s !== undefined)
      .sort((a, b) => a.n - b.n)
      .map((s) => ({ n: s.n, anchor: s.anchor, title: s.article?.title ?? 'an article from an earlier edition' }));
  const summary = thread.summary.map((s) => ({ text: s.text, isNew: s.isNewSinceLast === true, sources: cite(s.articleIds) }));
  const present = new Set(briefing.articles.map((a) => a.id));
  return {
    headline: thread.headline,
    meta: `${formatDay(briefing.date, undefined, 'long')} · ${plainCount(thread.articleIds.length, 'article')} · ${thread.outlets.join(', ')}`,
    isNew: thread.isNew === true,
    briefNote: thread.inBrief ? 'Shown in brief: its lead sentence and sources. Figures and quotes were not looked for in this story.' : undefined,
    continuity: thread.continuesFrom
      ? `First reported on ${formatDay(thread.continuesFrom)}${thread.lastEditionDate ? `; last in the edition of ${formatDay(thread.lastEditionDate)}` : ''}.`
      : undefined,
    summary,
    newCount: summary.filter((s) => s.isNew).length,
    timeline: thread.events.map((e) => ({
      when: formatApproxDate(e.date, e.dateCertain),
      headline: e.headline,
      isNew: e.isNewSinceLast === true,
      // Memory marks what earlier editions already carried; without memory nothing is said.
      earlier: e.isNewSinceLast === false || e.articleIds.every((id) => !present.has(id)),
      summary: e.summary.map((s) => ({ text: s.text, sources: cite(s.articleIds) })),
    })),
    figures: thread.figures.map((f) => ({
      value: formatFigure(f.value, f.unit, undefined, f.valueHigh ?? null),
      label: f.label,
      surface: f.surface,
      sources: cite([f.articleId]),
    })),
    quotes: thread.quotes.map((q) => ({
      text: q.text,
      speaker: [q.speaker ?? 'Unknown speaker', q.speakerRole].filter(Boolean).join(', '),
      sources: cite([q.articleId]),
    })),
    conflicts: thread.conflicts.map((c) => ({
      about: c.about,
      values: c.values.map((v) => ({ surface: v.surface, text: v.text, sources: cite([v.articleId]) })),
    })),
    sources: sources.map((s) => ({
      anchor: s.anchor,
      title: s.article?.title ?? `Article ${s.articleId}`,
      url: httpUrl(s.article?.url),
      outlet: s.article?.outlet ?? undefined,
      published: s.article?.published ? formatApproxDate(s.article.published, s.article.publishedCertain) : undefined,
      earlier: s.article === null,
    })),
  };
}
