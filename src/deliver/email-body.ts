import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Handlebars from 'handlebars';
import type { Briefing } from '../model/schema.js';
import { DEFAULT_LOCALE, formatDateTime, formatDay, httpUrl, plural, threadSources, trustedMarkdownToHtml } from '../render/helpers.js';

export interface EmailBodyOptions {
  edition: string;
  /** Trusted Markdown shown above the stories. */
  editorNote?: string;
  /** Name of the attached PDF, mentioned in the footer. */
  attachmentName?: string;
  locale?: string;
  /** At most this many source links per story. */
  maxLinks?: number;
}

export interface EmailBody {
  subject: string;
  html: string;
  text: string;
}

interface ThreadView {
  rank: number;
  headline: string;
  lead: string | null;
  links: Array<{ label: string; url: string }>;
}

function emailTemplatePath(): string {
  // templates/ sits one level above both src/ and dist/.
  return fileURLToPath(new URL('../../templates/email/body.hbs', import.meta.url));
}

let compiled: Handlebars.TemplateDelegate | undefined;

function template(): Handlebars.TemplateDelegate {
  // Its own Handlebars instance, so nothing registered by the themes leaks in.
  compiled ??= Handlebars.create().compile(readFileSync(emailTemplatePath(), 'utf8'));
  return compiled;
}

function threadViews(briefing: Briefing, maxLinks: number): ThreadView[] {
  return briefing.threads.map((thread) => {
    const links: ThreadView['links'] = [];
    const seen = new Set<string>();
    for (const source of threadSources(thread, briefing)) {
      const url = httpUrl(source.article?.url);
      if (!url || seen.has(url) || links.length >= maxLinks) continue;
      seen.add(url);
      links.push({ label: source.article?.outlet ?? new URL(url).hostname, url });
    }
    return { rank: thread.rank, headline: thread.headline, lead: thread.summary[0]?.text ?? null, links };
  });
}

/** Mail clients drop style sheets, so the note's Markdown HTML gets its spacing and link colour inline. */
function inlineNoteStyles(html: string): string {
  return html
    .replace(/<(p|ul|ol|h[3-6])>/g, '<$1 style="margin:0 0 8px 0;">')
    .replace(/<li>/g, '<li style="margin:0 0 4px 0;">')
    .replace(/<a href=/g, '<a style="color:#00558c;text-decoration:underline;" href=');
}

/** The mail body of a briefing: subject, an HTML part made for mail clients, and its text/plain twin. */
export function renderEmailBody(briefing: Briefing, options: EmailBodyOptions): EmailBody {
  const locale = options.locale ?? DEFAULT_LOCALE;
  const day = formatDay(briefing.date, locale, 'long');
  const threads = threadViews(briefing, options.maxLinks ?? 4);
  const storyCount = plural(briefing.threads.length, 'story', 'stories');
  const asOf = formatDateTime(briefing.generatedAt, briefing.timezone, locale);
  const html = template()({
    lang: locale.split('-')[0],
    title: briefing.title,
    day,
    storyCount,
    asOf,
    editorNoteHtml: options.editorNote ? inlineNoteStyles(trustedMarkdownToHtml(options.editorNote)) : null,
    threads,
    attachmentName: options.attachmentName ?? null,
    edition: options.edition,
    generator: `${briefing.generator.name} ${briefing.generator.version}`,
  });
  const text = [
    `${briefing.title} — ${day}`,
    `${storyCount} · as of ${asOf}`,
    ...(options.editorNote ? ['', options.editorNote.trim()] : []),
    '',
    'THE DAY IN BRIEF',
    ...threads.flatMap((t) => ['', `${t.rank}. ${t.headline}`, ...(t.lead ? [t.lead] : []), ...t.links.map((l) => `   ${l.label}: ${l.url}`)]),
    '',
    ...(options.attachmentName ? [`The full briefing is attached (${options.attachmentName}).`] : []),
  ].join('\n');
  return { subject: `${briefing.title} — ${day}`, html, text: `${text}\n` };
}
