import http, { type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import https from 'node:https';
import { AddressRefusedError, type LookupFunction } from './address-guard.js';
import { FetchError } from './errors.js';
import { headerValue } from './headers.js';

export interface RequestLimits {
  connectTimeoutMs: number;
  timeoutMs: number;
  maxBytes: number;
}

export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  /** Still encoded as the server sent it (Content-Encoding not yet undone); empty unless the status is 2xx. */
  body: Buffer;
}

export interface Agents {
  http: http.Agent;
  https: https.Agent;
}

/** What every connection of a Fetcher goes through: the address check and the run's deadline. */
export interface RequestGuards {
  /** Resolves host names and refuses addresses the policy does not allow (see AddressGuard). */
  lookup: LookupFunction;
  /** Aborted when the run's fetch deadline passes. */
  signal: AbortSignal;
  /** The error reported for a request the deadline cut short. */
  deadlineError: (href: string) => FetchError;
}

/**
 * One GET, no redirects followed. Bodies are read only for 2xx answers: for redirects and errors
 * the caller needs the status and headers alone, and skipping the body avoids reading junk.
 */
export function requestOnce(url: URL, headers: Record<string, string>, limits: RequestLimits, agents: Agents, guards: RequestGuards): Promise<RawResponse> {
  const href = url.href;
  if (guards.signal.aborted) return Promise.reject(guards.deadlineError(href));
  return new Promise<RawResponse>((resolve, reject) => {
    let settled = false;
    let connectTimer: NodeJS.Timeout | undefined;
    const onDeadline = () => finish(guards.deadlineError(href));
    const finish = (error: FetchError | null, response?: RawResponse) => {
      if (settled) return;
      settled = true;
      clearTimeout(wholeTimer);
      clearTimeout(connectTimer);
      guards.signal.removeEventListener('abort', onDeadline);
      if (error) {
        request.destroy();
        reject(error);
      } else {
        resolve(response!);
      }
    };

    const transport = url.protocol === 'https:' ? https : http;
    const request = transport.request(url, {
      method: 'GET',
      headers,
      agent: url.protocol === 'https:' ? agents.https : agents.http,
      // Every new connection resolves through the guard, so the address checked is the address connected to.
      lookup: guards.lookup,
    });
    guards.signal.addEventListener('abort', onDeadline, { once: true });

    const wholeTimer = setTimeout(() => {
      finish(new FetchError(href, 'timeout', `Fetching ${href} took longer than ${limits.timeoutMs} ms: the server is too slow or stalled; retry later or raise the fetch timeout.`));
    }, limits.timeoutMs);

    request.on('socket', (socket) => {
      // A reused keep-alive socket is already connected; only fresh ones need the connect deadline.
      if (!socket.connecting) return;
      connectTimer = setTimeout(() => {
        finish(new FetchError(href, 'connect-timeout', `Could not connect to ${url.host} within ${limits.connectTimeoutMs} ms (${href}): check the URL and the network, or raise the connect timeout.`));
      }, limits.connectTimeoutMs);
      socket.once('connect', () => clearTimeout(connectTimer));
    });

    request.on('error', (error: NodeJS.ErrnoException) => {
      if (error instanceof AddressRefusedError) {
        finish(refused(href, error));
        return;
      }
      const code = error.code ? ` (${error.code})` : '';
      finish(new FetchError(href, 'network', `Fetching ${href} failed: ${error.message}${code}. Check the URL and that the server is reachable.`, { cause: error }));
    });

    request.on('response', (response: IncomingMessage) => {
      const status = response.statusCode ?? 0;
      if (status < 200 || status > 299) {
        finish(null, { status, headers: response.headers, body: Buffer.alloc(0) });
        // Destroyed, not drained: an error page may be endless, and the deadline no longer guards it after finish().
        response.destroy();
        return;
      }
      // Callbacks rather than a promise: a cap violation must settle before destroy() emits its own errors.
      readBody(response, href, limits.maxBytes, (error, body) => {
        if (error) finish(error);
        else finish(null, { status, headers: response.headers, body: body! });
      });
    });

    request.end();
  });
}

function readBody(response: IncomingMessage, href: string, maxBytes: number, done: (error: FetchError | null, body?: Buffer) => void): void {
  let settled = false;
  const settle = (error: FetchError | null, body?: Buffer) => {
    if (settled) return;
    settled = true;
    done(error, body);
    if (error) response.destroy();
  };
  const declared = Number(headerValue(response.headers, 'content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    settle(tooLarge(href, maxBytes, `the server announced ${declared} bytes`));
    return;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  response.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size > maxBytes) {
      settle(tooLarge(href, maxBytes, 'the body kept coming past the cap'));
      return;
    }
    chunks.push(chunk);
  });
  response.on('end', () => settle(null, Buffer.concat(chunks, size)));
  response.on('error', (error) => settle(new FetchError(href, 'network', `Reading the response from ${href} failed: ${error.message}. Retry later.`, { cause: error })));
  response.on('aborted', () => settle(new FetchError(href, 'network', `The server closed the connection before sending all of ${href}. Retry later.`)));
}

export function refused(href: string, error: AddressRefusedError): FetchError {
  return new FetchError(href, 'refused', `refused ${href}: ${error.message}`, { cause: error });
}

export function tooLarge(href: string, maxBytes: number, detail: string): FetchError {
  return new FetchError(href, 'too-large', `${href} is larger than the ${maxBytes}-byte cap (${detail}): raise the fetch size cap (maxBytes) if this source is legitimate.`);
}
