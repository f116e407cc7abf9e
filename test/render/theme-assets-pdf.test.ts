import { getDocument, OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { BrowserManager } from '../../src/browser/browser-manager.js';
import { renderHtml } from '../../src/render/html.js';
import { pdfOptionsFor } from '../../src/render/pdf-options.js';
import { renderPdfDetailed } from '../../src/render/pdf.js';
import { sampleBriefing } from '../fixtures/sample-briefing.js';
import { houseTheme, testFont } from './theme-assets-fixtures.js';

/** A theme's own font and image, printed by real Chromium under the page policy (every request refused). */

let browser: BrowserManager;
beforeAll(() => {
  browser = new BrowserManager();
});
afterAll(async () => {
  await browser.close();
});

/**
 * The PDF's fonts (their embedded names) and images (width x height), read back with pdf.js from what each page
 * draws: what a reader's viewer will show.
 */
async function inspect(theme: string): Promise<{ fonts: string; images: string[][]; blocked: string[] }> {
  const html = String((await renderHtml(sampleBriefing, { theme })).content);
  const report = await renderPdfDetailed(html, pdfOptionsFor(sampleBriefing, 'a4'), browser);
  const doc = await getDocument({ data: new Uint8Array(report.output.content), disableFontFace: true, useSystemFonts: false, verbosity: 0 }).promise;
  const fonts = new Set<string>();
  const images: string[][] = [];
  for (let n = 1; n <= doc.numPages; n += 1) {
    const page = await doc.getPage(n);
    const ops = await page.getOperatorList();
    ops.fnArray.forEach((fn, i) => {
      const args = ops.argsArray[i] as unknown[];
      if (fn === OPS.setFont) fonts.add((page.commonObjs.get(args[0] as string) as { name: string }).name);
      // Columns as pdfimages -list prints them: page, num, type, width, height.
      if (fn === OPS.paintImageXObject) images.push([String(n), String(images.length), 'image', String(args[1]), String(args[2])]);
    });
  }
  await doc.destroy();
  return { fonts: [...fonts].join('\n'), images, blocked: report.blockedRequests };
}

test("a theme's own font file and image in assets/ are in the printed PDF, and nothing was requested", async () => {
  const house = await inspect(await houseTheme());
  expect(house.blocked).toEqual([]);
  // The masthead's font: embedded under its PostScript name (with the subset tag Chromium adds).
  expect(house.fonts).toMatch(new RegExp(`^[A-Z]{6}\\+${testFont.postscript}\\s`, 'm'));
  // The 40x40 seal: pdfimages columns are page, num, type, width, height, ...
  expect(house.images.some((cols) => cols[2] === 'image' && cols[3] === '40' && cols[4] === '40')).toBe(true);

  // The built-in theme alone has neither: the font and the image came from the theme's assets.
  const plain = await inspect('default');
  expect(plain.fonts).not.toContain(testFont.postscript);
  expect(plain.images.some((cols) => cols[3] === '40' && cols[4] === '40')).toBe(false);
});
