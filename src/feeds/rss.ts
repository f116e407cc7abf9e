import { cleanBlock, cleanInline } from '../text/markup.js';
import { ItemContext } from './item-context.js';
import type { FeedItem, ParsedFeed } from './types.js';
import { resolveHttpUrl, resolveUrl, usableBase } from './urls.js';
import { NS, attribute, child, childrenNamed, textContent, type XmlElement } from './xml.js';

const PLAIN = ['']; // RSS 2.0 elements have no namespace
const RSS1 = [NS.rss1, NS.rss090, ''];
const CONTENT = [NS.content];
const DC = [NS.dc];

/** RSS 0.9x / 2.0: <rss><channel>...<item>. */
export function readRss2(root: XmlElement, baseUrl: string | null): Omit<ParsedFeed, 'warnings' | 'format'> & { warnings: string[] } {
  const channel = child(root, 'channel', PLAIN) ?? child(root, 'channel');
  if (!channel) return { title: null, siteUrl: null, language: null, items: [], warnings: ['the RSS feed has no <channel>'] };
  const siteUrl = usableBase(resolveUrl(text(child(channel, 'link', PLAIN)), channel.base ?? baseUrl));
  const context = new ItemContext();
  // Relative item links in RSS are usually relative to the site; xml:base, when present, wins.
  const itemBase = (item: XmlElement): string | null => (item.base !== baseUrl ? item.base : null) ?? siteUrl ?? baseUrl;
  // Items normally sit in <channel>; some RSS 0.9x-style feeds put them beside it.
  const itemElements = [...childrenNamed(channel, 'item', PLAIN), ...childrenNamed(root, 'item', PLAIN)];
  const items = itemElements.map((item): FeedItem => {
    const base = itemBase(item);
    const guid = child(item, 'guid', PLAIN);
    const guidText = cleanInline(text(guid));
    const guidIsLink = guid !== null && attribute(guid, 'isPermaLink')?.trim().toLowerCase() !== 'false';
    const link = text(child(item, 'link', PLAIN));
    return {
      id: guidText,
      title: cleanInline(text(child(item, 'title', PLAIN))),
      // A guid is a link only when it is absolute: "12345" with isPermaLink left out is an id, not a path.
      url: context.url(link, base) ?? (guidIsLink && !link ? resolveHttpUrl(guidText) : null),
      published: context.date(text(child(item, 'pubDate', PLAIN)), text(child(item, 'date', DC))),
      author: authorName(text(child(item, 'author', PLAIN))) ?? cleanInline(text(child(item, 'creator', DC))),
      html: cleanBlock(text(child(item, 'encoded', CONTENT))),
      text: null,
      summary: cleanBlock(text(child(item, 'description', PLAIN))),
    };
  });
  return {
    title: cleanInline(text(child(channel, 'title', PLAIN))),
    siteUrl,
    language: cleanInline(text(child(channel, 'language', PLAIN)) ?? text(child(channel, 'language', DC))),
    items,
    warnings: context.warnings(),
  };
}

/** RSS 1.0 / RDF (and 0.90): <rdf:RDF><channel/><item/>...; items are siblings of the channel. */
export function readRss1(root: XmlElement, baseUrl: string | null): Omit<ParsedFeed, 'warnings' | 'format'> & { warnings: string[] } {
  const channel = child(root, 'channel', RSS1);
  const siteUrl = channel ? usableBase(resolveUrl(text(child(channel, 'link', RSS1)), channel.base ?? baseUrl)) : null;
  const context = new ItemContext();
  const items = childrenNamed(root, 'item', RSS1).map((item): FeedItem => {
    const base = (item.base !== baseUrl ? item.base : null) ?? siteUrl ?? baseUrl;
    const about = attribute(item, 'about', NS.rdf);
    const link = text(child(item, 'link', RSS1));
    return {
      id: cleanInline(about),
      title: cleanInline(text(child(item, 'title', RSS1))),
      url: context.url(link, base) ?? (!link ? resolveHttpUrl(about) : null),
      published: context.date(text(child(item, 'date', DC))),
      author: cleanInline(text(child(item, 'creator', DC))),
      html: cleanBlock(text(child(item, 'encoded', CONTENT))),
      text: null,
      summary: cleanBlock(text(child(item, 'description', RSS1))),
    };
  });
  return {
    title: channel ? cleanInline(text(child(channel, 'title', RSS1))) : null,
    siteUrl,
    language: channel ? cleanInline(text(child(channel, 'language', DC))) : null,
    items,
    warnings: context.warnings(),
  };
}

function text(element: XmlElement | null): string | null {
  return textContent(element);
}


/** RSS <author> is "email (Name)" by the spec; the name is what a reader wants. */
function authorName(raw: string | null): string | null {
  const value = cleanInline(raw);
  if (!value) return null;
  const named = /^\S+@\S+\s*\((.+)\)$/.exec(value);
  return named ? named[1]!.trim() : value;
}
