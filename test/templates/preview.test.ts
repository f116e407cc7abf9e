import { mkdtemp, rename, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { chromiumArgs, findChromium } from '../../src/browser/find-chromium.js';
import { renderHtml } from '../../src/render/html.js';
import { initTheme } from '../../src/templates/init.js';
import { startPreview, type PreviewServer } from '../../src/templates/preview.js';
import { readPdf } from '../browser/helpers.js';
import { sampleBriefing } from '../fixtures/sample-briefing.js';
import { tempDir } from '../helpers.js';

const WAIT_MS = 20_000;

/** The text of the briefing iframe, read from the preview's shell page. */
function frameText(page: Page): Promise<string> {
  return page.evaluate(() => (document.getElementById('briefing') as HTMLIFrameElement | null)?.contentDocument?.body?.innerText ?? '');
}

async function waitForFrameText(page: Page, needle: string): Promise<void> {
  await page.waitForFunction(
    (text: string) => ((document.getElementById('briefing') as HTMLIFrameElement | null)?.contentDocument?.body?.innerText ?? '').includes(text),
    { timeout: WAIT_MS, polling: 50 },
    needle,
  );
}

describe('startPreview', () => {
  let themeDir: string;
  let masthead: string;
  let preview: PreviewServer;
  let browser: Browser;
  let profile: string;

  beforeAll(async () => {
    themeDir = (await initTheme('house', { dir: await tempDir('briefing-preview-') })).dir;
    masthead = join(themeDir, 'partials', 'masthead.hbs');
    await writeFile(masthead, '<header class="masthead"><h1>{{title}}: first edition</h1></header>\n');
    preview = await startPreview(themeDir, { watch: true, briefing: sampleBriefing, debounceMs: 50 });
    profile = await mkdtemp(join(tmpdir(), 'briefing-preview-profile-'));
    browser = await puppeteer.launch({ executablePath: findChromium(), args: chromiumArgs(), headless: true, userDataDir: profile });
  });

  afterAll(async () => {
    await browser?.close();
    await preview?.close();
    if (profile) await rm(profile, { recursive: true, force: true });
  });

  test('serves on 127.0.0.1: a shell with its own CSP and a PDF link, and the page exactly as the theme renders it', async () => {
    expect(preview.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const shell = await fetch(preview.url);
    const csp = shell.headers.get('content-security-policy') ?? '';
    const nonce = /script-src 'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    expect(csp).toMatch(/default-src 'none'/);
    const body = await shell.text();
    expect(body).toContain(`<script nonce="${nonce}">`);
    expect(body).toContain('href="/briefing.pdf"');
    expect(body).toMatch(/<iframe id="briefing"[^>]*src="\/briefing\.html/);

    const page = await fetch(new URL('/briefing.html', preview.url));
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toBe((await renderHtml(sampleBriefing, { theme: themeDir })).content);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toContain('/briefing.pdf');
    expect((await fetch(new URL('/nothing', preview.url))).status).toBe(404);
  });

  test('reloads the page in Chromium when a partial changes, shows an error page with file:line:column, and recovers', async () => {
    const page = await browser.newPage();
    try {
      await page.goto(preview.url, { waitUntil: 'load' });
      await waitForFrameText(page, `${sampleBriefing.title}: first edition`);
      // The event stream is connected once the shell says so: a change from now on must reach the page.
      await page.waitForFunction(() => document.getElementById('status')?.textContent === 'watching', { timeout: WAIT_MS, polling: 50 });

      await writeFile(masthead, '<header class="masthead"><h1>{{title}}: second edition</h1></header>\n');
      await waitForFrameText(page, `${sampleBriefing.title}: second edition`);
      expect(await frameText(page)).not.toContain('first edition');

      await writeFile(masthead, '<header class="masthead">\n  <h1>{{title}</h1>\n</header>\n');
      await waitForFrameText(page, 'The theme cannot be rendered');
      expect(await frameText(page)).toMatch(/partials\/masthead\.hbs:2:\d+ syntax/);

      await writeFile(masthead, '<header class="masthead"><h1>{{title}}: third edition</h1></header>\n');
      await waitForFrameText(page, `${sampleBriefing.title}: third edition`);
      expect(preview.version).toBeGreaterThanOrEqual(4);
    } finally {
      await page.close();
    }
  });

  test('an editor\'s save by rename (a new file renamed over the old), a new partial and a deleted one all reload the page', async () => {
    const page = await browser.newPage();
    try {
      await page.goto(preview.url, { waitUntil: 'load' });
      await waitForFrameText(page, `${sampleBriefing.title}: third edition`);
      await page.waitForFunction(() => document.getElementById('status')?.textContent === 'watching', { timeout: WAIT_MS, polling: 50 });

      // How vim, VS Code and most editors save: write beside the file, then rename over it (a new inode).
      for (const edition of ['renamed edition', 'renamed again']) {
        const staging = join(themeDir, 'partials', `.masthead.hbs.${edition.replace(' ', '-')}.swp`);
        await writeFile(staging, `<header class="masthead"><h1>{{title}}: ${edition}</h1></header>\n`);
        await rename(staging, masthead);
        await waitForFrameText(page, `${sampleBriefing.title}: ${edition}`);
      }

      // A new partial overriding the parent's colophon appears; deleting it brings the parent's back.
      const colophon = join(themeDir, 'partials', 'colophon.hbs');
      await writeFile(colophon, '<footer><p>house colophon</p></footer>\n');
      await waitForFrameText(page, 'house colophon');
      await unlink(colophon);
      await page.waitForFunction(
        () => !((document.getElementById('briefing') as HTMLIFrameElement | null)?.contentDocument?.body?.innerText ?? 'house colophon').includes('house colophon'),
        { timeout: WAIT_MS, polling: 50 },
      );
      await writeFile(masthead, '<header class="masthead"><h1>{{title}}: third edition</h1></header>\n');
      await waitForFrameText(page, `${sampleBriefing.title}: third edition`);
    } finally {
      await page.close();
    }
  });

  test('the PDF is one click away and rendered on demand', async () => {
    const response = await fetch(new URL('/briefing.pdf', preview.url));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    const bytes = new Uint8Array(await response.arrayBuffer());
    const pdf = await readPdf(bytes);
    expect(pdf.pages[0]!.text).toContain(`${sampleBriefing.title}: third edition`);
  });
});

describe('startPreview without watching', () => {
  test('has no event stream and renders the files as they are on every request, with the given PDF renderer', async () => {
    const themeDir = (await initTheme('plain', { dir: await tempDir('briefing-preview-') })).dir;
    const pdfs: string[] = [];
    const preview = await startPreview(themeDir, {
      briefing: sampleBriefing,
      renderPdf: async (html) => {
        pdfs.push(html);
        return new TextEncoder().encode('%PDF-stub');
      },
    });
    try {
      expect((await fetch(new URL('/events', preview.url))).status).toBe(404);
      expect(await (await fetch(preview.url)).text()).not.toContain('<script');
      await writeFile(join(themeDir, 'partials', 'masthead.hbs'), '<h1>edited {{title}}</h1>');
      expect(await (await fetch(new URL('/briefing.html', preview.url))).text()).toContain(`<h1>edited ${sampleBriefing.title}</h1>`);
      expect(new TextDecoder().decode(await (await fetch(new URL('/briefing.pdf', preview.url))).arrayBuffer())).toBe('%PDF-stub');
      expect(pdfs).toHaveLength(1);
      expect(pdfs[0]).toContain(`<h1>edited ${sampleBriefing.title}</h1>`);
    } finally {
      await preview.close();
    }
  });
});
