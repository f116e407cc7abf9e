import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { looksLikeFeed, parseFeed } from '../../src/feeds/index.js';
import { fixture } from './helpers.js';

/** The parser fed the way the fetcher will feed it: bytes, the Content-Type charset and the final URL from a real server. */
describe('feeds served over HTTP on 127.0.0.1', () => {
  let server: Server;
  let origin: string;
  const cyrillic = iconv.encode(
    '<?xml version="1.0"?><rss version="2.0"><channel><title>Вести</title>' +
      '<item><title>Забастовка закончилась</title><link>/news/1</link></item></channel></rss>',
    'windows-1251',
  );

  beforeAll(async () => {
    server = createServer((request, response) => {
      if (request.url === '/ru.xml') {
        response.writeHead(200, { 'content-type': 'application/rss+xml; charset=windows-1251' });
        response.end(cyrillic);
      } else if (request.url === '/feeds/atom') {
        response.writeHead(200, { 'content-type': 'application/atom+xml' });
        response.end(fixture('rss1.rdf'));
      } else {
        response.writeHead(404).end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  async function get(path: string): Promise<{ body: Uint8Array; contentType: string | null; url: string }> {
    const response = await fetch(`${origin}${path}`, { signal: AbortSignal.timeout(2000) });
    return { body: new Uint8Array(await response.arrayBuffer()), contentType: response.headers.get('content-type'), url: response.url };
  }

  it('decodes a windows-1251 feed from the header charset and resolves links against the feed URL', async () => {
    const { body, contentType, url } = await get('/ru.xml');
    expect(looksLikeFeed(body, contentType)).toBe(true);
    const headerCharset = /charset=([^;]+)/i.exec(contentType ?? '')?.[1] ?? null;
    const feed = parseFeed(body, { baseUrl: url, headerCharset });
    expect(feed.title).toBe('Вести');
    expect(feed.items[0]).toMatchObject({ title: 'Забастовка закончилась', url: `${origin}/news/1` });
  });

  it('goes by the bytes, not the content type, for a mislabelled feed', async () => {
    const { body, contentType, url } = await get('/feeds/atom');
    expect(looksLikeFeed(body, contentType)).toBe(true);
    expect(parseFeed(body, { baseUrl: url }).format).toBe('rss1');
  });
});
