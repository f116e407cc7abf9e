import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { chromiumArgs, findChromium } from '../../src/browser/find-chromium.js';
import { renderHtml } from '../../src/render/html.js';
import { sampleWithBriefThreads } from '../fixtures/sample-briefing.js';

/**
 * The compact and newsletter themes, and the branding bars on every theme, in real Chromium: accessibility and phone
 * layout, of a briefing with threads in full and in brief.
 */

const require = createRequire(import.meta.url);
let browser: Browser;
let userDataDir: string;

beforeAll(async () => {
  userDataDir = await mkdtemp(join(tmpdir(), 'briefing-themes-test-'));
  browser = await puppeteer.launch({ executablePath: findChromium(), args: chromiumArgs(), userDataDir, headless: true });
});

afterAll(async () => {
  await browser?.close();
  if (userDataDir) await rm(userDataDir, { recursive: true, force: true });
});

async function open(html: string, width: number): Promise<Page> {
  const page = await browser.newPage();
  await page.setViewport({ width, height: 900 });
  // Bypassing the page's CSP lets axe be injected.
  await page.setBypassCSP(true);
  await page.setContent(html, { waitUntil: 'load' });
  return page;
}

const cases = [
  ['default', { classification: 'INTERNAL — NOT FOR DISTRIBUTION', accentColor: 'navy' }],
  ['compact', {}],
  ['compact', { classification: 'INTERNAL — NOT FOR DISTRIBUTION', accentColor: '#00558c' }],
  ['newsletter', {}],
  ['newsletter', { classification: 'INTERNAL — NOT FOR DISTRIBUTION', accentColor: 'darkgreen' }],
] as const;

describe.each(cases)('the %s theme, branding %j', (theme, branding) => {
  let html: string;
  beforeAll(async () => {
    html = String((await renderHtml(sampleWithBriefThreads, { theme, branding: { ...branding } })).content);
  });

  test.each([1200, 375])('no axe violation at %ipx wide', async (width) => {
    const page = await open(html, width);
    try {
      await page.addScriptTag({ content: await readFile(require.resolve('axe-core/axe.min.js'), 'utf8') });
      const violations = await page.evaluate(async () => {
        const axe = (window as unknown as { axe: { run: (ctx: Document, o: object) => Promise<{ violations: Array<{ id: string; nodes: Array<{ target: string[] }> }> }> } }).axe;
        const result = await axe.run(document, { resultTypes: ['violations'] });
        return result.violations.map((v) => ({ id: v.id, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
      });
      expect(violations).toEqual([]);
    } finally {
      await page.close();
    }
  });

  test('on a phone: no horizontal scrolling', async () => {
    const page = await open(html, 375);
    try {
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    } finally {
      await page.close();
    }
  });
});
