import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDict, PDFDocument, PDFName } from 'pdf-lib';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { chromiumArgs, findChromium } from '../../src/browser/find-chromium.js';
import { renderHtml } from '../../src/render/html.js';
import { hostileBriefing, sampleBriefing } from '../fixtures/sample-briefing.js';

/**
 * The HTML in real Chromium: accessibility (axe-core), layout on a phone and a desktop, inertness of hostile
 * content, and print to PDF read back with pdfjs and pdf-lib.
 */

const require = createRequire(import.meta.url);
let browser: Browser;
let userDataDir: string;
let sampleHtml: string;
let hostileHtml: string;

beforeAll(async () => {
  userDataDir = await mkdtemp(join(tmpdir(), 'briefing-html-test-'));
  browser = await puppeteer.launch({ executablePath: findChromium(), args: chromiumArgs(), userDataDir, headless: true });
  sampleHtml = String((await renderHtml(sampleBriefing, { editorNote: 'A **quiet** day in markets; a loud one in Kyiv.' })).content);
  hostileHtml = String((await renderHtml(hostileBriefing, { editorNote: '<script>window.__pwned = "note"</script>' })).content);
});

afterAll(async () => {
  await browser?.close();
  if (userDataDir) await rm(userDataDir, { recursive: true, force: true });
});

interface Loaded {
  page: Page;
  /** Every request other than data: URLs; all of them were aborted. */
  requests: string[];
}

async function load(html: string, options: { width?: number; bypassCsp?: boolean } = {}): Promise<Loaded> {
  const page = await browser.newPage();
  await page.setViewport({ width: options.width ?? 1200, height: 900 });
  // Bypassing our own CSP lets axe be injected, and proves escaping holds without the CSP's help.
  if (options.bypassCsp) await page.setBypassCSP(true);
  const requests: string[] = [];
  await page.setRequestInterception(true);
  page.on('request', (request) => {
    if (request.url().startsWith('data:')) return void request.continue();
    requests.push(request.url());
    void request.abort();
  });
  await page.setContent(html, { waitUntil: 'load' });
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  return { page, requests };
}

async function axeViolations(page: Page): Promise<Array<{ id: string; impact: string; nodes: string[] }>> {
  await page.addScriptTag({ content: await readFile(require.resolve('axe-core/axe.min.js'), 'utf8') });
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, o: object) => Promise<{ violations: Array<{ id: string; impact: string; nodes: Array<{ target: string[] }> }> }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
  });
}

describe('accessibility (axe-core)', () => {
  test.each([1200, 390])('no serious or critical violation at %ipx wide', async (width) => {
    const { page } = await load(sampleHtml, { width, bypassCsp: true });
    try {
      const violations = await axeViolations(page);
      expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
      // the lesser ones are worth knowing about too: none are expected
      expect(violations).toEqual([]);
    } finally {
      await page.close();
    }
  });
});

describe('layout', () => {
  test('on a phone: no horizontal scrolling, readable text size, stacked timeline', async () => {
    const { page } = await load(sampleHtml, { width: 375 });
    try {
      const m = await page.evaluate(() => ({
        scrollWidth: document.documentElement.scrollWidth,
        fontSize: parseFloat(getComputedStyle(document.body).fontSize),
        eventColumns: getComputedStyle(document.querySelector('.event')!).gridTemplateColumns.split(' ').length,
      }));
      expect(m.scrollWidth).toBeLessThanOrEqual(375);
      expect(m.fontSize).toBeGreaterThanOrEqual(16);
      expect(m.eventColumns).toBe(1);
    } finally {
      await page.close();
    }
  });

  test('on a desktop: a reading measure near 65 characters, figures side by side, page slots hidden', async () => {
    const { page } = await load(sampleHtml, { width: 1400 });
    try {
      const m = await page.evaluate(() => {
        const p = document.querySelector('.thread-summary p')!;
        const probe = document.createElement('span');
        probe.textContent = 'the quick brown fox jumps over the lazy dog '.repeat(3);
        probe.style.whiteSpace = 'nowrap';
        probe.style.display = 'inline-block';
        p.append(probe);
        const charWidth = probe.getBoundingClientRect().width / probe.textContent.length;
        probe.remove();
        const figures = [...document.querySelectorAll('#t-5a8e21c0 .figure')].map((f) => f.getBoundingClientRect().top);
        return {
          charsPerLine: p.getBoundingClientRect().width / charWidth,
          figureRows: new Set(figures.map(Math.round)).size,
          slotDisplay: getComputedStyle(document.querySelector('[data-toc-page-for]')!).display,
          loadedFaces: [...document.fonts].filter((f) => f.status === 'loaded').map((f) => `${f.family.replace(/"/g, '')} ${f.weight} ${f.style}`),
        };
      });
      expect(m.charsPerLine).toBeGreaterThan(55);
      expect(m.charsPerLine).toBeLessThan(85);
      expect(m.figureRows).toBe(1);
      expect(m.slotDisplay).toBe('none');
      expect(m.loadedFaces).toEqual(
        expect.arrayContaining(['Source Serif 4 400 normal', 'Source Serif 4 600 normal', 'Inter 400 normal', 'Inter 600 normal']),
      );
    } finally {
      await page.close();
    }
  });

  test('the sample loads with no network request at all', async () => {
    const { page, requests } = await load(sampleHtml);
    await page.close();
    expect(requests).toEqual([]);
  });
});

describe('hostile content', () => {
  test.each([
    ['with our CSP', false],
    ['with the CSP bypassed', true],
  ])('renders inert %s: no script runs, nothing loads, text shown as text', async (_label, bypassCsp) => {
    const { page, requests } = await load(hostileHtml, { bypassCsp });
    try {
      const r = await page.evaluate(() => ({
        pwned: (window as unknown as { __pwned?: string }).__pwned ?? null,
        scripts: document.scripts.length,
        images: document.images.length,
        links: document.querySelectorAll('link, iframe, object, embed, style:not(head > style)').length,
        jsHrefs: [...document.querySelectorAll('a')].map((a) => a.getAttribute('href') ?? '').filter((h) => !/^(#|https?:)/.test(h)),
        handlers: [...document.querySelectorAll('*')].flatMap((el) => [...el.attributes].map((a) => a.name)).filter((n) => n.startsWith('on')),
        bodyVisible: getComputedStyle(document.body).display !== 'none',
        headline: document.querySelector('section.thread h2')?.textContent ?? '',
        title: document.title,
      }));
      expect(r.pwned).toBeNull();
      expect(r.scripts).toBe(0);
      expect(r.images).toBe(0);
      expect(r.links).toBe(0);
      expect(r.jsHrefs).toEqual([]);
      expect(r.handlers).toEqual([]);
      expect(r.bodyVisible).toBe(true);
      expect(r.headline).toContain('<script>window.__pwned = "script"</script>');
      expect(r.headline).toContain('{{#each this}}{{{this}}}{{/each}}');
      expect(r.title).toContain('<script>');
      expect(requests).toEqual([]);
    } finally {
      await page.close();
    }
  });
});

interface PdfPage {
  lines: string[];
}

async function pdfPages(bytes: Uint8Array): Promise<{ pages: PdfPage[]; size: [number, number] }> {
  const doc = await getDocument({ data: new Uint8Array(bytes), disableFontFace: true, useSystemFonts: false, verbosity: 0 }).promise;
  try {
    const pages: PdfPage[] = [];
    for (let i = 1; i <= doc.numPages; i++) {
      const content = await (await doc.getPage(i)).getTextContent();
      const lines: string[] = [];
      let line = '';
      for (const item of content.items) {
        if (!('str' in item)) continue;
        line += item.str;
        if (item.hasEOL) {
          if (line.trim()) lines.push(line.trim());
          line = '';
        }
      }
      if (line.trim()) lines.push(line.trim());
      pages.push({ lines });
    }
    const view = (await doc.getPage(1)).view as number[];
    return { pages, size: [Math.round(view[2]! - view[0]!), Math.round(view[3]! - view[1]!)] };
  } finally {
    await doc.destroy();
  }
}

async function fontNames(bytes: Uint8Array): Promise<string[]> {
  const pdf = await PDFDocument.load(bytes);
  const names = new Set<string>();
  for (const [, object] of pdf.context.enumerateIndirectObjects()) {
    if (object instanceof PDFDict && object.get(PDFName.of('Type')) === PDFName.of('Font')) {
      const base = object.get(PDFName.of('BaseFont'));
      const subtype = object.get(PDFName.of('Subtype'));
      names.add(base ? String(base).replace(/^\/([A-Z]{6}\+)?/, '') : `(${String(subtype)})`);
    }
  }
  return [...names].sort();
}

describe('print', () => {
  test('A4 PDF: each story opens a page, no page ends on a heading, the embedded fonts are used', async () => {
    const { page } = await load(sampleHtml);
    let bytes: Uint8Array;
    try {
      bytes = await page.pdf({ preferCSSPageSize: true, printBackground: true });
    } finally {
      await page.close();
    }
    const { pages, size } = await pdfPages(bytes);
    expect(size).toEqual([595, 842]);
    expect(pages.length).toBeGreaterThanOrEqual(5);
    sampleBriefing.threads.forEach((t, i) => {
      const start = pages.findIndex((p) => p.lines[0] === `STORY ${t.rank} · ${t.outlets.length} OUTLETS`);
      expect(start, t.headline).toBeGreaterThan(0);
      expect(pages[start]!.lines.slice(1).join(' ')).toContain(t.headline);
      if (i > 0) expect(start).toBeGreaterThan(pages.findIndex((p) => p.lines[0]?.startsWith('STORY ')));
    });
    const headings = new Set(['KEY FIGURES', 'WHERE SOURCES DISAGREE', 'QUOTES', 'TIMELINE', 'SOURCES', 'CONTENTS', 'THE DAY IN BRIEF']);
    for (const p of pages) expect(headings.has(p.lines.at(-1) ?? '')).toBe(false);
    const appendix = pages.findIndex((p) => p.lines[0] === 'LEFT OUT OF THIS BRIEFING');
    expect(appendix).toBe(pages.length - 1);

    const fonts = await fontNames(bytes);
    expect(fonts).toEqual(expect.arrayContaining(['SourceSerif4-Regular', 'SourceSerif4-SemiBold', 'SourceSerif4-Italic', 'Inter-Regular', 'Inter-SemiBold']));
    // nothing drawn in a system font or a synthesized (Type 3) face
    expect(fonts.filter((f) => !/^(SourceSerif4|Inter)-/.test(f))).toEqual([]);
  });

  test('Letter paper when asked', async () => {
    const html = String((await renderHtml(sampleBriefing, { paper: 'letter' })).content);
    const { page } = await load(html);
    try {
      const { size } = await pdfPages(await page.pdf({ preferCSSPageSize: true }));
      expect(size).toEqual([612, 792]);
    } finally {
      await page.close();
    }
  });
});
