import type { Briefing } from '../model/schema.js';
import {
  figureSuspects,
  headlineSuspects,
  outletSuspects,
  quoteSuspects,
  standaloneSuspects,
  type Suspect,
} from './suspects.js';

export type { Suspect } from './suspects.js';

export const AUDITED_KINDS = ['headline', 'brief', 'figure', 'quote', 'conflict', 'title', 'outlet'] as const;
export type AuditedKind = (typeof AUDITED_KINDS)[number];

export interface AuditItem {
  kind: AuditedKind;
  /** The thread it is shown in (null for an article's title or outlet). */
  threadId: string | null;
  articleId: string | null;
  /** What the reader sees. */
  shown: string;
  /** How the engine produced it ("figure: money", "quote: speaker Jane Doe", "headline: article title"). */
  rule: string;
  suspects: Suspect[];
}

/** A figure or quote the engine found but kept off the page, with the rule that kept it off. */
export interface DroppedItem {
  kind: 'figure' | 'quote';
  threadId: string;
  articleId: string;
  shown: string;
  reason: string;
}

export interface AuditReport {
  items: AuditItem[];
  /** What the engine kept off the page, and why: to check that its rules drop junk and not news. */
  dropped: DroppedItem[];
  /** Per kind: items audited and items with at least one suspect sign. */
  totals: Record<AuditedKind, { items: number; suspect: number }>;
}

/**
 * Lists every headline, brief, figure, quote, conflict, article title and outlet of a briefing with the rule that
 * produced it and the signs that it may be junk. Pure: takes the model, returns data.
 */
export function auditBriefing(briefing: Briefing): AuditReport {
  const items: AuditItem[] = [];
  const dropped: DroppedItem[] = [];
  const articles = new Map(briefing.articles.map((a) => [a.id, a]));
  const names = briefing.entities;
  const site = (articleId: string | null) => {
    const article = articleId ? articles.get(articleId) : undefined;
    return { outlet: article?.outlet ?? null, url: article?.url ?? null };
  };

  const speakers = [...new Set(briefing.threads.flatMap((t) => t.quotes.map((q) => q.speaker ?? '')).filter(Boolean))];
  for (const thread of briefing.threads) {
    const titled = thread.articleIds.find((id) => articles.get(id)?.title === thread.headline) ?? null;
    items.push({
      kind: 'headline',
      threadId: thread.id,
      articleId: titled,
      shown: thread.headline,
      rule: titled ? 'headline: an article title' : 'headline: written from the summary',
      suspects: headlineSuspects(thread.headline, site(titled)),
    });
    const brief = thread.summary[0];
    if (brief) {
      items.push({
        kind: 'brief',
        threadId: thread.id,
        articleId: brief.articleIds[0] ?? null,
        shown: brief.text,
        rule: 'brief: first summary sentence',
        suspects: standaloneSuspects(brief.text),
      });
    }
    for (const figure of thread.figures) {
      items.push({
        kind: 'figure',
        threadId: thread.id,
        articleId: figure.articleId,
        shown: `${figure.surface} ${figure.label}`.trim(),
        rule: `figure: ${figure.kind}${figure.unit ? ` in ${figure.unit}` : ''}`,
        suspects: figureSuspects(figure),
      });
    }
    for (const quote of thread.quotes) {
      const unnamed = quote.speakerKind === 'unnamed';
      items.push({
        kind: 'quote',
        threadId: thread.id,
        articleId: quote.articleId,
        shown: `“${quote.text}” — ${quote.speaker ?? 'unattributed'}${quote.speakerRole ? `, ${quote.speakerRole}` : ''}`,
        rule: `quote: ${quote.speaker ? `speaker ${quote.speaker}` : 'no speaker'}`,
        suspects: quoteSuspects(quote, names, unnamed, speakers),
      });
    }
    for (const figure of thread.droppedFigures ?? []) {
      dropped.push({ kind: 'figure', threadId: thread.id, articleId: figure.articleId, shown: figure.surface, reason: figure.reason });
    }
    for (const quote of thread.droppedQuotes ?? []) {
      dropped.push({ kind: 'quote', threadId: thread.id, articleId: quote.articleId, shown: `“${quote.text}” — ${quote.speaker ?? 'unattributed'}`, reason: quote.reason });
    }
    for (const conflict of thread.conflicts) {
      const units = new Set(conflict.values.map((v) => v.unit));
      const outlets = new Set(conflict.values.map((v) => site(v.articleId).outlet));
      const suspects: Suspect[] = [];
      if (units.size > 1) suspects.push({ sign: 'mixed-units', why: 'the values are in different units' });
      if (outlets.size < 2) suspects.push({ sign: 'one-outlet', why: 'every value comes from one outlet' });
      items.push({
        kind: 'conflict',
        threadId: thread.id,
        articleId: conflict.values[0]?.articleId ?? null,
        shown: `${conflict.about}: ${conflict.values.map((v) => v.surface).join(' / ')}`,
        rule: 'conflict: same measure, different values',
        suspects,
      });
    }
  }
  for (const article of briefing.articles) {
    if (article.status !== 'ok') continue;
    items.push({
      kind: 'title',
      threadId: null,
      articleId: article.id,
      shown: article.title,
      rule: 'title: from the page',
      suspects: headlineSuspects(article.title, article),
    });
    items.push({
      kind: 'outlet',
      threadId: null,
      articleId: article.id,
      shown: article.outlet ?? '(none)',
      rule: 'outlet: from the page',
      suspects: outletSuspects(article.outlet),
    });
  }

  const totals = Object.fromEntries(AUDITED_KINDS.map((k) => [k, { items: 0, suspect: 0 }])) as AuditReport['totals'];
  for (const item of items) {
    totals[item.kind].items += 1;
    if (item.suspects.length > 0) totals[item.kind].suspect += 1;
  }
  return { items, dropped, totals };
}

/** The report as text: totals first, then each suspect item (every item with `all`). */
export function formatAudit(report: AuditReport, options: { all?: boolean } = {}): string {
  const lines: string[] = [];
  lines.push('kind        items  suspect');
  for (const kind of AUDITED_KINDS) {
    const { items, suspect } = report.totals[kind];
    const share = items === 0 ? '' : ` (${((100 * suspect) / items).toFixed(1)}%)`;
    lines.push(`${kind.padEnd(10)} ${String(items).padStart(6)}  ${String(suspect).padStart(7)}${share}`);
  }
  const droppedFigures = report.dropped.filter((d) => d.kind === 'figure').length;
  lines.push(`kept off the page: ${droppedFigures} figure(s), ${report.dropped.length - droppedFigures} quote(s)${options.all ? '' : ' (listed with --all)'}`);
  const shown = report.items.filter((item) => options.all || item.suspects.length > 0);
  if (shown.length > 0) lines.push('');
  for (const item of shown) {
    const flags = item.suspects.map((s) => `[${s.sign}] ${s.why}`).join('; ');
    lines.push(`${item.kind}${item.threadId ? ` ${item.threadId}` : ''}: ${oneLine(item.shown)}`);
    lines.push(`    ${item.rule}${flags ? ` -- ${flags}` : ''}`);
  }
  if (options.all && report.dropped.length > 0) {
    lines.push('');
    for (const item of report.dropped) lines.push(`dropped ${item.kind} ${item.threadId}: ${oneLine(item.shown)}\n    rule: ${item.reason}`);
  }
  return `${lines.join('\n')}\n`;
}

function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 160 ? `${flat.slice(0, 157)}...` : flat;
}
