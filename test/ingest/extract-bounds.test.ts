import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { extractArticle } from '../../src/ingest/extract-html.js';
import { ingest } from '../../src/ingest/index.js';
import { measureMarkup } from '../../src/ingest/markup-bounds.js';
import { pageFromResponse } from '../../src/sources/page.js';
import { tempDir } from '../helpers.js';

const sentence = 'The council approved the new budget on Tuesday after a long debate about school funding and road repairs.';
const nested = (depth: number) => `<html><body>${'<div>'.repeat(depth)}<p>${sentence}</p>${'</div>'.repeat(depth)}</body></html>`;

let dir: string;
beforeEach(async () => {
  dir = await tempDir('briefing-extract-bounds-');
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('pathologically nested pages', () => {
  it('skips 10,000 nested <div> quickly, with the reason, and reads the other files', async () => {
    await writeFile(join(dir, 'deep.html'), nested(10_000));
    await writeFile(join(dir, 'plain.txt'), sentence);
    const started = performance.now();
    const result = await ingest([dir]);
    expect(performance.now() - started).toBeLessThan(3000);
    expect(result.documents.map((d) => d.path)).toEqual([join(dir, 'plain.txt')]);
    expect(result.excluded).toEqual([
      { path: join(dir, 'deep.html'), reason: 'skipped: the markup is nested more than 500 elements deep (no article page is; reading it would stall the run)' },
    ]);
  });

  it('says so for a fetched page too', async () => {
    const outcome = await pageFromResponse({ url: 'https://news.example/deep', status: 200, contentType: 'text/html', charset: 'utf-8', body: new TextEncoder().encode(nested(10_000)) });
    expect(outcome).toEqual({ ok: false, reason: expect.stringMatching(/^skipped: the markup is nested more than 500 elements deep/) });
  });

  it('still reads a deep page under the bound, without exhausting the stack', () => {
    const started = performance.now();
    expect(extractArticle(nested(450)).text).toBe(sentence);
    expect(performance.now() - started).toBeLessThan(3000);
  });
});

const markupDepthExceeds = (html: string, maxDepth: number) => measureMarkup(html, { maxDepth, maxElements: 1e9 }).exceeded === 'depth';

describe('pages with very many elements', () => {
  it('skips a page of more than 30,000 elements before parsing it, with the reason', () => {
    const html = `<html><body><article>${Array.from({ length: 20_000 }, (_, i) => `<div><span>${i}</span> ${sentence}</div>`).join('')}</article></body></html>`;
    const started = performance.now();
    const article = extractArticle(html);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(article).toEqual({ text: '', meta: {}, skipped: 'skipped: the page has more than 30000 elements (no article page has; reading it would stall the run)' });
  });

  it('skips a page whose repaired tree would pass 30,000 elements though its markup has few tags, as soon as it does', () => {
    // 200 formatting tags left open are opened again in each of 5,000 later paragraphs: 5,201 tags, a million elements
    // (parsing it whole took 12 s and 1.4 GB, reading it 80 s).
    const html = `<p>${Array.from({ length: 200 }, (_, i) => `<b class="c${i}">`).join('')}x</p>${'<p>x'.repeat(5_000)}`;
    expect(measureMarkup(html, { maxDepth: 500, maxElements: 30_000 }).exceeded).toBeNull();
    const started = performance.now();
    expect(extractArticle(html)).toEqual({ text: '', meta: {}, skipped: 'skipped: the page has more than 30000 elements (no article page has; reading it would stall the run)' });
    expect(performance.now() - started).toBeLessThan(3000);
  });

  it('reads a page of more than 10,000 elements with the linear paragraph reader instead of Readability', () => {
    // 28,000 elements: Readability alone spent 26 s on this page; the whole extraction now takes a few seconds.
    const html = `<html><body><article>${Array.from({ length: 14_000 }, (_, i) => `<div class="c${i % 7}"><span>${i}</span> ${sentence}</div>`).join('')}</article></body></html>`;
    const started = performance.now();
    const article = extractArticle(html);
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(article.text.split('\n\n')).toHaveLength(14_000);
    expect(article.text.endsWith(`13999 ${sentence}`)).toBe(true);
  }, 30_000);
});

describe('measureMarkup', () => {
  it('counts nesting, not tags', () => {
    expect(markupDepthExceeds('<div><div><div></div></div></div>', 2)).toBe(true);
    expect(markupDepthExceeds('<div><div></div></div><div><div></div></div>', 2)).toBe(false);
    expect(markupDepthExceeds('<div><span/><br><img src="x"><div></div></div>', 2)).toBe(false);
  });

  it('counts elements up to the limit', () => {
    expect(measureMarkup('<div><p>a</p><br><img src=x></div>', { maxDepth: 10, maxElements: 10 })).toEqual({ exceeded: null, elements: 4 });
    expect(measureMarkup('<p>a</p>'.repeat(11), { maxDepth: 10, maxElements: 10 })).toEqual({ exceeded: 'elements', elements: 11 });
  });

  it('does not count elements whose end tag may be left out, nor tag-like text in attributes', () => {
    expect(markupDepthExceeds(`<body>${'<p>para'.repeat(5000)}<ul>${'<li>item'.repeat(5000)}</ul></body>`, 10)).toBe(false);
    expect(markupDepthExceeds(`<div title="<div><div><div>">x</div>`, 2)).toBe(false);
  });
});
