import { onDemand } from '../util/load-on-demand.js';

const readability = onDemand<typeof import('@mozilla/readability')>('@mozilla/readability');
import { pruneBoilerplate } from './boilerplate.js';
import { fallbackText } from './fallback-text.js';
import { extractHtmlMetadata, sanitizeField } from './html-meta.js';
import { htmlToText } from './html-to-text.js';
import { measureMarkup } from './markup-bounds.js';
import { parseStrippedHtml, stripInertCode } from './prepare-dom.js';
import type { InputMetadata } from './types.js';
import { errorMessage } from '../util/errors.js';

export interface ExtractedArticle {
  /** Main article text, paragraphs separated by blank lines. */
  text: string;
  meta: InputMetadata;
  /** Why the page was not read at all (the text is then empty): the reason to report instead of "no text found". */
  skipped?: string;
}

/**
 * Reads a page's article: extractArticle here (extractHere), or on worker threads (extraction-threads.ts), which is
 * the same function with the same answer, several pages at once. It never rejects: a page that cannot be read is
 * answered with the reason in `skipped`, so it costs itself only (a file, a JSON record, a feed item, a fetched page).
 */
export type HtmlExtractor = (html: string, url?: string) => Promise<ExtractedArticle>;

export const extractHere: HtmlExtractor = async (html, url) => {
  try {
    return extractArticle(html, url);
  } catch (error) {
    return unreadablePage(error);
  }
};

/** A page whose reading threw: a bug met on odd markup, which must not cost the other pages. */
export function unreadablePage(error: unknown): ExtractedArticle {
  return { text: '', meta: {}, skipped: `could not be processed: ${errorMessage(error)}` };
}

/** A page not read because reading it would cost too much (its markup's shape, its time or its memory on a thread). */
export function skippedPage(why: string): ExtractedArticle {
  return { text: '', meta: {}, skipped: `skipped: ${why}` };
}

/** Below this many characters Readability has most likely picked a teaser or nothing at all. */
const MIN_ARTICLE_CHARS = 200;
/**
 * Readability's cost grows much faster than the number of elements on deeply nested markup (seconds at a depth of
 * 200, minutes beyond); real article pages stay far below this depth, so deeper pages go straight to the fallback.
 */
const MAX_READABILITY_DEPTH = 100;
/**
 * Past this depth the page is not parsed at all: parsing alone grows faster than linearly with depth (about 1 s at
 * 2,000 levels, close to a minute at 10,000), and no article page comes near it (real pages stay under 100).
 */
export const MAX_MARKUP_DEPTH = 500;
/**
 * Past this many elements the page is not read either: a news article has a few thousand, and a 5 MB page of
 * hundreds of thousands would take minutes to parse and read. Counted in the markup before parsing, and in the tree
 * while it is built (the standard's repairs can make far more elements than there are tags).
 */
export const MAX_MARKUP_ELEMENTS = 30_000;
/**
 * Readability's cost grows faster than the element count (7 s at 20,000 elements, 80 s at 60,000); past this many
 * elements in the parsed tree it is not used and the paragraph fallback, which is linear, reads the page instead.
 * (Also given to Readability as maxElemsToParse.)
 */
const MAX_READABILITY_ELEMENTS = 10_000;

const TOO_MANY_ELEMENTS = `the page has more than ${MAX_MARKUP_ELEMENTS} elements (no article page has; reading it would stall the run)`;

/**
 * Main text and metadata of a web page. Readability finds the article container; page elements it keeps
 * (headers, captions, teasers) are pruned from the DOM; a paragraph-based fallback covers pages where Readability
 * returns too little.
 */
export function extractArticle(html: string, url?: string): ExtractedArticle {
  const markup = stripInertCode(html);
  const shape = measureMarkup(markup, { maxDepth: MAX_MARKUP_DEPTH, maxElements: MAX_MARKUP_ELEMENTS });
  if (shape.exceeded === 'depth') {
    return skippedPage(`the markup is nested more than ${MAX_MARKUP_DEPTH} elements deep (no article page is; reading it would stall the run)`);
  }
  if (shape.exceeded === 'elements') return skippedPage(TOO_MANY_ELEMENTS);
  const page = parseStrippedHtml(markup, MAX_MARKUP_ELEMENTS);
  if (page === null) return skippedPage(TOO_MANY_ELEMENTS);
  const { document } = page;
  // Readability consumes the document, so the metadata is read first.
  const meta = extractHtmlMetadata(document, url);
  const skipReadability = page.elements > MAX_READABILITY_ELEMENTS || domDepthExceeds(document, MAX_READABILITY_DEPTH);
  const readable = skipReadability ? { text: '', meta: {} } : readabilityText(document);
  let body = readable.text;
  if (body.length < MIN_ARTICLE_CHARS) {
    // Readability consumes the document it reads; when it was not used, the same document serves the fallback.
    const fallback = fallbackText(skipReadability ? document : parseStrippedHtml(markup)!.document);
    if (fallback.length > body.length) body = fallback;
  }
  // Junk lines left in the text (stamps, prompts, sign-offs) are the cleaner's: it removes them by one set of rules
  // for every format and records each removal.
  return { text: body, meta: fillGaps(meta, readable.meta) };
}

function readabilityText(document: Document): { text: string; meta: InputMetadata } {
  try {
    const article = new (readability().Readability)<Node>(document, { serializer: (node) => node, keepClasses: true, maxElemsToParse: MAX_READABILITY_ELEMENTS }).parse();
    const content = article?.content as Element | null | undefined;
    if (!article || !content) return { text: '', meta: {} };
    pruneBoilerplate(content);
    return {
      text: htmlToText(content),
      meta: {
        title: article.title ?? undefined,
        author: article.byline ?? undefined,
        source: article.siteName ?? undefined,
        published: article.publishedTime ?? undefined,
        language: article.lang ?? undefined,
      },
    };
  } catch {
    // Readability throws past maxElemsToParse and can throw on pathological markup; the fallback still applies.
    return { text: '', meta: {} };
  }
}

/** Iterative, so a pathological page cannot exhaust the stack while it is being measured. */
function domDepthExceeds(document: Document, limit: number): boolean {
  const stack: [Element, number][] = document.documentElement ? [[document.documentElement, 1]] : [];
  while (stack.length > 0) {
    const [element, depth] = stack.pop()!;
    if (depth > limit) return true;
    for (let child = element.firstElementChild; child; child = child.nextElementSibling) stack.push([child, depth + 1]);
  }
  return false;
}

function fillGaps(primary: InputMetadata, secondary: InputMetadata): InputMetadata {
  const merged: InputMetadata = { ...primary };
  for (const [field, value] of Object.entries(secondary) as [keyof InputMetadata, string | undefined][]) {
    const checked = sanitizeField(field, value?.trim());
    if (!merged[field] && checked) merged[field] = checked;
  }
  return merged;
}
