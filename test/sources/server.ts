import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { readFile, readdir } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { seedsDir } from '../helpers.js';

export interface Route {
  status?: number;
  type?: string;
  body: string | Uint8Array;
  headers?: Record<string, string>;
}

export type Handler = (request: IncomingMessage, response: ServerResponse) => void;

/** A real HTTP server on 127.0.0.1 (port 0) serving fixed routes, counting the requests each path receives. */
export interface TestServer {
  url: (path: string) => string;
  hits: (path: string) => number;
  set: (path: string, route: Route | Handler) => void;
  close: () => Promise<void>;
}

export async function startServer(routes: Record<string, Route | Handler> = {}): Promise<TestServer> {
  const table = new Map(Object.entries(routes));
  const counts = new Map<string, number>();
  const server: Server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
    counts.set(path, (counts.get(path) ?? 0) + 1);
    const route = table.get(path);
    if (!route) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    if (typeof route === 'function') {
      route(request, response);
      return;
    }
    response.writeHead(route.status ?? 200, { 'content-type': route.type ?? 'text/html; charset=utf-8', ...route.headers });
    response.end(route.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    hits: (path) => counts.get(path) ?? 0,
    set: (path, route) => table.set(path, route),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A port nothing listens on: a server is opened and closed again, so connecting is refused. */
export async function refusedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Distinct article-like paragraphs, long enough for the main-text extractor to take them as the article. */
export function paragraphs(topic: string, count = 4): string[] {
  return Array.from(
    { length: count },
    (_, i) =>
      `${topic} paragraph ${i + 1}: officials in the capital said on Tuesday that the ${topic.toLowerCase()} plan would move ahead, ` +
      `with a review of costs, timetables and the views of residents expected before the end of the month, according to a statement.`,
  );
}

export function articlePage(title: string, body: string[], extraHead = ''): string {
  return (
    `<!doctype html><html><head>${extraHead}<title>${escapeXml(title)}</title><meta property="og:site_name" content="Page Outlet"></head>` +
    `<body><nav><a href="/">Home</a> <a href="/world">World</a></nav><article><h1>${escapeXml(title)}</h1>` +
    body.map((p) => `<p>${escapeXml(p)}</p>`).join('') +
    `</article><footer>Copyright Example News</footer></body></html>`
  );
}

export interface TestItem {
  id: string;
  title?: string;
  link?: string;
  /** Full content (content:encoded). */
  html?: string;
  description?: string;
  pubDate?: string;
}

export function rss(title: string, items: TestItem[], options: { encoding?: string; language?: string; siteUrl?: string } = {}): string {
  const entries = items
    .map(
      (item) =>
        `<item><guid isPermaLink="false">${escapeXml(item.id)}</guid>` +
        (item.title ? `<title>${escapeXml(item.title)}</title>` : '') +
        (item.link ? `<link>${escapeXml(item.link)}</link>` : '') +
        (item.pubDate ? `<pubDate>${item.pubDate}</pubDate>` : '') +
        (item.description ? `<description>${escapeXml(item.description)}</description>` : '') +
        (item.html ? `<content:encoded>${escapeXml(item.html)}</content:encoded>` : '') +
        `</item>`,
    )
    .join('\n');
  return (
    `<?xml version="1.0" encoding="${options.encoding ?? 'UTF-8'}"?>\n` +
    `<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>${escapeXml(title)}</title>` +
    `<link>${options.siteUrl ?? 'http://127.0.0.1/'}</link>${options.language ? `<language>${options.language}</language>` : ''}\n${entries}\n</channel></rss>`
  );
}

/** The seeds as one RSS feed: each item's content the seed text as HTML paragraphs, no dates, no links. */
export async function seedFeed(): Promise<string> {
  const names = (await readdir(seedsDir)).sort();
  const items = await Promise.all(
    names.map(async (name) => {
      const text = await readFile(join(seedsDir, name), 'utf8');
      const html = text
        .split(/\n/)
        .map((line) => line.trim())
        .filter(Boolean)
        .map((line) => `<p>${escapeXml(line)}</p>`)
        .join('\n');
      return { id: name.replace(/\.txt$/, ''), html };
    }),
  );
  return rss('Seed Wire', items);
}

