import { afterEach, beforeEach, expect } from 'vitest';
import { FetchError, Fetcher, type FetchOptions } from '../../src/fetch/index.js';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Handler = (req: IncomingMessage, res: ServerResponse, count: number) => void;

export interface TestServer {
  /** Base URL, e.g. http://127.0.0.1:41234 */
  origin: string;
  /** Every request seen, in arrival order. */
  requests: Array<{ path: string; headers: http.IncomingHttpHeaders }>;
  /** The most requests that were in flight at once. */
  maxInFlight: () => number;
  route: (path: string, handler: Handler) => void;
  close: () => Promise<void>;
}

/** A real HTTP server on 127.0.0.1 with per-path handlers; handlers get the 1-based count of requests to their path. */
export async function startServer(): Promise<TestServer> {
  const routes = new Map<string, Handler>();
  const counts = new Map<string, number>();
  const requests: TestServer['requests'] = [];
  let inFlight = 0;
  let peak = 0;
  const server = http.createServer((req, res) => {
    const path = req.url ?? '/';
    requests.push({ path, headers: req.headers });
    inFlight += 1;
    peak = Math.max(peak, inFlight);
    res.on('close', () => {
      inFlight -= 1;
    });
    const count = (counts.get(path) ?? 0) + 1;
    counts.set(path, count);
    const handler = routes.get(path);
    if (!handler) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    handler(req, res, count);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    maxInFlight: () => peak,
    route: (path, handler) => routes.set(path, handler),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The FetchError a fetch is expected to fail with (the test fails if it succeeds or throws something else). */
export async function failure(promise: Promise<unknown>): Promise<FetchError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(FetchError);
    return error as FetchError;
  }
  throw new Error('expected the fetch to fail');
}

/**
 * A fresh server for every test of the calling file and a `fetcher(options)` whose fetchers are closed after each
 * test; `env.server` is the current test's server.
 */
export function useFetchServer(defaults: FetchOptions): { readonly server: TestServer; fetcher: (options?: FetchOptions) => Fetcher } {
  let current: TestServer | undefined;
  const fetchers: Fetcher[] = [];
  beforeEach(async () => {
    current = await startServer();
  });
  afterEach(async () => {
    for (const f of fetchers.splice(0)) f.close();
    await current?.close();
  });
  return {
    get server() {
      return current!;
    },
    fetcher(options: FetchOptions = {}) {
      // The test servers listen on 127.0.0.1, which the default policy refuses (see address tests).
      const f = new Fetcher({ allowPrivateNetworks: true, ...defaults, ...options });
      fetchers.push(f);
      return f;
    },
  };
}
