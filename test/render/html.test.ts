import { JSDOM } from 'jsdom';
import { beforeAll, describe, expect, test } from 'vitest';
import { BriefingSchema } from '../../src/model/schema.js';
import { EMBEDDED_FONTS } from '../../src/render/fonts.js';
import { renderHtml } from '../../src/render/html.js';
import { sampleBriefing } from '../fixtures/sample-briefing.js';

let html: string;
let doc: Document;

const text = (el: Element | null | undefined) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
const all = (selector: string, root: ParentNode = doc) => [...root.querySelectorAll(selector)];

beforeAll(async () => {
  const output = await renderHtml(sampleBriefing, {
    editorNote: 'A **quiet** day in markets. <script>alert(1)</script> [bad](javascript:alert(1)) [ECB](https://www.ecb.europa.eu/)\n\n# A heading',
  });
  expect(output.filename).toBe('briefing-2025-07-10.html');
  html = String(output.content);
  doc = new JSDOM(html).window.document;
});

describe('document', () => {
  test('is one self-contained, semantic file', () => {
    expect(doc.documentElement.lang).toBe('en-GB');
    expect(text(doc.querySelector('title'))).toBe('Daily Briefing: Thursday, 10 July 2025');
    for (const tag of ['header', 'nav', 'main', 'article', 'section', 'aside', 'footer']) expect(doc.querySelector(tag), tag).not.toBeNull();
    // nothing that would load: no script, no external stylesheet, no remote url() anywhere
    expect(all('script, link, img, iframe, object')).toHaveLength(0);
    expect(html).not.toMatch(/url\((?!data:)/);
    expect(doc.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content')).toMatch(/default-src 'none'/);
  });

  test('embeds the fonts as base64 woff2', () => {
    const faces = html.match(/@font-face \{[^}]*\}/g) ?? [];
    expect(faces).toHaveLength(EMBEDDED_FONTS.length);
    for (const face of faces) expect(face).toMatch(/src: url\(data:font\/woff2;base64,[A-Za-z0-9+/=]{10000,}\) format\('woff2'\)/);
    expect(new Set(faces.map((f) => /font-family: '([^']+)'/.exec(f)?.[1]))).toEqual(new Set(['Source Serif 4', 'Inter']));
  });

  test('headings never skip a level', () => {
    const levels = all('h1, h2, h3, h4, h5, h6').map((h) => Number(h.tagName[1]));
    expect(levels[0]).toBe(1);
    expect(levels.filter((l) => l === 1)).toHaveLength(1);
    for (let i = 1; i < levels.length; i++) expect(levels[i]! - levels[i - 1]!).toBeLessThanOrEqual(1);
  });

  test('the paper option sets @page size; the theme default is A4', async () => {
    expect(html).toContain('@page { size: A4; }');
    expect(doc.documentElement.dataset.paper).toBe('a4');
    const letter = String((await renderHtml(sampleBriefing, { paper: 'letter' })).content);
    expect(letter).toContain('@page { size: Letter; }');
  });

  test('refuses a value that is not a briefing', async () => {
    await expect(renderHtml({ ...sampleBriefing, date: 'yesterday' })).rejects.toThrow();
  });
});

describe('front matter', () => {
  test('masthead: title, date, "as of" time with zone, sources and stories', () => {
    const masthead = doc.querySelector('body > header.masthead')!;
    expect(text(masthead.querySelector('h1'))).toBe('Daily Briefing');
    expect(text(masthead)).toContain('Thursday, 10 July 2025');
    // 05:30Z is 06:30 in London in July
    expect(text(masthead)).toContain('As of 06:30 BST');
    expect(text(masthead)).toContain('8 sources from 8 outlets');
    expect(text(masthead)).toContain('3 stories');
  });

  test('editor note: Markdown rendered, raw HTML escaped, unsafe links dropped, headings below h2', () => {
    const note = doc.querySelector('article.editor-note')!;
    expect(note.querySelector('strong')?.textContent).toBe('quiet');
    expect(text(note)).toContain('<script>alert(1)</script>');
    expect(note.querySelector('script')).toBeNull();
    expect(all('a', note).map((a) => a.getAttribute('href'))).toEqual(['https://www.ecb.europa.eu/']);
    expect(text(note)).toContain('bad');
    expect(note.querySelector('h3')?.textContent).toBe('A heading');
  });

  test('the day in brief: one entry per thread linking to its section', () => {
    const items = all('.brief li');
    expect(items).toHaveLength(3);
    sampleBriefing.threads.forEach((t, i) => {
      const link = items[i]!.querySelector('a')!;
      expect(link.getAttribute('href')).toBe(`#${t.id}`);
      expect(link.textContent).toBe(t.headline);
      expect(text(items[i])).toContain(t.summary[0]!.text);
    });
  });

  test('table of contents with page-number slots for every thread and the appendix', () => {
    const nav = doc.querySelector('nav.toc')!;
    expect(nav.getAttribute('aria-labelledby')).toBe('toc-title');
    const slots = all('[data-toc-page-for]', nav).map((s) => s.getAttribute('data-toc-page-for'));
    expect(slots).toEqual([...sampleBriefing.threads.map((t) => t.id), 'left-out']);
    for (const slot of slots) expect(doc.getElementById(slot!)).not.toBeNull();
    expect(html).toMatch(/@media screen \{[^}]*\[data-toc-page-for\] \{ display: none; \}/);
  });
});

describe('threads', () => {
  test('one section per thread, in rank order, with id and outline title', () => {
    const sections = all('main section.thread');
    expect(sections.map((s) => s.id)).toEqual(sampleBriefing.threads.map((t) => t.id));
    sections.forEach((s, i) => {
      expect(s.getAttribute('data-outline')).toBe(sampleBriefing.threads[i]!.headline);
      expect(text(s.querySelector('h2'))).toBe(sampleBriefing.threads[i]!.headline);
    });
  });

  test('summary citations are numbered in reading order and point into the thread source list', () => {
    const thread = doc.getElementById('t-5a8e21c0')!;
    const cites = all('.thread-summary a.cite', thread);
    expect(cites.map((c) => c.textContent)).toEqual(['[1]', '[2]', '[2]', '[3]', '[4]']);
    for (const cite of all('a.cite', thread)) {
      const target = doc.getElementById(cite.getAttribute('href')!.slice(1));
      expect(target?.closest('section.thread')).toBe(thread);
      expect(target?.closest('.source-list')).not.toBeNull();
    }
    // [1] is the first article of the first sentence
    expect(text(doc.getElementById('src-t-5a8e21c0-1'))).toContain('The Kyiv Independent');
  });

  test('key figures: compact value with unit, what it counts, the source', () => {
    const figures = all('#t-7c3d9e14 .figures .figure').map((f) => [
      text(f.querySelector('.figure-value')),
      text(f.querySelector('.figure-label')),
      text(f.querySelector('.figure-source')),
    ]);
    expect(figures).toEqual([
      ['€10bn', 'expected loan losses', 'Bloomberg [2]'],
      ['2%', 'deposit rate', 'Financial Times [1]'],
      ['$1.25m', 'fine paid by one lender', 'Bloomberg [2]'],
    ]);
    expect(text(doc.querySelector('#t-9e0f1a2b .figures'))).toContain('23.6°C');
  });

  test('a conflict shows each value with its source, side by side', () => {
    const conflict = doc.querySelector('#t-5a8e21c0 .conflicts .conflict')!;
    expect(text(conflict.querySelector('.conflict-about'))).toBe('people wounded in Kyiv');
    const values = all('.conflict-value', conflict).map((v) => [text(v.querySelector('.figure-value')), text(v.querySelector('.figure-source'))]);
    expect(values).toEqual([
      ['16', 'Reuters [2]'],
      ['at least 23', 'The Kyiv Independent [1]'],
    ]);
    expect(html).toMatch(/\.conflict-values \{[^}]*display: grid/);
    expect(doc.querySelector('#t-7c3d9e14 .conflicts')).toBeNull();
  });

  test('quotes with speaker and role (or "Unattributed") and outlet', () => {
    const captions = all('#t-5a8e21c0 .quote figcaption').map(text);
    expect(captions).toEqual(['Marco Rubio, the US Secretary of State, AFP [3]', 'Volodymyr Zelensky, Deutsche Welle [4]', 'Unattributed, Reuters [2]']);
    expect(doc.querySelector('#t-9e0f1a2b .quotes')).toBeNull();
  });

  test('timeline across days: uncertain dates approximate, unknown dates said so', () => {
    const dates = (id: string) => all(`#${id} .timeline .event-date`).map(text);
    expect(dates('t-5a8e21c0')).toEqual(['9 Jul 2025', '10 Jul 2025', 'c. 10 Jul 2025']);
    expect(dates('t-7c3d9e14')).toEqual(['c. 6 Jul 2025', '10 Jul 2025']);
    expect(dates('t-9e0f1a2b')).toEqual(['Date unknown', '8 Jul 2025']);
    const approx = doc.querySelector('#t-5a8e21c0 .event-approx time')!;
    expect(approx.getAttribute('datetime')).toBe('2025-07-10');
    expect(approx.getAttribute('title')).toMatch(/Approximate/);
  });

  test('sources: outlet, title, date; only http(s) URLs become links', () => {
    const items = all('#t-9e0f1a2b .source-list li');
    expect(items.map((li) => li.id)).toEqual(['src-t-9e0f1a2b-1', 'src-t-9e0f1a2b-2']);
    expect(items[0]!.querySelector('a')?.getAttribute('href')).toBe('https://www.example-elpais.com/heat/june-record');
    // the " · " separators are CSS generated content
    expect(text(items[0])).toBe('El País Heatwave: Spain records hottest June as wildfires spread 8 Jul 2025');
    // ftp:// stays text
    expect(items[1]!.querySelector('a')).toBeNull();
    expect(text(items[1])).toContain('Wildfire near Marseille forces evacuations');
    // an inferred, unknown publication date
    expect(text(doc.getElementById('src-t-7c3d9e14-2'))).toContain('undated');
  });
});

describe('back matter', () => {
  test('appendix lists every excluded input with its reason', () => {
    const aside = doc.querySelector('body > aside#left-out')!;
    const rows = all('tbody tr', aside).map((tr) => all('td', tr).map(text));
    expect(rows).toEqual(sampleBriefing.excluded.map((x) => [x.path, x.reason]));
    expect(all('thead th[scope="col"]', aside)).toHaveLength(2);
  });

  test('colophon: generated at, short digest, program version', () => {
    const footer = doc.querySelector('body > footer.colophon')!;
    expect(text(footer)).toContain('10 Jul 2025, 06:30 BST (Europe/London)');
    expect(text(footer.querySelector('code'))).toBe('9f2c4e1b7a3d');
    expect(footer.querySelector('code')?.getAttribute('title')).toBe(sampleBriefing.inputsDigest);
    expect(text(footer)).toContain('briefing 0.1.0');
  });

  test('an empty day still renders every part', async () => {
    const empty = BriefingSchema.parse({ ...sampleBriefing, threads: [], excluded: [] });
    const d = new JSDOM(String((await renderHtml(empty)).content)).window.document;
    expect(text(d.querySelector('.brief'))).toContain('No stories');
    expect(text(d.querySelector('#left-out'))).toContain('Every input was used');
    expect(d.querySelectorAll('section.thread')).toHaveLength(0);
  });
});
