import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Fetcher } from '../../src/fetch/index.js';
import { collectSources } from '../../src/sources/index.js';
import { paragraphs, rss, startServer, type TestServer } from './server.js';

const fullText = (topic: string) => paragraphs(topic, 6).map((p) => `<p>${p}</p>`).join('');

/** Sources that misbehave: each gives a clear outcome for that source, quickly, and the run goes on. */
describe('collectSources with hostile or broken sources', () => {
  let server: TestServer;
  let fetcher: Fetcher;
  const deps = () => ({ fetcher });

  beforeAll(async () => {
    server = await startServer({
      '/good.xml': { type: 'application/rss+xml', body: rss('Good', [{ id: 'g1', title: 'Good news', html: fullText('Good') }]) },
      '/many.xml': {
        type: 'application/rss+xml',
        body: rss('Many', Array.from({ length: 2000 }, (_, i) => ({ id: `m${i}`, title: `Item ${i}`, html: fullText(`Item${i}`) }))),
      },
      '/bomb.xml': {
        type: 'application/rss+xml',
        body:
          '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">' +
          '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">' +
          '<!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;"><!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">]>' +
          '<rss version="2.0"><channel><title>&f;</title><item><title>&f;</title><description>&f;</description></item></channel></rss>',
      },
      '/xxe.xml': {
        type: 'application/rss+xml',
        body: '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x SYSTEM "file:///etc/passwd">]><rss version="2.0"><channel><title>x</title><item><title>&x;</title><description>&x;</description></item></channel></rss>',
      },
      '/malformed.xml': { type: 'application/rss+xml', body: '<rss version="2.0"><channel><title>Broken</title><item><title>unclosed' },
      '/slow.xml': () => {
        // Never answers: the fetcher's timeout must end the request.
      },
    });
    server.set('/dup.xml', {
      type: 'application/rss+xml',
      body: rss(
        'Dup',
        [
          { id: 'd1', title: 'Same story', link: '/same.html', html: fullText('Same') },
          { id: 'd2', title: 'Same story again', link: '/same.html#comments', html: fullText('Same') },
          { id: 'd3', title: 'Local file', link: 'file:///etc/passwd', html: fullText('Local') },
        ],
        { siteUrl: server.url('/') },
      ),
    });
    // One second, not less: on a loaded machine a 2000-item feed from 127.0.0.1 can take a few hundred ms.
    fetcher = new Fetcher({ timeoutMs: 1000, connectTimeoutMs: 1000, retries: 0, retryBaseDelayMs: 1, cacheDir: null, allowPrivateNetworks: true });
  });
  afterAll(async () => {
    fetcher.close();
    await server.close();
  });

  it('keeps the first maxItems items of a feed with thousands, and says so', async () => {
    const result = await collectSources([{ name: 'many', kind: 'feed', location: server.url('/many.xml'), maxItems: 3 }], deps());
    expect(result.documents.map((d) => d.meta.title)).toEqual(['Item 0', 'Item 1', 'Item 2']);
    expect(result.warnings.join('\n')).toMatch(/source "many": .*2000 items.*first 3/);
  });

  it.each([
    ['/bomb.xml', /entit/i],
    ['/xxe.xml', /entit|external/i],
    ['/malformed.xml', /malformed|not well-formed|unclosed|line/i],
    ['/slow.xml', /time/i],
  ])('fails only the source for %s, with its reason, and reads the rest', async (path, reason) => {
    const started = Date.now();
    const result = await collectSources(
      [
        { name: 'bad', kind: 'feed', location: server.url(path) },
        { name: 'good', kind: 'feed', location: server.url('/good.xml') },
      ],
      deps(),
    );
    expect(Date.now() - started).toBeLessThan(5000);
    expect(result.documents.map((d) => d.meta.title)).toEqual(['Good news']);
    expect(result.failedSources).toHaveLength(1);
    expect(result.failedSources[0]).toMatchObject({ name: 'bad', location: server.url(path) });
    expect(result.failedSources[0]!.reason).toMatch(reason);
    expect(result.excluded).toEqual([{ path: server.url(path), reason: `source "bad": ${result.failedSources[0]!.reason}` }]);
    expect(JSON.stringify(result.documents)).not.toContain('root:');
  });

  it('resolves relative links, keeps one copy of a repeated link and never follows file:// links', async () => {
    const result = await collectSources([{ name: 'dup', kind: 'feed', location: server.url('/dup.xml') }], deps());
    expect(result.documents[0]!.path).toBe(server.url('/same.html'));
    expect(result.documents.map((d) => d.meta.title)).toEqual(['Same story', 'Local file']);
    expect(result.documents[1]!.meta.url).toBeUndefined();
    expect(result.documents[1]!.path).toBe(`${server.url('/dup.xml')}#d3`);
    expect(result.warnings.join('\n')).toMatch(/1 article read from more than one source kept once/);
  });

  it('counts a page list whose every page fails as a failed source', async () => {
    const result = await collectSources([{ name: 'dead-pages', kind: 'pages', location: [server.url('/nope-1.html'), server.url('/nope-2.html')] }], deps());
    expect(result.documents).toEqual([]);
    expect(result.excluded.map((e) => e.path)).toEqual([server.url('/nope-1.html'), server.url('/nope-2.html')]);
    expect(result.failedSources).toEqual([{ name: 'dead-pages', location: `${server.url('/nope-1.html')}, ${server.url('/nope-2.html')}`, reason: expect.stringMatching(/^all 2 articles failed; first: .*404/) }]);
  });
});
