import type { DefaultTreeAdapterTypes } from 'parse5';
import { onDemand } from '../util/load-on-demand.js';

/**
 * A page is parsed by parse5, the HTML standard's tree construction (which browsers follow and jsdom uses), with
 * scripting off as our reading is, and its tree is built again as linkedom's light DOM for Readability and our own
 * passes. linkedom's own parser (htmlparser2) does not follow the standard: a page that leaves out the optional
 * <html>, <head> or <body> tags (minified pages do) would lose its body, and malformed markup would be nested
 * otherwise than a browser nests it. jsdom built such a document (with slips of its own: a table's stray text after
 * the table) at about four times the CPU, its DOM keeping the whole web platform behind every node, which made
 * reading pages most of a real day's cost; its windows also had to be closed in batches to let their documents go.
 * Neither library runs scripts or fetches anything. Both are loaded by the first HTML page a run parses.
 */
const parse5 = onDemand<typeof import('parse5')>('parse5');
const linkedom = onDemand<typeof import('linkedom')>('linkedom');

const HTML_NAMESPACE = 'http://www.w3.org/1999/xhtml';

/** A page read into the tree a browser builds, and how many elements that tree has. */
export interface ParsedPage {
  document: Document;
  elements: number;
}

/**
 * Parses a page already through stripInertCode, then makes the document safe and fair for Readability. Null when the
 * tree would have more than `maxElements` elements: the standard's repairs can build far more elements than the
 * markup has tags (a formatting tag left open is opened again in every later paragraph), so the bound is kept while
 * the tree is built, and parsing stops there.
 */
export function parseStrippedHtml(markup: string, maxElements = Number.POSITIVE_INFINITY): ParsedPage | null {
  const page = standardDocument(markup, maxElements);
  if (page === null) return null;
  neutralizeInlineStyles(page.document);
  unwrapEmbeddedPosts(page.document);
  return page;
}

type Parse5Node = DefaultTreeAdapterTypes.ChildNode | DefaultTreeAdapterTypes.ParentNode;
type Parse5Element = DefaultTreeAdapterTypes.Element;
type Parse5TreeAdapter = typeof import('parse5').defaultTreeAdapter;

class TooManyElements extends Error {}

/** parse5's own tree adapter, counting the elements it makes and stopping the parse past `maxElements`. */
function boundedTreeAdapter(maxElements: number): { adapter: Parse5TreeAdapter; elements: () => number } {
  const adapter = parse5().defaultTreeAdapter;
  let elements = 0;
  return {
    adapter: {
      ...adapter,
      createElement(tagName, namespaceURI, attrs) {
        if (++elements > maxElements) throw new TooManyElements();
        return adapter.createElement(tagName, namespaceURI, attrs);
      },
    },
    elements: () => elements,
  };
}

/**
 * The document a browser builds from the markup (with JavaScript off), as linkedom nodes: parse5's tree copied node
 * by node, without its comments. Two things linkedom does otherwise than a browser are set right on the document:
 * its title is the first <title> anywhere (linkedom looks only in <head>), and markup written into the body (as
 * Readability writes the page back when it retries) is parsed by the standard too, not by linkedom's own parser.
 */
function standardDocument(markup: string, maxElements: number): ParsedPage | null {
  const bounded = boundedTreeAdapter(maxElements);
  let tree: DefaultTreeAdapterTypes.Document;
  try {
    tree = parse5().parse(markup, { scriptingEnabled: false, treeAdapter: bounded.adapter });
  } catch (error) {
    if (error instanceof TooManyElements) return null;
    throw error;
  }
  const document = new (linkedom().DOMParser)().parseFromString('<!DOCTYPE html><html></html>', 'text/html') as unknown as Document;
  // The standard's tree always has its html element (with head and body, or a frameset), whatever the markup left out.
  const html = tree.childNodes.find(isElement)!;
  copyAttributes(html, document.documentElement);
  copyChildren(html, document.documentElement, document);
  Object.defineProperty(document, 'title', {
    configurable: true,
    // The text with ASCII whitespace stripped and collapsed, as the standard says (a no-break space stays).
    get: () => (document.querySelector('title')?.textContent ?? '').replace(/[\t\n\f\r ]+/g, ' ').replace(/^ | $/g, ''),
  });
  const standardBody = html.childNodes.find((node): node is Parse5Element => isElement(node) && node.tagName === 'body');
  if (standardBody) {
    const body = document.body;
    const innerHtml = inheritedProperty(body, 'innerHTML');
    Object.defineProperty(body, 'innerHTML', {
      configurable: true,
      get: () => innerHtml.get!.call(body) as string,
      set: (written: string) => {
        // Parsed in the page's mode, as a browser parses it (in quirks mode a table does not close a paragraph).
        const treeAdapter = { ...boundedTreeAdapter(maxElements).adapter, getDocumentMode: () => tree.mode };
        const fragment = parse5().parseFragment(standardBody, String(written), { scriptingEnabled: false, treeAdapter });
        body.replaceChildren();
        copyChildren(fragment, body, document);
      },
    });
  }
  return { document, elements: bounded.elements() };
}

/** Copies the children of a parse5 node into a linkedom node, depth first. Iterative: a deep page cannot exhaust the stack. */
function copyChildren(from: DefaultTreeAdapterTypes.ParentNode, to: Node, document: Document): void {
  const pending: [DefaultTreeAdapterTypes.ParentNode, Node][] = [[from, to]];
  while (pending.length > 0) {
    const [source, target] = pending.pop()!;
    // A template's content is not among its children (parse5 holds it apart, as the DOM does): inert, never shown.
    for (const child of source.childNodes) {
      if (child.nodeName === '#text') target.appendChild(document.createTextNode((child as DefaultTreeAdapterTypes.TextNode).value));
      else if (isElement(child)) {
        const element =
          child.namespaceURI === HTML_NAMESPACE ? document.createElement(child.tagName) : document.createElementNS(child.namespaceURI, child.tagName);
        copyAttributes(child, element);
        target.appendChild(element);
        pending.push([child, element]);
      }
    }
  }
}

function isElement(node: Parse5Node): node is Parse5Element {
  return 'tagName' in node;
}

function copyAttributes(from: Parse5Element, to: Element): void {
  for (const { name, value, prefix } of from.attrs) to.setAttribute(prefix ? `${prefix}:${name}` : name, value);
}

/** The accessor an object inherits for `name` (from its class or one above it). */
function inheritedProperty(object: object, name: string): PropertyDescriptor {
  for (let prototype = Object.getPrototypeOf(object); prototype !== null; prototype = Object.getPrototypeOf(prototype)) {
    const descriptor = Object.getOwnPropertyDescriptor(prototype, name);
    if (descriptor) return descriptor;
  }
  throw new Error(`no inherited ${name}`);
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
