/*
 * Errors as RFC 9457 problem+json, one shape for every failure of the API: `detail` says what to do about it.
 */
import type { FastifyReply } from 'fastify';

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
}

/** Thrown by routes and request readers; the app's error handler answers it as it is. */
export class ProblemError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(detail);
    this.name = 'ProblemError';
  }
}

export function problem(status: number, title: string, detail: string): Problem {
  return { type: 'about:blank', title, status, detail };
}

export function sendProblem(reply: FastifyReply, status: number, title: string, detail: string, headers: Record<string, string> = {}) {
  for (const [name, value] of Object.entries(headers)) reply.header(name, value);
  return reply.code(status).type('application/problem+json').send(problem(status, title, detail));
}

interface ErrorLike {
  name?: string;
  message?: string;
  code?: string;
  statusCode?: number;
  validation?: unknown;
  validationContext?: string;
}

/**
 * What an error thrown anywhere in a request means for the client. Unknown errors are a 500 whose detail hides the
 * message (it may carry paths); the caller logs them.
 */
export function problemOf(error: unknown, limits: { maxUploadBytes: number; maxUploadFiles: number }): Problem & { headers: Record<string, string>; unexpected: boolean } {
  const plain = (status: number, title: string, detail: string, headers: Record<string, string> = {}) => ({ ...problem(status, title, detail), headers, unexpected: false });
  if (error instanceof ProblemError) return plain(error.status, error.title, error.detail, error.headers);
  const e = (error ?? {}) as ErrorLike;
  if (e.validation) {
    return plain(400, 'Invalid request', `${e.message ?? 'the request does not match its schema'}. See /api/openapi.json for what this route accepts.`);
  }
  if (e.name === 'JobQueueFullError' || e.name === 'BrowserBusyError') {
    return plain(429, 'Too busy', `${e.message ?? 'the server is busy'} Try again in a little while.`, { 'retry-after': '10' });
  }
  if (e.code === 'FST_CSRF_MISSING_SECRET' || e.code === 'FST_CSRF_INVALID_TOKEN') {
    return plain(403, 'Form expired or forged', 'a form post needs the CSRF token of the page it came from: reload the page and send it again. Scripts send "Authorization: Bearer TOKEN" instead.');
  }
  if (e.code === 'FST_FILES_LIMIT' || e.code === 'FST_PARTS_LIMIT') {
    return plain(413, 'Too many files', `send at most ${limits.maxUploadFiles} files in one request (server.maxUploadFiles), or split the request.`);
  }
  if (e.code === 'FST_REQ_FILE_TOO_LARGE' || e.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || e.statusCode === 413) {
    return plain(413, 'Upload too large', `send at most ${limits.maxUploadBytes} bytes in one request (server.maxUploadBytes), or split the request.`);
  }
  if (e.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || e.statusCode === 415) {
    return plain(415, 'Unsupported content type', 'send multipart/form-data (files and fields) or application/json.');
  }
  if (typeof e.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500) {
    return plain(e.statusCode, 'Bad request', e.message ?? 'the request was not understood.');
  }
  return { ...problem(500, 'Internal error', 'something went wrong on the server; its log has the details. Try again, and report it if it persists.'), headers: {}, unexpected: true };
}
