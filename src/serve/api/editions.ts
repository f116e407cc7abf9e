/* The archive over HTTP: GET /api/editions, GET /api/editions/:name/:date.:format, POST /api/editions/:name/run. */
import { EDITION_NAME } from '../../config/editions.js';
import { realpath } from 'node:fs/promises';
import { isAbsolute, join, resolve, sep } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { getEdition, listEditions, type EditionRecord } from '../../store/index.js';
import type { ServerContext } from '../context.js';
import { ProblemError } from '../problem.js';
import { requireScope } from '../security.js';
import { sendFile } from './files.js';
import { jobViewSchema, withProblems } from './schemas.js';

const EDITION_FILE = /^(\d{4}-\d{2}-\d{2})\.(json|html|pdf|md)$/;

const editionSchema = {
  type: 'object',
  properties: {
    name: { type: 'string' },
    date: { type: 'string' },
    status: { type: 'string' },
    startedAt: { type: 'string' },
    finishedAt: { type: 'string', nullable: true },
    error: { type: 'string', nullable: true },
    outputs: { type: 'object', additionalProperties: { type: 'string' }, description: 'URLs of the files, by format.' },
  },
} as const;

export async function registerEditionRoutes(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  app.get(
    '/api/editions',
    {
      preHandler: requireScope('read', 'api'),
      schema: {
        summary: 'Editions: the configured names and every recorded run, newest first',
        tags: ['editions'],
        querystring: {
          type: 'object',
          properties: { name: { type: 'string', pattern: EDITION_NAME.source }, limit: { type: 'integer', minimum: 1, maximum: 1000, default: 100 } },
        },
        response: withProblems(
          { 200: { type: 'object', properties: { names: { type: 'array', items: { type: 'string' } }, editions: { type: 'array', items: editionSchema } } } },
          400,
          401,
        ),
      },
    },
    async (request) => {
      const query = request.query as { name?: string; limit: number };
      const records = await ctx.store.read((db) => listEditions(db, { edition: query.name, limit: query.limit }));
      return { names: ctx.config.editions.map((e) => e.name), editions: records.map(editionView) };
    },
  );

  app.get(
    '/api/editions/:name/:file',
    {
      preHandler: requireScope('read', 'api'),
      schema: {
        summary: 'One archived edition file: /api/editions/NAME/YYYY-MM-DD.(json|html|pdf|md)',
        tags: ['editions'],
        params: {
          type: 'object',
          properties: { name: { type: 'string', maxLength: 100 }, file: { type: 'string', maxLength: 40 } },
          required: ['name', 'file'],
        },
        response: withProblems({ 200: { type: 'string', format: 'binary' } }, 400, 401, 404),
      },
    },
    async (request, reply) => {
      const { name, file } = request.params as { name: string; file: string };
      if (!EDITION_NAME.test(name)) throw new ProblemError(400, 'Invalid edition name', 'an edition name has letters, digits, - and _ only (see GET /api/editions).');
      const match = EDITION_FILE.exec(file);
      if (!match || Number.isNaN(Date.parse(`${match[1]}T00:00:00Z`))) {
        throw new ProblemError(400, 'Invalid file', 'ask for YYYY-MM-DD.json, .html, .pdf or .md (see GET /api/editions for the dates).');
      }
      const [, date, format] = match as unknown as [string, string, string];
      const missing = `edition ${name} has no ${format} of ${date}; GET /api/editions lists what was made.`;
      const record = await ctx.store.read((db) => getEdition(db, name, date));
      const output = record?.status === 'ok' ? outputsOf(record).find((o) => o.format === format) : undefined;
      if (!output) throw new ProblemError(404, 'Not found', missing);
      const path = await insideEditionFolder(ctx, name, output.path);
      if (!path) throw new ProblemError(404, 'Not found', missing);
      return sendFile(reply, path, missing);
    },
  );

  app.post(
    '/api/editions/:name/run',
    {
      preHandler: requireScope('admin', 'api'),
      schema: {
        summary: 'Run a configured edition now (produce, record, deliver)',
        tags: ['editions'],
        params: { type: 'object', properties: { name: { type: 'string', maxLength: 100 } }, required: ['name'] },
        headers: { type: 'object', properties: { 'idempotency-key': { type: 'string', minLength: 1, maxLength: 200 } } },
        body: { type: 'object', nullable: true, properties: { date: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' } }, additionalProperties: false },
        response: withProblems({ 202: jobViewSchema }, 400, 401, 403, 404, 429),
      },
    },
    async (request, reply) => {
      const { name } = request.params as { name: string };
      if (!ctx.config.editions.some((e) => e.name === name)) {
        const known = ctx.config.editions.map((e) => e.name);
        throw new ProblemError(404, 'No such edition', known.length ? `no edition is named "${name}"; the configuration has ${known.join(', ')}.` : 'the configuration has no editions; add one under editions:.');
      }
      const body = (request.body ?? {}) as { date?: string };
      const key = request.headers['idempotency-key'];
      const view = ctx.jobs.runEdition(name, { date: body.date, idempotencyKey: typeof key === 'string' ? key : undefined, principal: request.principal });
      return reply.code(202).header('location', `/api/jobs/${view.id}`).send(view);
    },
  );
}

function editionView(record: EditionRecord) {
  const outputs: Record<string, string> = {};
  if (record.status === 'ok') {
    for (const o of outputsOf(record)) outputs[o.format] = `/api/editions/${encodeURIComponent(record.edition)}/${record.date}.${o.format}`;
  }
  return { name: record.edition, date: record.date, status: record.status, startedAt: record.startedAt, finishedAt: record.finishedAt, error: record.error, outputs };
}

function outputsOf(record: EditionRecord): Array<{ format: string; path: string }> {
  return record.outputs.filter((o): o is { format: string; path: string } => {
    const v = o as { format?: unknown; path?: unknown };
    return typeof v?.format === 'string' && typeof v.path === 'string';
  });
}

/** The recorded path, only when it really is inside `<outDir>/<name>/` (links resolved): the store is not trusted blindly. */
async function insideEditionFolder(ctx: ServerContext, name: string, recorded: string): Promise<string | undefined> {
  const absolute = isAbsolute(recorded) ? recorded : resolve(ctx.config.baseDir, recorded);
  const [real, folder] = await Promise.all([realpath(absolute).catch(() => undefined), realpath(join(ctx.config.outDir, name)).catch(() => undefined)]);
  return real && folder && real.startsWith(folder + sep) ? real : undefined;
}
