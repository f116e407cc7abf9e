// A real `briefing serve` (the app, the API, security and these pages) over 127.0.0.1, on a temp edition project
// whose "morning" edition was run for three days (2025-07-09..11) by the real runEdition, into a real SQLite file.
import { runEdition } from '../../../src/edition/run-edition.js';
import { DAYS } from '../../edition/helpers.js';
import { startTestServer, type TestServer } from '../api/helpers.js';

export { ADMIN_TOKEN, READ_TOKEN, TOKENS_ENV } from '../api/helpers.js';
export const EDITION_DATES = Object.keys(DAYS);

export type PagesServer = TestServer;

/** The server with its pages, after the edition "morning" ran (and delivered to its file channel) on each of the three days. */
export function startPagesServer(options: { tokens?: string; extra?: string } = {}): Promise<PagesServer> {
  return startTestServer({
    ...options,
    formats: 'json, md, html',
    now: new Date('2025-07-11T23:30:00Z'),
    pages: true,
    prepare: async (config, store) => {
      for (const date of EDITION_DATES) {
        const outcome = await runEdition(config, 'morning', { date, now: new Date(`${date}T23:00:00Z`), deliver: true, store });
        if (outcome.status !== 'success') throw new Error(`edition of ${date}: ${outcome.status} ${outcome.error ?? ''}`);
      }
    },
  });
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
