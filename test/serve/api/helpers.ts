import { join } from 'node:path';
import { BrowserManager } from '../../../src/browser/browser-manager.js';
import { loadConfig, type BriefingConfig } from '../../../src/config/index.js';
import { buildServer } from '../../../src/serve/app.js';
import type { ServerContext } from '../../../src/serve/context.js';
import { createJobRunner, type JobRunner } from '../../../src/serve/jobs/index.js';
import { registerPages, renderNotFoundPage } from '../../../src/serve/pages/index.js';
import { openStore, type Store } from '../../../src/store/index.js';
import { editionProject, type EditionProject } from '../../edition/helpers.js';

export const READ_TOKEN = 'reader-token-0123456789abcdef';
export const ADMIN_TOKEN = 'admin-token-0123456789abcdef';
export const TOKENS_ENV = `desk:read:${READ_TOKEN},ops:admin:${ADMIN_TOKEN}`;

export interface TestServer {
  base: string;
  project: EditionProject;
  config: BriefingConfig;
  store: Store;
  browser: BrowserManager;
  jobs: JobRunner;
  logs: Record<string, unknown>[];
  close: () => Promise<void>;
}

export interface TestServerOptions {
  extra?: string;
  formats?: string;
  server?: string;
  /** BRIEFING_TOKENS; '' for none (local mode). */
  tokens?: string;
  now?: Date;
  concurrency?: number;
  queueLimit?: number;
  /** Serve the HTML pages too (the API alone otherwise). */
  pages?: boolean;
  /** Runs on the configuration and store before the server starts (e.g. editions to archive). */
  prepare?: (config: BriefingConfig, store: Store) => Promise<void>;
}

/**
 * A real `briefing serve` app over 127.0.0.1 on a temp edition project (one edition "morning", 2025-07-09..11), with
 * a real SQLite store, one browser pool and the job runner; `now` is 2025-07-11 06:00 UTC unless given.
 */
export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const project = await editionProject({ extra: `${options.extra ?? ''}${options.server ?? ''}`, formats: options.formats });
  const config = await loadConfig({ cwd: project.dir, env: options.tokens === '' ? {} : { BRIEFING_TOKENS: options.tokens ?? TOKENS_ENV } });
  const store = await openStore(config.database);
  await options.prepare?.(config, store);
  const browser = new BrowserManager();
  const logs: Record<string, unknown>[] = [];
  const at = options.now ?? new Date('2025-07-11T06:00:00Z');
  const now = () => at;
  const log = (line: Record<string, unknown>) => void logs.push(line);
  const jobs = await createJobRunner({
    config,
    store,
    browser,
    jobsDir: join(project.dir, 'data', 'jobs'),
    concurrency: options.concurrency ?? config.server.concurrency,
    queueLimit: options.queueLimit ?? config.server.queueLimit,
    now,
    log,
  });
  const ctx: ServerContext = { config, store, browser, jobs, now, log };
  const app = await buildServer(ctx, options.pages ? { pages: registerPages, notFound: renderNotFoundPage(ctx) } : undefined);
  const base = await app.listen({ host: '127.0.0.1', port: 0 });
  return {
    base,
    project,
    config,
    store,
    browser,
    jobs,
    logs,
    close: async () => {
      await app.close();
      await jobs.close({ deadlineMs: 10_000 });
      await browser.close();
      await store.close();
    },
  };
}

export const asReader = { authorization: `Bearer ${READ_TOKEN}` };
export const asAdmin = { authorization: `Bearer ${ADMIN_TOKEN}` };

/** Reads a text/event-stream to its end: each event's name and parsed data. */
export async function readEvents(response: Response): Promise<Array<{ event: string; data: Record<string, unknown> }>> {
  const text = await response.text();
  return text
    .split('\n\n')
    .filter((block) => block.includes('event: '))
    .map((block) => {
      const event = /^event: (.*)$/m.exec(block)![1]!;
      const data = JSON.parse(/^data: (.*)$/m.exec(block)![1]!) as Record<string, unknown>;
      return { event, data };
    });
}

/** Waits until the job is done or failed. */
export async function waitForJob(base: string, id: string, timeoutMs = 60_000): Promise<Record<string, unknown>> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const view = (await (await fetch(`${base}/api/jobs/${id}`, { headers: asReader })).json()) as Record<string, unknown>;
    if (view.state === 'done' || view.state === 'failed') return view;
    if (Date.now() > until) throw new Error(`job ${id} still ${String(view.state)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
