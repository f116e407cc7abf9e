import { brotliCompressSync, deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Fetcher, type FetchOptions } from '../../src/fetch/index.js';
import { startServer, type TestServer } from './server.js';
import { failure } from './server.js';

let server: TestServer;
const fetchers: Fetcher[] = [];

beforeEach(async () => {
  server = await startServer();
});
afterEach(async () => {
  for (const f of fetchers.splice(0)) f.close();
  await server.close();
});

function fetcher(options: FetchOptions = {}): Fetcher {
  const f = new Fetcher({ timeoutMs: 3000, retries: 0, ...options });
  fetchers.push(f);
  return f;
}

describe('Fetcher: size cap', () => {
  it('refuses a body whose Content-Length exceeds the cap before reading it', async () => {
    server.route('/huge', (_req, res) => {
      // Announce 10 MB but send only a little and hang: a fetcher that reads would hit the timeout instead.
      res.writeHead(200, { 'content-length': String(10_000_000) });
      res.write('x'.repeat(100));
    });
    const started = Date.now();
    const error = await failure(fetcher({ maxBytes: 1000 }).fetch(`${server.origin}/huge`));
    expect(error.reason).toBe('too-large');
    expect(error.message).toContain('10000000');
    expect(error.message).toContain('maxBytes');
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('aborts a chunked body that streams past the cap', async () => {
    let written = 0;
    server.route('/endless', (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      const timer = setInterval(() => {
        res.write('y'.repeat(1024));
        written += 1024;
      }, 2);
      res.on('close', () => clearInterval(timer));
    });
    const error = await failure(fetcher({ maxBytes: 10_000 }).fetch(`${server.origin}/endless`));
    expect(error.reason).toBe('too-large');
    expect(written).toBeLessThan(1_000_000);
  });

  it('accepts a body exactly at the cap', async () => {
    server.route('/exact', (_req, res) => res.end('z'.repeat(1000)));
    const result = await fetcher({ maxBytes: 1000 }).fetch(`${server.origin}/exact`);
    expect(result.body.byteLength).toBe(1000);
  });
});

describe('Fetcher: compression', () => {
  const text = 'Parliament passed the budget on Tuesday. '.repeat(50);

  it('asks for gzip, deflate and br', async () => {
    server.route('/plain', (_req, res) => res.end('ok'));
    await fetcher().fetch(`${server.origin}/plain`);
    expect(server.requests[0]!.headers['accept-encoding']).toBe('gzip, deflate, br');
  });

  it.each([
    ['gzip', gzipSync],
    ['deflate', deflateSync],
    ['deflate', deflateRawSync],
    ['br', brotliCompressSync],
  ] as const)('decompresses a %s body', async (encoding, compress) => {
    server.route('/zipped', (_req, res) => res.writeHead(200, { 'content-encoding': encoding, 'content-type': 'text/plain; charset=utf-8' }).end(compress(Buffer.from(text))));
    const result = await fetcher().fetch(`${server.origin}/zipped`);
    expect(Buffer.from(result.body).toString('utf8')).toBe(text);
  });

  it('stops a gzip bomb at the cap on the decompressed size', async () => {
    const bomb = gzipSync(Buffer.alloc(64 * 1024 * 1024));
    expect(bomb.length).toBeLessThan(1024 * 1024);
    server.route('/bomb', (_req, res) => res.writeHead(200, { 'content-encoding': 'gzip' }).end(bomb));
    const error = await failure(fetcher({ maxBytes: 1024 * 1024 }).fetch(`${server.origin}/bomb`));
    expect(error.reason).toBe('too-large');
    expect(error.message).toContain('decompressed');
  });

  it('reports a corrupt compressed body', async () => {
    server.route('/corrupt', (_req, res) => res.writeHead(200, { 'content-encoding': 'gzip' }).end('definitely not gzip'));
    const error = await failure(fetcher().fetch(`${server.origin}/corrupt`));
    expect(error.reason).toBe('network');
    expect(error.message).toContain('decompressed');
  });

  it('refuses a Content-Encoding it did not ask for', async () => {
    server.route('/zstd', (_req, res) => res.writeHead(200, { 'content-encoding': 'zstd' }).end('abc'));
    const error = await failure(fetcher().fetch(`${server.origin}/zstd`));
    expect(error.message).toContain('zstd');
  });
});
