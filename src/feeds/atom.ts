import { cleanBlock, cleanInline } from '../text/markup.js';
import { ItemContext } from './item-context.js';
import type { FeedItem, ParsedFeed } from './types.js';
import { resolveUrl, usableBase } from './urls.js';
import { NS, attribute, child, childrenNamed, elementChildren, innerXml, textContent, type XmlElement } from './xml.js';

const ATOM = [NS.atom, NS.atom03];

/** Atom 1.0 (and 0.3): links resolve against xml:base on the element, its ancestors, then the feed URL. */
export function readAtom(root: XmlElement): Omit<ParsedFeed, 'warnings' | 'format'> & { warnings: string[] } {
  const context = new ItemContext();
  const items = childrenNamed(root, 'entry', ATOM).map((entry): FeedItem => {
    const content = child(entry, 'content', ATOM);
    const body = content && !attribute(content, 'src') ? readTextConstruct(content) : null;
    const link = alternateLink(entry);
    return {
      id: cleanInline(textContent(child(entry, 'id', ATOM))),
      title: titleOf(child(entry, 'title', ATOM)),
      url: link ? context.url(attribute(link, 'href'), link.base) : null,
      published: context.date(
        textContent(child(entry, 'published', ATOM)),
        textContent(child(entry, 'issued', ATOM)),
        textContent(child(entry, 'updated', ATOM)),
        textContent(child(entry, 'modified', ATOM)),
      ),
      author: authorOf(entry) ?? authorOf(root),
      html: body?.kind === 'html' ? body.value : null,
      text: body?.kind === 'text' ? body.value : null,
      summary: summaryOf(child(entry, 'summary', ATOM) ?? child(entry, 'tagline', ATOM)),
    };
  });
  const site = alternateLink(root);
  return {
    title: titleOf(child(root, 'title', ATOM)),
    siteUrl: site ? usableBase(resolveUrl(attribute(site, 'href'), site.base)) : null,
    language: cleanInline(attribute(root, 'lang', 'http://www.w3.org/XML/1998/namespace')),
    items,
    warnings: context.warnings(),
  };
}

type Body = { kind: 'html' | 'text'; value: string };

/** Atom text constructs: type="text" (default), "html" (escaped markup), "xhtml" (inline markup in a div). */
function readTextConstruct(element: XmlElement): Body | null {
  const type = (attribute(element, 'type') ?? 'text').trim().toLowerCase();
  if (type === 'xhtml' || type === 'application/xhtml+xml') {
    const children = elementChildren(element);
    const container = children.length === 1 && children[0]!.local === 'div' ? children[0]! : element;
    const value = cleanBlock(innerXml(container));
    return value ? { kind: 'html', value } : null;
  }
  const value = cleanBlock(textContent(element));
  if (!value) return null;
  if (type === 'html' || type === 'text/html' || type === 'escaped') return { kind: 'html', value };
  if (type === 'text' || type === 'text/plain') return { kind: 'text', value };
  return null; // other media types (base64 images and the like) are not article text
}

function titleOf(element: XmlElement | null): string | null {
  if (!element) return null;
  return cleanInline(readTextConstruct(element)?.value ?? null);
}

/** Summaries keep markup when they have it, like RSS descriptions, so callers treat both alike. */
function summaryOf(element: XmlElement | null): string | null {
  return element ? (readTextConstruct(element)?.value ?? null) : null;
}

function alternateLink(element: XmlElement): XmlElement | null {
  const links = childrenNamed(element, 'link', ATOM);
  const alternates = links.filter((link) => (attribute(link, 'rel') ?? 'alternate').trim() === 'alternate');
  const html = alternates.find((link) => /html/i.test(attribute(link, 'type') ?? 'text/html'));
  return html ?? alternates[0] ?? null;
}

function authorOf(element: XmlElement): string | null {
  const author = child(element, 'author', ATOM);
  return author ? cleanInline(textContent(child(author, 'name', ATOM)) ?? textContent(author)) : null;
}

