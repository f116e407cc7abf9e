import { describe, expect, it } from 'vitest';
import { FeedError, parseFeed } from '../../src/feeds/index.js';
import { BriefingError } from '../../src/util/errors.js';
import { bytes, thrown } from './helpers.js';

function rss(items: string, prolog = ''): string {
  return `<?xml version="1.0"?>${prolog}<rss version="2.0"><channel><title>T</title><link>https://x.example/</link>${items}</channel></rss>`;
}

function feedError(input: string | Uint8Array): FeedError {
  const error = thrown(() => parseFeed(typeof input === 'string' ? bytes(input) : input));
  expect(error).toBeInstanceOf(FeedError);
  expect(error).toBeInstanceOf(BriefingError);
  return error as FeedError;
}

describe('XML entity attacks', () => {
  it('refuses a billion-laughs DOCTYPE quickly, without expanding anything', () => {
    const levels = ['<!ENTITY lol "lol">'];
    for (let i = 1; i <= 9; i++) levels.push(`<!ENTITY lol${i} "${`&lol${i === 1 ? '' : i - 1};`.repeat(10)}">`);
    const bomb = `<?xml version="1.0"?><!DOCTYPE rss [${levels.join('')}]>` + rss('<item><title>&lol9;</title></item>').replace('<?xml version="1.0"?>', '');
    // A hang would fail on the test's own timeout; speed itself is the benchmark's business.
    const error = feedError(bomb);
    expect(error.reason).toBe('entity-expansion');
    expect(error.message).toMatch(/billion laughs/);
  }, 5_000);

  it('refuses one 1 MB entity referenced 1000 times, with bounded memory', () => {
    const huge = 'x'.repeat(1024 * 1024);
    const bomb = `<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY big "${huge}">]><rss version="2.0"><channel><item><description>${'&big;'.repeat(1000)}</description></item></channel></rss>`;
    const heapBefore = process.memoryUsage().heapUsed;
    const error = feedError(bomb);
    expect(error.reason).toBe('entity-expansion');
    // Expanding would need about 1 GB of string; refusing needs a few copies of the 1 MB document at most.
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(100 * 1024 * 1024);
  });

  it('never reads an external entity (XXE with file://) and says so', () => {
    const xxe = `<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><rss version="2.0"><channel><item><title>&xxe;</title></item></channel></rss>`;
    const error = feedError(xxe);
    expect(error.reason).toBe('external-entity');
    expect(error.message).not.toMatch(/root:/);
  });

  it('refuses an external parameter entity and a DOCTYPE that points at a local DTD', () => {
    const parameter = `<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY % remote SYSTEM "http://127.0.0.1:1/evil.dtd"> %remote;]><rss version="2.0"><channel/></rss>`;
    expect(feedError(parameter).reason).toBe('external-entity');
    const localDtd = `<?xml version="1.0"?><!DOCTYPE rss SYSTEM "file:///etc/passwd"><rss version="2.0"><channel/></rss>`;
    expect(feedError(localDtd).reason).toBe('external-entity');
  });

  it('reads an RSS 0.91 feed whose DOCTYPE names the public Netscape DTD (never fetched)', () => {
    const feed = parseFeed(
      bytes(rss('<item><title>Old</title><link>https://x.example/old</link></item>', '<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "http://my.netscape.com/publish/formats/rss-0.91.dtd">')),
    );
    expect(feed.items[0]!.title).toBe('Old');
  });
});

describe('entities that are fine', () => {
  it('reads the five predefined entities and numeric references, and HTML entities in CDATA and escaped HTML as text', () => {
    const feed = parseFeed(
      bytes(
        rss(
          '<item><title>&lt;Q&amp;A&gt; &quot;it&apos;s&quot; &#169; &#x20AC;</title>' +
            '<description><![CDATA[<p>a&nbsp;b &mdash; c</p>]]></description>' +
            '<content:encoded xmlns:content="http://purl.org/rss/1.0/modules/content/">&lt;p&gt;x&amp;nbsp;y&lt;/p&gt;</content:encoded></item>',
        ),
      ),
    );
    const item = feed.items[0]!;
    expect(item.title).toBe('<Q&A> "it\'s" © €');
    expect(item.summary).toBe('<p>a&nbsp;b &mdash; c</p>');
    expect(item.html).toBe('<p>x&nbsp;y</p>');
    expect(feed.warnings).toEqual([]);
  });

  it('reads a stray HTML entity outside CDATA as its character instead of failing', () => {
    const feed = parseFeed(bytes(rss('<item><title>Brexit&nbsp;&mdash; day one</title></item>')));
    // The no-break space collapses to a plain space like all title whitespace.
    expect(feed.items[0]!.title).toBe('Brexit — day one');
  });

  it('keeps an unknown entity as written, with a warning', () => {
    const feed = parseFeed(bytes(rss('<item><title>A &bogus; B</title></item>')));
    expect(feed.items[0]!.title).toBe('A &bogus; B');
    expect(feed.warnings).toEqual(['1 undefined XML entity was kept as written (the first at line 1)']);
  });
});

describe('malformed and foreign documents', () => {
  it('reports malformed XML with its line', () => {
    const error = feedError('<?xml version="1.0"?>\n<rss version="2.0">\n<channel>\n<item><title>x</titel></item>\n</channel></rss>');
    expect(error.reason).toBe('malformed');
    expect(error.line).toBe(4);
    expect(error.message).toMatch(/^malformed XML at line 4, column \d+: /);
  });

  it('forgives whitespace before the XML declaration and bare ampersands outside CDATA, with a warning', () => {
    const feed = parseFeed(
      bytes(`\n\n<?xml version="1.0"?>\n<rss version="2.0"><channel><item><title>AT&T & Verizon</title>` +
        `<link>https://x.example/?a=1&b=2</link><description><![CDATA[<p>R&D &amp; more</p>]]></description></item></channel></rss>`),
    );
    expect(feed.items[0]).toMatchObject({ title: 'AT&T & Verizon', url: 'https://x.example/?a=1&b=2', summary: '<p>R&D &amp; more</p>' });
    expect(feed.warnings).toEqual(['3 bare "&" character(s) (invalid XML) were read as text']);
  });

  it('counts the stripped leading lines in the line of an error', () => {
    const error = feedError('\n\n<?xml version="1.0"?>\n<rss version="2.0">\n<channel></chanel></rss>');
    expect(error.line).toBe(5);
  });

  it('reports a truncated feed as malformed', () => {
    const error = feedError(rss('<item><title>cut').slice(0, -30));
    expect(error.reason).toBe('malformed');
  });

  it('reports malformed JSON Feed', () => {
    const error = feedError('{"version": "https://jsonfeed.org/version/1.1", "items": [');
    expect(error.reason).toBe('malformed');
    expect(error.message).toMatch(/^malformed JSON Feed/);
  });

  it('says not-a-feed for HTML, other XML, other JSON, plain text; undecodable for empty input', () => {
    expect(feedError('<!DOCTYPE html><html><head><title>x</title></head><body>hi</body></html>').reason).toBe('not-a-feed');
    expect(feedError('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"></svg>').reason).toBe('not-a-feed');
    expect(feedError('{"hello": "world"}').reason).toBe('not-a-feed');
    expect(feedError('just some words').reason).toBe('not-a-feed');
    expect(feedError(new Uint8Array(0)).reason).toBe('undecodable');
    expect(feedError(new Uint8Array([0x3c, 0x00, 0x01, 0x02, 0x03])).reason).toBe('undecodable');
  });

  it('refuses absurd nesting instead of overflowing the stack', () => {
    const deep = `<rss version="2.0"><channel><item><description>${'<x>'.repeat(100_000)}${'</x>'.repeat(100_000)}</description></item></channel></rss>`;
    const error = feedError(deep);
    expect(error.reason).toBe('malformed');
    expect(error.message).toMatch(/nested deeper than 256/);
  });
});

describe('big feeds', () => {
  const many = (n: number): string =>
    rss(
      Array.from(
        { length: n },
        (_, i) => `<item><title>Item ${i}</title><link>/items/${i}</link><guid>g${i}</guid><pubDate>Fri, 11 Jul 2025 08:30:00 GMT</pubDate><description>Body ${i}</description></item>`,
      ).join(''),
    );

  it('parses 10,000 items and keeps the first 500 by default, with a warning', () => {
    const input = bytes(many(10_000));
    const feed = parseFeed(input);
    expect(feed.items).toHaveLength(500);
    expect(feed.items[499]!.title).toBe('Item 499');
    expect(feed.items[0]!.url).toBe('https://x.example/items/0');
    expect(feed.warnings).toContain('the feed has 10000 items; kept the first 500 (maxItems)');
  }, 10_000);

  it('keeps all 10,000 when maxItems allows', () => {
    const input = bytes(many(10_000));
    const feed = parseFeed(input, { maxItems: 20_000 });
    expect(feed.items).toHaveLength(10_000);
    expect(feed.items[9_999]!.id).toBe('g9999');
    expect(feed.warnings).toEqual([]);
  });

  it('counts bad dates once in a warning, not per item', () => {
    const items = Array.from({ length: 50 }, (_, i) => `<item><title>${i}</title><pubDate>32 Foo 2025</pubDate></item>`).join('');
    const feed = parseFeed(bytes(rss(items)));
    expect(feed.items.every((item) => item.published === null)).toBe(true);
    expect(feed.warnings).toEqual(['50 item date(s) could not be read (e.g. "32 Foo 2025"); those items have no published date']);
  });
});
