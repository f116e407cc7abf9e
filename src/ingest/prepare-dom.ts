import type { DOMWindow } from 'jsdom';
import { onDemand } from '../util/load-on-demand.js';

/** jsdom (about 0.7 s of CPU to load) is loaded by the first HTML page a run parses, not by every run. */
const jsdom = onDemand<typeof import('jsdom')>('jsdom');

/**
 * Pages parsed by one jsdom window before it is closed and replaced. Every document registers event listeners on
 * its window (jsdom's selector engine, for :focus and :hover), and they keep the document alive as long as the
 * window lives: one window for the whole run kept about 1 MB per page (700 MB after 200 pages). A fresh window per
 * page costs far more than the parse, so a window serves a batch of pages and is then closed, which drops them all.
 */
const PAGES_PER_WINDOW = 25;
/** ... or this much markup (in UTF-16 code units), so a few very large pages do not make a large batch. */
const MARKUP_PER_WINDOW = 8 * 1024 * 1024;

let shared: { window: DOMWindow; parser: DOMParser; pages: number; markup: number } | null = null;

/**
 * The DOMParser of the current window. DOMParser documents never run scripts and never fetch resources; the virtual
 * console swallows jsdom's CSS complaints so library code prints nothing. Extraction is synchronous, so no document
 * of the previous batch is in use when its window is closed.
 */
function parserFor(markupLength: number): DOMParser {
  if (shared && (shared.pages >= PAGES_PER_WINDOW || shared.markup >= MARKUP_PER_WINDOW)) {
    shared.window.close();
    shared = null;
  }
  if (!shared) {
    const { JSDOM, VirtualConsole } = jsdom();
    const window = new JSDOM('', { virtualConsole: new VirtualConsole() }).window;
    shared = { window, parser: new window.DOMParser(), pages: 0, markup: 0 };
  }
  shared.pages += 1;
  shared.markup += markupLength;
  return shared.parser;
}

/** Parses a page already through stripInertCode, then makes the document safe and fair for Readability. */
export function parseStrippedHtml(markup: string): Document {
  const document = parserFor(markup.length).parseFromString(markup, 'text/html');
  neutralizeInlineStyles(document);
  unwrapEmbeddedPosts(document);
  return document;
}

/**
 * Scripts, style sheets, comments, inline SVG, noscript and iframe fallbacks carry no article text and cost parse
 * time; JSON-LD scripts stay because they hold the metadata. Raw-text elements end at the first closing tag, as in
 * the HTML parser (nested SVG is not a concern: the outer element is cut at its first closing tag, the rest is inert).
 */
export function stripInertCode(html: string): string {
  return html
    .replace(/<script\b([^>]*)>[\s\S]*?<\/script\s*>/gi, (whole, attributes: string) =>
      /ld\+json/i.test(attributes) ? whole : '')
    .replace(/<style\b[^>]*>[\s\S]*?<\/style\s*>/gi, '')
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<(svg|noscript|iframe|template)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, '');
}

/**
 * jsdom's CSS parser throws on some real-world inline styles (preprocessor leftovers) when Readability reads
 * `element.style`; hidden elements are removed here by reading the attribute text, then the attributes go.
 */
function neutralizeInlineStyles(document: Document): void {
  for (const element of Array.from(document.querySelectorAll('[style]'))) {
    const style = element.getAttribute('style') ?? '';
    if (/display\s*:\s*none|visibility\s*:\s*hidden/i.test(style)) element.remove();
    else element.removeAttribute('style');
  }
}

/** The class names the platforms' own embed snippets put on the quoted post. */
const EMBEDDED_POST_CLASS = /\b(twitter-tweet|twitter-video|instagram-media|tiktok-embed|reddit-card|bluesky-embed|fb-xfbml-parse-ignore)\b/i;

/**
 * Quoted social posts are part of the story, but Readability drops them with their "social"/"embed" wrappers.
 * Each becomes a plain paragraph in place of its outermost wrapper.
 */
function unwrapEmbeddedPosts(document: Document): void {
  for (const quote of Array.from(document.querySelectorAll('blockquote[class]'))) {
    if (!EMBEDDED_POST_CLASS.test(quote.className)) continue;
    const text = collapse(quote.textContent);
    if (text === '') continue;
    let wrapper: Element = quote;
    while (wrapper.parentElement && wrapper.parentElement.tagName !== 'BODY' && collapse(wrapper.parentElement.textContent) === text) {
      wrapper = wrapper.parentElement;
    }
    const paragraph = document.createElement('p');
    paragraph.append(...Array.from(quote.childNodes));
    wrapper.replaceWith(paragraph);
  }
}

function collapse(text: string | null): string {
  return (text ?? '').replace(/\s+/g, ' ').trim();
}
