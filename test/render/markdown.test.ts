import { JSDOM } from 'jsdom';
import { marked } from 'marked';
import { describe, expect, test } from 'vitest';
import { mdText, renderMarkdown } from '../../src/render/markdown.js';
import { HOSTILE, hostileBriefing, sampleBriefing } from '../fixtures/sample-briefing.js';

const md = String(renderMarkdown(sampleBriefing).content);

/** What a Markdown viewer (chat, mail client) would make of it. */
function asHtml(markdown: string): Document {
  return new JSDOM(marked.parse(markdown, { async: false }) as string).window.document;
}

function section(markdown: string, heading: string): string {
  const start = markdown.indexOf(`## ${heading}`);
  expect(start, heading).toBeGreaterThanOrEqual(0);
  const next = markdown.indexOf('\n## ', start + 1);
  return markdown.slice(start, next === -1 ? undefined : next);
}

describe('renderMarkdown', () => {
  test('file name and header line', () => {
    expect(renderMarkdown(sampleBriefing).filename).toBe('briefing-2025-07-10.md');
    expect(md.split('\n').slice(0, 3)).toEqual([
      '# Daily Briefing: Thursday, 10 July 2025',
      '',
      'As of 06:30 BST · 8 sources from 8 outlets · 3 stories',
    ]);
  });

  test('the day in brief: one numbered line per thread', () => {
    const lines = section(md, 'The day in brief').split('\n').filter((l) => /^\d+\. /.test(l));
    expect(lines).toHaveLength(3);
    expect(lines[1]).toBe(
      '2. **ECB holds rates as banks brace for a €10bn tariff hit** — The European Central Bank kept its deposit rate at 2% and said it would wait for clarity on U.S. tariffs.',
    );
  });

  test('per thread: headline, summary with [n] citations, figures, conflict, quotes, timeline, sources', () => {
    const t1 = section(md, '1. Russia hits Kyiv');
    expect(t1).toContain("Ukraine's air force said. [1][2] Kyiv was shrouded");
    expect(t1).toContain('- **741** drones and missiles launched (The Kyiv Independent [1])');
    expect(t1).toContain('**Where sources disagree: people wounded in Kyiv**');
    expect(t1).toContain('- **at least 23** The Kyiv Independent [1]: At least 23 people were wounded, the city said.');
    expect(t1).toContain('> — Marco Rubio, the US Secretary of State, AFP [3]');
    expect(t1).toContain('> — Unattributed, Reuters [2]');
    expect(t1).toContain('- c. 10 Jul 2025: Rubio and Lavrov meet in Kuala Lumpur [3][4]');
    expect(t1).toContain(
      '1. The Kyiv Independent: [Ukraine says it downed most of 741 drones and missiles](<https://kyiv.example.org/news/air-defence-741>) (9 Jul 2025)',
    );
    const t2 = section(md, '2. ECB');
    expect(t2).toContain('- **€10bn** expected loan losses (Bloomberg [2])');
    expect(t2).toContain('- **$1.25m** fine paid by one lender (Bloomberg [2])');
    expect(t2).toContain('(undated)');
    const t3 = section(md, '3. Heatwave');
    expect(t3).toContain('- Date unknown: Spain confirms its hottest June on record [1]');
    // ftp:// is not linked
    expect(t3).toContain('2. Le Monde: Wildfire near Marseille forces evacuations (9 Jul 2025)');
  });

  test('renders as intended in a Markdown viewer: links only to http(s) sources', () => {
    const doc = asHtml(md);
    expect([...doc.querySelectorAll('h2')].map((h) => h.textContent)).toEqual([
      'The day in brief',
      '1. Russia hits Kyiv with second mass drone barrage as Rubio meets Lavrov',
      '2. ECB holds rates as banks brace for a €10bn tariff hit',
      '3. Heatwave grips southern Europe as wildfires spread',
      'Left out of this briefing',
    ]);
    const hrefs = [...doc.querySelectorAll('a')].map((a) => a.getAttribute('href'));
    expect(hrefs).toHaveLength(7);
    for (const href of hrefs) expect(href).toMatch(/^https?:\/\//);
    expect(doc.querySelectorAll('blockquote')).toHaveLength(4);
  });

  test('left-out inputs and the colophon line', () => {
    expect(section(md, 'Left out of this briefing')).toContain('- seeds/photo.jpg: unsupported file type ".jpg"');
    expect(md.trimEnd().split('\n').at(-1)).toBe('Generated 10 Jul 2025, 06:30 BST by briefing 0.1.0 · inputs 9f2c4e1b7a3d');
  });
});

describe('hostile content', () => {
  const hostile = String(renderMarkdown(hostileBriefing).content);
  const doc = asHtml(hostile);

  test('stays text in a Markdown viewer: no HTML, no images, no javascript: links', () => {
    expect(doc.querySelectorAll('script, img, style, link, b, iframe')).toHaveLength(0);
    // A bare https URL in article text may be autolinked by a viewer, as any chat client would; nothing else links.
    for (const a of doc.querySelectorAll('a')) expect(a.getAttribute('href')).toMatch(/^https:\/\/(ok|evil)\.example\//);
    expect(hostile).not.toMatch(/(?<!\\)\](?!\(<https:\/\/ok\.example)\(/);
    const body = doc.body.textContent ?? '';
    expect(body).toContain(HOSTILE.script);
    expect(body).toContain('[click me](javascript:alert(1))');
    expect(body).toContain(HOSTILE.handlebars);
  });

  test('the one http(s) source URL, with markup in it, stays a single encoded link', () => {
    const sourceLinks = [...doc.querySelectorAll('a')].filter((a) => a.getAttribute('href')?.startsWith('https://ok.example/'));
    expect(sourceLinks.length).toBe(1);
    expect(sourceLinks[0]!.getAttribute('href')).toBe('https://ok.example/%22%3E%3Cscript%3Ewindow.__pwned=%22attr%22%3C/script%3E');
  });

  test('mdText escapes what would start markup', () => {
    expect(mdText('a *b* _c_ `d` <e> [f](g) | ~h~ \\')).toBe('a \\*b\\* \\_c\\_ \\`d\\` \\<e\\> \\[f\\](g) \\| \\~h\\~ \\\\');
    expect(mdText('line\n\n# not a heading')).toBe('line # not a heading');
    const lineStart = asHtml(String(renderMarkdown({ ...sampleBriefing, threads: [{ ...sampleBriefing.threads[0]!, summary: [{ text: '# 1. - heading?', articleIds: ['a-1f2e3d4c'] }] }] }).content));
    expect(lineStart.querySelectorAll('h1')).toHaveLength(1);
    expect(lineStart.querySelector('h2 + p, h2 ~ p')?.textContent).toContain('# 1. - heading?');
  });
});
