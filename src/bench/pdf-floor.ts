import { readFile, writeFile } from 'node:fs/promises';
import { useCompileCache } from '../util/compile-cache.js';
import { errorMessage } from '../util/errors.js';

/**
 * The floor of "seeds to PDF" as a whole process, for `npm run bench -- --startup`:
 *   node dist/bench/pdf-floor.js <final.html> <out.pdf> [a4|letter]
 * Node, puppeteer-core, the project's Chromium with the project's flags, setContent of the final HTML and one
 * page.pdf() with the project's print options; nothing the briefing itself needs (no engine, no pdf-lib).
 */
async function main(): Promise<void> {
  const [htmlFile, pdfFile, paper = 'a4'] = process.argv.slice(2);
  if (!htmlFile || !pdfFile || (paper !== 'a4' && paper !== 'letter')) throw new Error('usage: pdf-floor.js <final.html> <out.pdf> [a4|letter]');
  // Loaded as the CLI loads them: from Node's compile cache where it has one.
  useCompileCache();
  const { pdfOptions } = await import('../render/pdf.js');
  const { withRawBrowser } = await import('./raw-browser.js');
  const html = await readFile(htmlFile, 'utf8');
  await withRawBrowser(async (browser) => {
    const page = await browser.newPage();
    await page.setContent(html, { waitUntil: 'load' });
    const options = { filename: 'floor.pdf', paper, title: 'Daily Briefing', headerText: 'Daily Briefing', footerStamp: 'As of today' } as const;
    const metadata = { title: '', subject: '', keywords: [], creator: '', creationDate: new Date(0) };
    await writeFile(pdfFile, await page.pdf(pdfOptions({ ...options, metadata }, 120_000)));
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`pdf-floor: ${errorMessage(error)}\n`);
  process.exitCode = 1;
});
