import { brotliCompressSync, deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { failure, useFetchServer } from './server.js';

const env = useFetchServer({ timeoutMs: 3000, retries: 0 });
const fetcher = env.fetcher;

describe('Fetcher: size cap', () => {
  it('refuses a body whose Content-Length exceeds the cap before reading it', async () => {
    env.server.route('/huge', (_req, res) => {
      // Announce 10 MB but send only a little and hang: a fetcher that reads would hit the timeout instead.
      res.writeHead(200, { 'content-length': String(10_000_000) });
      res.write('x'.repeat(100));
    });
    const started = Date.now();
    const error = await failure(fetcher({ maxBytes: 1000 }).fetch(`${env.server.origin}/huge`));
    expect(error.reason).toBe('too-large');
    expect(error.message).toContain('10000000');
    expect(error.message).toContain('maxBytes');
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('aborts a chunked body that streams past the cap', async () => {
    let written = 0;
    env.server.route('/endless', (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      const timer = setInterval(() => {
        res.write('y'.repeat(1024));
        written += 1024;
      }, 2);
      res.on('close', () => clearInterval(timer));
    });
    const error = await failure(fetcher({ maxBytes: 10_000 }).fetch(`${env.server.origin}/endless`));
    expect(error.reason).toBe('too-large');
    expect(written).toBeLessThan(1_000_000);
  });

  it('accepts a body exactly at the cap', async () => {
    env.server.route('/exact', (_req, res) => res.end('z'.repeat(1000)));
    const result = await fetcher({ maxBytes: 1000 }).fetch(`${env.server.origin}/exact`);
    expect(result.body.byteLength).toBe(1000);
  });
});

describe('Fetcher: compression', () => {
  const text = 'Parliament passed the budget on Tuesday. '.repeat(50);

  it('asks for gzip, deflate and br', async () => {
    env.server.route('/plain', (_req, res) => res.end('ok'));
    await fetcher().fetch(`${env.server.origin}/plain`);
    expect(env.server.requests[0]!.headers['accept-encoding']).toBe('gzip, deflate, br');
  });

  it.each([
    ['gzip', gzipSync],
    ['deflate', deflateSync],
    ['deflate', deflateRawSync],
    ['br', brotliCompressSync],
  ] as const)('decompresses a %s body', async (encoding, compress) => {
    env.server.route('/zipped', (_req, res) => res.writeHead(200, { 'content-encoding': encoding, 'content-type': 'text/plain; charset=utf-8' }).end(compress(Buffer.from(text))));
    const result = await fetcher().fetch(`${env.server.origin}/zipped`);
    expect(Buffer.from(result.body).toString('utf8')).toBe(text);
  });

  it('stops a gzip bomb at the cap on the decompressed size', async () => {
    const bomb = gzipSync(Buffer.alloc(64 * 1024 * 1024));
    expect(bomb.length).toBeLessThan(1024 * 1024);
    env.server.route('/bomb', (_req, res) => res.writeHead(200, { 'content-encoding': 'gzip' }).end(bomb));
    const error = await failure(fetcher({ maxBytes: 1024 * 1024 }).fetch(`${env.server.origin}/bomb`));
    expect(error.reason).toBe('too-large');
    expect(error.message).toContain('decompressed');
  });

  it('reports a corrupt compressed body', async () => {
    env.server.route('/corrupt', (_req, res) => res.writeHead(200, { 'content-encoding': 'gzip' }).end('definitely not gzip'));
    const error = await failure(fetcher().fetch(`${env.server.origin}/corrupt`));
    expect(error.reason).toBe('network');
    expect(error.message).toContain('decompressed');
  });

  it('refuses a Content-Encoding it did not ask for', async () => {
    env.server.route('/zstd', (_req, res) => res.writeHead(200, { 'content-encoding': 'zstd' }).end('abc'));
    const error = await failure(fetcher().fetch(`${env.server.origin}/zstd`));
    expect(error.message).toContain('zstd');
  });
});
