import { describe, expect, it } from 'vitest';
import { hasFullText, itemContent, looksLikeFeed, type FeedItem } from '../../src/feeds/index.js';
import { bytes, fixture } from './helpers.js';

describe('looksLikeFeed', () => {
  it('recognizes each feed format from its bytes', () => {
    for (const name of ['rss2-content.xml', 'rss1.rdf', 'atom-xmlbase.xml', 'feed.json']) {
      expect(looksLikeFeed(fixture(name)), name).toBe(true);
    }
  });

  it('sees past a BOM, comments, processing instructions and a DOCTYPE', () => {
    const xml = '\ufeff<?xml version="1.0"?>\n<!-- generator -->\n<?xml-stylesheet href="s.xsl"?>\n<!DOCTYPE rss [<!-- x -->]>\n<rss version="2.0"/>';
    expect(looksLikeFeed(bytes(xml))).toBe(true);
  });

  it('rejects HTML pages, other XML and other JSON whatever the content type says', () => {
    expect(looksLikeFeed(bytes('<!doctype html><html><body>x</body></html>'), 'application/rss+xml')).toBe(false);
    expect(looksLikeFeed(bytes('<?xml version="1.0"?><svg/>'), 'text/xml')).toBe(false);
    expect(looksLikeFeed(bytes('{"version": "2"}'), 'application/json')).toBe(false);
    expect(looksLikeFeed(bytes('{"items": [], "version": "https://jsonfeed.org/version/1"}'))).toBe(true);
  });

  it('lets the content type decide only when the bytes say nothing', () => {
    expect(looksLikeFeed(new Uint8Array(0), 'application/atom+xml; charset=utf-8')).toBe(true);
    expect(looksLikeFeed(new Uint8Array(0), 'text/html')).toBe(false);
    expect(looksLikeFeed(new Uint8Array(0))).toBe(false);
  });
});

const item = (fields: Partial<FeedItem>): FeedItem => ({
  id: null, title: null, url: null, published: null, author: null, html: null, text: null, summary: null, ...fields,
});
const words = (n: number, word = 'word'): string => Array.from({ length: n }, () => word).join(' ');

describe('hasFullText', () => {
  it('is false without content and for a short teaser', () => {
    expect(hasFullText(item({}))).toBe(false);
    expect(hasFullText(item({ summary: '<p>Dock workers return on Monday.</p>' }))).toBe(false);
  });

  it('is true for a long article in content:encoded or content_text', () => {
    expect(hasFullText(item({ html: `<p>${words(300)}</p>` }))).toBe(true);
    expect(hasFullText(item({ text: words(300) }))).toBe(true);
  });

  it('is true for a medium article with several paragraphs, false when it ends like a teaser', () => {
    const paragraphs = `<p>${words(50)}</p><p>${words(50)}</p><p>${words(50)}</p>`;
    expect(hasFullText(item({ html: paragraphs }))).toBe(true);
    expect(hasFullText(item({ html: `${paragraphs}<p><a href="/x">Read more</a></p>` }))).toBe(false);
    expect(hasFullText(item({ html: `<p>${words(150)}</p>` }))).toBe(false);
  });

  it('counts a whole article carried in the description', () => {
    const full = item({ summary: `<p>${words(400)}</p>` });
    expect(hasFullText(full)).toBe(true);
    expect(itemContent(full)).toEqual({ kind: 'html', value: `<p>${words(400)}</p>`, field: 'summary' });
  });

  it('prefers html over text over summary', () => {
    expect(itemContent(item({ html: '<p>a</p>', text: 'b', summary: 'c' }))?.field).toBe('html');
    expect(itemContent(item({ text: 'b', summary: 'c' }))).toEqual({ kind: 'text', value: 'b', field: 'text' });
  });
});
