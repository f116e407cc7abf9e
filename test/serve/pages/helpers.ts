// A real `briefing serve` (the app, the API, security and these pages) over 127.0.0.1, on a temp edition project
// whose "morning" edition was run for three days (2025-07-09..11) by the real runEdition, into a real SQLite file.
import { join } from 'node:path';
import { BrowserManager } from '../../../src/browser/browser-manager.js';
import { loadConfig, type BriefingConfig } from '../../../src/config/index.js';
import { runEdition } from '../../../src/edition/run-edition.js';
import { buildServer } from '../../../src/serve/app.js';
import type { ServerContext } from '../../../src/serve/context.js';
import { createJobRunner, type JobRunner } from '../../../src/serve/jobs/index.js';
import { registerPages, renderNotFoundPage } from '../../../src/serve/pages/index.js';
import { openStore, type Store } from '../../../src/store/index.js';
import { DAYS, editionProject, type EditionProject } from '../../edition/helpers.js';

export const READ_TOKEN = 'reader-token-0123456789abcdef';
export const ADMIN_TOKEN = 'admin-token-0123456789abcdef';
export const TOKENS_ENV = `desk:read:${READ_TOKEN},ops:admin:${ADMIN_TOKEN}`;
export const EDITION_DATES = Object.keys(DAYS);

export interface PagesServer {
  base: string;
  project: EditionProject;
  config: BriefingConfig;
  store: Store;
  jobs: JobRunner;
  logs: Record<string, unknown>[];
  close: () => Promise<void>;
}

/** The server, after the edition "morning" ran (and delivered to its file channel) on each of the three days. */
export async function startPagesServer(options: { tokens?: string; extra?: string } = {}): Promise<PagesServer> {
  const project = await editionProject({ formats: 'json, md, html', extra: options.extra });
  const config = await loadConfig({ cwd: project.dir, env: options.tokens === '' ? {} : { BRIEFING_TOKENS: options.tokens ?? TOKENS_ENV } });
  const store = await openStore(config.database);
  for (const date of EDITION_DATES) {
    const outcome = await runEdition(config, 'morning', { date, now: new Date(`${date}T23:00:00Z`), deliver: true, store });
    if (outcome.status !== 'success') throw new Error(`edition of ${date}: ${outcome.status} ${outcome.error ?? ''}`);
  }
  const browser = new BrowserManager();
  const logs: Record<string, unknown>[] = [];
  const now = () => new Date('2025-07-11T23:30:00Z');
  const log = (line: Record<string, unknown>) => void logs.push(line);
  const jobs = await createJobRunner({
    config,
    store,
    browser,
    jobsDir: join(project.dir, 'data', 'jobs'),
    concurrency: config.server.concurrency,
    queueLimit: config.server.queueLimit,
    now,
    log,
  });
  const ctx: ServerContext = { config, store, browser, jobs, now, log };
  const app = await buildServer(ctx, { pages: registerPages, notFound: renderNotFoundPage(ctx) });
  const base = await app.listen({ host: '127.0.0.1', port: 0 });
  return {
    base,
    project,
    config,
    store,
    jobs,
    logs,
    close: async () => {
      await app.close();
      await jobs.close({ deadlineMs: 10_000 });
      await browser.close();
      store.close();
    },
  };
}

/** A browser-like session: keeps cookies, reads the CSRF token from a page, signs in with a token. */
export class Session {
  private cookies = new Map<string, string>();
  constructor(readonly base: string) {}

  async get(path: string): Promise<Response> {
    const response = await fetch(this.base + path, { headers: this.headers(), redirect: 'manual' });
    this.keep(response);
    return response;
  }

  async post(path: string, body: URLSearchParams | FormData): Promise<Response> {
    const response = await fetch(this.base + path, { method: 'POST', body, headers: { ...this.headers(), origin: this.base }, redirect: 'manual' });
    this.keep(response);
    return response;
  }

  /** The `_csrf` value of the first form on a page. */
  async csrf(path: string): Promise<string> {
    const html = await (await this.get(path)).text();
    const match = /name="_csrf" value="([^"]+)"|_csrf=([^"&]+)"/.exec(html);
    if (!match) throw new Error(`no CSRF token on ${path}`);
    return (match[1] ?? match[2])!.replace(/&#x3D;/g, '=');
  }

  async signIn(token: string): Promise<Response> {
    const csrf = await this.csrf('/signin');
    return this.post('/signin', new URLSearchParams({ token, next: '/', _csrf: csrf }));
  }

  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private headers(): Record<string, string> {
    return this.cookies.size > 0 ? { cookie: this.cookieHeader() } : {};
  }

  private keep(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq);
      const value = pair!.slice(eq + 1);
      if (value === '' || /max-age=0|expires=thu, 01 jan 1970/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
}

/** Entity-decoded text of an HTML fragment, for matching what a reader sees. */
export function decodeEntities(html: string): string {
  return html
    .replace(/&#x([0-9a-f]+);/gi, (_m, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_m, dec: string) => String.fromCodePoint(Number(dec)))
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}
