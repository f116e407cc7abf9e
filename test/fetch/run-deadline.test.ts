import type { ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { failure, useFetchServer } from './server.js';

const env = useFetchServer({ timeoutMs: 10_000, retries: 0 });

/** Sends a byte every 100 ms and never finishes: each request is well inside its own timeout, forever. */
function trickle(res: ServerResponse): void {
  res.writeHead(200, { 'content-type': 'text/html' });
  const timer = setInterval(() => res.write('x'), 100);
  res.on('close', () => clearInterval(timer));
}

describe('Fetcher: the run deadline', () => {
  it('abandons requests still in flight or waiting for a slot when it passes, and reports them as skipped', async () => {
    for (const path of ['/slow1', '/slow2', '/slow3']) env.server.route(path, (_req, res) => trickle(res));
    const fetcher = env.fetcher({ runDeadlineMs: 500, perHostConcurrency: 1 });
    const started = Date.now();
    const errors = await Promise.all(['/slow1', '/slow2', '/slow3'].map((path) => failure(fetcher.fetch(`${env.server.origin}${path}`))));
    const elapsed = Date.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(450);
    expect(elapsed).toBeLessThan(2000);
    for (const [i, error] of errors.entries()) {
      expect(error.reason).toBe('run-deadline');
      expect(error.message).toBe(
        `skipped ${env.server.origin}/slow${i + 1}: the run's fetch deadline (fetch.runDeadlineMs, 500 ms) passed before it was fetched; the run goes on with what arrived in time. Raise fetch.runDeadlineMs if the sources are slow.`,
      );
    }
    // One slot per host: the second and third never reached the server.
    expect(env.server.requests.map((r) => r.path)).toEqual(['/slow1']);
  });

  it('starts nothing once it has passed, and keeps what arrived before', async () => {
    env.server.route('/quick', (_req, res) => res.end('quick'));
    const fetcher = env.fetcher({ runDeadlineMs: 150 });
    const early = await fetcher.fetch(`${env.server.origin}/quick`);
    expect(Buffer.from(early.body).toString()).toBe('quick');
    await new Promise((resolve) => setTimeout(resolve, 200));
    const error = await failure(fetcher.fetch(`${env.server.origin}/quick`));
    expect(error.reason).toBe('run-deadline');
    expect(env.server.requests).toHaveLength(1);
  });

  it('cuts a retry backoff short', async () => {
    env.server.route('/flaky', (_req, res) => res.writeHead(503, { 'retry-after': '30' }).end());
    const fetcher = env.fetcher({ runDeadlineMs: 300, retries: 3 });
    const started = Date.now();
    const error = await failure(fetcher.fetch(`${env.server.origin}/flaky`));
    expect(error.reason).toBe('run-deadline');
    expect(Date.now() - started).toBeLessThan(1500);
  });
});
