import { describe, expect, it } from 'vitest';
import { parseFeed } from '../../src/feeds/index.js';
import { fixture } from './helpers.js';

describe('parseFeed: RSS 2.0', () => {
  const feed = parseFeed(fixture('rss2-content.xml'), { baseUrl: 'https://news.example.org/feed.xml' });

  it('reads the channel', () => {
    expect(feed.format).toBe('rss2');
    expect(feed.title).toBe('Harbour Gazette & Co');
    expect(feed.siteUrl).toBe('https://news.example.org/');
    expect(feed.language).toBe('en-gb');
    expect(feed.items).toHaveLength(4);
  });

  it('reads an item with content:encoded, resolving its relative link and stripping HTML from the title', () => {
    expect(feed.items[0]).toEqual({
      id: 'gazette-4411',
      title: 'Port strike ends after 12 days',
      url: 'https://news.example.org/2025/07/11/port-strike-ends',
      published: '2025-07-11T07:30:00.000Z',
      author: 'Jane Doe',
      html: '<p>Dock workers voted to end the strike&nbsp;&mdash; the union said on Friday.</p><p>Second paragraph.</p>',
      text: null,
      summary: '<p>Dock workers return on Monday&nbsp;&mdash; a teaser.</p>',
    });
  });

  it('uses a permalink guid as the url, reads character references and the name from "email (Name)"', () => {
    const item = feed.items[1]!;
    expect(item.url).toBe('https://news.example.org/2025/07/10/budget');
    expect(item.title).toBe('Council approves “green” budget');
    expect(item.author).toBe('Sam Lee');
    expect(item.summary).toBe('The council approved a £2.3m budget.');
    expect(item.published).toBe('2025-07-10T17:05:00.000Z');
    expect(item.html).toBeNull();
  });

  it('does not take a guid that is not an absolute URL as the link', () => {
    const bare = parseFeed(
      new TextEncoder().encode('<rss version="2.0"><channel><link>https://s.example/</link><item><guid>12345</guid><title>t</title></item></channel></rss>'),
    );
    expect(bare.items[0]).toMatchObject({ id: '12345', url: null });
    expect(bare.warnings).toEqual([]);
  });

  it('drops a javascript: link, nulls unparseable and missing dates, and warns once for each', () => {
    expect(feed.items[2]!.url).toBeNull();
    expect(feed.items[2]!.published).toBeNull();
    expect(feed.items[3]!.published).toBeNull();
    expect(feed.items[3]!.url).toBe('https://other.example.net/story?id=7&ref=rss');
    expect(feed.warnings).toEqual([
      '1 item date(s) could not be read (e.g. "sometime last week"); those items have no published date',
      '1 item link(s) were dropped: not http(s) or not resolvable (e.g. "javascript:alert(1)")',
    ]);
  });
});

describe('parseFeed: RSS 1.0 (RDF)', () => {
  const feed = parseFeed(fixture('rss1.rdf'));

  it('reads channel and items, which are siblings of the channel', () => {
    expect(feed.format).toBe('rss1');
    expect(feed.title).toBe('Example Wire');
    expect(feed.language).toBe('de');
    expect(feed.items.map((item) => item.title)).toEqual(['Rail strike called off', 'Heatwave warning extended']);
  });

  it('reads dc: fields, rdf:about ids, escaped content:encoded and resolves links against the site', () => {
    const [first, second] = feed.items;
    expect(first).toMatchObject({
      id: 'https://wire.example.com/a/1',
      url: 'https://wire.example.com/a/1',
      published: '2025-07-11T04:00:00.000Z',
      author: 'Max Muster',
      summary: 'Unions and operators reached a deal overnight.',
    });
    expect(second!.url).toBe('https://wire.example.com/a/2');
    expect(second!.published).toBe('2025-07-10');
    expect(second!.html).toBe('<p>The weather service extended its warning.</p>');
  });
});

describe('parseFeed: Atom', () => {
  const feed = parseFeed(fixture('atom-xmlbase.xml'), { baseUrl: 'https://ignored.example.org/feed' });

  it('reads the feed, its language from xml:lang and its site link through xml:base', () => {
    expect(feed.format).toBe('atom');
    expect(feed.title).toBe('Le Journal');
    expect(feed.language).toBe('fr');
    expect(feed.siteUrl).toBe('https://blog.example.fr/news/');
  });

  it('resolves entry links through nested xml:base and prefers rel=alternate', () => {
    expect(feed.items.map((item) => item.url)).toEqual([
      'https://blog.example.fr/news/2025/greve-terminee',
      'https://blog.example.fr/archive/budget.html',
      'https://elsewhere.example.com/plain',
    ]);
  });

  it('serializes xhtml content without its wrapper div, keeps html content, and plain content as text', () => {
    const [first, second, third] = feed.items;
    expect(first!.html).toBe('<p>Les dockers ont voté <strong>la fin</strong> de la grève.</p><p>Suite<br>ici.</p>');
    expect(first!.summary).toBe('La grève est terminée.');
    expect(second!.html).toBe('<p>Le conseil a voté le budget.</p>');
    expect(third!.html).toBeNull();
    expect(third!.text).toBe('Just text <not a tag>.');
  });

  it('prefers published over updated, falls back to the feed author, and warns about a bad date', () => {
    expect(feed.items[0]!.published).toBe('2025-07-11T06:00:00.000Z');
    expect(feed.items[1]!.published).toBe('2025-07-10T18:00:00.000Z');
    expect(feed.items[2]!.published).toBeNull();
    expect(feed.items[0]!.author).toBe('Rédaction');
    expect(feed.items[1]!.author).toBe('Marie Curie');
    expect(feed.items[1]!.title).toBe('Budget & impôts');
    expect(feed.warnings.some((w) => w.includes('"not a date"'))).toBe(true);
  });
});

describe('parseFeed: JSON Feed 1.1', () => {
  const feed = parseFeed(fixture('feed.json'));

  it('reads the feed and its items, resolving relative urls against feed_url', () => {
    expect(feed.format).toBe('jsonfeed');
    expect(feed.title).toBe('Example JSON News');
    expect(feed.siteUrl).toBe('https://json.example.com/');
    expect(feed.language).toBe('en-US');
    expect(feed.items).toHaveLength(2);
    expect(feed.items[0]).toEqual({
      id: '1',
      title: 'Floods recede',
      url: 'https://json.example.com/posts/1',
      published: '2025-07-11T11:15:00.000Z',
      author: 'Ana Ruiz',
      html: '<p>The river fell by 2 metres overnight.</p>',
      text: null,
      summary: 'River falls.',
    });
    expect(feed.items[1]).toMatchObject({ id: '2', text: 'Only plain text here.', author: 'Desk', published: '2025-07-10T12:00:00.000Z' });
    expect(feed.warnings).toContain('1 item(s) were not JSON objects and were skipped');
  });

  it('caps JSON Feed items too', () => {
    const capped = parseFeed(fixture('feed.json'), { maxItems: 1 });
    expect(capped.items.map((item) => item.id)).toEqual(['1']);
    expect(capped.warnings).toContain('the feed has 3 items; kept the first 1 (maxItems)');
  });
});
