import type { Briefing } from '../model/schema.js';
import { programInfo } from '../version.js';
import { brandedBriefing, brandPdfOptions, type Branding } from './branding.js';
import { DEFAULT_LOCALE, formatDateTime, formatDay } from './helpers.js';
import type { Paper } from './html.js';
import { createLabels, type Labels } from './labels.js';
import type { PdfOptions } from './pdf.js';

/** How many of the day's most mentioned names the PDF's Keywords field lists. */
const PDF_KEYWORDS = 15;

/**
 * A briefing's PDF options with the house style: the running header and footer carry the branded title and the
 * classification line, in the page's labels (its locale, the theme's and the configuration's wording).
 */
export function brandedPdfOptions(briefing: Briefing, paper: Paper, labels: Labels, branding: Branding | undefined): PdfOptions {
  const brand = { title: branding?.title, classification: branding?.classification };
  return brandPdfOptions(pdfOptionsFor(brandedBriefing(briefing, brand), paper, labels.locale, labels), brand);
}

/** Header, footer stamp and document metadata of a briefing's PDF, all from the model, in the locale's words. */
export function pdfOptionsFor(briefing: Briefing, paper: Paper, locale?: string, labels: Labels = createLabels({ locale: locale ?? DEFAULT_LOCALE })): PdfOptions {
  const asOf = formatDateTime(briefing.generatedAt, briefing.timezone, locale);
  const program = programInfo();
  // Keywords are what a document store indexes and lists beside the title: the day's most mentioned names, not
  // sentences (the headlines of 40 threads in full made a field of several thousand characters).
  const keywords = briefing.entities.slice(0, PDF_KEYWORDS).map((e) => e.name);
  return {
    filename: `briefing-${briefing.date}.pdf`,
    paper,
    title: briefing.title,
    headerText: `${briefing.title} — ${formatDay(briefing.date, locale, 'long')}`,
    footerStamp: labels.text('masthead.asOf', { time: asOf }),
    pageLabel: labels.text('pdf.page', {}),
    metadata: {
      title: `${briefing.title} — ${formatDay(briefing.date, locale, 'long')}`,
      subject: labels.text('pdf.subject', {
        stories: labels.text('count.stories', { count: briefing.stats.threads }),
        articles: labels.text('count.articles', { count: briefing.stats.articlesOk }),
      }),
      keywords: [...new Set(keywords)],
      creator: `${program.name} ${program.version}`,
      creationDate: new Date(briefing.generatedAt),
    },
  };
}
