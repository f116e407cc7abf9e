import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { AddressGuard, AddressRefusedError } from '../../src/fetch/address-guard.js';
import { Fetcher } from '../../src/fetch/index.js';
import { failure, startServer, type TestServer } from './server.js';

/** A server on another loopback address, standing for an internal host a redirect points at. */
async function serverOn(host: string): Promise<{ origin: string; hits: () => number; close: () => Promise<void> }> {
  let hits = 0;
  const server = http.createServer((_req, res) => {
    hits += 1;
    res.end('internal secret');
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://${host}:${port}`,
    hits: () => hits,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function server(): Promise<TestServer> {
  const s = await startServer();
  cleanups.push(() => s.close());
  s.route('/internal-admin', (_req, res) => res.end('admin'));
  return s;
}

function fetcher(options: ConstructorParameters<typeof Fetcher>[0] = {}): Fetcher {
  const f = new Fetcher({ retries: 0, timeoutMs: 2000, ...options });
  cleanups.push(() => f.close());
  return f;
}

describe('Fetcher: private addresses are refused by default', () => {
  it('refuses 127.0.0.1 before connecting, with a message naming the URL and how to allow it', async () => {
    const s = await server();
    const url = `${s.origin}/internal-admin`;
    const error = await failure(fetcher().fetch(url));
    expect(error.reason).toBe('refused');
    expect(error.url).toBe(url);
    expect(error.message).toBe(`refused ${url}: 127.0.0.1 is a loopback address; set fetch.allowPrivateNetworks or fetch.allowHosts to allow it`);
    expect(s.requests).toHaveLength(0);
  });

  it('checks a host name on the address it resolves to (localhost), inside the connection', async () => {
    const s = await server();
    const url = s.origin.replace('127.0.0.1', 'localhost') + '/internal-admin';
    const error = await failure(fetcher().fetch(url));
    expect(error.reason).toBe('refused');
    expect(error.message).toMatch(/^refused http:\/\/localhost:\d+\/internal-admin: localhost resolves to (127\.0\.0\.1|::1), which is a loopback address/);
    expect(s.requests).toHaveLength(0);
  });

  it('refuses an IPv4-mapped IPv6 spelling of a loopback address', async () => {
    const s = await server();
    const port = new URL(s.origin).port;
    const error = await failure(fetcher().fetch(`http://[::ffff:127.0.0.1]:${port}/internal-admin`));
    expect(error.reason).toBe('refused');
    expect(s.requests).toHaveLength(0);
  });

  it('does not retry a refusal', async () => {
    const s = await server();
    const started = Date.now();
    const error = await failure(fetcher({ retries: 3, retryBaseDelayMs: 500 }).fetch(`${s.origin}/internal-admin`));
    expect(error.reason).toBe('refused');
    expect(Date.now() - started).toBeLessThan(400);
  });

  it('fetches it with allowPrivateNetworks, or when the address, its range or the host name is allowed', async () => {
    const s = await server();
    const url = `${s.origin}/internal-admin`;
    for (const options of [{ allowPrivateNetworks: true }, { allowHosts: ['127.0.0.1'] }, { allowHosts: ['127.0.0.0/8'] }]) {
      const result = await fetcher(options).fetch(url);
      expect(Buffer.from(result.body).toString()).toBe('admin');
    }
    const byName = await fetcher({ allowHosts: ['localhost'] }).fetch(url.replace('127.0.0.1', 'localhost'));
    expect(Buffer.from(byName.body).toString()).toBe('admin');
    expect(s.requests).toHaveLength(4);
    // An allowed name does not allow every private address.
    const other = await failure(fetcher({ allowHosts: ['localhost', '10.0.0.0/8'] }).fetch(url));
    expect(other.reason).toBe('refused');
    expect(s.requests).toHaveLength(4);
  });
});

describe('Fetcher: every redirect goes through the same check', () => {
  it('refuses a redirect from an allowed host to a private one, and never contacts it', async () => {
    const s = await server();
    const internal = await serverOn('127.0.0.2');
    cleanups.push(() => internal.close());
    s.route('/moved', (_req, res) => res.writeHead(302, { location: `${internal.origin}/latest/meta-data/` }).end());
    const error = await failure(fetcher({ allowHosts: ['127.0.0.1'] }).fetch(`${s.origin}/moved`));
    expect(error.reason).toBe('refused');
    expect(error.url).toBe(`${internal.origin}/latest/meta-data/`);
    expect(error.message).toBe(
      `refused ${s.origin}/moved: it redirects to ${internal.origin}/latest/meta-data/: 127.0.0.2 is a loopback address; set fetch.allowPrivateNetworks or fetch.allowHosts to allow it`,
    );
    expect(s.requests.map((r) => r.path)).toEqual(['/moved']);
    expect(internal.hits()).toBe(0);
    // The same redirect is followed once the target is allowed too.
    const result = await fetcher({ allowHosts: ['127.0.0.1', '127.0.0.2'] }).fetch(`${s.origin}/moved`);
    expect(Buffer.from(result.body).toString()).toBe('internal secret');
    expect(internal.hits()).toBe(1);
  });
});

describe('AddressGuard.lookup', () => {
  type Answer = Array<{ address: string; family: number }>;
  const resolverOf = (answer: Answer) =>
    ((_host: string, _options: unknown, callback: (error: null, addresses: Answer) => void) => callback(null, answer)) as unknown as typeof import('node:dns').lookup;
  const lookup = (guard: AddressGuard, all: boolean) =>
    new Promise<{ error: Error | null; address: unknown }>((resolve) => guard.lookup('feeds.example', { all }, (error, address) => resolve({ error, address })));

  it('connects only to the allowed addresses of a mixed answer, and fails when none is left', async () => {
    const mixed = new AddressGuard({ allowPrivateNetworks: false, allowHosts: [] }, resolverOf([{ address: '169.254.169.254', family: 4 }, { address: '93.184.216.34', family: 4 }]));
    expect(await lookup(mixed, false)).toEqual({ error: null, address: '93.184.216.34' });
    expect(await lookup(mixed, true)).toEqual({ error: null, address: [{ address: '93.184.216.34', family: 4 }] });
    const internal = new AddressGuard({ allowPrivateNetworks: false, allowHosts: [] }, resolverOf([{ address: 'fd00:ec2::254', family: 6 }]));
    const { error } = await lookup(internal, true);
    expect(error).toBeInstanceOf(AddressRefusedError);
    expect(error!.message).toBe('feeds.example resolves to fd00:ec2::254, which is a private address; set fetch.allowPrivateNetworks or fetch.allowHosts to allow it');
    const wildcard = new AddressGuard({ allowPrivateNetworks: false, allowHosts: ['*.example'] }, resolverOf([{ address: '10.0.0.7', family: 4 }]));
    expect(await lookup(wildcard, false)).toEqual({ error: null, address: '10.0.0.7' });
  });
});
