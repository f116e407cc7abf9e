// The whole product through its second door, as an analyst uses it: a real `briefing serve` (app, API, pages, job
// runner, browser pool, SQLite) over 127.0.0.1 and a real Chromium driven by Playwright. Sign in with a token, upload
// three articles, watch the job to its end, open a story, follow a citation to its source, download the PDF and read
// it back, then the archive and the deliveries.
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumArgs, findChromium } from '../../src/browser/find-chromium.js';
import { readPdf } from '../browser/helpers.js';
import { seedsDir } from '../helpers.js';
import { ADMIN_TOKEN, startPagesServer, type PagesServer } from './pages/helpers.js';

const THREE = ['000_05e9f8036be27b38.txt', '001_855e24eac737cc7a.txt', '002_1550f4f9e6e3dec6.txt'];

let server: PagesServer;
let browser: Browser;
beforeAll(async () => {
  server = await startPagesServer();
  browser = await chromium.launch({ executablePath: findChromium(), args: chromiumArgs() });
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('briefing serve end to end in a browser', () => {
  it('sign in, make a briefing of three uploads, follow it live, read a story and its source, download the PDF', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();

    await page.goto(`${server.base}/make`);
    expect(new URL(page.url()).pathname).toBe('/signin');
    await page.getByLabel('Access token').fill(ADMIN_TOKEN);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${server.base}/make`);

    await page.getByLabel('Article files').setInputFiles(THREE.map((name) => join(seedsDir, name)));
    await page.getByLabel('Title').fill('Port desk');
    await page.getByRole('button', { name: 'Make the briefing' }).click();
    await page.waitForURL(/\/jobs\/[^/]+$/);
    await page.locator('#job[data-state="done"]').waitFor({ timeout: 90_000 });
    expect(await page.locator('h1').textContent()).toBe('Port desk');
    const jobUrl = page.url();

    // The three articles are one event: one story, whose page cites them.
    const stories = page.locator('#job ol.headlines a');
    expect(await stories.count()).toBe(1);
    const headline = (await stories.first().textContent())!.trim();
    await stories.first().click();
    await page.waitForURL(/\/jobs\/[^/]+\/stories\//);
    expect((await page.locator('h1').textContent())!.trim()).toBe(headline);
    const citation = page.locator('.summary a.cite').first();
    const target = (await citation.getAttribute('href'))!;
    expect(target).toMatch(/^#/);
    await citation.click();
    expect(new URL(page.url()).hash).toBe(target);
    const source = page.locator(`li${target}`);
    expect(await source.evaluate((el) => el.matches(':target'))).toBe(true);
    // The source is one of the uploaded articles: its title is the first line of one of the three files.
    const sourceText = (await source.textContent())!;
    expect(sourceText.length).toBeGreaterThan(10);
    const { readFileSync } = await import('node:fs');
    const titles = THREE.map((name) => readFileSync(join(seedsDir, name), 'utf8').split('\n').find((line) => line.trim())!.replace(/^#\s*/, '').trim());
    expect(titles.some((title) => sourceText.includes(title.slice(0, 30)))).toBe(true);

    // The PDF, fetched with the signed-in session like a click on its link, read back.
    await page.goto(jobUrl);
    const pdfHref = await page.locator('ul.outputs a', { hasText: /PDF/ }).getAttribute('href');
    expect(pdfHref).toMatch(/\.pdf$/);
    const response = await context.request.get(server.base + pdfHref);
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toBe('application/pdf');
    const pdf = await readPdf(await response.body());
    const text = pdf.pages.map((p) => p.text).join('\n').replace(/\s+/g, ' ');
    expect(text).toContain('Port desk');
    expect(text).toContain(headline.slice(0, 25));

    // The archive lists the edition days; the deliveries page lists the outbox with its states.
    await page.goto(`${server.base}/archive`);
    expect(await page.locator('h1').textContent()).toMatch(/Archive/);
    expect(await page.locator('main a[href^="/editions/morning/"]').count()).toBeGreaterThanOrEqual(3);
    await page.goto(`${server.base}/deliveries`);
    expect(await page.locator('h1').textContent()).toMatch(/Deliveries/);
    expect(await page.locator('main table tbody tr').count()).toBeGreaterThan(0);
    await context.close();
  }, 180_000);
});
