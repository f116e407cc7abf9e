import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { afterEach } from 'vitest';
import { BrowserManager } from '../../src/browser/browser-manager.js';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

const require = createRequire(import.meta.url);

/** A real HTTP server on 127.0.0.1 that records every request it receives. */
export async function startRecordingServer(): Promise<{ port: number; requests: string[]; close: () => Promise<void> }> {
  const requests: string[] = [];
  const server = createServer((req: IncomingMessage, res) => {
    requests.push(`${req.method} ${req.url}`);
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end('body { color: red }');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export interface PdfPageText {
  text: string;
  width: number;
  height: number;
}

export interface ReadBackPdf {
  pages: PdfPageText[];
  outline: { title: string; page: number; children: { title: string; page: number }[] }[];
  info: Record<string, unknown>;
}

/** Reads a PDF with pdfjs: text per page, page sizes in points, the outline with target pages, the info dictionary. */
export async function readPdf(bytes: Uint8Array): Promise<ReadBackPdf> {
  const doc = await getDocument({ data: new Uint8Array(bytes), disableFontFace: true, useSystemFonts: false, verbosity: 0 }).promise;
  try {
    const pages: PdfPageText[] = [];
    for (let i = 1; i <= doc.numPages; i += 1) {
      const page = await doc.getPage(i);
      const content = await page.getTextContent();
      const text = content.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : '') : '')).join('');
      const [x0, y0, x1, y1] = page.view as [number, number, number, number];
      pages.push({ text, width: x1 - x0, height: y1 - y0 });
    }
    const pageOf = async (dest: unknown): Promise<number> => {
      const explicit = typeof dest === 'string' ? await doc.getDestination(dest) : (dest as unknown[] | null);
      if (!explicit) return -1;
      return (await doc.getPageIndex(explicit[0] as { num: number; gen: number })) + 1;
    };
    const outline: ReadBackPdf['outline'] = [];
    for (const item of (await doc.getOutline()) ?? []) {
      const children = [];
      for (const child of item.items ?? []) children.push({ title: child.title, page: await pageOf(child.dest) });
      outline.push({ title: item.title, page: await pageOf(item.dest), children });
    }
    const meta = await doc.getMetadata();
    return { pages, outline, info: meta.info as Record<string, unknown> };
  } finally {
    await doc.destroy();
  }
}

/** An @font-face rule with Inter from @fontsource as a data: URL, as the theme embeds its fonts. */
export function interFontFace(): string {
  const data = readFileSync(require.resolve('@fontsource/inter/files/inter-latin-400-normal.woff2'));
  return `@font-face { font-family: 'Inter'; font-weight: 400; font-display: block; src: url(data:font/woff2;base64,${data.toString('base64')}) format('woff2'); }`;
}

const LOREM =
  'Officials said the talks would resume next week after a night of heavy shelling, while aid groups warned that supplies were running low across the region and prices kept rising. ';

export interface SampleSection {
  id: string;
  title: string;
  level?: 1 | 2;
  paragraphs: number;
  breakBefore?: boolean;
  /** The section's text is one block that must not be split across pages. */
  unbreakable?: boolean;
}

/**
 * A briefing-like document following the theme contract: a contents list with empty
 * data-toc-page-for slots and sections with id and data-outline.
 */
export function sampleHtml(sections: SampleSection[], extraHead = ''): string {
  const toc = sections
    .map((s) => `<li class="l${s.level ?? 1}"><a href="#${s.id}">${s.title}</a> · <span data-toc-page-for="${s.id}"></span></li>`)
    .join('\n');
  const body = sections
    .map((s) => {
      const paras = Array.from({ length: s.paragraphs }, (_, i) => `<p>${i + 1}. ${LOREM.repeat(3)}</p>`).join('\n');
      const level = s.level === 2 ? ' data-outline-level="2"' : '';
      const cls = s.breakBefore ? ' class="newpage"' : '';
      const avoid = s.unbreakable ? ' style="break-inside: avoid"' : '';
      return `<section id="${s.id}" data-outline="${s.title}"${level}${cls}><h2>Section ${s.title}</h2>\n<div${avoid}>${paras}</div></section>`;
    })
    .join('\n');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Sample</title>
<style>${interFontFace()}
body { font-family: 'Inter', sans-serif; font-size: 11pt; line-height: 1.45; margin: 0; }
h2 { break-after: avoid; margin: 1.2em 0 0.4em; }
p { margin: 0 0 0.6em; orphans: 2; widows: 2; }
.newpage { break-before: page; }
.toc li.l2 { margin-left: 1.5em; }
</style>${extraHead}</head><body>
<h1>Sample Briefing</h1>
<nav class="toc"><ol>${toc}</ol></nav>
${body}
</body></html>`;
}

/** BrowserManagers for a test file, every one closed after each test (call at the top of the file). */
export function managedBrowsers(): (options?: ConstructorParameters<typeof BrowserManager>[0]) => BrowserManager {
  const managers: BrowserManager[] = [];
  afterEach(async () => {
    await Promise.all(managers.splice(0).map((m) => m.close()));
  });
  return (options = {}) => {
    const m = new BrowserManager(options);
    managers.push(m);
    return m;
  };
}
