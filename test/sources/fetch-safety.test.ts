import { afterEach, describe, expect, it } from 'vitest';
import { Fetcher, type FetchOptions } from '../../src/fetch/index.js';
import { collectSources } from '../../src/sources/index.js';
import { articlePage, paragraphs, rss, startServer, type TestServer } from './server.js';

/**
 * The feed is read through "localhost", allowed by name (it stands for a public news site); its item links to
 * 127.0.0.1, which that allowance does not cover, as an attacker's feed would link to an internal service.
 */
describe('a feed item linking to an internal address', () => {
  let server: TestServer;
  const fetchers: Fetcher[] = [];
  afterEach(async () => {
    for (const f of fetchers.splice(0)) f.close();
    await server.close();
  });

  async function run(options: FetchOptions) {
    server = await startServer();
    const admin = server.url('/internal-admin');
    server.set('/feed.xml', {
      type: 'application/rss+xml',
      body: rss('Hostile Wire', [
        { id: 'x1', title: 'Click here', link: admin },
        { id: 'x2', title: 'Harbour tunnel approved', html: paragraphs('Tunnel', 6).map((p) => `<p>${p}</p>`).join('') },
      ]),
    });
    server.set('/internal-admin', { body: articlePage('Admin console', paragraphs('Secret')) });
    const fetcher = new Fetcher({ retries: 0, timeoutMs: 2000, cacheDir: null, ...options });
    fetchers.push(fetcher);
    const feedUrl = server.url('/feed.xml').replace('127.0.0.1', 'localhost');
    return { admin, result: await collectSources([{ name: 'wire', kind: 'feed', location: feedUrl }], { fetcher }) };
  }

  it('is not fetched by default: the item is excluded with the reason, the rest of the feed is used', async () => {
    const { admin, result } = await run({ allowHosts: ['localhost'] });
    expect(server.hits('/feed.xml')).toBe(1);
    expect(server.hits('/internal-admin')).toBe(0);
    expect(result.documents.map((d) => d.meta.title)).toEqual(['Harbour tunnel approved']);
    expect(result.excluded).toEqual([
      {
        path: admin,
        reason: `source "wire": the linked page could not be read: refused ${admin}: 127.0.0.1 is a loopback address; set fetch.allowPrivateNetworks or fetch.allowHosts to allow it`,
      },
    ]);
    expect(result.failedSources).toEqual([]);
  });

  it('is fetched when private networks are allowed', async () => {
    const { result } = await run({ allowPrivateNetworks: true });
    expect(server.hits('/internal-admin')).toBe(1);
    expect(result.documents.map((d) => d.meta.title)).toEqual(['Click here', 'Harbour tunnel approved']);
  });

  it('fails a feed on a private address as a source, by default', async () => {
    server = await startServer();
    server.set('/feed.xml', { type: 'application/rss+xml', body: rss('Internal', [{ id: 'i', title: 'x', html: '<p>x</p>' }]) });
    const fetcher = new Fetcher({ retries: 0, cacheDir: null });
    fetchers.push(fetcher);
    const result = await collectSources([{ name: 'intranet', kind: 'feed', location: server.url('/feed.xml') }], { fetcher });
    expect(server.hits('/feed.xml')).toBe(0);
    expect(result.failedSources).toEqual([
      { name: 'intranet', location: server.url('/feed.xml'), reason: expect.stringMatching(/^refused http:\/\/127\.0\.0\.1:\d+\/feed\.xml: 127\.0\.0\.1 is a loopback address/) },
    ]);
  });
});
