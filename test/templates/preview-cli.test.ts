import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runCli } from '../../src/cli/program.js';
import { chromiumArgs, findChromium } from '../../src/browser/find-chromium.js';
import { renderJson } from '../../src/render/json.js';
import { openStore, recordEdition } from '../../src/store/index.js';
import { readPdf } from '../browser/helpers.js';
import { sampleBriefing } from '../fixtures/sample-briefing.js';
import { captureIO, fixturesDir, tempDir } from '../helpers.js';
import { deferred } from '../schedule/helpers.js';

const WAIT_MS = 30_000;
const CLASSIFICATION = 'RESTRICTED - PRESS OFFICE ONLY';
// A 1x1 PNG: enough for the branding to inline it as the logo.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

/** Runs `briefing templates preview ...` until stopped; resolves with its URL once it listens. */
async function preview(dir: string, args: string[]): Promise<{ url: string; io: ReturnType<typeof captureIO>; stop: () => Promise<number> }> {
  const stop = deferred<string>();
  const io = { ...captureIO(dir), shutdown: () => stop.promise };
  const running = runCli(['templates', 'preview', ...args], io);
  let url: string | undefined;
  let finished = false;
  void running.then(() => (finished = true));
  for (let i = 0; i < 1200 && !url && !finished; i += 1) {
    url = io.out().match(/at (http:\/\/127\.0\.0\.1:\d+\/)/)?.[1];
    if (!url) await new Promise((r) => setTimeout(r, 50));
  }
  if (!url) throw new Error(`the preview did not start: ${io.err()}`);
  return {
    url,
    io,
    stop: async () => {
      stop.resolve('SIGINT');
      return running;
    },
  };
}

const frameText = (page: Page, id: string) =>
  page.evaluate((frameId: string) => (document.getElementById(frameId) as HTMLIFrameElement | null)?.contentDocument?.body?.innerText ?? '', id);

async function waitForFrameText(page: Page, needle: string): Promise<void> {
  await page.waitForFunction(
    (text: string) => ((document.getElementById('briefing') as HTMLIFrameElement | null)?.contentDocument?.body?.innerText ?? '').includes(text),
    { timeout: WAIT_MS, polling: 50 },
    needle,
  );
}

describe('briefing templates preview', () => {
  let browser: Browser;
  let profile: string;

  beforeAll(async () => {
    profile = await mkdtemp(join(tmpdir(), 'briefing-preview-cli-profile-'));
    browser = await puppeteer.launch({ executablePath: findChromium(), args: chromiumArgs(), headless: true, userDataDir: profile });
    // The PDF pane must never become a download in the test profile.
    await (await browser.target().createCDPSession()).send('Browser.setDownloadBehavior', { behavior: 'deny' });
  });

  afterAll(async () => {
    await browser?.close();
    if (profile) await rm(profile, { recursive: true, force: true });
  });

  describe('--config and --watch', () => {
    let dir: string;
    let run: Awaited<ReturnType<typeof preview>>;
    let page: Page;

    beforeAll(async () => {
      dir = await tempDir('briefing-preview-cli-');
      const init = captureIO(dir);
      expect(await runCli(['templates', 'init', 'house'], init), init.err()).toBe(0);
      await writeFile(join(dir, 'logo.png'), PNG);
      await writeFile(
        join(dir, 'house.yaml'),
        `branding:\n  title: Press Office Brief\n  logoPath: logo.png\n  accentColor: "#00558c"\n  classification: ${CLASSIFICATION}\n`,
      );
      run = await preview(dir, ['./house', '--watch', '--config', 'house.yaml']);
      page = await browser.newPage();
      await page.goto(run.url, { waitUntil: 'domcontentloaded' });
    });

    afterAll(async () => {
      await page?.close();
      if (run) expect(await run.stop()).toBe(0);
    });

    test('the branding (classification, title, logo) shows in the HTML pane and in the PDF beside it', async () => {
      await waitForFrameText(page, CLASSIFICATION);
      expect(await frameText(page, 'briefing')).toContain('Press Office Brief');
      const logo = await page.evaluate(() => (document.getElementById('briefing') as HTMLIFrameElement).contentDocument!.querySelector('.brand-logo img')?.getAttribute('src') ?? '');
      expect(logo).toMatch(/^data:image\/png;base64,/);
      expect(await page.evaluate(() => document.querySelector('.preview-bar .label')?.textContent)).toMatch(/the built-in sample, with house\.yaml/);
      // The HTML and the PDF side by side.
      expect(await page.evaluate(() => (document.getElementById('pdf') as HTMLIFrameElement | null)?.getAttribute('src'))).toMatch(/^\/briefing\.pdf\?v=\d+$/);
      const pdf = await readPdf(new Uint8Array(await (await fetch(new URL('/briefing.pdf', run.url))).arrayBuffer()));
      expect(pdf.pages[0]!.text).toContain(CLASSIFICATION);
      // The e-mail as the third pane: the same branding, the logo shown in a browser, and its text part.
      expect(await page.evaluate(() => (document.getElementById('email') as HTMLIFrameElement | null)?.getAttribute('src'))).toMatch(/^\/email\.html\?v=\d+$/);
      const email = await (await fetch(new URL('/email.html', run.url))).text();
      expect(email).toContain(CLASSIFICATION);
      expect(email).toMatch(/<img[^>]+src="data:image\/png;base64,/);
      expect(await (await fetch(new URL('/email.txt', run.url))).text()).toContain('Press Office Brief');
    });

    test('an error raised in a partial shows in the page with the partial\'s file and line, not the layout\'s 1:1', async () => {
      await page.waitForFunction(() => document.getElementById('status')?.textContent === 'watching', { timeout: WAIT_MS, polling: 50 });
      await writeFile(join(dir, 'house', 'partials', 'masthead.hbs'), '<header>\n  <h1>{{#with}}{{title}}{{/with}}</h1>\n</header>\n');
      await waitForFrameText(page, 'The theme cannot be rendered');
      const error = await frameText(page, 'briefing');
      expect(error).toMatch(/partials\/masthead\.hbs:2:7 render #with requires exactly one argument/);
      expect(error).not.toMatch(/layout\.hbs:1:1/);
    });

    test('a misspelled field renders, with the warning generate would print listed above the panes', async () => {
      await writeFile(join(dir, 'house', 'partials', 'masthead.hbs'), '<header><h1>{{title}} {{titel}}</h1></header>\n');
      await waitForFrameText(page, 'Press Office Brief');
      await page.waitForFunction(() => (document.getElementById('problems')?.textContent ?? '').includes('"titel" is not a field of the briefing'), {
        timeout: WAIT_MS,
        polling: 50,
      });
    });
    test('an edit of the configuration re-renders with the new branding; a bad one shows its error in the page', async () => {
      await writeFile(join(dir, 'house.yaml'), 'branding:\n  title: Press Office Brief\n  classification: PUBLIC - SECOND DRAFT\n');
      await waitForFrameText(page, 'PUBLIC - SECOND DRAFT');
      expect(await frameText(page, 'briefing')).not.toContain(CLASSIFICATION);
      await writeFile(join(dir, 'house.yaml'), 'branding:\n  accentColor: "red; } body { display: none"\n');
      await waitForFrameText(page, 'The theme cannot be rendered');
      expect(await frameText(page, 'briefing')).toMatch(/branding\.accentColor/);
    });
  });

  test('--input renders the engine\'s briefing of a chosen folder', async () => {
    const dir = await tempDir('briefing-preview-cli-');
    await mkdir(join(dir, 'articles'));
    await writeFile(join(dir, 'articles', 'day1.md'), await (await import('node:fs/promises')).readFile(join(fixturesDir, 'articles', 'port-strike-day1.md')));
    const run = await preview(dir, ['default', '--input', 'articles']);
    try {
      const html = await (await fetch(new URL('/briefing.html', run.url))).text();
      expect(html).toMatch(/port|strike/i);
      expect(await (await fetch(run.url)).text()).toMatch(/1 story from articles/);
    } finally {
      expect(await run.stop()).toBe(0);
    }
  });

  test('--edition renders that edition\'s latest archived briefing from the store, with the edition\'s branding', async () => {
    const dir = await tempDir('briefing-preview-cli-');
    await writeFile(
      join(dir, 'briefing.config.yaml'),
      [
        'database: data/briefing.db',
        'sources:',
        '  - { name: desk, kind: path, location: articles/ }',
        'editions:',
        '  - name: morning',
        '    schedule: { cron: "0 6 * * *", timezone: UTC }',
        `    branding: { classification: "${CLASSIFICATION}" }`,
        '',
      ].join('\n'),
    );
    await mkdir(join(dir, 'data'));
    await mkdir(join(dir, 'out', 'morning'), { recursive: true });
    const archived = { ...sampleBriefing, title: 'Archived Morning Brief' };
    await writeFile(join(dir, 'out', 'morning', 'briefing-2025-07-10.json'), String(renderJson(archived).content));
    const store = await openStore(join(dir, 'data', 'briefing.db'));
    try {
      await store.transaction((db) =>
        recordEdition(db, {
          edition: 'morning',
          date: '2025-07-10',
          startedAt: '2025-07-10T06:00:00Z',
          finishedAt: '2025-07-10T06:01:00Z',
          inputsDigest: null,
          outputs: [{ format: 'json', path: 'out/morning/briefing-2025-07-10.json' }],
          durations: {},
          status: 'ok',
          error: null,
        }),
      );
    } finally {
      await store.close();
    }
    const run = await preview(dir, ['default', '--edition', 'morning']);
    try {
      const html = await (await fetch(new URL('/briefing.html', run.url))).text();
      expect(html).toContain('Archived Morning Brief');
      expect(html).toContain(CLASSIFICATION);
      expect(await (await fetch(run.url)).text()).toMatch(/edition morning of /);
    } finally {
      expect(await run.stop()).toBe(0);
    }

    const missing = captureIO(dir);
    expect(await runCli(['templates', 'preview', 'default', '--edition', 'evening'], missing)).toBe(2);
    expect(missing.err()).toMatch(/--edition "evening": no such edition .*editions: morning/);
  });
});
