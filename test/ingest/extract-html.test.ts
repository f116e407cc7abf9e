import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cleanDocument } from '../../src/clean/index.js';
import { extractArticle } from '../../src/ingest/extract-html.js';

const fixtures = new URL('../fixtures/ingest/', import.meta.url);

function loadFixture(name: string): { html: string; expected: { url: string; text: string[]; meta: Record<string, string> } } {
  return {
    html: readFileSync(new URL(`${name}.html`, fixtures), 'utf8'),
    expected: JSON.parse(readFileSync(new URL(`${name}.expected.json`, fixtures), 'utf8')),
  };
}

/** The article body a reader gets: the page's main text, then the cleaner's rules (the line-level junk is theirs). */
function bodyOf(html: string, url?: string): string[] {
  const { text, meta } = extractArticle(html, url);
  return cleanDocument({ path: 'page.html', format: 'html', text, meta, encoding: 'utf-8', digest: '' }, 'page').paragraphs;
}

describe('extractArticle golden pages', () => {
  for (const name of ['jsonld-article', 'meta-tags-article', 'nav-footer-comments']) {
    it(`extracts the article text and metadata of ${name}`, () => {
      const { html, expected } = loadFixture(name);
      const result = extractArticle(html, expected.url);
      expect(bodyOf(html, expected.url)).toEqual(expected.text);
      expect(result.meta).toEqual(expected.meta);
    });
  }
});

describe('extractArticle behaviour', () => {
  it('prefers JSON-LD over meta tags and never runs scripts', () => {
    const { html } = loadFixture('jsonld-article');
    const result = extractArticle(html);
    expect(result.meta.title).toBe('Harbour bridge reopens after eight months of repairs');
    expect(result.text).not.toContain('Injected by script');
  });

  it('drops navigation, captions, related links, comments and footers', () => {
    const texts = ['jsonld-article', 'nav-footer-comments'].map((name) => bodyOf(loadFixture(name).html).join('\n\n'));
    for (const unwanted of ['Home', 'Photo: Jan Vries', 'Council approves new tram line', 'Follow us on Twitter', 'All rights reserved', 'Most read', 'sam_k', 'Finally!', 'Student Media Association']) {
      expect(texts.join('\n')).not.toContain(unwanted);
    }
  });

  it('keeps subheadings, quotes, lists and embedded posts that belong to the article', () => {
    const bridge = extractArticle(loadFixture('jsonld-article').html).text;
    expect(bridge).toContain('Traffic expected to ease');
    expect(bridge).toContain('thank residents for their patience');
    expect(extractArticle(loadFixture('nav-footer-comments').html).text).toContain('Weekdays: 7:00 to 2:00');
    expect(extractArticle(loadFixture('meta-tags-article').html).text).toContain('The wind farm will bring jobs');
  });

  it('falls back to the page paragraphs when Readability finds too little', () => {
    const html = '<html><body><nav><a href="/">Home</a></nav><p>The council met on Tuesday evening and voted to close the old bridge for good.</p></body></html>';
    expect(extractArticle(html).text).toBe('The council met on Tuesday evening and voted to close the old bridge for good.');
  });

  it('reads a page that leaves out the optional <html>, <head> and <body> tags as a browser does (minified pages do)', () => {
    const paragraphs = [
      'The harbour bridge reopened to traffic on Monday after eight months of repairs, the city council said.',
      'Engineers replaced the worn bearings and resurfaced the deck, and the council said the work came in under budget.',
      'Residents who had made a long detour through the old town each morning welcomed the news on Monday.',
    ];
    const html =
      '<!doctype html><meta charset=utf-8><title>Harbour bridge reopens</title><meta name=author content="Ana Ruiz">' +
      `<article><h1>Harbour bridge reopens</h1>${paragraphs.map((text) => `<p>${text}`).join('')}</article>`;
    const result = extractArticle(html);
    expect(result.text.split(/\n\n+/)).toEqual(paragraphs);
    expect(result.meta.title).toBe('Harbour bridge reopens');
    expect(result.meta.author).toBe('Ana Ruiz');
    // A record's HTML is often a bare fragment of paragraphs.
    expect(extractArticle(paragraphs.map((text) => `<p>${text}</p>`).join('')).text.split(/\n\n+/)).toEqual(paragraphs);
  });

  it('does not throw on broken markup or odd inline styles', () => {
    const html = '<div style="width: calc(($a - $b) / 2)"><p>Text inside a broken <b>page that never closes its tags';
    expect(() => extractArticle(html, 'not a url')).not.toThrow();
  });
});
