// The pages over real HTTP on 127.0.0.1: a real app (security, API, pages), a real SQLite store holding three days
// of the "morning" edition made by runEdition, the real job runner and browser pool for "make a briefing".
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordEdition } from '../../../src/store/index.js';
import { seedsDir } from '../../helpers.js';
import { ADMIN_TOKEN, decodeEntities, READ_TOKEN, Session, startPagesServer, type PagesServer } from './helpers.js';

let server: PagesServer;
beforeAll(async () => {
  server = await startPagesServer();
}, 120_000);
afterAll(async () => {
  await server?.close();
});

async function signedIn(token: string): Promise<Session> {
  const session = new Session(server.base);
  const response = await session.signIn(token);
  expect(response.status).toBe(303);
  expect(response.headers.get('location')).toBe('/');
  return session;
}

async function page(session: Session, path: string, status = 200): Promise<string> {
  const response = await session.get(path);
  expect(response.status, path).toBe(status);
  expect(response.headers.get('content-type')).toMatch(/^text\/html/);
  expect(response.headers.get('content-security-policy')).toMatch(/script-src 'self'/);
  return response.text();
}

describe('signing in', () => {
  it('sends a visitor to the sign-in page and back, refuses a wrong token with a message, and signs out', async () => {
    const visitor = new Session(server.base);
    const first = await visitor.get('/archive?date=2025-07-10');
    expect(first.status).toBe(303);
    expect(first.headers.get('location')).toBe(`/signin?next=${encodeURIComponent('/archive?date=2025-07-10')}`);
    const form = await page(visitor, first.headers.get('location')!);
    expect(form).toContain('name="next" value="/archive?date&#x3D;2025-07-10"');
    expect(form).not.toContain('That token was not accepted');

    const wrong = await visitor.post('/signin', new URLSearchParams({ token: 'not-a-token-at-all-000', next: '/', _csrf: await visitor.csrf('/signin') }));
    expect(wrong.headers.get('location')).toMatch(/^\/signin\?failed=1/);
    expect(await page(visitor, wrong.headers.get('location')!)).toContain('That token was not accepted');

    const session = await signedIn(READ_TOKEN);
    const today = await page(session, '/');
    expect(today).toContain('Signed in as <strong>desk</strong> (read)');
    // A reader is not offered the "make a briefing" page, and cannot open it.
    expect(today).not.toContain('href="/make"');
    expect((await session.get('/make')).status).toBe(403);

    const out = await session.post('/signout', new URLSearchParams({ _csrf: await session.csrf('/') }));
    expect(out.headers.get('location')).toBe('/signin');
    expect((await session.get('/')).status).toBe(303);
  });

  it('refuses a form post without its CSRF token', async () => {
    const session = await signedIn(ADMIN_TOKEN);
    const response = await session.post('/deliveries/resend', new URLSearchParams({ edition: 'morning', date: '2025-07-11', to: 'a@example.com' }));
    expect(response.status).toBe(403);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(decodeEntities(await response.text())).toContain('The form had expired or was sent from another site.');
  });
});

describe('the archive pages', () => {
  it('Today: the latest edition with links to its files and its stories', async () => {
    const session = await signedIn(READ_TOKEN);
    const html = await page(session, '/');
    expect(html).toContain('href="/editions/morning/2025-07-11"');
    expect(html).toContain('Friday, 11 July 2025');
    for (const format of ['html', 'json', 'md']) expect(html).toContain(`href="/api/editions/morning/2025-07-11.${format}"`);
    expect(html).not.toContain('2025-07-11.pdf'); // not among the edition's formats
    expect(html).toContain('Rotterdam dockworkers end strike after pay deal with port employers');
    // The linked file is served by the API to the same session.
    const file = await session.get('/api/editions/morning/2025-07-11.html');
    expect(file.status).toBe(200);
  });

  it('Archive: every date, one day with links to the day before and after, and a headline search', async () => {
    const session = await signedIn(READ_TOKEN);
    const all = await page(session, '/archive');
    for (const date of ['2025-07-09', '2025-07-10', '2025-07-11']) expect(all).toContain(`href="/editions/morning/${date}"`);
    expect(all).toContain('<h2 id="day-2025-07-10"><a href="/archive?date&#x3D;2025-07-10">Thursday, 10 July 2025</a></h2>');
    const day = await page(session, '/archive?date=2025-07-10');
    expect(day).toContain('href="/editions/morning/2025-07-10"');
    expect(day).not.toContain('href="/editions/morning/2025-07-11"');
    expect(day).toContain('href="/archive?date&#x3D;2025-07-09"');
    expect(day).toContain('href="/archive?date&#x3D;2025-07-11"');
    expect(decodeEntities(day)).toContain('Go back a day');
    const search = await page(session, '/archive?q=WILDFIRE crete');
    expect(search).toContain('href="/editions/morning/2025-07-09"');
    expect(search).not.toContain('href="/editions/morning/2025-07-10"');
    expect(decodeEntities(search)).toContain('1 edition with headlines matching “WILDFIRE crete”');
    expect(decodeEntities(await page(session, '/archive?q=nothing-like-this'))).toContain('No headline matches');
    // A date that is not one is ignored, never an error.
    expect(await page(session, '/archive?date=../../etc')).toContain('href="/editions/morning/2025-07-11"');
  });

  it('Edition and story: the thread\'s timeline across days, each sentence linked to its article', async () => {
    const session = await signedIn(READ_TOKEN);
    const edition = await page(session, '/editions/morning/2025-07-11');
    const storyLink = /href="(\/editions\/morning\/2025-07-11\/stories\/[^"]+)">Rotterdam dockworkers end strike/.exec(edition);
    expect(storyLink).not.toBeNull();
    const story = decodeEntities(await page(session, storyLink![1]!));
    expect(story).toContain('First reported on 9 Jul 2025; last in the edition of 10 Jul 2025.');
    expect(story).toMatch(/<h2 id="h-timeline">Timeline<\/h2>/);
    expect(story).toContain('Rotterdam port strike enters second day as ships queue');
    expect(story).toContain('Reported in an earlier edition.');
    // Every citation in the summary points at a source listed on the page.
    const summary = /<p class="summary">([\s\S]*?)<\/p>/.exec(story)![1]!;
    const cited = [...summary.matchAll(/href="#([^"]+)"/g)].map((m) => m[1]!);
    expect(cited.length).toBeGreaterThan(0);
    for (const anchor of cited) expect(story).toContain(`<li id="${anchor}">`);
    expect(story).toMatch(/<li id="[^"]+"><a href="https?:\/\/[^"]+" rel="noopener noreferrer">/);
  });

  it('answers an HTML 404 for unknown editions, dates, stories and paths (no traversal)', async () => {
    const session = await signedIn(READ_TOKEN);
    for (const path of [
      '/editions/..%2F..%2Fetc/2025-07-11',
      '/editions/morning/..%2Fbriefing',
      '/editions/morning/2025-02-30',
      '/editions/evening/2025-07-11',
      '/editions/morning/2025-07-11/stories/no-such-thread',
      '/no/such/page',
    ]) {
      const html = await page(session, path, 404);
      expect(html).toContain('<h1>Not found</h1>');
    }
    const api = await session.get('/api/no-such-route');
    expect(api.headers.get('content-type')).toMatch(/problem\+json/);
  });
});

describe('making a briefing', () => {
  it('uploads the seed articles from the form, shows the job by stage, then its files and stories', async () => {
    const session = await signedIn(ADMIN_TOKEN);
    const form = await page(session, '/make');
    const action = /<form method="post" action="(\/make\?_csrf=[^"]+)" enctype="multipart\/form-data"/.exec(form);
    expect(action).not.toBeNull();
    expect(form).toContain('<option value="default" selected>default</option>');
    const body = new FormData();
    for (const file of readdirSync(seedsDir)) body.append('files', new Blob([readFileSync(join(seedsDir, file))]), file);
    body.append('title', 'Desk <i>run</i>');
    body.append('theme', 'compact');
    body.append('paper', 'letter');
    const posted = await session.post(decodeEntities(action![1]!), body);
    expect(posted.status).toBe(303);
    const jobPath = posted.headers.get('location')!;
    expect(jobPath).toMatch(/^\/jobs\/[0-9a-f-]+$/);

    let html = await page(session, jobPath);
    const deadline = Date.now() + 90_000;
    while (!html.includes('data-state="done"') && !html.includes('data-state="failed"')) {
      // Without JavaScript the page reloads itself every 2 s until the job ends.
      expect(html).toContain('<noscript><meta http-equiv="refresh" content="2"></noscript>');
      expect(Date.now()).toBeLessThan(deadline);
      await new Promise((resolve) => setTimeout(resolve, 200));
      html = await page(session, jobPath);
    }
    expect(html).toContain('data-state="done"');
    expect(html).not.toContain('http-equiv="refresh"');
    expect(html).toContain('<h1>Desk &lt;i&gt;run&lt;/i&gt;</h1>');
    expect((html.match(/class="stage stage-done"/g) ?? []).length).toBe(8);
    const pdf = /href="(\/api\/jobs\/[^"]+\.pdf)"/.exec(html);
    expect(pdf).not.toBeNull();
    const pdfResponse = await session.get(pdf![1]!);
    expect(pdfResponse.status).toBe(200);
    expect(Buffer.from(await pdfResponse.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');
    const storyPath = /href="(\/jobs\/[^"]+\/stories\/[^"]+)"/.exec(html)![1]!;
    const story = await page(session, storyPath);
    expect(story).toContain('<h2 id="h-sources">Sources</h2>');
    await page(session, `${jobPath}/stories/not-a-thread`, 404);
  }, 120_000);

  it('shows what is wrong with a request on the form, and an unknown job as not found', async () => {
    const session = await signedIn(ADMIN_TOKEN);
    const form = await page(session, '/make');
    const action = decodeEntities(/action="(\/make\?_csrf=[^"]+)"/.exec(form)![1]!);
    const empty = new FormData();
    empty.append('urls', '');
    const nothing = await session.post(action, empty);
    expect(nothing.status).toBe(400);
    expect(decodeEntities(await nothing.text())).toContain('Nothing to read');
    const badUrl = new FormData();
    badUrl.append('urls', 'javascript:alert(1)');
    const refused = await session.post(action, badUrl);
    expect(refused.status).toBe(400);
    expect(decodeEntities(await refused.text())).toContain('is not an http or https URL');
    await page(session, '/jobs/00000000-0000-0000-0000-000000000000', 404);
  });

  it('shows a failed job\'s reasons, each with what to do', async () => {
    const session = await signedIn(ADMIN_TOKEN);
    const action = decodeEntities(/action="(\/make\?_csrf=[^"]+)"/.exec(await page(session, '/make'))![1]!);
    const body = new FormData();
    body.append('urls', 'http://127.0.0.1:9/internal-page');
    const posted = await session.post(action, body);
    expect(posted.status).toBe(303);
    const jobPath = posted.headers.get('location')!;
    let html = await page(session, jobPath);
    const deadline = Date.now() + 30_000;
    while (!html.includes('data-state="failed"')) {
      expect(html).not.toContain('data-state="done"');
      expect(Date.now()).toBeLessThan(deadline);
      await new Promise((resolve) => setTimeout(resolve, 100));
      html = await page(session, jobPath);
    }
    const errors = /<h2>What went wrong<\/h2>\s*<ul>([\s\S]*?)<\/ul>/.exec(html);
    expect(errors).not.toBeNull();
    expect(errors![1]).toMatch(/<li>[^<]{20,}<\/li>/);
    expect(html).toContain('href="/make"');
    expect(html).not.toContain('<h2>Files</h2>');
  });
});

describe('deliveries', () => {
  it('lists the outbox; admins retry a failed delivery and are told when a retry or resend cannot be done', async () => {
    const reader = await signedIn(READ_TOKEN);
    const list = await page(reader, '/deliveries');
    expect(decodeEntities(list)).toContain('3 sent, 0 pending, 0 failed.');
    expect(list).not.toContain('action="/deliveries/retry"');
    expect(list).not.toContain('action="/deliveries/resend"');
    const readerPost = await reader.post('/deliveries/resend', new URLSearchParams({ _csrf: await reader.csrf('/deliveries'), edition: 'morning', date: '2025-07-11', to: 'desk@example.com' }));
    expect(readerPost.status).toBe(403);

    await server.store.transaction((db) => db.run("UPDATE outbox SET status = 'failed', last_error = 'disk <full>' WHERE date = '2025-07-10'"));
    const admin = await signedIn(ADMIN_TOKEN);
    const failed = await page(admin, '/deliveries');
    expect(decodeEntities(failed)).toContain('failed: disk <full>');
    expect(failed).toContain('disk &lt;full&gt;');
    const retryForm = /<form method="post" action="\/deliveries\/retry">([\s\S]*?)<\/form>/.exec(failed)![1]!;
    const field = (name: string) => decodeEntities(new RegExp(`name="${name}" value="([^"]*)"`).exec(retryForm)![1]!);
    const fields = new URLSearchParams({ _csrf: field('_csrf'), edition: field('edition'), date: field('date'), channel: field('channel'), recipient: field('recipient') });
    expect(fields.get('date')).toBe('2025-07-10');
    const retried = await admin.post('/deliveries/retry', fields);
    expect(retried.status).toBe(303);
    expect(retried.headers.get('location')).toBe('/deliveries?notice=sent');
    expect(decodeEntities(await page(admin, retried.headers.get('location')!))).toContain('3 sent, 0 pending, 0 failed.');

    // The same row again: it was sent, so a retry is refused with the reason.
    const again = await admin.post('/deliveries/retry', fields);
    expect(again.status).toBe(409);
    expect(decodeEntities(await again.text())).toContain('resend it to send another copy');

    const csrf = await admin.csrf('/deliveries');
    const bad = await admin.post('/deliveries/resend', new URLSearchParams({ _csrf: csrf, edition: '../x', date: '2025-07-11', to: 'desk@example.com' }));
    expect(bad.status).toBe(400);
    const badAddress = await admin.post('/deliveries/resend', new URLSearchParams({ _csrf: csrf, edition: 'morning', date: '2025-07-11', to: 'not an address' }));
    expect(badAddress.status).toBe(400);
  });
});

describe('themes', () => {
  it('previews each theme with an archived edition in a sandboxed frame of its own URL', async () => {
    const session = await signedIn(READ_TOKEN);
    const response = await session.get('/themes?theme=compact');
    expect(response.headers.get('content-security-policy')).toContain("frame-src 'self'");
    const html = await response.text();
    for (const theme of ['compact', 'default', 'newsletter']) expect(html).toContain(`<option value="${theme}"`);
    const src = decodeEntities(/<iframe class="preview" src="([^"]+)"[^>]* sandbox>/.exec(html)![1]!);
    expect(src).toBe('/themes/preview?theme=compact&edition=morning&date=2025-07-11');
    const preview = await session.get(src);
    expect(preview.status).toBe(200);
    expect(preview.headers.get('content-security-policy')).toMatch(/sandbox/);
    expect(preview.headers.get('content-security-policy')).toMatch(/frame-ancestors 'self'/);
    const briefing = await preview.text();
    expect(briefing).toContain('Rotterdam dockworkers end strike');
    expect(briefing).toContain('Note from the <strong>desk</strong>');
    await page(session, '/themes/preview?theme=../../etc&edition=morning&date=2025-07-11', 404);
    await page(session, '/themes/preview?theme=compact&edition=morning&date=2024-01-01', 404);
  });
});

describe('a failed run', () => {
  it('Today keeps the last good edition and says the later run failed; the failed one has no story pages', async () => {
    await server.store.transaction((db) =>
      recordEdition(db, { edition: 'morning', date: '2025-07-12', startedAt: '2025-07-12T06:00:00Z', finishedAt: '2025-07-12T06:00:01Z', inputsDigest: null, outputs: [], durations: {}, status: 'failed', error: 'every source failed <b>' }),
    );
    const session = await signedIn(READ_TOKEN);
    const raw = await page(session, '/');
    expect(raw).toContain('every source failed &lt;b&gt;');
    const today = decodeEntities(raw);
    expect(today).toContain('href="/editions/morning/2025-07-11"');
    expect(today).toContain('The run of 12 Jul 2025 did not complete (failed: every source failed <b>).');
    const failed = decodeEntities(await page(session, '/editions/morning/2025-07-12', 404));
    expect(failed).toContain('did not complete (failed: every source failed <b>)');
  });
});

describe('without tokens', () => {
  it('everyone on the loopback server is the local admin: no sign-in, no sign-out', async () => {
    const open = await startPagesServer({ tokens: '' });
    try {
      const session = new Session(open.base);
      const today = await session.get('/');
      expect(today.status).toBe(200);
      const html = await today.text();
      expect(html).toContain('Signed in as <strong>local</strong> (admin)');
      expect(html).not.toContain('action="/signout"');
      expect(html).toContain('href="/make"');
      const signin = await session.get('/signin?next=/archive');
      expect(signin.status).toBe(303);
      expect(signin.headers.get('location')).toBe('/archive');
    } finally {
      await open.close();
    }
  }, 120_000);
});
