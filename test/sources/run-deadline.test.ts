import { afterEach, describe, expect, it } from 'vitest';
import { Fetcher } from '../../src/fetch/index.js';
import { collectSources } from '../../src/sources/index.js';
import { paragraphs, rss, startServer, type TestServer } from './server.js';

describe('a feed whose item pages trickle one byte at a time', () => {
  let server: TestServer;
  let fetcher: Fetcher;
  afterEach(async () => {
    fetcher.close();
    await server.close();
  });

  it('ends at the run deadline: the slow pages are skipped with the reason, the feed\'s own text is kept', async () => {
    server = await startServer();
    const slow = Array.from({ length: 8 }, (_, i) => `/slow/${i}.html`);
    for (const path of slow) {
      server.set(path, (_request, response) => {
        response.writeHead(200, { 'content-type': 'text/html' });
        const timer = setInterval(() => response.write(' '), 300);
        response.on('close', () => clearInterval(timer));
      });
    }
    server.set('/feed.xml', {
      type: 'application/rss+xml',
      body: rss('Slow Wire', [
        { id: 'full', title: 'Harbour tunnel approved', html: paragraphs('Tunnel', 6).map((p) => `<p>${p}</p>`).join('') },
        ...slow.map((path, i) => ({ id: `s${i}`, title: `Teaser ${i}`, link: server.url(path) })),
      ]),
    });
    // Each page is well inside its own 30 s timeout; only the run deadline ends them.
    fetcher = new Fetcher({ retries: 0, cacheDir: null, allowPrivateNetworks: true, timeoutMs: 30_000, runDeadlineMs: 800 });
    const started = Date.now();
    const result = await collectSources([{ name: 'slow', kind: 'feed', location: server.url('/feed.xml') }], { fetcher });
    expect(Date.now() - started).toBeLessThan(3000);
    expect(result.documents.map((d) => d.meta.title)).toEqual(['Harbour tunnel approved']);
    expect(result.excluded).toHaveLength(8);
    for (const [i, excluded] of result.excluded.entries()) {
      expect(excluded.path).toBe(server.url(slow[i]!));
      expect(excluded.reason).toMatch(/^source "slow": the linked page could not be read: skipped http:\S+ the run's fetch deadline \(fetch\.runDeadlineMs, 800 ms\) passed/);
    }
  });
});
