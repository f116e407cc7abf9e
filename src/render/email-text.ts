import type { Briefing, BriefingThread } from '../model/schema.js';
import { decodeHtmlEntities, htmlToPlainText } from '../text/markup.js';
import { articleById, citations, outletLabel, EMAIL_BRIEF_ITEMS, formatDateTime, formatDay, formatFigure, httpUrl, threadSources, threadsByDepth, trustedMarkdownToHtml } from './helpers.js';
import type { Labels } from './labels.js';

/**
 * The text/plain part of the e-mail, written from the model (never from the Markdown or HTML output): what a
 * reader sees in a text-only client or a notification preview. No markup at all: article text goes in as
 * written (it is plain text in the model), the editor's Markdown is reduced to its words and link targets.
 */

export interface EmailTextOptions {
  locale: string;
  /** The render's labels (the theme's, the configuration's), in its locale. */
  labels: Labels;
  dateFormat: 'long' | 'medium' | 'short';
  edition: string;
  editorNote?: string;
  classification?: string;
  attachmentName?: string;
}

/** Lines are wrapped here, not by the mail client, so the layout's indents survive. URLs are never broken. */
const WIDTH = 76;

/** Article text on one line: line breaks inside a headline or quote would break the layout. */
function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Word-wraps `text` to WIDTH, the first line after `first`, the following ones after `rest`. */
export function wrap(text: string, first = '', rest = ' '.repeat(first.length)): string[] {
  const lines: string[] = [];
  let line = first;
  let empty = true;
  for (const word of oneLine(text).split(' ')) {
    if (word === '') continue;
    if (!empty && line.length + 1 + word.length > WIDTH) {
      lines.push(line);
      line = rest + word;
    } else {
      line += (empty ? '' : ' ') + word;
    }
    empty = false;
  }
  if (!empty) lines.push(line);
  return lines;
}

/** The editor's trusted Markdown as plain paragraphs: emphasis dropped, links written "text (url)". */
export function markdownToPlainText(markdown: string): string {
  const html = trustedMarkdownToHtml(markdown)
    .replace(/<a\b[^>]*\bhref="([^"]*)"[^>]*>([\s\S]*?)<\/a>/gi, (_m, href: string, inner: string) => {
      // An autolink's text is its address already: written once.
      return htmlToPlainText(inner) === decodeHtmlEntities(href) ? inner : `${inner} (${href})`;
    })
    .replace(/<li\b[^>]*>/gi, '<li>- ');
  return htmlToPlainText(html);
}

function underline(title: string, char: string): string[] {
  return [title, char.repeat(Math.min(WIDTH, [...title].length))];
}

/** An article's outlet on one line of plain text. */
function outletName(article: Parameters<typeof outletLabel>[0], labels: Labels): string {
  return oneLine(outletLabel(article, labels));
}

function outletOf(briefing: Briefing, articleId: string, labels: Labels): string {
  return outletName(articleById(briefing, articleId), labels);
}

function threadBlock(briefing: Briefing, thread: BriefingThread, locale: string, labels: Labels): string[] {
  const lines = ['', ...underline(`${thread.rank}. ${oneLine(thread.headline)}${thread.isNew ? ` (${labels.text('thread.new')})` : ''}`, '-')];
  if (thread.summary.length > 0) {
    const summary = thread.summary.map((s) => `${oneLine(s.text)} ${citations(s.articleIds, thread).map((c) => `[${c.n}]`).join('')}`).join(' ');
    lines.push('', ...wrap(summary));
  }
  if (thread.figures.length > 0) {
    lines.push('', `${labels.text('figures.title')}:`);
    for (const f of thread.figures) {
      lines.push(...wrap(`${formatFigure(f.value, f.unit, locale, f.valueHigh)}: ${oneLine(f.label)} (${outletOf(briefing, f.articleId, labels)})`, '  * ', '    '));
    }
  }
  const quote = thread.quotes[0];
  if (quote) {
    const speaker = `${quote.speaker ? oneLine(quote.speaker) : labels.text('quotes.unattributed')}${quote.speakerRole ? `, ${oneLine(quote.speakerRole)}` : ''}`;
    lines.push('', ...wrap(`“${oneLine(quote.text)}”`, '  > ', '    '), ...wrap(`— ${speaker}, ${outletOf(briefing, quote.articleId, labels)}`, '    '));
  }
  const sources = threadSources(thread, briefing);
  if (sources.length > 0) {
    lines.push('', labels.text('email.sources'));
    for (const source of sources) {
      const article = source.article;
      const label = article ? `${outletName(article, labels)}: ${oneLine(article.title)}` : labels.text('sources.missingArticle', { id: source.articleId });
      lines.push(...wrap(label, `  [${source.n}] `, '      '));
      const url = httpUrl(article?.url);
      if (url) lines.push(`      ${url}`);
    }
  }
  return lines;
}

/** A thread shown in brief: its headline, its lead sentence cited, and one line per source with its address. */
function briefBlock(briefing: Briefing, thread: BriefingThread, labels: Labels): string[] {
  const lines = ['', ...wrap(`${oneLine(thread.headline)}${thread.isNew ? ` (${labels.text('thread.new')})` : ''}`, '  * ', '    ')];
  const lead = thread.summary[0];
  if (lead) lines.push(...wrap(`${oneLine(lead.text)} ${citations(lead.articleIds, thread).map((c) => `[${c.n}]`).join('')}`, '    '));
  for (const source of threadSources(thread, briefing)) {
    const article = source.article;
    const outlet = article ? outletName(article, labels) : labels.text('sources.missingArticle', { id: source.articleId });
    const url = httpUrl(article?.url);
    lines.push(...wrap(url ? `${outlet}: ${url}` : outlet, `    [${source.n}] `, '        '));
  }
  return lines;
}

/** The plain-text body of a briefing's e-mail (a string ending in a newline). */
export function renderEmailText(briefing: Briefing, options: EmailTextOptions): string {
  const { locale, labels } = options;
  const day = formatDay(briefing.date, locale, options.dateFormat);
  const asOf = formatDateTime(briefing.generatedAt, briefing.timezone, locale);
  const mark = options.classification ? [oneLine(options.classification), ''] : [];
  const lines: string[] = [
    ...mark,
    ...underline(`${oneLine(briefing.title)} — ${day}`, '='),
    `${labels.text('count.stories', { count: briefing.threads.length })} · ${labels.text('email.asOf', { time: asOf })}`,
  ];
  if (options.editorNote?.trim()) {
    for (const paragraph of markdownToPlainText(options.editorNote).split('\n\n')) lines.push('', ...wrap(paragraph));
  }
  lines.push('', labels.text('brief.title').toLocaleUpperCase(locale));
  if (briefing.threads.length === 0) lines.push('', labels.text('email.noStories'));
  const { full, brief } = threadsByDepth(briefing.threads);
  for (const thread of full) lines.push(...wrap(oneLine(thread.headline), `${String(thread.rank).padStart(2)}. `));
  if (brief.length > 0) lines.push(...wrap(labels.text('inBrief.more', { count: brief.length }), '    '));
  for (const thread of full) lines.push(...threadBlock(briefing, thread, locale, labels));
  if (brief.length > 0) {
    lines.push('', '', labels.text('inBrief.title').toLocaleUpperCase(locale), ...wrap(labels.text('inBrief.intro', { count: brief.length })));
    for (const thread of brief.slice(0, EMAIL_BRIEF_ITEMS)) lines.push(...briefBlock(briefing, thread, labels));
    const rest = brief.length - EMAIL_BRIEF_ITEMS;
    if (rest > 0) {
      const line = options.attachmentName ? labels.text('inBrief.restAttached', { count: rest, file: options.attachmentName }) : labels.text('inBrief.rest', { count: rest });
      lines.push('', ...wrap(line, '  '));
    }
  }
  lines.push('', '--');
  if (options.attachmentName) lines.push(labels.text('email.attached', { file: options.attachmentName }));
  lines.push(`${labels.text('email.edition', { edition: options.edition })} · ${oneLine(`${briefing.generator.name} ${briefing.generator.version}`)}`);
  if (mark.length > 0) lines.push('', mark[0]!);
  return `${lines.join('\n')}\n`;
}
