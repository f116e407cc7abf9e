import { copyFile, mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/program.js';
import { BriefingSchema, type Briefing } from '../../src/model/schema.js';
import { readPdf, startRecordingServer, type ReadBackPdf } from '../browser/helpers.js';
import { captureIO, repoRoot, seedsDir, tempDir } from '../helpers.js';

const fixtures = join(repoRoot, 'test', 'fixtures', 'articles');
const flat = (text: string) => text.replace(/\s+/g, ' ');

// End to end in real Chromium: the seeds plus a second story, through the command users run.
describe('briefing generate to HTML, PDF, JSON and Markdown', () => {
  let dir: string;
  let briefing: Briefing;
  let pdf: ReadBackPdf;
  let server: Awaited<ReturnType<typeof startRecordingServer>>;

  beforeAll(async () => {
    server = await startRecordingServer();
    dir = await tempDir();
    const input = join(dir, 'in');
    await mkdir(input);
    for (const name of await readdir(seedsDir)) await copyFile(join(seedsDir, name), join(input, name));
    for (const name of ['port-strike-day1.md', 'port-strike-day2.md']) await copyFile(join(fixtures, name), join(input, name));
    const hostile = (await readFile(join(fixtures, 'hostile.txt'), 'utf8')).replaceAll('PORT', String(server.port));
    await writeFile(join(input, 'hostile.txt'), hostile);

    const io = captureIO(dir);
    const code = await runCli(
      ['generate', '-i', input, '-o', 'out', '--date', '2025-07-11', '--timezone', 'Europe/London', '--format', 'html,pdf,json,md', '--title', 'Morning Brief'],
      io,
    );
    expect(code, io.err()).toBe(0);
    briefing = BriefingSchema.parse(JSON.parse(await readFile(join(dir, 'out', 'briefing-2025-07-11.json'), 'utf8')));
    pdf = await readPdf(await readFile(join(dir, 'out', 'briefing-2025-07-11.pdf')));
  });

  afterAll(async () => {
    await server?.close();
  });

  it('writes the four outputs and nothing else', async () => {
    expect((await readdir(join(dir, 'out'))).sort()).toEqual(
      ['briefing-2025-07-11.html', 'briefing-2025-07-11.json', 'briefing-2025-07-11.md', 'briefing-2025-07-11.pdf'],
    );
    expect(briefing.threads.length).toBeGreaterThanOrEqual(2);
  });

  it('prints every thread headline and its key figures into the PDF', () => {
    expect(pdf.pages.length).toBeGreaterThan(1);
    const all = flat(pdf.pages.map((p) => p.text).join(' '));
    for (const thread of briefing.threads) {
      expect(all).toContain(flat(thread.headline));
      for (const figure of thread.figures.slice(0, 3)) expect(all).toContain(figure.surface.replace(/bn$/, ''));
    }
  });

  it('has the running header and the footer with page X of Y and the as-of stamp on every page', () => {
    pdf.pages.forEach((page, index) => {
      expect(flat(page.text)).toContain('Morning Brief');
      expect(flat(page.text)).toMatch(new RegExp(`Page ${index + 1} of ${pdf.pages.length}`));
      expect(flat(page.text)).toMatch(/As of /);
    });
  });

  it('has one bookmark per thread, pointing where the thread starts, and the title in the metadata', () => {
    for (const thread of briefing.threads) {
      const entries = pdf.outline.filter((entry) => flat(entry.title) === flat(thread.headline));
      expect(entries, thread.headline).toHaveLength(1);
      expect(flat(pdf.pages[entries[0]!.page - 1]!.text)).toContain(flat(thread.headline));
    }
    expect(String(pdf.info.Title)).toContain('Morning Brief');
  });

  it('numbers the table of contents with the pages the threads start on', () => {
    const contents = flat(pdf.pages[0]!.text);
    for (const thread of briefing.threads) {
      const bookmark = pdf.outline.find((entry) => flat(entry.title) === flat(thread.headline))!;
      const headline = flat(thread.headline).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      const listed = contents.match(new RegExp(`${headline}[ .]*(\\d+)`));
      expect(listed, `contents entry for ${thread.headline} in: ${contents}`).not.toBeNull();
      expect(Number(listed![1])).toBe(bookmark.page);
    }
  });

  it('renders the hostile article as inert text: no request reaches the local server', async () => {
    expect(server.requests).toEqual([]);
    const html = await readFile(join(dir, 'out', 'briefing-2025-07-11.html'), 'utf8');
    // The hostile title reached the page, escaped.
    expect(html).toMatch(/&lt;(script|a|img)\b/);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/href="javascript:/i);
    expect(html).not.toMatch(/<img[^>]+127\.0\.0\.1/i);
    expect(html).not.toMatch(/url\(http/i);
    const all = flat(pdf.pages.map((p) => p.text).join(' '));
    expect(all).not.toContain('pwned');
  });
});
