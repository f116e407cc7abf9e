import { describe, expect, it } from 'vitest';
import { extractHtmlMetadata } from '../../src/ingest/html-meta.js';
import { parseStrippedHtml } from '../../src/ingest/prepare-dom.js';

function documentOf(head: string, body = ''): Document {
  // Parsed as the program parses pages.
  return parseStrippedHtml(`<html><head>${head}</head><body>${body}</body></html>`)!.document;
}

describe('extractHtmlMetadata', () => {
  it('reads an article inside a JSON-LD @graph, with authors and publisher as objects', () => {
    const jsonLd = JSON.stringify({ '@graph': [{ '@type': 'WebPage', name: 'Page name' }, { '@type': ['NewsArticle'], headline: 'Real headline', datePublished: '2025-07-10', author: { name: 'Ann Lee' }, publisher: { name: 'Daily Wire' } }] });
    const meta = extractHtmlMetadata(documentOf(`<script type="application/ld+json">${jsonLd}</script><meta property="og:title" content="OG title">`));
    expect(meta).toMatchObject({ title: 'Real headline', published: '2025-07-10', author: 'Ann Lee', source: 'Daily Wire' });
  });

  it('survives broken JSON-LD and falls back to meta tags, normalizing the locale', () => {
    const meta = extractHtmlMetadata(documentOf('<script type="application/ld+json">{ broken</script><meta property="og:title" content="OG title"><meta property="og:locale" content="en_GB"><meta property="article:author" content="https://site.example/staff/ann">'));
    expect(meta).toEqual({ title: 'OG title', language: 'en-GB' });
  });

  it('uses the visible page when there is no metadata', () => {
    const meta = extractHtmlMetadata(documentOf('<title>Site | Story</title>', '<h1>Story headline</h1><p class="byline">By Sam Roe</p><time datetime="2024-01-02">2 Jan</time>'), 'https://site.example/story');
    expect(meta).toEqual({ title: 'Story headline', author: 'Sam Roe', published: '2024-01-02', url: 'https://site.example/story' });
  });

  it('skips template placeholders so the next source supplies the field', () => {
    const jsonLd = JSON.stringify({ '@type': 'NewsArticle', headline: 'H', datePublished: '0001-01-01T00:00:00Z', author: 'By Ann Lee', publisher: { name: 'https://www.daily.example' } });
    const meta = extractHtmlMetadata(documentOf(`<script type="application/ld+json">${jsonLd}</script><meta property="article:published_time" content="2025-06-01T10:00:00Z">`));
    expect(meta).toMatchObject({ published: '2025-06-01T10:00:00Z', author: 'Ann Lee', source: 'daily.example' });
  });
});
