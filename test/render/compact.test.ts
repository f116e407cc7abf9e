import { JSDOM } from 'jsdom';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { BrowserManager } from '../../src/browser/browser-manager.js';
import type { Briefing } from '../../src/model/schema.js';
import { generateBriefing } from '../../src/pipeline.js';
import { brandPdfOptions } from '../../src/render/branding.js';
import { renderHtml } from '../../src/render/html.js';
import { pdfOptionsFor } from '../../src/render/pdf-options.js';
import { renderPdfDetailed } from '../../src/render/pdf.js';
import { loadTheme } from '../../src/render/theme.js';
import { readPdf } from '../browser/helpers.js';
import { sampleBriefing } from '../fixtures/sample-briefing.js';
import { seedsDir } from '../helpers.js';

let browser: BrowserManager;
let seeds: Briefing;
beforeAll(async () => {
  browser = new BrowserManager();
  ({ briefing: seeds } = await generateBriefing({ inputs: [seedsDir], date: '2025-07-11', timezone: 'Europe/London', now: new Date('2025-07-11T06:00:00Z') }));
});
afterAll(async () => {
  await browser.close();
});

const flat = (s: string) => s.replace(/\s+/g, ' ');

async function printCompact(briefing: Briefing, branding?: { classification: string }) {
  const html = String((await renderHtml(briefing, { theme: 'compact', branding })).content);
  const options = pdfOptionsFor(briefing, 'a4');
  const report = await renderPdfDetailed(html, branding ? brandPdfOptions(options, branding) : options, browser);
  return { html, report, pdf: await readPdf(report.output.content) };
}

describe('the compact theme', () => {
  test('extends default: inherits its masthead and styles, adds its own', async () => {
    const theme = await loadTheme('compact');
    expect(theme.chain.map((d) => d.split('/').filter(Boolean).pop())).toEqual(['compact', 'default']);
    expect(theme.css.screen).toContain('--measure');
    expect(theme.css.screen.indexOf('.c-brief')).toBeGreaterThan(theme.css.screen.indexOf('--measure'));
  });

  test("the seeds' briefing fits one A4 page: the day in brief, the top figures, the links", async () => {
    expect(seeds.threads.length).toBeGreaterThan(0);
    const { html, pdf, report } = await printCompact(seeds);
    expect(pdf.pages).toHaveLength(1);
    expect(report.pages).toBe(1);
    expect(Math.round(pdf.pages[0]!.width)).toBe(595);
    expect(Math.round(pdf.pages[0]!.height)).toBe(842);

    const text = flat(pdf.pages[0]!.text);
    const doc = new JSDOM(html).window.document;
    for (const thread of seeds.threads) expect(text).toContain(thread.headline.split(' ').slice(0, 4).join(' '));
    // Top figures: at most three per story, each printed.
    const rows = doc.querySelectorAll('.c-figure-table tbody tr');
    expect(rows.length).toBe(seeds.threads.reduce((n, t) => n + Math.min(3, t.figures.length), 0));
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(text).toContain(flat(row.querySelector('.c-figure-value')!.textContent!.trim()));
    // Links: every source of every story, linked when it has an http(s) URL.
    const links = [...doc.querySelectorAll('.c-link-list li')];
    expect(links.length).toBe(seeds.threads.reduce((n, t) => n + new Set(t.articleIds).size, 0));
    const withUrl = seeds.articles.filter((a) => a.url?.startsWith('http')).length;
    expect(doc.querySelectorAll('.c-link-list a[href^="http"]').length).toBe(withUrl);
    // Citations in the brief land on the links.
    for (const cite of doc.querySelectorAll('.c-gist a.cite')) expect(doc.getElementById(cite.getAttribute('href')!.slice(1))).not.toBeNull();
  });

  test('the three-story sample, with a classification line, still fits one page', async () => {
    const mark = 'INTERNAL — NOT FOR DISTRIBUTION';
    const { pdf } = await printCompact(sampleBriefing, { classification: mark });
    expect(pdf.pages).toHaveLength(1);
    const text = flat(pdf.pages[0]!.text);
    for (const thread of sampleBriefing.threads) expect(text).toContain(thread.headline);
    expect(text).toContain('€10bn');
    expect(text.split(mark).length - 1).toBe(4);
  });

  test('twelve stories do not fit: the theme lets them run on to later pages instead of clipping', async () => {
    const many = structuredClone(sampleBriefing);
    many.threads = Array.from({ length: 4 }, (_, k) => sampleBriefing.threads.map((t) => ({ ...structuredClone(t), id: `${t.id}-${k}` })))
      .flat()
      .map((t, i) => ({ ...t, rank: i + 1 }));
    const { pdf } = await printCompact(many);
    expect(pdf.pages.length).toBeGreaterThan(1);
    const all = flat(pdf.pages.map((p) => p.text).join(' '));
    expect(all).toContain('LINKS');
    expect(all).toContain('Wildfire near Marseille forces evacuations');
    expect(all).toContain('inputs 9f2c4e1b7a3d');
  });
});
