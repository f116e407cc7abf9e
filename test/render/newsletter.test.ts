import { JSDOM } from 'jsdom';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { BrowserManager } from '../../src/browser/browser-manager.js';
import { renderHtml } from '../../src/render/html.js';
import { pdfOptionsFor } from '../../src/render/pdf-options.js';
import { renderPdfDetailed } from '../../src/render/pdf.js';
import { loadTheme } from '../../src/render/theme.js';
import { sampleBriefing } from '../fixtures/sample-briefing.js';

let html: string;
let doc: Document;
beforeAll(async () => {
  html = String((await renderHtml(sampleBriefing, { theme: 'newsletter', editorNote: 'A **quiet** day.' })).content);
  doc = new JSDOM(html).window.document;
});

const text = (el: Element | null | undefined) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();

describe('the newsletter theme', () => {
  test('is laid out in a 600px table column, tables marked as presentation', () => {
    const column = doc.querySelector('table.nl-column')!;
    expect(column.getAttribute('width')).toBe('600');
    expect(column.getAttribute('style')).toContain('width:600px');
    const tables = [...doc.querySelectorAll('table')];
    expect(tables.length).toBeGreaterThan(4);
    for (const table of tables) expect(table.getAttribute('role')).toBe('presentation');
    // Everything visible sits inside the column.
    for (const h of doc.querySelectorAll('h1, h2, h3')) expect(column.contains(h)).toBe(true);
    expect(doc.querySelectorAll('div:not(table div), p:not(table p)')).toHaveLength(0);
  });

  test('needs nothing from outside: no web fonts, scripts, stylesheets, images or remote URLs', async () => {
    expect((await loadTheme('newsletter')).fonts).toBe('system');
    expect(html).not.toContain('@font-face');
    expect(doc.querySelectorAll('script, link, img, iframe, object, embed, video, audio, source')).toHaveLength(0);
    expect(html).not.toMatch(/url\(/);
    expect(doc.querySelectorAll('[src], [srcset], [background], [poster]')).toHaveLength(0);
    // The only URLs are links for the reader: in-page fragments and article http(s) links.
    for (const a of doc.querySelectorAll('a[href]')) expect(a.getAttribute('href')).toMatch(/^(#|https?:\/\/)/);
    // Without embedded fonts an e-mail body stays small.
    expect(Buffer.byteLength(html)).toBeLessThan(40_000);
  });

  test('styles are inline, so mail clients that drop <style> still show the design', () => {
    for (const selector of ['body', 'h1', 'h2', 'h3', 'td']) {
      const els = [...doc.querySelectorAll(selector)];
      expect(els.length, selector).toBeGreaterThan(0);
      for (const el of els) expect(el.getAttribute('style'), `${selector} ${el.outerHTML.slice(0, 80)}`).toMatch(/\S/);
    }
    // Fonts are system stacks only.
    const families = new Set([...html.matchAll(/font-family:([^;"]+)/g)].map((m) => m[1]!.trim()));
    for (const family of families) expect(family).toMatch(/(serif|sans-serif)$/);
  });

  test('carries the briefing: the day in brief, each story with its summary, top figures, a quote and sources', () => {
    expect(text(doc.querySelector('h1'))).toBe('Daily Briefing');
    expect(doc.title).toBe('Daily Briefing: Thursday, 10 July 2025');
    const brief = [...doc.querySelectorAll('a[href^="#t-"]')].map((a) => text(a));
    expect(brief).toEqual(sampleBriefing.threads.map((t) => t.headline));
    const stories = [...doc.querySelectorAll('h3')].map((h) => text(h));
    expect(stories).toEqual(sampleBriefing.threads.map((t) => t.headline));
    expect(html).toContain('€10bn');
    expect(text(doc.body)).toContain('“We are in a good place, and we will stay data-dependent.” — Christine Lagarde, Financial Times');
    for (const thread of sampleBriefing.threads) {
      expect(doc.getElementById(thread.id)).not.toBeNull();
      for (const cite of doc.getElementById(thread.id)!.querySelectorAll('a[href^="#src-"]')) {
        expect(doc.getElementById(cite.getAttribute('href')!.slice(1))).not.toBeNull();
      }
    }
    expect(doc.querySelector('strong')).not.toBeNull();
    expect(text(doc.body)).toContain('A quiet day.');
  });

  describe('in Chromium', () => {
    let browser: BrowserManager;
    beforeAll(() => {
      browser = new BrowserManager();
    });
    afterAll(async () => {
      await browser.close();
    });

    test('prints without a single request', async () => {
      const report = await renderPdfDetailed(html, pdfOptionsFor(sampleBriefing, 'a4'), browser);
      expect(report.blockedRequests).toEqual([]);
      expect(report.pages).toBeGreaterThan(0);
    });
  });
});
