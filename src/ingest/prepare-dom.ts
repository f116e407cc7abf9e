import { onDemand } from '../util/load-on-demand.js';

/**
 * A page is parsed twice, both cheaply: parse5 (the HTML standard's tree construction, which browsers follow and
 * jsdom uses) reads it and writes it back with every element where a browser would put it, then linkedom builds its
 * light DOM from that for Readability and our own passes. linkedom's own parser (htmlparser2) does not follow the
 * standard's tree construction: a page that leaves out the optional <html>, <head> or <body> tags (minified pages
 * do) would lose its body. jsdom built the same document from one parse at about four times the CPU (its DOM keeps
 * the full web platform behind every node), which made reading pages most of a real day's cost; its windows also
 * had to be closed in batches to let their documents go. Neither library runs scripts or fetches anything.
 * Both are loaded by the first HTML page a run parses, not by every run.
 */
const parse5 = onDemand<typeof import('parse5')>('parse5');
const linkedom = onDemand<typeof import('linkedom')>('linkedom');

/** Parses a page already through stripInertCode, then makes the document safe and fair for Readability. */
export function parseStrippedHtml(markup: string): Document {
  const { parse, serialize } = parse5();
  const standardForm = serialize(parse(markup));
  const document = new (linkedom().DOMParser)().parseFromString(standardForm, 'text/html') as unknown as Document;
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
 * Hidden elements are removed by reading the style attribute's text, then the attributes go: Readability reads
 * `element.style`, whose CSS parsing costs time and throws on some real-world inline styles (preprocessor leftovers).
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
