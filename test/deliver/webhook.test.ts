import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import {
  AcceptedJournal,
  createWebhookChannel,
  deliver,
  signWebhook,
  verifyWebhookSignature,
  type Recipient,
} from '../../src/deliver/index.js';
import { sampleBriefing } from '../fixtures/sample-briefing.js';
import { tempDir } from '../helpers.js';
import { tempOutbox } from '../store/temp-store.js';
import { FakeClock, sampleEdition, TINY_PDF } from './helpers.js';

const SECRET = 'correct horse battery staple';
const start = Date.parse('2025-07-10T05:30:00Z');

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

/** A real HTTP server on 127.0.0.1 answering each request with the next status of the script (then the last one). */
async function startReceiver(statuses: number[], options: { stallMs?: number } = {}) {
  const requests: Received[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      requests.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      const status = statuses[Math.min(requests.length - 1, statuses.length - 1)]!;
      const reply = () => res.writeHead(status, { 'content-type': 'text/plain' }).end(status >= 400 ? 'bad things' : 'ok');
      if (options.stallMs) setTimeout(reply, options.stallMs);
      else reply();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as { port: number }).port}/hook`;
  return {
    url,
    requests,
    close: () => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  };
}

let receiver: Awaited<ReturnType<typeof startReceiver>> | undefined;
afterEach(async () => {
  await receiver?.close();
  receiver = undefined;
});

async function run(recipients: Recipient[], clock = new FakeClock(start), timeoutMs = 5_000) {
  const dir = await tempDir();
  const store = await tempOutbox();
  const report = await deliver(sampleEdition(), recipients, store, clock, {
    channels: { webhook: createWebhookChannel({ timeoutMs, now: () => clock.now() }) },
    journal: new AcceptedJournal(join(dir, 'journal')),
    retryWithinMs: 3_600_000,
  });
  return { report, clock, store };
}

describe('webhook channel with a real HTTP server', () => {
  test('posts the briefing JSON with a signature over timestamp and body that verifies', async () => {
    receiver = await startReceiver([204]);
    const { report } = await run([{ channel: 'webhook', url: receiver.url, secret: SECRET }]);
    expect(report.outcomes[0]).toMatchObject({ status: 'sent', attempts: 1 });
    expect(receiver.requests).toHaveLength(1);
    const { headers, body } = receiver.requests[0]!;
    expect(headers['content-type']).toBe('application/json');
    expect(headers['x-briefing-timestamp']).toBe(String(start / 1000));
    expect(headers['x-briefing-signature']).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(verifyWebhookSignature(SECRET, headers['x-briefing-timestamp'] as string, body, headers['x-briefing-signature'] as string)).toBe(true);
    expect(verifyWebhookSignature('another secret', headers['x-briefing-timestamp'] as string, body, headers['x-briefing-signature'] as string)).toBe(false);
    expect(verifyWebhookSignature(SECRET, String(start / 1000 + 1), body, headers['x-briefing-signature'] as string)).toBe(false);
    expect(verifyWebhookSignature(SECRET, headers['x-briefing-timestamp'] as string, `${body} `, headers['x-briefing-signature'] as string)).toBe(false);
    expect(JSON.parse(body)).toEqual(sampleBriefing);
    expect(headers['x-briefing-delivery']).toBe(report.outcomes[0]!.messageId);
  });

  test('with includeFiles, the body carries every output base64-encoded', async () => {
    receiver = await startReceiver([200]);
    await run([{ channel: 'webhook', url: receiver.url, secret: SECRET, includeFiles: true }]);
    const payload = JSON.parse(receiver.requests[0]!.body) as { briefing: unknown; files: Array<{ name: string; contentType: string; base64: string }> };
    expect(payload.briefing).toEqual(sampleBriefing);
    expect(payload.files.map((f) => [f.name, f.contentType])).toEqual([
      ['briefing-2025-07-10.json', 'application/json'],
      ['briefing-2025-07-10.pdf', 'application/pdf'],
    ]);
    expect(Buffer.from(payload.files[1]!.base64, 'base64')).toEqual(TINY_PDF);
    const { headers, body } = receiver.requests[0]!;
    expect(headers['x-briefing-signature']).toBe(signWebhook(SECRET, headers['x-briefing-timestamp'] as string, body));
  });

  test('500 then 200: retried after backoff, sent on the second attempt', async () => {
    receiver = await startReceiver([500, 200]);
    const { report, clock } = await run([{ channel: 'webhook', url: receiver.url, secret: SECRET }]);
    expect(receiver.requests).toHaveLength(2);
    expect(clock.sleeps).toEqual([30_000]);
    expect(report.outcomes[0]).toMatchObject({ status: 'sent', attempts: 2, error: null });
    // The retry is signed afresh with its own timestamp, and carries the same delivery id.
    const [a, b] = receiver.requests;
    expect(Number(b!.headers['x-briefing-timestamp']) - Number(a!.headers['x-briefing-timestamp'])).toBe(30);
    expect(b!.headers['x-briefing-delivery']).toBe(a!.headers['x-briefing-delivery']);
  });

  test('400 is permanent; 429 and 408 are retried', async () => {
    receiver = await startReceiver([400]);
    const bad = await run([{ channel: 'webhook', url: receiver.url, secret: SECRET }]);
    expect(receiver.requests).toHaveLength(1);
    expect(bad.report.outcomes[0]).toMatchObject({ status: 'failed', attempts: 1 });
    expect(bad.report.outcomes[0]!.error).toMatch(/answered HTTP 400: bad things/);
    await receiver.close();

    receiver = await startReceiver([429, 408, 201]);
    const busy = await run([{ channel: 'webhook', url: receiver.url, secret: SECRET }]);
    expect(receiver.requests).toHaveLength(3);
    expect(busy.report.outcomes[0]).toMatchObject({ status: 'sent', attempts: 3 });
    expect(busy.clock.sleeps).toEqual([30_000, 60_000]);
  });

  test('a receiver that does not answer in time is a transient failure with a bounded wait', async () => {
    receiver = await startReceiver([200], { stallMs: 2_000 });
    const dir = await tempDir();
    const clock = new FakeClock(start);
    const began = Date.now();
    const report = await deliver(sampleEdition(), [{ channel: 'webhook', url: receiver.url, secret: SECRET }], await tempOutbox(), clock, {
      channels: { webhook: createWebhookChannel({ timeoutMs: 300 }) },
      journal: new AcceptedJournal(join(dir, 'journal')),
    });
    expect(Date.now() - began).toBeLessThan(1_900);
    expect(report.outcomes[0]).toMatchObject({ status: 'pending', attempts: 1 });
    expect(report.outcomes[0]!.error).toMatch(/no answer within 300 ms/);
  });

  test('a non-http URL is refused without a request', async () => {
    const { report } = await run([{ channel: 'webhook', url: 'file:///etc/passwd', secret: SECRET }]);
    expect(report.outcomes[0]).toMatchObject({ status: 'failed', attempts: 1 });
    expect(report.outcomes[0]!.error).toMatch(/not http\(s\)/);
  });
});
