import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { formatAlert, sendAlert, type Alert } from '../../src/alerts/index.js';
import { loadConfig, type BriefingConfig } from '../../src/config/index.js';
import { verifyWebhookSignature } from '../../src/deliver/index.js';
import { lastAlertSentAt, openStore, type Store } from '../../src/store/index.js';
import { decodeHeader, parseMime, startSmtp, type TestSmtp } from '../deliver/helpers.js';
import { tempDir } from '../helpers.js';
import { startHttpSink, type HttpSink } from './http-sink.js';
import { writeFile } from 'node:fs/promises';

const alert: Alert = {
  kind: 'run-failed',
  edition: 'morning',
  date: '2025-07-11',
  reasons: ['every source failed: source "wire" (http://127.0.0.1:9/feed.xml) failed: connection refused'],
  fix: 'fix the feed, then run briefing generate --edition morning --date 2025-07-11',
};

describe('formatAlert', () => {
  it('gives a subject, a text naming edition, date, every reason and the fix, and the same as JSON', () => {
    const formatted = formatAlert(alert, new Date('2025-07-11T06:00:05Z'));
    expect(formatted.subject).toBe('[briefing] morning 2025-07-11: run failed');
    expect(formatted.text).toContain('Edition "morning" of 2025-07-11: run failed.');
    expect(formatted.text).toContain(`  - ${alert.reasons[0]}`);
    expect(formatted.text).toContain(`What to do: ${alert.fix}`);
    expect(formatted.payload).toEqual({ type: 'briefing.alert', ...alert, at: '2025-07-11T06:00:05.000Z' });
  });
});

describe('sendAlert', () => {
  const cleanup: Array<() => Promise<unknown>> = [];
  afterEach(async () => {
    for (const fn of cleanup.splice(0).reverse()) await fn();
  });

  async function setup(alertsYaml: (smtp: TestSmtp, sink: HttpSink) => string): Promise<{ config: BriefingConfig; store: Store; smtp: TestSmtp; sink: HttpSink }> {
    const dir = await tempDir('briefing-alerts-');
    cleanup.push(() => rm(dir, { recursive: true, force: true }));
    const smtp = await startSmtp();
    cleanup.push(() => smtp.close());
    const sink = await startHttpSink();
    cleanup.push(() => sink.close());
    await writeFile(
      join(dir, 'briefing.config.yaml'),
      `smtp: { host: 127.0.0.1, port: ${smtp.port}, ignoreTLS: true, from: "Briefing <briefing@example.org>" }\n${alertsYaml(smtp, sink)}`,
    );
    const config = await loadConfig({ cwd: dir, env: {} });
    const store = await openStore(config.database);
    cleanup.push(async () => store.close());
    return { config, store, smtp, sink };
  }

  it('mails the addresses through the smtp settings and POSTs the signed JSON to the webhook', async () => {
    const { config, store, smtp, sink } = await setup(
      (_s, sink) => `alerts:\n  email: [ops@example.org, oncall@example.org]\n  webhook: { url: "${sink.url}", secret: hook-secret }\n`,
    );
    const result = await sendAlert(config, alert, { store, now: () => new Date('2025-07-11T06:00:00Z') });
    expect(result).toEqual({
      status: 'sent',
      channels: [
        { channel: 'email', recipient: 'ops@example.org', ok: true },
        { channel: 'email', recipient: 'oncall@example.org', ok: true },
        { channel: 'webhook', recipient: sink.url, ok: true },
      ],
    });
    expect(smtp.messages.map((m) => m.to)).toEqual([['ops@example.org'], ['oncall@example.org']]);
    const mail = parseMime(smtp.messages[0]!.raw);
    expect(decodeHeader(mail.headers.subject)).toBe('[briefing] morning 2025-07-11: run failed');
    expect(mail.headers['x-briefing-alert']).toBe('run-failed');
    expect(mail.parts[0]!.body.toString('utf8')).toContain('connection refused');
    expect(sink.requests).toHaveLength(1);
    const request = sink.requests[0]!;
    expect(JSON.parse(request.body)).toMatchObject({ type: 'briefing.alert', kind: 'run-failed', edition: 'morning', date: '2025-07-11', reasons: alert.reasons, fix: alert.fix });
    expect(verifyWebhookSignature('hook-secret', String(request.headers['x-briefing-timestamp']), request.body, String(request.headers['x-briefing-signature']))).toBe(true);
  });

  it('sends one alert per edition and kind per minIntervalMinutes, remembered in the store', async () => {
    const { config, store, sink } = await setup((_s, sink) => `alerts:\n  webhook: { url: "${sink.url}" }\n  minIntervalMinutes: 60\n`);
    const at = (iso: string) => ({ store, now: () => new Date(iso) });
    expect((await sendAlert(config, alert, at('2025-07-11T06:00:00Z'))).status).toBe('sent');
    expect(await sendAlert(config, alert, at('2025-07-11T06:59:00Z'))).toEqual({ status: 'rate-limited', lastSentAt: '2025-07-11T06:00:00.000Z' });
    // Another kind, or another edition, is not held back by it.
    expect((await sendAlert(config, { ...alert, kind: 'delivery-failed' }, at('2025-07-11T06:59:00Z'))).status).toBe('sent');
    expect((await sendAlert(config, { ...alert, edition: 'evening' }, at('2025-07-11T06:59:00Z'))).status).toBe('sent');
    expect((await sendAlert(config, alert, at('2025-07-11T07:00:00Z'))).status).toBe('sent');
    expect(sink.requests.map((r) => `${JSON.parse(r.body).edition}/${JSON.parse(r.body).kind}`)).toEqual([
      'morning/run-failed',
      'morning/delivery-failed',
      'evening/run-failed',
      'morning/run-failed',
    ]);
  });

  it('gives the slot back when no channel reached anyone, so the next failure tries again', async () => {
    const { config, store, sink } = await setup((_s, sink) => `alerts:\n  webhook: { url: "${sink.url}" }\n`);
    sink.status = 500;
    const first = await sendAlert(config, alert, { store, now: () => new Date('2025-07-11T06:00:00Z') });
    expect(first).toMatchObject({ status: 'sent', channels: [{ channel: 'webhook', ok: false, error: expect.stringMatching(/answered HTTP 500/) }] });
    expect(await store.read((db) => lastAlertSentAt(db, 'morning', 'run-failed'))).toBeUndefined();
    sink.status = 200;
    expect(await sendAlert(config, alert, { store, now: () => new Date('2025-07-11T06:01:00Z') })).toMatchObject({ status: 'sent', channels: [{ ok: true }] });
    expect(sink.requests).toHaveLength(2);
  });

  it('does nothing without an alerts: section', async () => {
    const { config, store, smtp, sink } = await setup(() => '');
    expect(await sendAlert(config, alert, { store, now: () => new Date() })).toEqual({ status: 'not-configured' });
    expect(smtp.messages).toHaveLength(0);
    expect(sink.requests).toHaveLength(0);
  });
});
