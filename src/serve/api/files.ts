/* Sending a produced file (a job's output or an archived edition) with the right type and a safe policy. */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import type { FastifyReply } from 'fastify';
import { ProblemError } from '../problem.js';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.pdf': 'application/pdf',
  '.json': 'application/json; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
};

/**
 * A rendered briefing carries hostile article text (escaped) and its theme's inline styles: it runs sandboxed, with
 * no script, no network and nothing but its own styles and embedded images.
 */
export const RENDERED_FILE_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; frame-ancestors 'self'; base-uri 'none'; form-action 'none'; sandbox";

export async function sendFile(reply: FastifyReply, path: string, notFound: string): Promise<FastifyReply> {
  const info = await stat(path).catch(() => undefined);
  if (!info?.isFile()) throw new ProblemError(404, 'Not found', notFound);
  const name = basename(path);
  return reply
    .header('content-type', TYPES[extname(name).toLowerCase()] ?? 'application/octet-stream')
    .header('content-length', String(info.size))
    .header('content-disposition', `inline; filename="${name.replace(/[^A-Za-z0-9._-]/g, '_')}"`)
    .header('content-security-policy', RENDERED_FILE_POLICY)
    .header('cache-control', 'private, max-age=300')
    .send(createReadStream(path));
}
