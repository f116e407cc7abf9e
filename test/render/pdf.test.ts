import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { BrowserManager } from '../../src/browser/browser-manager.js';
import { fillTocSlots } from '../../src/render/pdf-dom.js';
import { renderPdf, renderPdfDetailed, type PdfOptions } from '../../src/render/pdf.js';
import { readPdf, sampleHtml, type ReadBackPdf, type SampleSection } from '../browser/helpers.js';

let browser: BrowserManager;
beforeAll(() => {
  browser = new BrowserManager();
});
afterAll(async () => {
  await browser.close();
});

const options = (paper: PdfOptions['paper'] = 'a4'): PdfOptions => ({
  filename: 'briefing-2025-07-11.pdf',
  paper,
  title: 'Daily Briefing',
  headerText: 'Daily Briefing <b>11 July</b> & more',
  footerStamp: 'As of 11 July 2025, 07:00 BST',
  metadata: {
    title: 'Daily Briefing — 11 July 2025',
    subject: 'News of 11 July 2025',
    keywords: ['news', 'briefing', 'Ukraine'],
    creator: 'briefing test',
    creationDate: new Date('2025-07-11T06:00:00Z'),
  },
});

/** Zero-padded titles so that no title is a prefix of another. */
function sections(count: number, shape: (i: number) => Partial<SampleSection> = () => ({})): SampleSection[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `thread-${i}`,
    title: `Thread ${String(i).padStart(2, '0')}`,
    paragraphs: 1 + ((i * 7) % 6),
    ...shape(i),
  }));
}

/** The page each section heading is printed on: where the section starts, read independently of the renderer. */
function headingPages(pdf: ReadBackPdf, list: SampleSection[]): Record<string, number> {
  const result: Record<string, number> = {};
  for (const s of list) {
    const index = pdf.pages.findIndex((p) => p.text.includes(`Section ${s.title}`));
    result[s.id] = index + 1;
  }
  return result;
}

/** The numbers printed in the table of contents ("Thread 03 · 4"). */
function tocNumbers(pdf: ReadBackPdf, list: SampleSection[]): Record<string, number> {
  const text = pdf.pages.slice(0, 3).map((p) => p.text).join('\n');
  const result: Record<string, number> = {};
  for (const s of list) {
    const match = new RegExp(`${s.title}\\s*·\\s*(\\d+)`).exec(text);
    if (match) result[s.id] = Number(match[1]);
  }
  return result;
}

describe('renderPdf', () => {
  const flowing = sections(14, (i) => ({ level: i % 4 === 3 ? 2 : 1, breakBefore: i === 8 }));
  let report: Awaited<ReturnType<typeof renderPdfDetailed>>;
  let pdf: ReadBackPdf;
  beforeAll(async () => {
    report = await renderPdfDetailed(sampleHtml(flowing), options(), browser);
    pdf = await readPdf(report.output.content);
  });

  test('returns the named output with a PDF of several A4 pages', () => {
    expect(report.output.filename).toBe('briefing-2025-07-11.pdf');
    expect(Buffer.from(report.output.content.subarray(0, 5)).toString()).toBe('%PDF-');
    expect(pdf.pages.length).toBeGreaterThan(5);
    expect(report.pages).toBe(pdf.pages.length);
    for (const page of pdf.pages) {
      expect(page.width).toBeCloseTo(595.3, -0.5);
      expect(page.height).toBeCloseTo(841.9, -0.5);
    }
  });

  test('every page has the running header (escaped, as text) and the footer with "Page X of Y" and the stamp', () => {
    const total = pdf.pages.length;
    pdf.pages.forEach((page, i) => {
      expect(page.text).toContain('Daily Briefing <b>11 July</b> & more');
      expect(page.text).toContain('As of 11 July 2025, 07:00 BST');
      expect(page.text).toContain(`Page ${i + 1} of ${total}`);
    });
  });

  test('the table of contents shows the page where each section starts', () => {
    const actual = headingPages(pdf, flowing);
    expect(Object.values(actual).every((page) => page > 0)).toBe(true);
    expect(new Set(Object.values(actual)).size).toBeGreaterThan(4);
    expect(tocNumbers(pdf, flowing)).toEqual(actual);
    expect(report.tocPages).toEqual(actual);
  });

  test('one bookmark per data-outline element, level 2 nested under the level 1 before it, each opening its page', () => {
    const pages = headingPages(pdf, flowing);
    const expected = flowing
      .filter((s) => s.level !== 2)
      .map((s) => {
        const index = flowing.indexOf(s);
        const children = flowing
          .slice(index + 1)
          .filter((_, k, rest) => rest.slice(0, k + 1).every((c) => c.level === 2))
          .map((c) => ({ title: c.title, page: pages[c.id] }));
        return { title: s.title, page: pages[s.id], children };
      });
    expect(pdf.outline).toEqual(expected);
    expect(expected.some((entry) => entry.children.length > 0)).toBe(true);
    expect(report.bookmarks).toBe(flowing.length);
  });

  test('document information: title, subject, keywords, creator, producer, creation date', () => {
    expect(pdf.info.Title).toBe('Daily Briefing — 11 July 2025');
    expect(pdf.info.Subject).toBe('News of 11 July 2025');
    expect(pdf.info.Keywords).toBe('news, briefing, Ukraine');
    expect(pdf.info.Creator).toBe('briefing test');
    expect(pdf.info.Producer).toMatch(/^briefing \d+\.\d+\.\d+/);
    expect(pdf.info.CreationDate).toBe('D:20250711060000Z');
    expect(pdf.info.ModDate).toBe('D:20250711060000Z');
  });

  test('the same input gives the same bytes', async () => {
    const again = await renderPdf(sampleHtml(flowing), options(), browser);
    expect(Buffer.from(again.content).equals(Buffer.from(report.output.content))).toBe(true);
  });

  test('Letter paper has Letter pages', async () => {
    const letter = await readPdf((await renderPdf(sampleHtml(flowing), options('letter'), browser)).content as Uint8Array);
    expect(letter.pages.length).toBeGreaterThan(1);
    for (const page of letter.pages) {
      expect(page.width).toBeCloseTo(612, -0.5);
      expect(page.height).toBeCloseTo(792, -0.5);
    }
  });
});

describe('renderPdf table of contents in harder layouts', () => {
  test('unbreakable sections push content to later pages: predicted right, in one print', async () => {
    const list = sections(10, (i) => ({ paragraphs: 2 + (i % 3), unbreakable: true }));
    const report = await renderPdfDetailed(sampleHtml(list), options(), browser);
    const pdf = await readPdf(report.output.content);
    const actual = headingPages(pdf, list);
    expect(tocNumbers(pdf, list)).toEqual(actual);
    expect(report.passes).toBe(1);
  });

  test('a repeated table header the prediction does not model: the check against the PDF catches it and a second print fixes the numbers', async () => {
    const list = sections(6);
    const rows = Array.from({ length: 150 }, (_, i) => `<tr><td>row ${i}</td><td>value ${i}</td></tr>`).join('');
    const table = `<table><thead style="display: table-header-group"><tr><th style="height: 180px">Repeated on every page</th><th>Value</th></tr></thead><tbody>${rows}</tbody></table>`;
    const html = sampleHtml(list).replace('</nav>', `</nav>${table}`);
    const report = await renderPdfDetailed(html, options(), browser);
    const pdf = await readPdf(report.output.content);
    expect(report.passes).toBe(2);
    expect(report.tocVerified).toBe(true);
    expect(report.predictedTocPages).not.toEqual(report.tocPages);
    expect(tocNumbers(pdf, list)).toEqual(headingPages(pdf, list));
    expect(report.tocPages).toEqual(headingPages(pdf, list));
  });

  test('a slot naming no element stays empty and is reported; an element without id still gets its bookmark', async () => {
    const list = [...sections(2), { id: 'thread-é', title: 'Thread é', paragraphs: 40 }];
    const html = sampleHtml(list)
      .replace('</ol>', '<li>Ghost · <span data-toc-page-for="no-such-thread">X</span></li></ol>')
      .replace('</ol>', '<li>Hidden · <span data-toc-page-for="hidden-part"></span></li></ol>')
      .replace('</body>', '<div data-outline="Annex without id"><h2>Annex</h2></div><div id="hidden-part" style="display: none">x</div></body>');
    const report = await renderPdfDetailed(html, options(), browser);
    const pdf = await readPdf(report.output.content);
    expect(report.missingTargets).toEqual(['no-such-thread']);
    // A target that is not rendered has no page: its slot stays empty without costing another print.
    expect(report.passes).toBe(1);
    expect(report.tocPages['hidden-part']).toBeUndefined();
    expect(pdf.pages[0]!.text).toMatch(/Ghost\s*·\s*\n?\s*\S/);
    expect(pdf.pages[0]!.text).not.toMatch(/Ghost\s*·\s*X/);
    expect(pdf.outline.map((o) => o.title)).toEqual([...list.map((s) => s.title), 'Annex without id']);
    expect(tocNumbers(pdf, list)).toEqual(headingPages(pdf, list));
    expect(pdf.outline.at(-1)!.page).toBe(pdf.pages.findIndex((p) => p.text.includes('Annex\n') || /Annex(?! without)/.test(p.text)) + 1);
  });
});

describe('fillTocSlots', () => {
  // A contents line 300px wide whose 20 characters (10px each) leave 100px: room for "7", not for 13 digits.
  const toc = (slot: string) =>
    `<!doctype html><html><body style="margin: 0; font: 16.667px/20px monospace"><ol style="width: 300px; margin: 0; padding: 0">` +
    `<li><span>Twenty char headline</span> ${slot}</li></ol><p>After the contents</p></body></html>`;

  test('says whether writing the numbers moved anything: a number that fits moves nothing, one that wraps its line does', async () => {
    const results = await browser.withPage(async (page) => {
      await page.setContent(toc('<span data-toc-page-for="a"></span>'));
      const fits = await fillTocSlots(page, { a: 7 });
      const written = await page.evaluate(() => (globalThis as any).document.querySelector('[data-toc-page-for]').textContent);
      await page.setContent(toc('<span data-toc-page-for="a"></span>'));
      const wraps = await fillTocSlots(page, { a: 1234567890123 });
      return { fits, written, wraps };
    });
    expect(results).toEqual({ fits: false, written: '7', wraps: true });
  });
});
