// Every page in a real Chromium at a desktop and a phone width: no accessibility violation (axe-core), no CSP
// violation, and a screenshot of each in /tmp/pages-shots/ to look at. The "make a briefing" form is used as a person
// would: seed articles uploaded, the job followed live by /assets/app.js until its stories show.
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumArgs, findChromium } from '../../../src/browser/find-chromium.js';
import { seedsDir } from '../../helpers.js';
import { ADMIN_TOKEN, startPagesServer, type PagesServer } from './helpers.js';

const SHOTS = '/tmp/pages-shots';
const WIDTHS = [
  { name: 'desktop', width: 1280, height: 900 },
  { name: 'phone', width: 390, height: 844 },
];
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

let server: PagesServer;
let browser: Browser;
beforeAll(async () => {
  server = await startPagesServer();
  browser = await chromium.launch({ executablePath: findChromium(), args: chromiumArgs() });
  mkdirSync(SHOTS, { recursive: true });
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

interface Violation {
  id: string;
  impact: string;
  help: string;
  nodes: Array<{ target: string[]; failureSummary: string }>;
}

async function audit(page: Page, label: string, width: string): Promise<Violation[]> {
  await page.screenshot({ path: join(SHOTS, `${label}-${width}.png`), fullPage: true });
  await page.evaluate(axeSource);
  const result = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: unknown, options: unknown) => Promise<{ violations: Violation[] }> } }).axe;
    return axe.run(document, { resultTypes: ['violations'] });
  });
  // axe reports what it checked: a page it could not audit must not pass as clean.
  expect((result as unknown as { passes: unknown[] }).passes.length).toBeGreaterThan(10);
  return result.violations.map((v) => ({ ...v, nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })) }));
}

describe('the pages in a browser', () => {
  it('sign in, every page at 1280 and 390 px: no axe violation, no CSP violation; a briefing made from the form', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const cspErrors: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) cspErrors.push(message.text());
    });
    const problems: string[] = [];
    const eventStreams: string[] = [];
    page.on('request', (request) => {
      if (/\/api\/jobs\/[^/]+\/events$/.test(request.url())) eventStreams.push(request.url());
    });
    const check = async (label: string, path: string | null) => {
      for (const size of WIDTHS) {
        await page.setViewportSize({ width: size.width, height: size.height });
        if (path !== null) await page.goto(server.base + path);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        if (overflow > 0) problems.push(`${label} @${size.width}: ${overflow} px wider than the window`);
        for (const v of await audit(page, label, size.name)) problems.push(`${label} @${size.width}: ${v.id} (${v.impact}): ${v.help} at ${JSON.stringify(v.nodes)}`);
      }
    };

    await page.goto(`${server.base}/signin?failed=1`);
    expect(await page.getByRole('alert').textContent()).toContain('That token was not accepted');
    await check('signin-failed', null);
    await page.getByLabel('Access token').fill(ADMIN_TOKEN);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${server.base}/`);
    expect(await page.locator('.who').textContent()).toContain('ops');

    await check('today', '/');
    await check('archive', '/archive');
    await check('archive-day', '/archive?date=2025-07-10');
    await check('archive-search', '/archive?q=strike');
    await check('edition', '/editions/morning/2025-07-11');
    const storyHref = await page.locator('ol.threads a').first().getAttribute('href');
    expect(storyHref).toMatch(/^\/editions\/morning\/2025-07-11\/stories\//);
    await check('story', storyHref);
    await check('deliveries', '/deliveries');
    await check('themes', '/themes?theme=compact');
    await check('not-found', '/no/such/page');

    // Make a briefing through the form: upload the seed articles, then follow the job live.
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${server.base}/make`);
    await check('make', null);
    await page.getByLabel('Article files').setInputFiles(readdirSync(seedsDir).map((f) => join(seedsDir, f)));
    await page.getByLabel('Title').fill('Seed <b>desk</b>');
    await page.getByRole('button', { name: 'Make the briefing' }).click();
    await page.waitForURL(/\/jobs\/[^/]+$/);
    await page.locator('#job[data-state="done"]').waitFor({ timeout: 90_000 });
    // The running job's page was upgraded by /assets/app.js to follow the job's events (rendering the PDF alone takes
    // seconds, so the page always opens while the job runs).
    expect(eventStreams.length).toBeGreaterThan(0);
    expect(await page.locator('h1').textContent()).toBe('Seed <b>desk</b>');
    expect(await page.locator('#job-stages li.stage-done').count()).toBe(8);
    await check('job-done', null);
    const jobStory = await page.locator('#job ol.headlines a').first().getAttribute('href');
    expect(jobStory).toMatch(/^\/jobs\/[^/]+\/stories\//);
    await check('job-story', jobStory);

    await context.close();
    expect(cspErrors).toEqual([]);
    expect(problems).toEqual([]);
  }, 240_000);
});
