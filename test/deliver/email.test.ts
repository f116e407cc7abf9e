import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { BrowserManager } from '../../src/browser/browser-manager.js';
import {
  AcceptedJournal,
  createEmailChannel,
  deliver,
  emailSettingsSchema,
  messageIdFor,
  type EditionOutputs,
  type EmailSettingsInput,
} from '../../src/deliver/index.js';
import { BriefingSchema, type Briefing } from '../../src/model/schema.js';
import { GMAIL_CLIP_BYTES, renderEmail } from '../../src/render/email.js';
import { renderBriefing } from '../../src/render/index.js';
import { readPdf } from '../browser/helpers.js';
import { hostileBriefing, sampleBriefing } from '../fixtures/sample-briefing.js';
import { tempDir } from '../helpers.js';
import { tempOutbox } from '../store/temp-store.js';
import { decodeHeader, FakeClock, parseMime, sampleEdition, startSmtp, type TestSmtp } from './helpers.js';

const DOMAIN = 'briefing.test';
const start = Date.parse('2025-07-10T05:30:00Z');

function settings(port: number, extra: Partial<EmailSettingsInput> = {}) {
  return emailSettingsSchema.parse({
    host: '127.0.0.1',
    port,
    secure: false,
    ignoreTLS: true,
    from: 'Briefing <briefing@briefing.test>',
    domain: DOMAIN,
    connectionTimeoutMs: 5_000,
    greetingTimeoutMs: 5_000,
    socketTimeoutMs: 5_000,
    ...extra,
  });
}

async function setup() {
  const dir = await tempDir();
  return { store: await tempOutbox(), journal: new AcceptedJournal(join(dir, 'journal')), clock: new FakeClock(start) };
}

let smtp: TestSmtp | undefined;
afterEach(async () => {
  await smtp?.close();
  smtp = undefined;
});

describe('email channel with a real SMTP server', () => {
  let browser: BrowserManager;
  let edition: EditionOutputs;
  beforeAll(async () => {
    browser = new BrowserManager();
    const outputs = await renderBriefing(sampleBriefing, { formats: ['html', 'pdf', 'json'], browser });
    edition = { edition: 'morning', briefing: sampleBriefing, outputs };
  });
  afterAll(async () => {
    await browser.close();
  });

  test('the message carries the HTML body, a text alternative and the PDF of this briefing', async () => {
    smtp = await startSmtp();
    const { store, journal, clock } = await setup();
    const channels = { email: createEmailChannel({ settings: settings(smtp.port, { attachHtml: true }) }) };
    const report = await deliver(edition, [{ channel: 'email', to: 'ann@example.org' }], store, clock, { channels, journal, messageIdDomain: DOMAIN });

    const expectedId = messageIdFor({ edition: 'morning', date: '2025-07-10', channel: 'email', recipient: 'ann@example.org' }, DOMAIN);
    expect(report.outcomes).toEqual([
      expect.objectContaining({ channel: 'email', recipient: 'ann@example.org', status: 'sent', attempts: 1, messageId: expectedId, error: null }),
    ]);
    expect(smtp.messages).toHaveLength(1);
    const message = smtp.messages[0]!;
    expect(message.to).toEqual(['ann@example.org']);
    const mime = parseMime(message.raw);
    expect(mime.headers['message-id']).toBe(expectedId);
    expect(decodeHeader(mime.headers['subject'])).toMatch(/^Daily Briefing — Thursday,? 10 July 2025$/);
    expect(mime.headers['x-briefing-date']).toBe('2025-07-10');

    const html = mime.parts.find((p) => p.contentType === 'text/html' && !p.filename);
    const text = mime.parts.find((p) => p.contentType === 'text/plain');
    expect(html?.body.toString('utf8')).toMatch(/<h1\b[^>]* style="[^"]+">Daily Briefing<\/h1>/);
    expect(html?.body.toString('utf8')).toContain('The day in brief');
    expect(html?.body.toString('utf8')).not.toMatch(/<style|@font-face/);
    expect(text?.body.toString('utf8')).toContain(sampleBriefing.threads[0]!.headline);

    const pdf = mime.parts.find((p) => p.contentType === 'application/pdf');
    expect(pdf?.filename).toBe('morning-2025-07-10.pdf');
    expect(pdf!.body.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const read = await readPdf(new Uint8Array(pdf!.body));
    const allText = read.pages.map((p) => p.text).join('\n');
    expect(allText).toContain('Daily Briefing');
    expect(allText).toMatch(/10 July 2025/);
    expect(allText).toContain(sampleBriefing.threads[0]!.headline.slice(0, 30));

    const attachedHtml = mime.parts.find((p) => p.filename === 'morning-2025-07-10.html');
    expect(attachedHtml?.body.toString('utf8')).toMatch(/^<!doctype html>/i);
  });
});

// The smallest valid PNG: one transparent pixel.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');

describe('the e-mail body is the edition theme\'s, with the branding', () => {
  async function sendOne(options: Omit<Parameters<typeof createEmailChannel>[0], 'settings'>, edition = sampleEdition()) {
    smtp = await startSmtp();
    const { store, journal, clock } = await setup();
    const channels = { email: createEmailChannel({ ...options, settings: settings(smtp.port) }) };
    const report = await deliver(edition, [{ channel: 'email', to: 'ann@example.org' }, { channel: 'email', to: 'bob@example.org' }], store, clock, { channels, journal });
    expect(report.outcomes.map((o) => o.status)).toEqual(['sent', 'sent']);
    expect(smtp.messages).toHaveLength(2);
    const mime = parseMime(smtp.messages[0]!.raw);
    const html = mime.parts.find((p) => p.contentType === 'text/html' && !p.filename)!.body.toString('utf8');
    // Mail travels with CRLF line ends.
    const text = mime.parts.find((p) => p.contentType === 'text/plain')!.body.toString('utf8').replace(/\r\n/g, '\n');
    return { mime, html, text };
  }

  test('accent in the inline styles, the logo attached inline and referenced by cid, the classification line; a text part without Markdown or HTML', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'logo.png'), PNG);
    const { mime, html, text } = await sendOne({
      cwd: dir,
      editorNote: 'Stories marked **new** arrived since the last edition.',
      branding: { logoPath: 'logo.png', accentColor: '#0a7d3b', classification: 'INTERNAL — NOT FOR DISTRIBUTION' },
    });
    expect(html).toMatch(/<h2 class="section" style="[^"]*color: #0a7d3b;[^"]*">The day in brief<\/h2>/);
    expect(html).not.toContain('#8c1c13');
    expect(html).not.toMatch(/<style|data:image/);
    expect(html.match(/>INTERNAL — NOT FOR DISTRIBUTION</g)).toHaveLength(2);
    const src = /<img src="cid:([^"]+)"/.exec(html)?.[1];
    expect(src).toBe('logo@briefing');
    const logo = mime.parts.find((p) => p.contentType === 'image/png');
    expect(logo?.headers['content-id']).toBe(`<${src}>`);
    expect(logo?.headers['content-disposition']).toMatch(/^inline/);
    expect(logo?.body.equals(PNG)).toBe(true);
    // The logo sits with the HTML in multipart/related, so clients show it in the body and do not list it.
    expect(smtp!.messages[0]!.raw).toMatch(/Content-Type: multipart\/related/);

    expect(text.split('\n')[0]).toBe('INTERNAL — NOT FOR DISTRIBUTION');
    expect(text.trimEnd().split('\n').at(-1)).toBe('INTERNAL — NOT FOR DISTRIBUTION');
    expect(text).toContain('Stories marked new arrived since the last edition.');
    expect(text).toContain(sampleBriefing.threads[0]!.headline);
    expect(text).toContain('The full briefing is attached (morning-2025-07-10.pdf).');
    expect(text).not.toMatch(/\*\*|<\/?[a-z][^>]*>|&[a-z]+;|&#/i);
  });

  test('the edition theme\'s own email.hbs makes the body; a theme without one inherits its parent\'s', async () => {
    const root = await tempDir();
    await mkdir(join(root, 'house', 'styles'), { recursive: true });
    await writeFile(join(root, 'house', 'theme.json'), '{ "name": "house", "extends": "default" }');
    await writeFile(join(root, 'house', 'email.hbs'), '<!DOCTYPE html><html><body><h1 class="house-title">House mail: {{title}}</h1></body></html>');
    await writeFile(join(root, 'house', 'styles', 'email.css'), '.house-title { color: var(--accent); }');
    await mkdir(join(root, 'annex'));
    await writeFile(join(root, 'annex', 'theme.json'), '{ "name": "annex", "extends": "house" }');

    const own = await sendOne({ theme: 'house', themesDir: root, branding: { accentColor: 'teal' } });
    expect(own.html).toContain('<h1 class="house-title" style="color: teal;">House mail: Daily Briefing</h1>');
    await smtp!.close();
    const inherited = await sendOne({ theme: 'annex', themesDir: root });
    expect(inherited.html).toContain('<h1 class="house-title" style="color: #8c1c13;">House mail: Daily Briefing</h1>');
  });

  test('a body that cannot be made (a broken theme) sends nothing and stays pending, saying why', async () => {
    smtp = await startSmtp();
    const { store, journal, clock } = await setup();
    const channels = { email: createEmailChannel({ settings: settings(smtp.port), theme: 'no-such-theme' }) };
    const report = await deliver(sampleEdition(), [{ channel: 'email', to: 'ann@example.org' }], store, clock, { channels, journal });
    expect(report.outcomes[0]).toMatchObject({ status: 'pending', attempts: 1 });
    expect(report.outcomes[0]!.error).toMatch(/^the e-mail body could not be made: Unknown theme "no-such-theme"/);
    expect(smtp.dataCount()).toBe(0);
  });

  test('a headline with markup is escaped in the HTML part', async () => {
    const { html } = await sendOne({}, { ...sampleEdition(), briefing: hostileBriefing });
    expect(html).not.toMatch(/<script|<img|<link|href="javascript/i);
    expect(html).toContain('&lt;script&gt;window.__pwned');
  });
});

describe('a body long enough for Gmail to clip', () => {
  /** The sample's threads repeated until the newsletter theme's e-mail (every story in full) passes 102 KB. */
  const longDay: Briefing = BriefingSchema.parse({
    ...structuredClone(sampleBriefing),
    threads: Array.from({ length: 12 }, (_, copy) =>
      sampleBriefing.threads.map((thread, index) => ({ ...structuredClone(thread), id: `${thread.id}-${copy}`, rank: copy * sampleBriefing.threads.length + index + 1 })),
    ).flat(),
  });

  test('is sent, and the delivery logs a warning that names its size, the limit and what to change', async () => {
    smtp = await startSmtp();
    const { store, journal, clock } = await setup();
    const channels = { email: createEmailChannel({ settings: settings(smtp.port), theme: 'newsletter' }) };
    const lines: Array<Record<string, unknown>> = [];
    const edition = { ...sampleEdition(), briefing: longDay };
    const report = await deliver(edition, [{ channel: 'email', to: 'ann@example.org' }], store, clock, { channels, journal, logger: (entry) => lines.push(entry) });
    expect(report.outcomes[0]).toMatchObject({ status: 'sent' });
    const html = parseMime(smtp.messages[0]!.raw).parts.find((p) => p.contentType === 'text/html' && !p.filename)!.body;
    expect(html.length).toBeGreaterThan(GMAIL_CLIP_BYTES);
    expect(lines.map((l) => l.event)).toEqual(['delivery.enqueued', 'delivery.sent', 'delivery.warning']);
    expect(lines[2]).toMatchObject({ level: 'warn', edition: 'morning', recipient: 'ann@example.org' });
    const message = String(lines[2]!.message);
    expect(message).toMatch(/^the e-mail body is \d+ KB: Gmail clips bodies past 102 KB.*shorter theme than "newsletter".*threadsInFull/);
    // The size said is the body's (the message on the wire adds CRLF line ends).
    expect(Number(/(\d+) KB/.exec(message)![1]) * 1024).toBeCloseTo(html.length, -4);
  });

  test('renderEmail says so for the long day only, not for a usual one', async () => {
    const usual = await renderEmail(sampleBriefing, { edition: 'morning', theme: 'newsletter' });
    expect(usual.warnings).toEqual([]);
    const long = await renderEmail(longDay, { edition: 'morning', theme: 'newsletter' });
    expect(long.warnings).toHaveLength(1);
  });
});

describe('email delivery failures', () => {
  test('a server that drops the connection after DATA once: retried after backoff, delivered once', async () => {
    smtp = await startSmtp({ dropAfterData: 1 });
    const { store, journal, clock } = await setup();
    const channels = { email: createEmailChannel({ settings: settings(smtp.port) }) };
    const lines: Array<Record<string, unknown>> = [];
    const report = await deliver(sampleEdition(), [{ channel: 'email', to: 'ann@example.org' }], store, clock, {
      channels,
      journal,
      retryWithinMs: 10 * 60_000,
      logger: (entry) => lines.push(entry),
    });
    expect(smtp.dataCount()).toBe(2);
    expect(smtp.messages).toHaveLength(1);
    expect(report.outcomes[0]).toMatchObject({ status: 'sent', attempts: 2, error: null });
    expect(clock.sleeps).toEqual([30_000]);
    expect(lines.map((l) => l.event)).toEqual(['delivery.enqueued', 'delivery.retry', 'delivery.sent']);
    expect(String(lines[1]!.error)).toMatch(/SMTP send failed/);
  });

  test('a server that keeps dropping: failed after the bounded attempts, with the reason', async () => {
    smtp = await startSmtp({ dropAfterData: 99 });
    const { store, journal, clock } = await setup();
    const channels = { email: createEmailChannel({ settings: settings(smtp.port) }) };
    const report = await deliver(sampleEdition(), [{ channel: 'email', to: 'ann@example.org' }], store, clock, {
      channels,
      journal,
      retry: { maxAttempts: 3, baseDelayMs: 1_000, maxDelayMs: 60_000 },
      retryWithinMs: 60 * 60_000,
    });
    expect(smtp.dataCount()).toBe(3);
    expect(smtp.messages).toHaveLength(0);
    expect(clock.sleeps).toEqual([1_000, 2_000]);
    expect(report.outcomes[0]).toMatchObject({ status: 'failed', attempts: 3 });
    expect(report.outcomes[0]!.error).toMatch(/^gave up after 3 attempts: SMTP send failed/);
  });

  test('without retryWithinMs a transient failure stays pending for a later run, which delivers it', async () => {
    smtp = await startSmtp({ dropAfterData: 1 });
    const { store, journal, clock } = await setup();
    const channels = { email: createEmailChannel({ settings: settings(smtp.port) }) };
    const recipients = [{ channel: 'email' as const, to: 'ann@example.org' }];
    const first = await deliver(sampleEdition(), recipients, store, clock, { channels, journal });
    expect(first.outcomes[0]).toMatchObject({ status: 'pending', attempts: 1, nextAttemptAt: new Date(start + 30_000).toISOString() });
    clock.advance(10_000);
    const early = await deliver(sampleEdition(), recipients, store, clock, { channels, journal });
    expect(early.outcomes[0]).toMatchObject({ status: 'pending', attempts: 1 });
    expect(smtp.dataCount()).toBe(1);
    clock.advance(20_000);
    const later = await deliver(sampleEdition(), recipients, store, clock, { channels, journal });
    expect(later.outcomes[0]).toMatchObject({ status: 'sent', attempts: 2 });
    expect(smtp.messages).toHaveLength(1);
  });

  test('a 5xx reply is permanent: failed after one attempt', async () => {
    smtp = await startSmtp({ refuse: ['gone@example.org'] });
    const { store, journal, clock } = await setup();
    const channels = { email: createEmailChannel({ settings: settings(smtp.port) }) };
    const report = await deliver(
      sampleEdition(),
      [
        { channel: 'email', to: 'gone@example.org' },
        { channel: 'email', to: 'ann@example.org' },
      ],
      store,
      clock,
      { channels, journal, retryWithinMs: 3_600_000 },
    );
    expect(report.outcomes[0]).toMatchObject({ recipient: 'gone@example.org', status: 'failed', attempts: 1 });
    expect(report.outcomes[0]!.error).toMatch(/550/);
    expect(report.outcomes[1]).toMatchObject({ recipient: 'ann@example.org', status: 'sent', attempts: 1 });
    expect(smtp.messages.map((m) => m.to)).toEqual([['ann@example.org']]);
    expect(clock.sleeps).toEqual([]);
  });

  test('auth from BRIEFING_SMTP_USER / BRIEFING_SMTP_PASS; a wrong password is permanent', async () => {
    smtp = await startSmtp({ auth: { user: 'robot', pass: 's3cret' } });
    const good = await setup();
    const env = { BRIEFING_SMTP_USER: 'robot', BRIEFING_SMTP_PASS: 's3cret' };
    const ok = await deliver(sampleEdition(), [{ channel: 'email', to: 'ann@example.org' }], good.store, good.clock, {
      channels: { email: createEmailChannel({ settings: settings(smtp.port, { user: 'someone-else', pass: 'nope' }), env }) },
      journal: good.journal,
    });
    expect(ok.outcomes[0]).toMatchObject({ status: 'sent' });
    expect(smtp.messages).toHaveLength(1);

    const bad = await setup();
    const refused = await deliver(sampleEdition(), [{ channel: 'email', to: 'ann@example.org' }], bad.store, bad.clock, {
      channels: { email: createEmailChannel({ settings: settings(smtp.port, { user: 'robot', pass: 'wrong' }), env: {} }) },
      journal: bad.journal,
      retryWithinMs: 3_600_000,
    });
    expect(refused.outcomes[0]).toMatchObject({ status: 'failed', attempts: 1 });
    expect(refused.outcomes[0]!.error).toMatch(/authentication failed.*BRIEFING_SMTP_USER/);
    expect(smtp.messages).toHaveLength(1);
  });
});
