/* Making briefings and following jobs: POST /api/briefings, GET /api/jobs/:id, its SSE stream and its files. */
import { rm } from 'node:fs/promises';
import type { FastifyInstance } from 'fastify';
import type { JobEvent, ServerContext } from '../context.js';
import { ProblemError } from '../problem.js';
import { requireScope } from '../security.js';
import { readBriefingRequest, REQUEST_FORMATS } from '../uploads.js';
import { sendFile } from './files.js';
import { idParam, jobViewSchema, withProblems } from './schemas.js';

/** A comment line every so often keeps proxies from closing a quiet stream while a long stage runs. */
export const SSE_HEARTBEAT_MS = 15_000;

const jsonBriefingSchema = {
  type: 'object',
  properties: {
    urls: { anyOf: [{ type: 'array', items: { type: 'string' } }, { type: 'string' }], description: 'page and feed URLs (http/https)' },
    theme: { type: 'string' },
    paper: { type: 'string', enum: ['a4', 'letter'] },
    title: { type: 'string' },
    formats: { anyOf: [{ type: 'array', items: { type: 'string', enum: [...REQUEST_FORMATS] } }, { type: 'string' }] },
    date: { type: 'string', description: 'YYYY-MM-DD' },
  },
} as const;

export async function registerJobRoutes(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  app.post(
    '/api/briefings',
    {
      preHandler: requireScope('admin', 'api'),
      schema: {
        summary: 'Make a briefing from uploaded files and/or URLs',
        description:
          'multipart/form-data (fields: files (repeated), urls (one per line or repeated), theme, paper, title, formats, date) or application/json with the same fields. Answers 202 with the job; follow Location or /events.',
        tags: ['briefings'],
        consumes: ['multipart/form-data', 'application/json'],
        headers: { type: 'object', properties: { 'idempotency-key': { type: 'string', minLength: 1, maxLength: 200 } } },
        // By content type: a multipart body is read by the handler (into the job's folder), a JSON one checked here.
        body: {
          content: {
            'application/json': { schema: jsonBriefingSchema },
            'multipart/form-data': { schema: { description: 'files (repeated) and the same fields as the JSON body' } },
          },
        },
        response: withProblems({ 202: jobViewSchema }, 400, 401, 403, 413, 415, 429),
      },
    },
    async (request, reply) => {
      const key = headerValue(request.headers['idempotency-key']);
      const staging = await ctx.jobs.createStaging();
      let view;
      try {
        const briefing = await readBriefingRequest(request, ctx, staging);
        view = ctx.jobs.submitBriefing(briefing, { idempotencyKey: key, principal: request.principal, stagingDir: staging });
      } catch (error) {
        await rm(staging, { recursive: true, force: true });
        throw error;
      }
      return reply.code(202).header('location', `/api/jobs/${view.id}`).send(view);
    },
  );

  app.get(
    '/api/jobs/:id',
    {
      preHandler: requireScope('read', 'api'),
      schema: { summary: 'A job: state, stage, outputs, errors', tags: ['jobs'], params: idParam, response: withProblems({ 200: jobViewSchema }, 401, 404) },
    },
    async (request) => {
      const { id } = request.params as { id: string };
      const view = ctx.jobs.get(id);
      if (!view) throw unknownJob(id);
      return view;
    },
  );

  app.get(
    '/api/jobs/:id/events',
    {
      preHandler: requireScope('read', 'api'),
      schema: {
        summary: "A job's progress as server-sent events",
        description: 'text/event-stream: every event so far, then each new one (event: stage, then done or failed); closes after done or failed.',
        tags: ['jobs'],
        params: idParam,
        response: withProblems({ 200: { type: 'string', description: 'text/event-stream' } }, 401, 404),
      },
    },
    async (request, reply) => {
      const { id } = request.params as { id: string };
      if (!ctx.jobs.get(id)) throw unknownJob(id);
      reply.hijack();
      const raw = reply.raw;
      raw.writeHead(200, {
        ...(reply.getHeaders() as Record<string, string>),
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      let sequence = 0;
      let ended = false;
      const heartbeat = setInterval(() => raw.write(': keep-alive\n\n'), SSE_HEARTBEAT_MS);
      const end = () => {
        if (ended) return;
        ended = true;
        clearInterval(heartbeat);
        unsubscribe?.();
        raw.end();
      };
      let unsubscribe: (() => void) | undefined;
      const send = (event: JobEvent) => {
        if (ended) return;
        sequence += 1;
        raw.write(`id: ${sequence}\nevent: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
        // The last event of a finished job: the stream is done (a client that reconnects gets the replay again).
        if (event.type !== 'stage') queueMicrotask(end);
      };
      // Leaving only unsubscribes: the job runs on for whoever else waits for it.
      request.raw.on('close', end);
      unsubscribe = ctx.jobs.subscribe(id, send);
      if (ended) unsubscribe();
    },
  );

  app.get(
    '/api/jobs/:id/:file',
    {
      preHandler: requireScope('read', 'api'),
      schema: {
        summary: 'A file a finished briefing job made',
        tags: ['jobs'],
        params: { type: 'object', properties: { id: { type: 'string', maxLength: 200 }, file: { type: 'string', maxLength: 300 } }, required: ['id', 'file'] },
        response: withProblems({ 200: { type: 'string', format: 'binary' } }, 401, 404),
      },
    },
    async (request, reply) => {
      const { id, file } = request.params as { id: string; file: string };
      const path = ctx.jobs.outputPath(id, file);
      const missing = `job ${id} has no file "${file}"; its outputs are listed at GET /api/jobs/${id} once it is done.`;
      if (!path) throw new ProblemError(404, 'Not found', missing);
      return sendFile(reply, path, missing);
    },
  );
}

function unknownJob(id: string): ProblemError {
  return new ProblemError(404, 'No such job', `there is no job ${id}: jobs are kept for a day (the last 100) and not across restarts; make the briefing again.`);
}

function headerValue(value: string | string[] | undefined): string | undefined {
  const one = Array.isArray(value) ? value[0] : value;
  return one && one.trim() ? one.trim() : undefined;
}
