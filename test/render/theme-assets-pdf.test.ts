import { execFileSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { BrowserManager } from '../../src/browser/browser-manager.js';
import { renderHtml } from '../../src/render/html.js';
import { pdfOptionsFor } from '../../src/render/index.js';
import { renderPdfDetailed } from '../../src/render/pdf.js';
import { sampleBriefing } from '../fixtures/sample-briefing.js';
import { tempDir } from '../helpers.js';
import { houseTheme, testFont } from './theme-assets-fixtures.js';

/** A theme's own font and image, printed by real Chromium under the page policy (every request refused). */

let browser: BrowserManager;
beforeAll(() => {
  browser = new BrowserManager();
});
afterAll(async () => {
  await browser.close();
});

/** The PDF's fonts (pdffonts, poppler) and images (pdfimages -list): what a reader's viewer will draw. */
async function inspect(theme: string): Promise<{ fonts: string; images: string[][]; blocked: string[] }> {
  const html = String((await renderHtml(sampleBriefing, { theme })).content);
  const report = await renderPdfDetailed(html, pdfOptionsFor(sampleBriefing, 'a4'), browser);
  const file = join(await tempDir(), 'briefing.pdf');
  await writeFile(file, report.output.content);
  const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' });
  const images = execFileSync('pdfimages', ['-list', file], { encoding: 'utf8' })
    .split('\n')
    .slice(2)
    .filter((line) => line.trim() !== '')
    .map((line) => line.trim().split(/\s+/));
  return { fonts, images, blocked: report.blockedRequests };
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
