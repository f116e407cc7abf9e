/*
 * Making a briefing from the browser: the form, its post (read by the same request reader as the API, then queued),
 * the job's progress page, and the stories of its result.
 */
import { rm } from 'node:fs/promises';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Briefing } from '../../model/schema.js';
import { listThemes, templatesDir, DEFAULT_THEME } from '../../render/theme.js';
import type { JobView, ServerContext } from '../context.js';
import { problemOf } from '../problem.js';
import { requireScope } from '../security.js';
import { readBriefingRequest } from '../uploads.js';
import { readBriefingFile } from './edition-data.js';
import { jobPageModel } from './job-model.js';
import { storyView } from './models.js';
import { sendNotFound, sendPage } from './page.js';

/** Built-in themes and those of the configured themes folder, by name. */
export async function themeNames(ctx: ServerContext): Promise<string[]> {
  const builtIn = await listThemes(templatesDir());
  const own = ctx.config.themesDir ? await listThemes(ctx.config.themesDir) : [];
  return [...new Set([...builtIn, ...own])].sort();
}

export async function registerJobPages(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  const admin = requireScope('admin', 'page');
  const read = requireScope('read', 'page');

  const showForm = async (request: FastifyRequest, reply: FastifyReply, error?: { title: string; detail: string }, status = 200) => {
    const themes = (await themeNames(ctx)).map((name) => ({ name, selected: name === DEFAULT_THEME }));
    return sendPage(ctx, request, reply, 'make', { title: 'Make a briefing', section: 'make' }, {
      themes,
      values: { paper: 'a4' },
      defaultTitle: ctx.config.title,
      maxFiles: ctx.config.server.maxUploadFiles,
      error,
    }, status);
  };

  app.get('/make', { preHandler: admin }, (request, reply) => showForm(request, reply));

  app.post('/make', { preHandler: admin }, async (request, reply) => {
    const staging = await ctx.jobs.createStaging();
    let view: JobView;
    try {
      const briefing = await readBriefingRequest(request, ctx, staging);
      view = ctx.jobs.submitBriefing(briefing, { principal: request.principal, stagingDir: staging });
    } catch (error) {
      await rm(staging, { recursive: true, force: true });
      const problem = problemOf(error, ctx.config.server);
      if (problem.unexpected) ctx.log({ event: 'page.error', level: 'error', url: request.url, message: (error as Error)?.stack ?? String(error) });
      // A multipart body the reader stopped early must not be left half-read on the connection.
      if (problem.status === 413) reply.header('connection', 'close');
      return showForm(request, reply, { title: problem.title, detail: problem.detail }, problem.status);
    }
    return reply.code(303).header('location', `/jobs/${encodeURIComponent(view.id)}`).send();
  });

  app.get('/jobs/:id', { preHandler: read }, async (request, reply) => {
    const { id } = request.params as { id: string };
    const job = ctx.jobs.get(id);
    if (!job) return sendNotFound(ctx, request, reply, 'There is no such job. Finished jobs are kept for a while only; make the briefing again.');
    const model = jobPageModel(job, job.state === 'done' ? await jobBriefing(job) : undefined, ctx.config.timezone);
    return sendPage(ctx, request, reply, 'job', { title: model.heading, section: 'make', refreshSeconds: model.finished ? undefined : 2 }, model);
  });

  app.get('/jobs/:id/stories/:threadId', { preHandler: read }, async (request, reply) => {
    const { id, threadId } = request.params as { id: string; threadId: string };
    const job = ctx.jobs.get(id);
    const briefing = job?.state === 'done' ? await jobBriefing(job) : undefined;
    const thread = briefing?.threads.find((t) => t.id === threadId);
    if (!job || !briefing || !thread) return sendNotFound(ctx, request, reply, 'There is no such story: the job is unknown, not finished, made no JSON, or has no story with that id.');
    return sendPage(ctx, request, reply, 'story', { title: thread.headline, section: 'make' }, {
      ...storyView(briefing, thread),
      back: { href: `/jobs/${encodeURIComponent(id)}`, label: briefing.title },
    });
  });

  /** The job's JSON output, which every story page is drawn from. */
  function jobBriefing(job: JobView): Promise<Briefing | undefined> {
    const url = job.outputs.json;
    const filename = url?.split('/').pop();
    return readBriefingFile(filename ? ctx.jobs.outputPath(job.id, decodeURIComponent(filename)) : undefined);
  }
}
