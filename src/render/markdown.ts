import type { Briefing, BriefingThread } from '../model/schema.js';
import {
  DEFAULT_LOCALE,
  citations,
  formatApproxDate,
  formatDateTime,
  formatDay,
  formatFigure,
  formatTime,
  httpUrl,
  plural,
  threadSources,
} from './helpers.js';
import type { RenderedOutput } from './json.js';

/**
 * The briefing as Markdown for chat messages and e-mail bodies. Article text is hostile here too: a
 * Markdown viewer would turn "[x](javascript:...)", "<script>" or "# " into markup, so every
 * article-derived string goes through `mdText`, and only http(s) URLs become links.
 */

export interface MarkdownOptions {
  locale?: string;
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

function outletOf(briefing: Briefing, articleId: string): string {
  return mdText(briefing.articles.find((a) => a.id === articleId)?.outlet ?? 'Unknown outlet');
}

function threadSection(briefing: Briefing, thread: BriefingThread, locale: string): string[] {
  const lines: string[] = [`## ${thread.rank}. ${mdText(thread.headline)}`, ''];
  if (thread.summary.length > 0) {
    lines.push(mdLineStart(thread.summary.map((s) => `${mdText(s.text)} ${cite(s.articleIds, thread)}`).join(' ')), '');
  }
  if (thread.figures.length > 0) {
    lines.push('**Key figures**', '');
    for (const f of thread.figures) {
      lines.push(`- **${mdText(formatFigure(f.value, f.unit, locale, f.valueHigh))}** ${mdText(f.label)} (${outletOf(briefing, f.articleId)} ${cite(f.articleId, thread)})`);
    }
    lines.push('');
  }
  for (const c of thread.conflicts) {
    lines.push(`**Where sources disagree: ${mdText(c.about)}**`, '');
    for (const v of c.values) {
      // The sentence is context, not a quote: it may itself open with quotation marks.
      lines.push(`- **${mdText(v.surface)}** ${outletOf(briefing, v.articleId)} ${cite(v.articleId, thread)}: ${mdText(v.text)}`);
    }
    lines.push('');
  }
  if (thread.quotes.length > 0) {
    lines.push('**Quotes**', '');
    for (const q of thread.quotes) {
      const speaker = `${q.speaker ? mdText(q.speaker) : 'Unattributed'}${q.speakerRole ? `, ${mdText(q.speakerRole)}` : ''}`;
      lines.push(`> “${mdText(q.text)}”  `, `> — ${speaker}, ${outletOf(briefing, q.articleId)} ${cite(q.articleId, thread)}`, '');
    }
  }
  lines.push('**Timeline**', '');
  for (const e of thread.events) {
    lines.push(`- ${formatApproxDate(e.date, e.dateCertain, locale)}: ${mdText(e.headline)} ${cite(e.articleIds, thread)}`);
  }
  lines.push('', '**Sources**', '');
  for (const s of threadSources(thread, briefing)) {
    const a = s.article;
    if (!a) {
      lines.push(`${s.n}. Article ${mdText(s.articleId)}`);
      continue;
    }
    const date = a.published ? formatApproxDate(a.published, a.publishedCertain, locale) : 'undated';
    lines.push(`${s.n}. ${mdText(a.outlet ?? 'Unknown outlet')}: ${link(a.title, a.url)} (${date})`);
  }
  lines.push('');
  return lines;
}

/** `briefing-<date>.md`: the day in brief, then per thread its summary with [n] citations, figures, quotes, sources. */
export function renderMarkdown(briefing: Briefing, options: MarkdownOptions = {}): RenderedOutput {
  const locale = options.locale ?? DEFAULT_LOCALE;
  const b = briefing;
  const lines: string[] = [
    `# ${mdText(b.title)}: ${formatDay(b.date, locale, 'long')}`,
    '',
    [
      `As of ${formatTime(b.generatedAt, b.timezone, locale)}`,
      `${plural(b.stats.articlesOk, 'source')} from ${plural(b.stats.outlets, 'outlet')}`,
      plural(b.threads.length, 'story', 'stories'),
    ].join(' · '),
    '',
    '## The day in brief',
    '',
  ];
  if (b.threads.length === 0) lines.push('No stories in today’s inputs.');
  for (const t of b.threads) {
    const gist = t.summary[0] ? ` — ${mdText(t.summary[0].text)}` : '';
    lines.push(`${t.rank}. **${mdText(t.headline)}**${gist}`);
  }
  lines.push('');
  for (const t of b.threads) lines.push(...threadSection(b, t, locale));
  if (b.excluded.length > 0) {
    lines.push('## Left out of this briefing', '');
    for (const x of b.excluded) lines.push(`- ${mdText(x.path)}: ${mdText(x.reason)}`);
    lines.push('');
  }
  lines.push(
    '---',
    '',
    `Generated ${formatDateTime(b.generatedAt, b.timezone, locale)} by ${mdText(`${b.generator.name} ${b.generator.version}`)} · inputs ${mdText(b.inputsDigest.replace(/^sha256:/, '').slice(0, 12))}`,
    '',
  );
  return { filename: `briefing-${b.date}.md`, content: lines.join('\n') };
}
