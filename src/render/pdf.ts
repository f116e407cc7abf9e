import type { PDFDocument } from 'pdf-lib';
import type { Page } from 'puppeteer-core';
import type { BrowserManager } from '../browser/browser-manager.js';
import { programInfo } from '../version.js';
import type { RenderedOutput } from './json.js';
import { fillTocSlots, measure, prepareDocument } from './pdf-dom.js';
import { pageAt, pageStarts } from './pdf-paginate.js';
import type { readDestinations } from './pdf-finish.js';
import { contentBoxPx, footerTemplate, headerTemplate, pageRuleCss, PAGE_MARGINS_MM, type Paper } from './pdf-page-setup.js';

export type { Paper } from './pdf-page-setup.js';

export interface PdfOptions {
  filename: string;
  paper: Paper;
  /** The document's title; the PDF title when metadata.title is empty. */
  title: string;
  /** Running header on every page (plain text). */
  headerText: string;
  /** The "as of" stamp in the footer of every page, beside "Page X of Y" (plain text). */
  footerStamp: string;
  /** "Page {page} of {total}" in the edition's language (label pdf.page); Chromium fills in the numbers. */
  pageLabel?: string;
  metadata: {
    title: string;
    subject: string;
    keywords: string[];
    creator: string;
    creationDate: Date;
    /** Defaults to this program's name and version. */
    producer?: string;
  };
}

export interface PdfRenderReport {
  output: RenderedOutput & { content: Uint8Array };
  pages: number;
  /** page.pdf() calls: 1 when the predicted table-of-contents numbers were right. */
  passes: number;
  bookmarks: number;
  /** Page number written into the table of contents for each target id. */
  tocPages: Record<string, number>;
  /** What the layout measurement predicted before printing (differs from tocPages when a second pass was needed). */
  predictedTocPages: Record<string, number>;
  /** False when the printed numbers still disagreed with the PDF after the last allowed pass (a layout that oscillates). */
  tocVerified: boolean;
  /** data-toc-page-for values that name no element (their slots stay empty). */
  missingTargets: string[];
  /** Requests the document tried to make (all refused). */
  blockedRequests: string[];
  timings: { loadMs: number; layoutMs: number; printMs: number; finishMs: number };
}

/** Renders can only disagree with the prediction a couple of times: after that the numbers are stable or oscillating. */
const MAX_PASSES = 3;

/** The HTML (one self-contained document, untrusted content escaped) as a paginated PDF with bookmarks and metadata. */
export async function renderPdf(html: string, options: PdfOptions, browser: BrowserManager): Promise<RenderedOutput> {
  return (await renderPdfDetailed(html, options, browser)).output;
}

export async function renderPdfDetailed(html: string, options: PdfOptions, browser: BrowserManager): Promise<PdfRenderReport> {
  // pdf-lib is loaded only by a run that prints, while Chromium lays the page out.
  const finishing = import('./pdf-finish.js');
  finishing.catch(() => undefined);
  const clock = stopwatch();
  // The page is held while Chromium is needed (printing until the contents' numbers are verified); the bookmarks,
  // metadata and saving are done after it is given back.
  const printed = await browser.withPage(async (page, context) => {
    clock();
    const box = contentBoxPx(options.paper);
    // The document is laid out at the width of a printed page and with print styles, so positions
    // measured now are (nearly) positions in print.
    await page.setViewport({ width: box.width, height: box.height });
    await page.emulateMediaType('print');
    await page.setContent(html, { waitUntil: 'load', timeout: browser.renderTimeoutMs });
    const prepared = await prepareDocument(page, pageRuleCss(options.paper));
    const loadMs = clock();

    const predicted = await settleToc(page, prepared.tocTargets, box.height);
    let toc = predicted;
    const layoutMs = clock();

    let printMs = 0;
    let finishMs = 0;
    let passes = 0;
    let tocVerified = false;
    let doc: PDFDocument;
    let dests: ReturnType<typeof readDestinations>;
    const { loadChromiumPdf, readDestinations: destinationsOf } = await finishing;
    for (;;) {
      passes += 1;
      const bytes = await page.pdf(pdfOptions(options, browser.renderTimeoutMs));
      printMs += clock();
      doc = await loadChromiumPdf(bytes);
      dests = destinationsOf(doc);
      const actual = pagesOf(prepared.tocTargets, dests);
      finishMs += clock();
      tocVerified = sameNumbers(actual, toc);
      if (tocVerified || passes >= MAX_PASSES) break;
      toc = actual;
      await fillTocSlots(page, toc);
      finishMs += clock();
    }

    const blockedRequests = [...context.blockedRequests];
    return { doc, dests, prepared, passes, toc, predicted, tocVerified, blockedRequests, loadMs, layoutMs, printMs, finishMs };
  });
  const finish = stopwatch();
  const { doc, dests, prepared, toc } = printed;
  const { addOutline, setMetadata } = await finishing;
  const bookmarks = addOutline(doc, prepared.outline, dests);
  const info = programInfo();
  setMetadata(doc, {
    ...options.metadata,
    title: options.metadata.title || options.title,
    producer: options.metadata.producer ?? `${info.name} ${info.version} (Chromium, pdf-lib)`,
  });
  const content = await doc.save({ objectsPerTick: Number.POSITIVE_INFINITY });
  const { loadMs, layoutMs, printMs } = printed;
  const finishMs = printed.finishMs + finish();
  return {
    output: { filename: options.filename, content },
    pages: doc.getPageCount(),
    passes: printed.passes,
    bookmarks,
    tocPages: toc,
    predictedTocPages: printed.predicted,
    tocVerified: printed.tocVerified,
    missingTargets: prepared.missingTargets,
    blockedRequests: printed.blockedRequests,
    timings: { loadMs, layoutMs, printMs, finishMs },
  };
}

/**
 * Predicts the table-of-contents numbers from the layout at page width (pdf-paginate.ts) and writes them in;
 * writing them can re-wrap the contents lines, so when it moved anything, predict again until the numbers stop
 * changing. Usually it moves nothing and one measurement is enough.
 */
async function settleToc(page: Page, targets: string[], pageHeight: number): Promise<Record<string, number>> {
  let filled: Record<string, number> = {};
  if (targets.length === 0) return filled;
  for (let round = 0; round < MAX_PASSES; round += 1) {
    const { tops, points, avoid, height } = await measure(page, targets);
    const starts = pageStarts(points, avoid, height, pageHeight);
    const predicted: Record<string, number> = {};
    for (const id of targets) if (tops[id] !== undefined) predicted[id] = pageAt(tops[id], starts);
    if (round > 0 && sameNumbers(predicted, filled)) break;
    filled = predicted;
    if (!(await fillTocSlots(page, filled))) break;
  }
  return filled;
}

function pagesOf(ids: string[], dests: ReturnType<typeof readDestinations>): Record<string, number> {
  const pages: Record<string, number> = {};
  for (const id of ids) {
    const dest = dests.get(id);
    if (dest) pages[id] = dest.page;
  }
  return pages;
}

function sameNumbers(a: Record<string, number>, b: Record<string, number>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => a[key] === b[key]);
}

/** The page.pdf() options of a render (exported so the benchmark prints its floor with the same settings). */
export function pdfOptions(options: PdfOptions, timeout: number) {
  const m = PAGE_MARGINS_MM;
  return {
    format: options.paper === 'letter' ? ('letter' as const) : ('a4' as const),
    printBackground: true,
    displayHeaderFooter: true,
    headerTemplate: headerTemplate(options.headerText),
    footerTemplate: footerTemplate(options.footerStamp, options.pageLabel),
    margin: { top: `${m.top}mm`, right: `${m.right}mm`, bottom: `${m.bottom}mm`, left: `${m.left}mm` },
    // the size and margins come from pageRuleCss(); format and margin are the same values as a fallback
    preferCSSPageSize: true,
    // Bookmarks come from data-outline (addOutline), not from headings; the structure tree helps screen readers.
    outline: false,
    tagged: true,
    // prepareDocument() already waited, before the layout was measured.
    waitForFonts: false,
    timeout,
  };
}

function stopwatch(): () => number {
  let last = performance.now();
  return () => {
    const now = performance.now();
    const elapsed = now - last;
    last = now;
    return Math.round(elapsed);
  };
}
