import { readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HttpCache } from '../../src/fetch/cache.js';
import { Fetcher, type FetchOptions } from '../../src/fetch/index.js';
import { startServer, type TestServer } from './server.js';
import { tempDir } from '../helpers.js';

let server: TestServer;
let cacheDir: string;
const fetchers: Fetcher[] = [];

beforeEach(async () => {
  server = await startServer();
  cacheDir = await tempDir('briefing-http-cache-');
});
afterEach(async () => {
  for (const f of fetchers.splice(0)) f.close();
  await server.close();
  await rm(cacheDir, { recursive: true, force: true });
});

/** A new Fetcher per call stands for a new run of the program sharing the cache folder. */
function run(options: FetchOptions = {}): Fetcher {
  const f = new Fetcher({ timeoutMs: 2000, retries: 0, cacheDir, allowPrivateNetworks: true, ...options });
  fetchers.push(f);
  return f;
}

const LAST_MODIFIED = 'Tue, 08 Jul 2025 10:00:00 GMT';

/** Answers 304 when the client's validators match the current version, else 200 with the body. */
function conditional(version: { etag: string; body: string }) {
  return (req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => {
    if (req.headers['if-none-match'] === version.etag) {
      res.writeHead(304, { etag: version.etag }).end();
      return;
    }
    res.writeHead(200, { etag: version.etag, 'last-modified': LAST_MODIFIED, 'content-type': 'application/atom+xml; charset=utf-8' }).end(version.body);
  };
}

describe('Fetcher: HTTP cache', () => {
  it('sends the validators on the second run and serves the cached body on 304', async () => {
    server.route('/feed', conditional({ etag: '"v1"', body: '<feed>one</feed>' }));
    const first = await run().fetch(`${server.origin}/feed`);
    expect(first.fromCache).toBe(false);
    const second = await run().fetch(`${server.origin}/feed`);
    expect(server.requests).toHaveLength(2);
    expect(server.requests[0]!.headers['if-none-match']).toBeUndefined();
    expect(server.requests[1]!.headers['if-none-match']).toBe('"v1"');
    expect(server.requests[1]!.headers['if-modified-since']).toBe(LAST_MODIFIED);
    expect(second.fromCache).toBe(true);
    expect(second.status).toBe(200);
    expect(second.contentType).toBe('application/atom+xml');
    expect(second.charset).toBe('utf-8');
    expect(Buffer.from(second.body).toString()).toBe('<feed>one</feed>');
  });

  it('replaces the entry when the resource changed', async () => {
    const version = { etag: '"v1"', body: 'old' };
    server.route('/feed', conditional(version));
    await run().fetch(`${server.origin}/feed`);
    version.etag = '"v2"';
    version.body = 'new';
    const changed = await run().fetch(`${server.origin}/feed`);
    expect(changed.fromCache).toBe(false);
    expect(Buffer.from(changed.body).toString()).toBe('new');
    const third = await run().fetch(`${server.origin}/feed`);
    expect(server.requests[2]!.headers['if-none-match']).toBe('"v2"');
    expect(third.fromCache).toBe(true);
    expect(Buffer.from(third.body).toString()).toBe('new');
  });

  it('caches the final URL of a redirect', async () => {
    server.route('/old', (_req, res) => res.writeHead(301, { location: '/feed' }).end());
    server.route('/feed', conditional({ etag: '"v1"', body: 'body' }));
    await run().fetch(`${server.origin}/old`);
    const again = await run().fetch(`${server.origin}/old`);
    expect(again.fromCache).toBe(true);
    expect(again.url).toBe(`${server.origin}/feed`);
  });

  it('stores nothing without a validator or with Cache-Control: no-store', async () => {
    server.route('/plain', (_req, res) => res.end('x'));
    server.route('/private', (_req, res) => res.writeHead(200, { etag: '"p"', 'cache-control': 'no-store' }).end('secret'));
    await run().fetch(`${server.origin}/plain`);
    await run().fetch(`${server.origin}/private`);
    expect(await readdir(cacheDir)).toEqual([]);
  });

  it('writes nothing when the cache is off', async () => {
    server.route('/feed', conditional({ etag: '"v1"', body: 'b' }));
    await run({ cacheDir: null }).fetch(`${server.origin}/feed`);
    const second = await run({ cacheDir: null }).fetch(`${server.origin}/feed`);
    expect(second.fromCache).toBe(false);
    expect(server.requests[1]!.headers['if-none-match']).toBeUndefined();
    expect(await readdir(cacheDir)).toEqual([]);
  });

  it.each([
    ['garbage', () => 'not json at all {'],
    ['an empty file', () => ''],
    ['a JSON array', () => '[1,2,3]'],
  ])('ignores a cache file holding %s and fetches again', async (_label, content) => {
    const url = `${server.origin}/feed`;
    server.route('/feed', conditional({ etag: '"v1"', body: 'fresh' }));
    await writeFile(new HttpCache(cacheDir).pathFor(url), content());
    const result = await run().fetch(url);
    expect(result.fromCache).toBe(false);
    expect(Buffer.from(result.body).toString()).toBe('fresh');
    expect(server.requests[0]!.headers['if-none-match']).toBeUndefined();
    // The corrupt file is replaced by a good entry, so the next run revalidates.
    expect((await run().fetch(url)).fromCache).toBe(true);
  });

  it('ignores an entry whose body does not match its checksum', async () => {
    const url = `${server.origin}/feed`;
    server.route('/feed', conditional({ etag: '"v1"', body: 'fresh' }));
    const cache = new HttpCache(cacheDir);
    await cache.put({ url, etag: '"v1"', lastModified: null, contentType: 'text/plain', charset: null, freshUntil: null, body: Buffer.from('fresh') });
    const path = cache.pathFor(url);
    const stored = JSON.parse(await import('node:fs/promises').then((fs) => fs.readFile(path, 'utf8'))) as { body: string };
    stored.body = Buffer.from('tampered').toString('base64');
    await writeFile(path, JSON.stringify(stored));
    const result = await run().fetch(url);
    expect(result.fromCache).toBe(false);
    expect(server.requests[0]!.headers['if-none-match']).toBeUndefined();
  });

  it('still succeeds when the cache folder cannot be written', async () => {
    const blocked = join(cacheDir, 'a-file');
    await writeFile(blocked, 'in the way');
    server.route('/feed', conditional({ etag: '"v1"', body: 'ok' }));
    const result = await run({ cacheDir: join(blocked, 'cache') }).fetch(`${server.origin}/feed`);
    expect(Buffer.from(result.body).toString()).toBe('ok');
  });

  it('reuses an entry within its max-age without any request', async () => {
    server.route('/feed', (_req, res) => res.writeHead(200, { 'cache-control': 'public, max-age=600', 'content-type': 'text/xml' }).end('cached'));
    await run().fetch(`${server.origin}/feed`);
    const second = await run().fetch(`${server.origin}/feed`);
    expect(server.requests).toHaveLength(1);
    expect(second.fromCache).toBe(true);
    expect(second.contentType).toBe('text/xml');
    expect(Buffer.from(second.body).toString()).toBe('cached');
  });

  it('revalidates an expired entry and renews its lifetime from the 304', async () => {
    const url = `${server.origin}/feed`;
    server.route('/feed', (req, res) =>
      req.headers['if-none-match'] === '"v1"' ? res.writeHead(304, { 'cache-control': 'max-age=600' }).end() : res.writeHead(500).end(),
    );
    await new HttpCache(cacheDir).put({ url, etag: '"v1"', lastModified: null, contentType: null, charset: null, freshUntil: Date.now() - 1000, body: Buffer.from('old') });
    const second = await run().fetch(url);
    expect(second.fromCache).toBe(true);
    expect(Buffer.from(second.body).toString()).toBe('old');
    expect(server.requests).toHaveLength(1);
    const third = await run().fetch(url);
    expect(third.fromCache).toBe(true);
    expect(server.requests).toHaveLength(1);
  });

  it('always revalidates with Cache-Control: no-cache', async () => {
    server.route('/feed', (req, res) =>
      req.headers['if-none-match'] === '"n"' ? res.writeHead(304).end() : res.writeHead(200, { etag: '"n"', 'cache-control': 'no-cache, max-age=600' }).end('n'),
    );
    await run().fetch(`${server.origin}/feed`);
    const second = await run().fetch(`${server.origin}/feed`);
    expect(server.requests).toHaveLength(2);
    expect(second.fromCache).toBe(true);
  });

  it('fails clearly on a 304 it did not ask for', async () => {
    server.route('/odd', (_req, res) => res.writeHead(304).end());
    await expect(run().fetch(`${server.origin}/odd`)).rejects.toMatchObject({ reason: 'http-status', status: 304 });
  });
});
