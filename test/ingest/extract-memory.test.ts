import { setImmediate as tick } from 'node:timers/promises';
import v8 from 'node:v8';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../src/ingest/extract-html.js';

// The test process is not started with --expose-gc; this is the documented way to reach the collector anyway.
v8.setFlagsFromString('--expose-gc');
const collect = vm.runInNewContext('gc') as () => void;

/** Heap in use after full collections, with the event loop turned between them (what a DOM lets go on a later turn). */
async function settledHeapMb(): Promise<number> {
  for (let i = 0; i < 4; i++) {
    await tick();
    collect();
  }
  return process.memoryUsage().heapUsed / 1024 / 1024;
}

const paragraph = (page: number, k: number) =>
  `<p>Paragraph ${k} of page ${page}: officials in the capital said on Tuesday that the plan would move ahead, with a review of costs, timetables and the views of residents.</p>`;
const page = (n: number) =>
  `<!doctype html><html><head><title>Page ${n}</title><meta property="og:site_name" content="Outlet"></head><body>` +
  `<nav>${Array.from({ length: 30 }, (_, k) => `<a href="/s${k}">Section ${k}</a>`).join(' ')}</nav>` +
  `<article><h1>Page ${n}</h1>${Array.from({ length: 50 }, (_, k) => paragraph(n, k)).join('')}</article><footer>Copyright</footer></body></html>`;

describe('HTML extraction memory', () => {
  it('stays flat over hundreds of pages (each page used to keep about 1 MB alive)', async () => {
    let n = 0;
    const extract = async (count: number) => {
      for (let i = 0; i < count; i++) {
        n += 1;
        expect(extractArticle(page(n), `https://news.example/${n}`).text).toContain(`Paragraph 49 of page ${n}`);
        // A run awaits between pages (files, fetches); the loop does the same.
        await tick();
      }
    };
    await extract(50);
    const after50 = await settledHeapMb();
    await extract(250);
    const after300 = await settledHeapMb();
    // Before the fix this grew by about 250 MB; the margin leaves room for the collector's own variation.
    expect(after300 - after50).toBeLessThan(40);
  }, 180_000);
});
