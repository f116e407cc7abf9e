import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { basename } from 'node:path';
import type { BrowserManager } from '../browser/browser-manager.js';
import type { Briefing } from '../model/schema.js';
import type { Branding } from '../render/branding.js';
import type { Paper } from '../render/html.js';
import { TemplateSyntaxError } from '../render/template-errors.js';
import { resolveThemeDir, ThemeTemplateError } from '../render/theme.js';
import { errorPage, shellPage } from './preview-pages.js';
import { ThemeWatcher } from './preview-watch.js';
import { readManifestInfo, readThemeSources } from './theme-files.js';
import { themeWarnings } from './theme-warnings.js';
import { validateTheme, type ThemeProblem } from './validate.js';

/** What `generate` would be given besides the theme: the same settings make the same page. */
export interface PreviewRenderSettings {
  branding?: Branding;
  locale?: string;
  paper?: Paper;
  editorNote?: string;
  /** Where relative theme paths and the branding's logo are resolved from (the configuration's folder). */
  cwd?: string;
  themesDir?: string;
}

/** A themed e-mail body, as the e-mail renderer makes it. */
export interface PreviewEmail {
  html: string;
  text: string;
}

export interface PreviewOptions {
  briefing: Briefing;
  /** What the briefing is, shown in the toolbar: "the built-in sample", "edition morning of 2025-07-11"... */
  label?: string;
  /** Branding, locale, paper and editor's note, as `generate` would use them (from --config or an edition). */
  render?: PreviewRenderSettings;
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Default 127.0.0.1: the preview is for the person at this machine. */
  host?: string;
  /** Reload the browser when a file of the theme (or a theme it extends) changes. */
  watch?: boolean;
  /** Files outside the theme whose change also reloads (the configuration file, the logo of the branding). */
  watchFiles?: string[];
  /** Reads the settings again after a change while watching (the configuration may be what changed). */
  reloadSettings?: () => Promise<PreviewRenderSettings>;
  /** Prints the PDF; by default the real PDF renderer on `browser` (or a Chromium started on the first PDF). */
  renderPdf?: (html: string) => Promise<Uint8Array>;
  /** The process's BrowserManager; the caller closes it. */
  browser?: BrowserManager;
  /** The e-mail of the briefing (html and text), the third pane; default: the theme's e-mail (render/email.ts). */
  renderEmail?: (briefing: Briefing, theme: string, settings: PreviewRenderSettings) => Promise<PreviewEmail>;
  /** Where a relative theme path is resolved from (default process.cwd()). */
  cwd?: string;
  /** Quiet time after the last file event before reloading (default 100 ms). */
  debounceMs?: number;
}

export interface PreviewServer {
  url: string;
  /** Bumped on every change seen while watching. */
  readonly version: number;
  close(): Promise<void>;
}

type Rendered = { ok: true; html: string; warnings: string[] } | { ok: false; html: string; warnings: string[] };

const SHELL_CSP = (nonce: string) =>
  `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'nonce-${nonce}'; connect-src 'self'; frame-src 'self'; base-uri 'none'; form-action 'none'`;

function send(res: ServerResponse, status: number, type: string, body: string | Uint8Array, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff', ...headers });
  res.end(body);
}

const text = (content: string | Uint8Array) => (typeof content === 'string' ? content : new TextDecoder().decode(content));

/** The error a failed render threw as a located problem, when it was one (template-errors.ts). */
function thrownProblem(error: unknown): ThemeProblem | null {
  if (!(error instanceof ThemeTemplateError)) return null;
  const kind = error.cause instanceof TemplateSyntaxError ? 'syntax' : 'render';
  return { ...error.location, kind, message: error.detail };
}

/**
 * Serves a briefing rendered with a theme exactly as `generate` renders it: `/` is a shell with the HTML and
 * the PDF side by side (and the e-mail, when wired), `/briefing.html` the page as the theme renders it (or an
 * error page naming file:line:column), `/briefing.pdf` the PDF printed by the real Chromium, `/problems` the
 * theme's warnings, `/events` a server-sent event per change while watching.
 */
export async function startPreview(path: string, options: PreviewOptions): Promise<PreviewServer> {
  const initial = options.render ?? {};
  const dir = await resolveThemeDir(path, options.cwd ?? initial.cwd, initial.themesDir);
  const host = options.host ?? '127.0.0.1';
  const watching = options.watch ?? false;
  const clients = new Set<ServerResponse>();
  let version = 1;
  let watchError: string | null = null;
  let ownBrowser: BrowserManager | undefined;

  // The settings in effect: read again after each change while watching, so an edited branding shows too.
  let settings: Promise<PreviewRenderSettings> = Promise.resolve(initial);
  const renderSettings = async () => {
    const current = await settings;
    return { theme: dir, ...current, cwd: current.cwd ?? options.cwd };
  };
  const renderNow = async (): Promise<Rendered> => {
    try {
      const using = await renderSettings();
      const { renderBriefing } = await import('../render/index.js');
      const [output] = await renderBriefing(options.briefing, { formats: ['html'], ...using });
      const warnings = await themeWarnings(dir, { cwd: using.cwd, themesDir: using.themesDir }).catch(() => []);
      return { ok: true, html: text(output!.content), warnings };
    } catch (error) {
      const validation = await validateTheme(dir, { themesDir: initial.themesDir }).catch(() => ({ problems: [] as ThemeProblem[] }));
      const thrown = thrownProblem(error);
      const problems = thrown ? [thrown, ...validation.problems.filter((p) => !(p.file === thrown.file && p.line === thrown.line && p.message === thrown.message))] : validation.problems;
      return { ok: false, html: errorPage({ themeDir: dir, message: (error as Error).message, problems }), warnings: [] };
    }
  };
  const renderPdf = async (html: string): Promise<Uint8Array> => {
    if (options.renderPdf) return options.renderPdf(html);
    const [{ BrowserManager }, { renderBriefing }] = await Promise.all([import('../browser/browser-manager.js'), import('../render/index.js')]);
    const browser = options.browser ?? (ownBrowser ??= new BrowserManager());
    // The same call generate makes, so the running header, footer and paper are the real ones.
    const [output] = await renderBriefing(options.briefing, { formats: ['pdf'], ...(await renderSettings()), browser });
    return output!.content as Uint8Array;
  };

  // While watching, a render is kept until the next change; otherwise every request reads the files again.
  let cached: { version: number; result: Promise<Rendered>; pdf?: Promise<Uint8Array> } | null = null;
  const current = () => {
    if (!watching || cached?.version !== version) cached = { version, result: renderNow() };
    return cached;
  };

  const chainDirs = async (): Promise<string[] | null> => {
    try {
      return (await readThemeSources(dir, initial.themesDir)).chain.map((c) => c.dir);
    } catch {
      return null;
    }
  };
  const publish = (event: string, data: string) => {
    for (const client of clients) client.write(`event: ${event}\ndata: ${data}\n\n`);
  };
  const watcher = new ThemeWatcher(
    () => {
      if (options.reloadSettings) {
        settings = options.reloadSettings();
        // Awaited by the next render, which shows the error in the page; handled now so it never ends the process.
        settings.catch(() => undefined);
      }
      version += 1;
      publish('version', String(version));
      // theme.json may now extend another theme: watch the new chain.
      chainDirs()
        .then((dirs) => (dirs ? watcher.setPaths([...dirs, ...(options.watchFiles ?? [])]) : undefined))
        .catch((error: unknown) => {
          watchError = (error as Error).message;
          publish('status', `not watching: ${watchError}`);
        });
    },
    options.debounceMs ?? 100,
    (error) => {
      watchError = error.message;
      publish('status', `not watching: ${error.message}`);
    },
  );
  if (watching) await watcher.setPaths([...((await chainDirs()) ?? [dir]), ...(options.watchFiles ?? [])]);

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://preview.invalid');
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'text/plain; charset=utf-8', 'Only GET.\n', { allow: 'GET, HEAD' });
    switch (url.pathname) {
      case '/': {
        const nonce = randomBytes(16).toString('base64');
        const themeName = await readManifestInfo(dir).then((m) => m.name, () => basename(dir));
        const { warnings } = await current().result;
        const page = shellPage({ nonce, themeName, label: options.label ?? '', version, watch: watching, email: true, warnings });
        return send(res, 200, 'text/html; charset=utf-8', page, { 'content-security-policy': SHELL_CSP(nonce) });
      }
      case '/briefing.html': {
        const result = await current().result;
        return send(res, result.ok ? 200 : 500, 'text/html; charset=utf-8', result.html);
      }
      case '/briefing.pdf': {
        const entry = current();
        const result = await entry.result;
        if (!result.ok) return send(res, 500, 'text/html; charset=utf-8', result.html);
        entry.pdf ??= renderPdf(result.html);
        const bytes = await entry.pdf.catch((error: unknown) => {
          entry.pdf = undefined;
          throw error;
        });
        return send(res, 200, 'application/pdf', bytes, { 'content-disposition': `inline; filename="briefing-${options.briefing.date}.pdf"` });
      }
      case '/email.html':
      case '/email.txt': {
        const result = await current().result;
        if (!result.ok) return send(res, 500, 'text/html; charset=utf-8', result.html);
        const email = await (options.renderEmail ?? themedEmail)(options.briefing, dir, await renderSettings());
        return url.pathname === '/email.html' ? send(res, 200, 'text/html; charset=utf-8', email.html) : send(res, 200, 'text/plain; charset=utf-8', email.text);
      }
      case '/problems': {
        const { warnings } = await current().result;
        return send(res, 200, 'application/json', `${JSON.stringify({ version, warnings })}\n`);
      }
      case '/version':
        return send(res, 200, 'application/json', `${JSON.stringify({ version })}\n`);
      case '/events': {
        if (!watching) return send(res, 404, 'text/plain; charset=utf-8', 'Not watching.\n');
        res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
        res.write(`retry: 500\nevent: version\ndata: ${version}\n\n`);
        if (watchError) res.write(`event: status\ndata: not watching: ${watchError}\n\n`);
        clients.add(res);
        req.on('close', () => clients.delete(res));
        return;
      }
      default:
        return send(res, 404, 'text/plain; charset=utf-8', 'Not found.\n');
    }
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) send(res, 500, 'text/plain; charset=utf-8', `${(error as Error).message}\n`);
      else res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;

  return {
    url: `http://${shownHost}:${address.port}/`,
    get version() {
      return version;
    },
    async close() {
      await watcher.close();
      for (const client of clients) client.end();
      clients.clear();
      await new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
      await ownBrowser?.close();
    },
  };
}

/** The theme's e-mail as a reader's mail client shows it: the cid: logo as a data: URL so the browser shows it. */
export async function themedEmail(briefing: Briefing, theme: string, settings: PreviewRenderSettings): Promise<PreviewEmail> {
  const { renderEmail, emailHtmlForBrowser } = await import('../render/email.js');
  const email = await renderEmail(briefing, {
    edition: 'preview',
    theme,
    locale: settings.locale,
    cwd: settings.cwd,
    themesDir: settings.themesDir,
    branding: settings.branding,
    editorNote: settings.editorNote,
    attachmentName: `briefing-${briefing.date}.pdf`,
  });
  return { html: emailHtmlForBrowser(email), text: email.text };
}
