import { describe, expect, it } from 'vitest';
import { FeedError, parseOpml } from '../../src/feeds/index.js';
import { bytes, fixture, thrown } from './helpers.js';

describe('parseOpml', () => {
  it('lists every outline with an xmlUrl, nested or not, resolving relative ones and skipping others with warnings', () => {
    const opml = parseOpml(fixture('subscriptions.opml'), { baseUrl: 'https://me.example.com/lists/my.opml' });
    expect(opml.title).toBe('My news');
    expect(opml.feeds).toEqual([
      { title: 'Harbour Gazette', xmlUrl: 'https://news.example.org/feed.xml', htmlUrl: 'https://news.example.org/' },
      { title: 'Example Wire (RDF)', xmlUrl: 'https://wire.example.com/rss', htmlUrl: null },
      { title: 'Relative', xmlUrl: 'https://me.example.com/lists/feeds/local.xml', htmlUrl: null },
    ]);
    expect(opml.warnings).toEqual([
      'outline "Local file" skipped: its xmlUrl "file:///etc/passwd" is not an http(s) URL',
      'outline "Duplicate" skipped: https://news.example.org/feed.xml is listed twice',
    ]);
  });

  it('skips a relative xmlUrl when there is no base', () => {
    const opml = parseOpml(fixture('subscriptions.opml'));
    expect(opml.feeds.map((feed) => feed.title)).toEqual(['Harbour Gazette', 'Example Wire (RDF)']);
  });

  it('refuses a non-OPML document and entity bombs', () => {
    const notOpml = thrown(() => parseOpml(bytes('<rss version="2.0"><channel/></rss>')));
    expect(notOpml).toBeInstanceOf(FeedError);
    expect((notOpml as FeedError).reason).toBe('not-a-feed');
    const bomb = thrown(() => parseOpml(bytes('<!DOCTYPE opml [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]><opml><body><outline text="&b;"/></body></opml>')));
    expect((bomb as FeedError).reason).toBe('entity-expansion');
  });
});
