import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { JSDOM } from 'jsdom';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { BrowserManager } from '../../src/browser/browser-manager.js';
import { renderHtml } from '../../src/render/html.js';
import { pdfOptionsFor } from '../../src/render/pdf-options.js';
import { renderPdfDetailed } from '../../src/render/pdf.js';
import { listThemes, templatesDir } from '../../src/render/theme.js';
import { readPdf } from '../browser/helpers.js';
import { HOSTILE, hostileWithBriefThreads, sampleBriefing } from '../fixtures/sample-briefing.js';

const BUILT_IN = ['compact', 'default', 'newsletter'];

let browser: BrowserManager;
beforeAll(() => {
  browser = new BrowserManager();
});
afterAll(async () => {
  await browser.close();
});

test('the built-in themes are default, compact and newsletter', async () => {
  expect((await listThemes()).filter((t) => BUILT_IN.includes(t))).toEqual(BUILT_IN);
});

describe.each(BUILT_IN)('the %s theme with hostile article text (threads in full and in brief)', (theme) => {
  let html: string;
  let doc: Document;
  beforeAll(async () => {
    html = String((await renderHtml(hostileWithBriefThreads, { theme })).content);
    doc = new JSDOM(html).window.document;
  });

  test('creates no element, attribute or link from article text', () => {
    expect(doc.querySelectorAll('script, img, link, iframe, object, embed, b')).toHaveLength(0);
    for (const el of doc.querySelectorAll('*')) {
      for (const attr of el.attributes) expect(attr.name, el.outerHTML.slice(0, 120)).not.toMatch(/^on/i);
    }
    for (const a of doc.querySelectorAll('[href]')) expect(a.getAttribute('href')).toMatch(/^(#[\w-]+|https:\/\/ok\.example\/)/);
    // The one http(s) URL with markup in it stays one attribute value: its quote and tags are encoded.
    expect(html).not.toContain('"><script>');
  });

  test('the hostile stylesheet text stays text, and the style blocks are only the theme\'s', () => {
    for (const style of doc.querySelectorAll('style')) {
      expect(style.textContent).not.toContain('display:none');
      expect(style.textContent).not.toContain('evil.example');
    }
  });

  test('Handlebars syntax in articles is printed, not evaluated', () => {
    const body = doc.body.textContent ?? '';
    expect(body).toContain(HOSTILE.script);
    expect(body).toContain('{{#each this}}{{{this}}}{{/each}} {{constructor.constructor}}');
    expect(body).not.toContain('function Function');
  });

  test('prints in Chromium without a request and with the markup shown as text', async () => {
    const report = await renderPdfDetailed(html, pdfOptionsFor(hostileWithBriefThreads, 'a4'), browser);
    expect(report.blockedRequests).toEqual([]);
    const pdf = await readPdf(report.output.content);
    expect(pdf.pages.map((p) => p.text).join(' ')).toContain('<script>');
  });
});

test.each(BUILT_IN)('the %s theme never uses triple-stash output', async (theme) => {
  const dir = join(templatesDir(), theme);
  const partials = await readdir(join(dir, 'partials')).catch(() => [] as string[]);
  const files = [join(dir, 'layout.hbs'), ...partials.map((f) => join(dir, 'partials', f))];
  for (const file of files) {
    const source = await readFile(file, 'utf8').catch(() => '');
    expect(source.replace(/\{\{!--[\s\S]*?--\}\}/g, ''), file).not.toContain('{{{');
  }
});

test.each(BUILT_IN)('the %s theme renders the sample headings in order, one h1', async (theme) => {
  const doc = new JSDOM(String((await renderHtml(sampleBriefing, { theme })).content)).window.document;
  const levels = [...doc.querySelectorAll('h1, h2, h3, h4, h5, h6')].map((h) => Number(h.tagName[1]));
  expect(levels[0]).toBe(1);
  expect(levels.filter((l) => l === 1)).toHaveLength(1);
  for (let i = 1; i < levels.length; i++) expect(levels[i]! - levels[i - 1]!).toBeLessThanOrEqual(1);
});
