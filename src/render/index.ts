import type { BrowserManager } from '../browser/browser-manager.js';
import type { Briefing } from '../model/schema.js';
import type { HtmlOptions } from './html.js';
import { renderJson, type RenderedOutput } from './json.js';
import type { PdfOptions } from './pdf.js';

import type { OutputFormat } from './formats.js';

export { DEFAULT_FORMATS, OUTPUT_FORMATS, type OutputFormat } from './formats.js';

/** What renderHtml takes (theme, paper, note, locale, branding...), plus the formats and the browser that prints. */
export interface RenderOptions extends HtmlOptions {
  formats: OutputFormat[];
  /** Needed when the formats include pdf; the caller owns (and closes) it. */
  browser?: BrowserManager;
}

/**
 * Every requested output of one briefing, in the order asked; the HTML is rendered once and printed for the PDF.
 * Each format's renderer is imported only when asked for: JSON alone loads no template engine, browser or PDF library.
 */
export async function renderBriefing(briefing: Briefing, options: RenderOptions): Promise<RenderedOutput[]> {
  const wants = new Set(options.formats);
  const paper = options.paper ?? 'a4';
  const page =
    wants.has('html') || wants.has('pdf')
      ? await (await import('./html.js')).renderHtmlPage(briefing, { ...options, paper })
      : undefined;
  const html = page?.output;
  const outputs: RenderedOutput[] = [];
  for (const format of options.formats) {
    switch (format) {
      case 'json':
        outputs.push(renderJson(briefing));
        break;
      case 'md':
        outputs.push((await import('./markdown.js')).renderMarkdown(briefing, { locale: options.locale ?? options.branding?.locale, labels: options.branding?.labels }));
        break;
      case 'html':
        outputs.push(html!);
        break;
      case 'pdf': {
        if (!options.browser) throw new Error('renderBriefing: a BrowserManager is required for the pdf format');
        // The page's labels (theme and configuration, in the page's locale) word its running header and footer too.
        const pdf = (await import('./pdf-options.js')).brandedPdfOptions(briefing, paper, page!.labels, options.branding);
        outputs.push(await (await import('./pdf.js')).renderPdf(String(html!.content), pdf, options.browser));
        break;
      }
    }
  }
  return outputs;
}
