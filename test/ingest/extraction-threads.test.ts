import { copyFile, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { extractArticle, extractHere } from '../../src/ingest/extract-html.js';
import { ExtractionThreads } from '../../src/ingest/extraction-threads.js';
import { ingest } from '../../src/ingest/index.js';
import { generateBriefing } from '../../src/pipeline.js';
import { EngineThreads } from '../../src/produce/engine-threads.js';
import { sourcesFromInputs } from '../../src/sources/index.js';
import { tempDir } from '../helpers.js';

// The threads load the built reader (dist/), as the CLI does; `npm test` builds it first.
const fixtures = new URL('../fixtures/', import.meta.url).pathname;

async function pages(): Promise<{ name: string; html: string }[]> {
  const found: { name: string; html: string }[] = [];
  for (const folder of ['real-pages', 'ingest']) {
    for (const name of (await readdir(join(fixtures, folder))).filter((file) => file.endsWith('.html')).sort()) {
      found.push({ name: `${folder}/${name}`, html: await readFile(join(fixtures, folder, name), 'utf8') });
    }
  }
  return found;
}

/** A page of 9,000 long paragraphs (4.7 MB): under every bound of the reader, but not readable in a 32 MB heap. */
const bigPage = `<html><body><article>${Array.from({ length: 9000 }, (_, i) => `<p>Paragraph ${i} ${'word '.repeat(100)}</p>`).join('')}</article></body></html>`;

describe('ExtractionThreads', () => {
  let threads: ExtractionThreads | undefined;
  afterEach(async () => {
    await threads?.close();
    threads = undefined;
  });

  it('reads every page as extractArticle does on this thread', async () => {
    threads = new ExtractionThreads(2);
    const all = await pages();
    expect(all.length).toBeGreaterThanOrEqual(7);
    const onThreads = await Promise.all(all.map(({ html }) => threads!.extract(html, 'https://news.example/story')));
    expect(onThreads).toEqual(all.map(({ html }) => extractArticle(html, 'https://news.example/story')));
    expect(onThreads.every((article) => article.text.length > 200)).toBe(true);
  });

  it('skips a page that needs more memory than a thread has, naming why, and reads the next on a new thread', async () => {
    threads = new ExtractionThreads(1, { memoryMb: 32 });
    const [small] = await pages();
    const answers = await Promise.all([threads.extract(small!.html), threads.extract(bigPage), threads.extract(small!.html)]);
    expect(answers[1]).toEqual({ text: '', meta: {}, skipped: 'skipped: reading the page needed more memory than its thread has (32 MB)' });
    expect(answers[0]).toEqual(extractArticle(small!.html));
    expect(answers[2]).toEqual(answers[0]);
  });

  it('skips a page that holds its thread past the deadline, naming why, and reads the next on a new thread', async () => {
    // 25,000 paragraphs of 200 words (26 MB, under every bound on markup) take over 3 s of CPU; a page of the fixtures
    // on a new thread (the thread starting, the reader loading) under 0.3 s. The deadline runs from when a thread
    // takes the page, so the pages waiting behind the slow one (one thread) are not charged for it.
    const slowPage = `<html><body><article>${Array.from({ length: 25_000 }, (_, i) => `<p>Paragraph ${i} ${'word '.repeat(200)}</p>`).join('')}</article></body></html>`;
    threads = new ExtractionThreads(1, { deadlineMs: 1500 });
    const [small] = await pages();
    const answers = await Promise.all([threads.extract(slowPage), threads.extract(small!.html), threads.extract(small!.html)]);
    expect(answers[0]).toEqual({ text: '', meta: {}, skipped: 'skipped: reading the page took more than 1.5 s (a real page takes a fraction of a second)' });
    expect(answers[1]).toEqual(extractArticle(small!.html));
    expect(answers[2]).toEqual(answers[1]);
  });

  it('answers a page whose reading throws with the reason, here and on a thread, instead of rejecting', async () => {
    // Not a string: the reader throws on its first step, as a bug met on odd markup would.
    const broken = undefined as unknown as string;
    threads = new ExtractionThreads(1);
    const expected = { text: '', meta: {}, skipped: expect.stringMatching(/^could not be processed: .+/) };
    expect(await extractHere(broken)).toEqual(expected);
    expect(await threads.extract(broken)).toEqual(expected);
    const [small] = await pages();
    expect(await threads.extract(small!.html)).toEqual(extractArticle(small!.html));
  });

  it('reads the pages on this thread when no thread can start, instead of waiting for ever', async () => {
    threads = new ExtractionThreads(2, { memoryMb: 4 });
    const all = (await pages()).slice(0, 4);
    const answers = await Promise.all(all.map(({ html }) => threads!.extract(html)));
    expect(answers).toEqual(all.map(({ html }) => extractArticle(html)));
    // and the pages after them
    expect(await threads.extract(all[0]!.html)).toEqual(answers[0]);
  });

  it('gives ingest the same documents, exclusions and order as reading here (pages, JSON records, Markdown)', async () => {
    const dir = await tempDir();
    const all = await pages();
    for (const [index, { name, html }] of all.entries()) await writeFile(join(dir, `${String(index).padStart(2, '0')}-${name.replace('/', '-')}`), html);
    await writeFile(join(dir, 'empty-page.html'), '<html><head><title>Nothing here</title></head><body></body></html>');
    await writeFile(
      join(dir, 'records.json'),
      JSON.stringify([
        { id: 'r1', html: all[0]!.html, url: 'https://news.example/r1' },
        { id: 'r2', html: `${'<div>'.repeat(600)}deep` },
        { id: 'r3', text: 'A record with its text. '.repeat(20) },
        { id: 'r4', html: all[1]!.html },
      ]),
    );
    await copyFile(join(fixtures, 'articles', (await readdir(join(fixtures, 'articles'))).find((file) => file.endsWith('.md'))!), join(dir, 'story.md'));
    threads = new ExtractionThreads(2);
    const here = await ingest([dir]);
    const onThreads = await ingest([dir], { extract: threads.extract });
    expect(onThreads).toEqual(here);
    expect(here.documents.length).toBe(all.length + 4);
    expect(here.excluded).toEqual([
      { path: join(dir, 'empty-page.html'), reason: 'no article text found in the HTML page' },
      { path: `${join(dir, 'records.json')}#r2`, reason: expect.stringMatching(/^skipped: the markup is nested more than 500 elements deep/) },
    ]);
  });

  it('makes the same briefing when a run reads its pages on threads', async () => {
    const dir = await tempDir();
    for (const { name, html } of await pages()) await writeFile(join(dir, name.replace('/', '-')), html);
    const run = (extractionThreads: number) =>
      generateBriefing({ inputs: [dir], date: '2025-07-11', timezone: 'UTC', now: new Date('2025-07-11T06:00:00Z'), extractionThreads });
    const [here, onThreads] = [await run(1), await run(2)];
    expect(onThreads.briefing).toEqual(here.briefing);
    expect(here.briefing.stats.articlesOk).toBeGreaterThanOrEqual(5);

    // ... and when the run itself is on an engine thread (schedule, worker): the page threads are its own.
    const engine = new EngineThreads({ threads: 1 });
    try {
      const nested = await engine.generate({ sources: sourcesFromInputs([dir]), date: '2025-07-11', timezone: 'UTC', now: new Date('2025-07-11T06:00:00Z'), extractionThreads: 2 });
      expect(nested.briefing).toEqual(here.briefing);
    } finally {
      await engine.close();
    }
  });
});
