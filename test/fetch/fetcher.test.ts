import { describe, expect, it } from 'vitest';
import { FetchError } from '../../src/fetch/index.js';
import { failure, useFetchServer } from './server.js';

const env = useFetchServer({ timeoutMs: 2000, connectTimeoutMs: 1000, retryBaseDelayMs: 5 });
const fetcher = env.fetcher;

describe('Fetcher: plain responses', () => {
  it('returns the body, the media type and the charset from the Content-Type header', async () => {
    const bytes = Buffer.from([0xcf, 0xf0, 0xe8, 0xe2, 0xe5, 0xf2]); // "Привет" in windows-1251
    env.server.route('/page', (_req, res) => res.writeHead(200, { 'content-type': 'Text/HTML; Charset="Windows-1251"' }).end(bytes));
    const result = await fetcher().fetch(`${env.server.origin}/page`);
    expect(result.status).toBe(200);
    expect(result.url).toBe(`${env.server.origin}/page`);
    expect(result.contentType).toBe('text/html');
    expect(result.charset).toBe('windows-1251');
    expect(Buffer.from(result.body).equals(bytes)).toBe(true);
    expect(result.fromCache).toBe(false);
  });

  it('reports no charset when the header has none', async () => {
    env.server.route('/feed', (_req, res) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end('<rss/>'));
    const result = await fetcher().fetch(`${env.server.origin}/feed`);
    expect(result.contentType).toBe('application/rss+xml');
    expect(result.charset).toBeNull();
  });

  it('sends a descriptive default User-Agent, a custom one when configured, and the Accept asked for', async () => {
    env.server.route('/ua', (_req, res) => res.end('ok'));
    await fetcher().fetch(`${env.server.origin}/ua`);
    await fetcher({ userAgent: 'custom-agent/1.0' }).fetch(`${env.server.origin}/ua`, { accept: 'application/atom+xml' });
    expect(env.server.requests[0]!.headers['user-agent']).toMatch(/^briefing\/\d+\.\d+\.\d+ \(\+https:\/\/\S+; daily news briefing\)$/);
    expect(env.server.requests[1]!.headers['user-agent']).toBe('custom-agent/1.0');
    expect(env.server.requests[1]!.headers.accept).toBe('application/atom+xml');
  });

  it('drops the fragment before requesting', async () => {
    env.server.route('/frag', (_req, res) => res.end('ok'));
    const result = await fetcher().fetch(`${env.server.origin}/frag#section`);
    expect(result.url).toBe(`${env.server.origin}/frag`);
    expect(env.server.requests[0]!.path).toBe('/frag');
  });
});

describe('Fetcher: refused URLs', () => {
  it.each([
    ['file:///etc/passwd', 'scheme'],
    ['ftp://127.0.0.1/feed.xml', 'scheme'],
    ['javascript:alert(1)', 'scheme'],
    ['not a url', 'invalid-url'],
    ['/relative/path', 'invalid-url'],
  ])('%s is refused with reason %s and nothing is requested', async (url, reason) => {
    const error = await failure(fetcher().fetch(url));
    expect(error.reason).toBe(reason);
    expect(error.message).toMatch(/http/);
    expect(env.server.requests).toHaveLength(0);
  });
});

describe('Fetcher: timeouts', () => {
  it('times out when the headers never come', async () => {
    env.server.route('/silent', () => {});
    const started = Date.now();
    const error = await failure(fetcher({ timeoutMs: 200, retries: 0 }).fetch(`${env.server.origin}/silent`));
    expect(error.reason).toBe('timeout');
    expect(error.url).toBe(`${env.server.origin}/silent`);
    expect(error.message).toContain('200 ms');
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it('times out when the body trickles past the whole-response deadline', async () => {
    env.server.route('/trickle', (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      const timer = setInterval(() => res.write('x'), 30);
      res.on('close', () => clearInterval(timer));
    });
    const started = Date.now();
    const error = await failure(fetcher({ timeoutMs: 200, retries: 0 }).fetch(`${env.server.origin}/trickle`));
    expect(error.reason).toBe('timeout');
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it('does not retry a whole-response timeout', async () => {
    env.server.route('/silent', () => {});
    await failure(fetcher({ timeoutMs: 150, retries: 2 }).fetch(`${env.server.origin}/silent`));
    expect(env.server.requests).toHaveLength(1);
  });
});

describe('Fetcher: retries', () => {
  it('retries a 500 and succeeds on the second request', async () => {
    env.server.route('/flaky', (_req, res, n) => (n === 1 ? res.writeHead(500).end('oops') : res.end('fine')));
    const result = await fetcher().fetch(`${env.server.origin}/flaky`);
    expect(Buffer.from(result.body).toString()).toBe('fine');
    expect(env.server.requests).toHaveLength(2);
  });

  it('retries a dropped connection', async () => {
    env.server.route('/drop', (req, res, n) => (n === 1 ? req.socket.destroy() : res.end('fine')));
    const result = await fetcher().fetch(`${env.server.origin}/drop`);
    expect(Buffer.from(result.body).toString()).toBe('fine');
    expect(env.server.requests).toHaveLength(2);
  });

  it('gives up after the configured retries with the status in the error', async () => {
    env.server.route('/down', (_req, res) => res.writeHead(503).end());
    const error = await failure(fetcher({ retries: 2 }).fetch(`${env.server.origin}/down`));
    expect(error.reason).toBe('http-status');
    expect(error.status).toBe(503);
    expect(error.name).toBe('FetchError');
    expect(env.server.requests).toHaveLength(3);
  });

  it('honours Retry-After, capped by maxRetryDelayMs', async () => {
    env.server.route('/busy', (_req, res, n) => (n === 1 ? res.writeHead(503, { 'retry-after': '1' }).end() : res.end('fine')));
    const started = Date.now();
    const result = await fetcher({ retryBaseDelayMs: 1, maxRetryDelayMs: 150 }).fetch(`${env.server.origin}/busy`);
    const elapsed = Date.now() - started;
    expect(Buffer.from(result.body).toString()).toBe('fine');
    // Without Retry-After the wait would be 1 ms; uncapped it would be 1000 ms.
    expect(elapsed).toBeGreaterThanOrEqual(140);
    expect(elapsed).toBeLessThan(900);
  });

  it('backs off exponentially between attempts', async () => {
    const times: number[] = [];
    env.server.route('/down', (_req, res) => {
      times.push(Date.now());
      res.writeHead(502).end();
    });
    await failure(fetcher({ retries: 2, retryBaseDelayMs: 60 }).fetch(`${env.server.origin}/down`));
    expect(times).toHaveLength(3);
    expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(55);
    expect(times[2]! - times[1]!).toBeGreaterThanOrEqual(115);
  });

  it.each([404, 403, 410])('does not retry %i', async (status) => {
    env.server.route('/gone', (_req, res) => res.writeHead(status).end());
    const error = await failure(fetcher({ retries: 3 }).fetch(`${env.server.origin}/gone`));
    expect(error.reason).toBe('http-status');
    expect(error.status).toBe(status);
    expect(env.server.requests).toHaveLength(1);
  });
});

describe('Fetcher: redirects', () => {
  it('follows a chain of redirects, relative and absolute, and reports the final URL', async () => {
    env.server.route('/a', (_req, res) => res.writeHead(301, { location: '/b' }).end());
    env.server.route('/b', (_req, res) => res.writeHead(302, { location: `${env.server.origin}/c` }).end());
    env.server.route('/c', (_req, res) => res.writeHead(307, { location: 'd' }).end());
    env.server.route('/d', (_req, res) => res.end('arrived'));
    const result = await fetcher().fetch(`${env.server.origin}/a`);
    expect(result.url).toBe(`${env.server.origin}/d`);
    expect(Buffer.from(result.body).toString()).toBe('arrived');
    expect(env.server.requests.map((r) => r.path)).toEqual(['/a', '/b', '/c', '/d']);
  });

  it('detects a redirect loop', async () => {
    env.server.route('/x', (_req, res) => res.writeHead(302, { location: '/y' }).end());
    env.server.route('/y', (_req, res) => res.writeHead(302, { location: '/x' }).end());
    const error = await failure(fetcher({ maxRedirects: 10 }).fetch(`${env.server.origin}/x`));
    expect(error.reason).toBe('redirect-loop');
    expect(error.url).toBe(`${env.server.origin}/x`);
    expect(env.server.requests).toHaveLength(2);
  });

  it('stops after maxRedirects', async () => {
    for (let i = 0; i < 10; i += 1) env.server.route(`/r${i}`, (_req, res) => res.writeHead(301, { location: `/r${i + 1}` }).end());
    const error = await failure(fetcher({ maxRedirects: 3 }).fetch(`${env.server.origin}/r0`));
    expect(error.reason).toBe('too-many-redirects');
    expect(env.server.requests).toHaveLength(4);
  });

  it('refuses a redirect to file:// or ftp://', async () => {
    env.server.route('/to-file', (_req, res) => res.writeHead(302, { location: 'file:///etc/passwd' }).end());
    env.server.route('/to-ftp', (_req, res) => res.writeHead(302, { location: 'ftp://127.0.0.1/x' }).end());
    const toFile = await failure(fetcher().fetch(`${env.server.origin}/to-file`));
    expect(toFile.reason).toBe('scheme');
    expect(toFile.message).toContain('file:');
    const toFtp = await failure(fetcher().fetch(`${env.server.origin}/to-ftp`));
    expect(toFtp.reason).toBe('scheme');
  });

  it('names the redirect target when the target fails', async () => {
    env.server.route('/moved', (_req, res) => res.writeHead(301, { location: '/missing' }).end());
    const error = await failure(fetcher().fetch(`${env.server.origin}/moved`));
    expect(error.status).toBe(404);
    expect(error.url).toBe(`${env.server.origin}/missing`);
    expect(error.message).toContain(`${env.server.origin}/missing`);
  });

  it('treats a redirect without Location as an HTTP error', async () => {
    env.server.route('/nowhere', (_req, res) => res.writeHead(302).end());
    const error = await failure(fetcher().fetch(`${env.server.origin}/nowhere`));
    expect(error.reason).toBe('http-status');
    expect(error.status).toBe(302);
  });
});
