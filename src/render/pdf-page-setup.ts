/** Paper, margins and the running header/footer of PDF pages. */
import { escapeHtml } from '../text/markup.js';

export type Paper = 'a4' | 'letter';

/**
 * Millimetres, the default theme's own page margins; the header and footer are drawn inside the top
 * and bottom ones. renderPdf imposes them on every theme: a theme's narrower margin would hide the footer.
 */
export const PAGE_MARGINS_MM = { top: 18, right: 17, bottom: 20, left: 17 } as const;

export const PAPER_MM: Record<Paper, { width: number; height: number }> = {
  a4: { width: 210, height: 297 },
  letter: { width: 215.9, height: 279.4 },
};

const CSS_PX_PER_MM = 96 / 25.4;

/**
 * The content box of one page in CSS pixels: what Chromium lays the document out in when printing.
 * Chromium rounds it up to whole pixels (measured with Chromium 156 by printing probe documents;
 * a different rounding would only cost renderPdf a second pass).
 */
export function contentBoxPx(paper: Paper): { width: number; height: number } {
  const size = PAPER_MM[paper];
  const px = (mm: number) => Math.ceil(mm * CSS_PX_PER_MM - 1e-6);
  return {
    width: px(size.width - PAGE_MARGINS_MM.left - PAGE_MARGINS_MM.right),
    height: px(size.height - PAGE_MARGINS_MM.top - PAGE_MARGINS_MM.bottom),
  };
}

/**
 * The header/footer templates are their own tiny documents: they cannot use the theme's web fonts,
 * and their default font size is near zero, so both are set here. Chromium fills .pageNumber/.totalPages.
 */
const BOX = `font-family: 'DejaVu Sans', 'Liberation Sans', Arial, sans-serif; font-size: 8px; color: #555; width: 100%; margin: 0 ${PAGE_MARGINS_MM.left}mm; display: flex; justify-content: space-between; gap: 8mm; white-space: nowrap;`;
const CELL = 'overflow: hidden; text-overflow: ellipsis;';

export function headerTemplate(headerText: string): string {
  return `<div style="${BOX}"><span style="${CELL}">${escapeHtml(headerText)}</span></div>`;
}

/** The page label's text with Chromium's number slots: "Page {page} of {total}" (label pdf.page) -> markup. */
export const DEFAULT_PAGE_LABEL = 'Page {page} of {total}';

export function footerTemplate(footerStamp: string, pageLabel: string = DEFAULT_PAGE_LABEL): string {
  const slots = new Map([
    ['{page}', '<span class="pageNumber"></span>'],
    ['{total}', '<span class="totalPages"></span>'],
  ]);
  // Only the two placeholders become Chromium's slots; every other piece of the label is text.
  const page = pageLabel
    .split(/(\{(?:page|total)\})/)
    .map((part) => slots.get(part) ?? escapeHtml(part))
    .join('');
  return `<div style="${BOX}"><span style="${CELL}">${escapeHtml(footerStamp)}</span><span>${page}</span></div>`;
}

/**
 * Appended after the theme's own CSS so the margins the header and footer live in cannot be taken
 * away by an `@page` rule of the theme, and so the page box we measure in is the printed one. The size
 * is given in CSS (with preferCSSPageSize) because puppeteer's named formats are rounded inches (A4 = 8.27in).
 */
export function pageRuleCss(paper: Paper): string {
  const m = PAGE_MARGINS_MM;
  const size = PAPER_MM[paper];
  return `@page { size: ${size.width}mm ${size.height}mm !important; margin: ${m.top}mm ${m.right}mm ${m.bottom}mm ${m.left}mm !important; }`;
}
