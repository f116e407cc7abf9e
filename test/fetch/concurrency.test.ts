import type { ServerResponse } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Fetcher } from '../../src/fetch/index.js';
import { ConcurrencyLimiter } from '../../src/util/limiter.js';
import { startServer, type TestServer } from './server.js';

let a: TestServer;
let b: TestServer;
let fetcher: Fetcher | null = null;

beforeEach(async () => {
  a = await startServer();
  b = await startServer();
});
afterEach(async () => {
  fetcher?.close();
  fetcher = null;
  await a.close();
  await b.close();
});

describe('Fetcher: concurrency limits', () => {
  it('keeps at most perHostConcurrency requests in flight on one host', async () => {
    a.route('/slow', (_req, res) => setTimeout(() => res.end('done'), 60));
    fetcher = new Fetcher({ perHostConcurrency: 2, concurrency: 8, retries: 0, allowPrivateNetworks: true });
    const results = await Promise.all(Array.from({ length: 6 }, () => fetcher!.fetch(`${a.origin}/slow`)));
    expect(results).toHaveLength(6);
    expect(a.requests).toHaveLength(6);
    expect(a.maxInFlight()).toBe(2);
  });

  it('keeps at most `concurrency` requests in flight overall across hosts', async () => {
    let inFlight = 0;
    let peak = 0;
    const slow = (res: ServerResponse) => {
      inFlight += 1;
      peak = Math.max(peak, inFlight);
      setTimeout(() => {
        inFlight -= 1;
        res.end('done');
      }, 60);
    };
    a.route('/slow', (_req, res) => slow(res));
    b.route('/slow', (_req, res) => slow(res));
    fetcher = new Fetcher({ perHostConcurrency: 2, concurrency: 3, retries: 0, allowPrivateNetworks: true });
    const urls = [...Array.from({ length: 4 }, () => `${a.origin}/slow`), ...Array.from({ length: 4 }, () => `${b.origin}/slow`)];
    await Promise.all(urls.map((url) => fetcher!.fetch(url)));
    expect(peak).toBe(3);
    expect(a.maxInFlight()).toBeLessThanOrEqual(2);
    expect(b.maxInFlight()).toBeLessThanOrEqual(2);
  });
});

describe('ConcurrencyLimiter', () => {
  it('lets a waiter for an idle host pass one stuck behind a busy host', async () => {
    const limiter = new ConcurrencyLimiter(2, 1);
    const order: string[] = [];
    const first = await limiter.acquire('x');
    const second = limiter.acquire('x').then((release) => {
      order.push('x2');
      return release;
    });
    const third = limiter.acquire('y').then((release) => {
      order.push('y1');
      return release;
    });
    (await third)();
    expect(order).toEqual(['y1']);
    first();
    (await second)();
    expect(order).toEqual(['y1', 'x2']);
  });

  it('ignores a second release of the same slot', async () => {
    const limiter = new ConcurrencyLimiter(1, 1);
    const release = await limiter.acquire('x');
    release();
    release();
    const next = await limiter.acquire('x');
    let granted = false;
    void limiter.acquire('x').then(() => {
      granted = true;
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(granted).toBe(false);
    next();
  });
});
