import type { Briefing, BriefingThread } from '../model/schema.js';
import {
  DEFAULT_LOCALE,
  articleById,
  outletLabel,
  citations,
  formatApproxDate,
  formatDateTime,
  formatDay,
  formatFigure,
  formatTime,
  httpUrl,
  threadSources,
  threadsByDepth,
} from './helpers.js';
import type { RenderedOutput } from './json.js';
import { createLabels, type Catalog, type Labels } from './labels.js';

/**
 * The briefing as Markdown for chat messages and e-mail bodies. Article text is hostile here too: a
 * Markdown viewer would turn "[x](javascript:...)", "<script>" or "# " into markup, so every
 * article-derived string goes through `mdText`, and only http(s) URLs become links.
 */

export interface MarkdownOptions {
  locale?: string;
  /** The configuration's wording of labels (branding.labels). */
  labels?: Catalog;
}

/** Article text as inert Markdown: one line, every character that could start markup escaped. */
export function mdText(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .trim()
    // [ ] stop links and images, < > stop HTML and autolinks, the rest stop emphasis, code and tables.
    .replace(/[\\`*_[\]<>|~]/g, (c) => `\\${c}`);
}

/** Escapes what would start a block ("# ", "- ", "1. ", "=") where already-escaped text opens a line. */
export function mdLineStart(escaped: string): string {
  return escaped.replace(/^([-+=#]|\d+[.)])/, (m) => `${m.slice(0, -1)}\\${m.slice(-1)}`);
}

function link(text: string, url: string | null): string {
  const safe = httpUrl(url);
  // <...> destinations need no escaping of parentheses; URL serialization has already encoded < > and spaces.
  return safe ? `[${mdText(text)}](<${safe}>)` : mdText(text);
}

/** "[1][2]": left unescaped so it reads well unrendered; with no "[n]: url" definitions it can never be a link. */
function cite(articleIds: string | readonly string[], thread: BriefingThread): string {
  return citations(articleIds, thread)
    .map((c) => `[${c.n}]`)
    .join('');
}

function outletOf(briefing: Briefing, articleId: string, t: Labels): string {
  return mdText(outletLabel(articleById(briefing, articleId), t));
}

function threadSection(briefing: Briefing, thread: BriefingThread, locale: string, t: Labels): string[] {
  const lines: string[] = [`## ${thread.rank}. ${mdText(thread.headline)}`, ''];
  if (thread.summary.length > 0) {
    lines.push(mdLineStart(thread.summary.map((s) => `${mdText(s.text)} ${cite(s.articleIds, thread)}`).join(' ')), '');
  }
  if (thread.figures.length > 0) {
    lines.push(`**${t.text('figures.title')}**`, '');
    for (const f of thread.figures) {
      lines.push(`- **${mdText(formatFigure(f.value, f.unit, locale, f.valueHigh))}** ${mdText(f.label)} (${outletOf(briefing, f.articleId, t)} ${cite(f.articleId, thread)})`);
    }
    lines.push('');
  }
  for (const c of thread.conflicts) {
    lines.push(`**${t.text('conflicts.title')}: ${mdText(c.about)}**`, '');
    for (const v of c.values) {
      // The sentence is context, not a quote: it may itself open with quotation marks.
      lines.push(`- **${mdText(v.surface)}** ${outletOf(briefing, v.articleId, t)} ${cite(v.articleId, thread)}: ${mdText(v.text)}`);
    }
    lines.push('');
  }
  if (thread.quotes.length > 0) {
    lines.push(`**${t.text('quotes.title')}**`, '');
    for (const q of thread.quotes) {
      const speaker = `${q.speaker ? mdText(q.speaker) : t.text('quotes.unattributed')}${q.speakerRole ? `, ${mdText(q.speakerRole)}` : ''}`;
      lines.push(`> “${mdText(q.text)}”  `, `> — ${speaker}, ${outletOf(briefing, q.articleId, t)} ${cite(q.articleId, thread)}`, '');
    }
  }
  lines.push(`**${t.text('timeline.title')}**`, '');
  for (const e of thread.events) {
    lines.push(`- ${formatApproxDate(e.date, e.dateCertain, locale, t)}: ${mdText(e.headline)} ${cite(e.articleIds, thread)}`);
  }
  lines.push('', `**${t.text('sources.title')}**`, '');
  for (const s of threadSources(thread, briefing)) {
    const a = s.article;
    if (!a) {
      lines.push(`${s.n}. ${t.text('sources.missingArticle', { id: mdText(s.articleId) })}`);
      continue;
    }
    const date = a.published ? formatApproxDate(a.published, a.publishedCertain, locale, t) : t.text('sources.undated');
    lines.push(`${s.n}. ${mdText(outletLabel(a, t))}: ${link(a.title, a.url)} (${date})`);
  }
  lines.push('');
  return lines;
}

/**
 * A thread shown in brief as one list item: its headline, its lead sentence cited, then (a hard line break away)
 * its numbered sources, outlet names linked to the articles, so each [n] has its source beside it.
 */
function briefItem(briefing: Briefing, thread: BriefingThread, t: Labels): string[] {
  const lead = thread.summary[0];
  const sources = threadSources(thread, briefing).map((s) =>
    s.article ? `[${s.n}] ${link(outletLabel(s.article, t), s.article.url)}` : `[${s.n}] ${t.text('sources.missingArticle', { id: mdText(s.articleId) })}`,
  );
  const head = `- **${mdText(thread.headline)}**${lead ? ` — ${mdText(lead.text)} ${cite(lead.articleIds, thread)}` : ''}`;
  return sources.length > 0 ? [`${head}  `, `  ${sources.join(' · ')}`] : [head];
}

/**
 * `briefing-<date>.md`: the day in brief, then per thread shown in full its summary with [n] citations, figures,
 * quotes, sources; then the threads shown in brief, one list item each.
 */
export function renderMarkdown(briefing: Briefing, options: MarkdownOptions = {}): RenderedOutput {
  const locale = options.locale ?? DEFAULT_LOCALE;
  const t = createLabels({ locale, overrides: options.labels });
  const b = briefing;
  const lines: string[] = [
    `# ${mdText(b.title)}: ${formatDay(b.date, locale, 'long')}`,
    '',
    [
      t.text('masthead.asOf', { time: formatTime(b.generatedAt, b.timezone, locale) }),
      t.text('masthead.sourcesFromOutlets', {
        sources: t.text('count.sources', { count: b.stats.articlesOk }),
        outlets: t.text('count.outlets', { count: b.stats.outlets }),
      }),
      t.text('count.stories', { count: b.threads.length }),
    ].join(' · '),
    '',
    `## ${t.text('brief.title')}`,
    '',
  ];
  if (b.threads.length === 0) lines.push(t.text('brief.empty'));
  const { full, brief } = threadsByDepth(b.threads);
  for (const thread of full) {
    const gist = thread.summary[0] ? ` — ${mdText(thread.summary[0].text)}` : '';
    lines.push(`${thread.rank}. **${mdText(thread.headline)}**${gist}`);
  }
  // A paragraph of its own: a line right after the list would join its last item.
  if (brief.length > 0) lines.push('', t.text('inBrief.more', { count: brief.length }));
  lines.push('');
  for (const thread of full) lines.push(...threadSection(b, thread, locale, t));
  if (brief.length > 0) {
    lines.push(`## ${t.text('inBrief.title')}`, '', t.text('inBrief.intro', { count: brief.length }), '');
    for (const thread of brief) lines.push(...briefItem(b, thread, t));
    lines.push('');
  }
  if (b.excluded.length > 0) {
    lines.push(`## ${t.text('appendix.title')}`, '');
    for (const x of b.excluded) lines.push(`- ${mdText(x.path)}: ${mdText(x.reason)}`);
    lines.push('');
  }
  lines.push(
    '---',
    '',
    t.text('footer.generated', {
      time: formatDateTime(b.generatedAt, b.timezone, locale),
      program: mdText(b.generator.name),
      version: mdText(b.generator.version),
      digest: mdText(b.inputsDigest.replace(/^sha256:/, '').slice(0, 12)),
    }),
    '',
  );
  return { filename: `briefing-${b.date}.md`, content: lines.join('\n') };
}
