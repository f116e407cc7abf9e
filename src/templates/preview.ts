import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { basename } from 'node:path';
import type { BrowserManager } from '../browser/browser-manager.js';
import type { Briefing } from '../model/schema.js';
import { renderHtml } from '../render/html.js';
import { resolveThemeDir } from '../render/theme.js';
import { errorPage, shellPage } from './preview-pages.js';
import { ThemeWatcher } from './preview-watch.js';
import { readManifestInfo, readThemeSources } from './theme-files.js';
import { validateTheme } from './validate.js';

export interface PreviewOptions {
  briefing: Briefing;
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Default 127.0.0.1: the preview is for the person at this machine. */
  host?: string;
  /** Reload the browser when a file of the theme (or a theme it extends) changes. */
  watch?: boolean;
  /** Renders the PDF of the briefing's HTML; by default a Chromium started on the first PDF request. */
  renderPdf?: (html: string) => Promise<Uint8Array>;
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

type Rendered = { ok: true; html: string } | { ok: false; html: string };

const SHELL_CSP = (nonce: string) =>
  `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'nonce-${nonce}'; connect-src 'self'; frame-src 'self'; base-uri 'none'; form-action 'none'`;

function send(res: ServerResponse, status: number, type: string, body: string | Uint8Array, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff', ...headers });
  res.end(body);
}

/** A default PDF renderer on a Chromium launched lazily, closed with the server. */
function lazyPdf(briefing: Briefing, themeDir: string): { render: (html: string) => Promise<Uint8Array>; close: () => Promise<void> } {
  let manager: BrowserManager | undefined;
  return {
    async render(html) {
      const [{ BrowserManager }, { renderPdf }, { pdfOptionsFor }, { loadTheme }] = await Promise.all([
        import('../browser/browser-manager.js'),
        import('../render/pdf.js'),
        import('../render/index.js'),
        import('../render/theme.js'),
      ]);
      manager ??= new BrowserManager();
      const theme = await loadTheme(themeDir);
      const output = await renderPdf(html, pdfOptionsFor(briefing, theme.paper, theme.locale), manager);
      return output.content as Uint8Array;
    },
    async close() {
      await manager?.close();
    },
  };
}

/**
 * Serves a briefing rendered with a theme: `/` is a shell with a toolbar and the briefing in an iframe,
 * `/briefing.html` the page exactly as the theme renders it (or an error page naming file:line:column),
 * `/briefing.pdf` the PDF on demand, `/events` a server-sent event per change while watching.
 */
export async function startPreview(path: string, options: PreviewOptions): Promise<PreviewServer> {
  const dir = await resolveThemeDir(path, options.cwd);
  const host = options.host ?? '127.0.0.1';
  const watching = options.watch ?? false;
  const pdf = options.renderPdf ? { render: options.renderPdf, close: async () => undefined } : lazyPdf(options.briefing, dir);
  const clients = new Set<ServerResponse>();
  let version = 1;
  let cached: { version: number; result: Promise<Rendered> } | null = null;

  const renderNow = async (): Promise<Rendered> => {
    try {
      const { content } = await renderHtml(options.briefing, { theme: dir });
      return { ok: true, html: typeof content === 'string' ? content : new TextDecoder().decode(content) };
    } catch (error) {
      const validation = await validateTheme(dir).catch(() => ({ problems: [] }));
      return { ok: false, html: errorPage({ themeDir: dir, message: (error as Error).message, problems: validation.problems }) };
    }
  };
  // While watching, a render is kept until the next change; otherwise every request reads the files again.
  const rendered = (): Promise<Rendered> => {
    if (!watching) return renderNow();
    if (cached?.version !== version) cached = { version, result: renderNow() };
    return cached.result;
  };

  const chainDirs = async (): Promise<string[] | null> => {
    try {
      return (await readThemeSources(dir)).chain.map((c) => c.dir);
    } catch {
      return null;
    }
  };
  const watcher = new ThemeWatcher(() => {
    version += 1;
    for (const client of clients) client.write(`event: version\ndata: ${version}\n\n`);
    void chainDirs().then((dirs) => {
      if (dirs) watcher.setDirs(dirs);
    });
  }, options.debounceMs ?? 100);
  if (watching) watcher.setDirs((await chainDirs()) ?? [dir]);

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://preview.invalid');
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'text/plain; charset=utf-8', 'Only GET.\n', { allow: 'GET, HEAD' });
    switch (url.pathname) {
      case '/': {
        const nonce = randomBytes(16).toString('base64');
        const themeName = await readManifestInfo(dir).then((m) => m.name, () => basename(dir));
        return send(res, 200, 'text/html; charset=utf-8', shellPage({ nonce, themeName, version, watch: watching, pdf: true }), {
          'content-security-policy': SHELL_CSP(nonce),
        });
      }
      case '/briefing.html': {
        const result = await rendered();
        return send(res, result.ok ? 200 : 500, 'text/html; charset=utf-8', result.html);
      }
      case '/briefing.pdf': {
        const result = await rendered();
        if (!result.ok) return send(res, 500, 'text/html; charset=utf-8', result.html);
        const bytes = await pdf.render(result.html);
        return send(res, 200, 'application/pdf', bytes, { 'content-disposition': `inline; filename="briefing-${options.briefing.date}.pdf"` });
      }
      case '/version':
        return send(res, 200, 'application/json', `${JSON.stringify({ version })}\n`);
      case '/events': {
        if (!watching) return send(res, 404, 'text/plain; charset=utf-8', 'Not watching.\n');
        res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
        res.write(`retry: 500\nevent: version\ndata: ${version}\n\n`);
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
      watcher.close();
      for (const client of clients) client.end();
      clients.clear();
      await new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
      await pdf.close();
    },
  };
}
