import { decodeFeedBytes } from './decode.js';
import { FeedError } from './errors.js';
import { cleanInline } from '../text/markup.js';
import type { OpmlFeed, ParsedOpml } from './types.js';
import { resolveHttpUrl } from './urls.js';
import { child, elementChildren, textContent, parseXml, type XmlElement } from './xml.js';
import { appendAll } from '../util/append.js';

/** Reads an OPML subscription list: every outline with an xmlUrl, at any depth (folders nest them), in document order. */
export function parseOpml(bytes: Uint8Array, options: { baseUrl?: string } = {}): ParsedOpml {
  const { text, warnings } = decodeFeedBytes(bytes, null, 'xml');
  const { root, warnings: xmlWarnings } = parseXml(text, {
    baseUrl: options.baseUrl ?? null,
    onRoot: (element) => {
      if (element.local.toLowerCase() !== 'opml') {
        throw new FeedError('not-a-feed', `not an OPML document: the root element is <${element.name}>, expected <opml>`);
      }
    },
  });
  appendAll(warnings, xmlWarnings);
  const head = child(root, 'head');
  const body = child(root, 'body');
  const feeds: OpmlFeed[] = [];
  const seen = new Set<string>();
  const visit = (outline: XmlElement): void => {
    const xmlUrlRaw = attributeCi(outline, 'xmlurl');
    if (xmlUrlRaw !== null) {
      const xmlUrl = resolveHttpUrl(xmlUrlRaw, options.baseUrl);
      const title = cleanInline(attributeCi(outline, 'title')) ?? cleanInline(attributeCi(outline, 'text'));
      if (!xmlUrl) {
        warnings.push(`outline "${title ?? xmlUrlRaw}" skipped: its xmlUrl "${xmlUrlRaw}" is not an http(s) URL`);
      } else if (seen.has(xmlUrl)) {
        warnings.push(`outline "${title ?? xmlUrl}" skipped: ${xmlUrl} is listed twice`);
      } else {
        seen.add(xmlUrl);
        feeds.push({ title, xmlUrl, htmlUrl: resolveHttpUrl(attributeCi(outline, 'htmlurl'), options.baseUrl) });
      }
    }
    for (const nested of elementChildren(outline)) if (nested.local === 'outline') visit(nested);
  };
  if (body) {
    for (const outline of elementChildren(body)) if (outline.local === 'outline') visit(outline);
  } else {
    warnings.push('the OPML document has no <body>');
  }
  return { title: head ? cleanInline(textContent(child(head, 'title'))) : null, feeds, warnings };
}

/** OPML in the wild spells xmlUrl as xmlurl and XMLURL too. */
function attributeCi(element: XmlElement, name: string): string | null {
  for (const a of element.attributes) if (a.uri === '' && a.local.toLowerCase() === name) return a.value;
  return null;
}
