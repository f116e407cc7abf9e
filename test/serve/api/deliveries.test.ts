import { afterEach, describe, expect, it } from 'vitest';
import { startSmtp, type TestSmtp } from '../../deliver/helpers.js';
import { asAdmin, asReader, startTestServer, waitForJob, type TestServer } from './helpers.js';
import { freePort } from '../../helpers.js';

let server: TestServer | undefined;
let smtp: TestSmtp | undefined;
afterEach(async () => {
  await server?.close();
  await smtp?.close();
  server = smtp = undefined;
});

interface Delivery {
  id: string;
  channel: string;
  recipient: string;
  status: string;
  attempts: number;
  description: string;
  canRetry: boolean;
}

describe('deliveries over the API, with a real SMTP server', () => {
  it('lists the outbox by state, retries a delivery that failed while SMTP was down, resends a copy, and refuses what cannot be done', async () => {
    const port = await freePort();
    server = await startTestServer({
      now: new Date('2025-07-11T09:00:00Z'),
      extra: `      - { channel: email, recipients: [ann@example.org] }
smtp: { host: 127.0.0.1, port: ${port}, ignoreTLS: true, from: briefing@briefing.test, domain: briefing.test, connectionTimeoutMs: 2000 }
`,
    });
    const { base } = server;
    const run = await fetch(`${base}/api/editions/morning/run`, { method: 'POST', headers: { ...asAdmin, 'content-type': 'application/json' }, body: JSON.stringify({ date: '2025-07-11' }) });
    const job = await waitForJob(base, ((await run.json()) as { id: string }).id);
    expect(job.state, JSON.stringify(job.errors)).toBe('done');

    const list = async (query = '') => ((await (await fetch(`${base}/api/deliveries${query}`, { headers: asReader })).json()) as { deliveries: Delivery[] }).deliveries;
    const pending = await list('?state=pending');
    expect(pending.map((d) => [d.channel, d.recipient])).toEqual([['email', 'ann@example.org']]);
    expect(pending[0]).toMatchObject({ canRetry: true, description: expect.stringMatching(/^will retry at \S+ \(last error: .+\)$/) });
    expect((await list('?state=sent')).map((d) => d.channel)).toEqual(['file']);
    expect((await fetch(`${base}/api/deliveries?state=lost`, { headers: asReader })).status).toBe(400);

    const id = pending[0]!.id;
    expect((await fetch(`${base}/api/deliveries/${id}/retry`, { method: 'POST', headers: asReader })).status).toBe(403);
    expect((await fetch(`${base}/api/deliveries/bm9wZQ/retry`, { method: 'POST', headers: asAdmin })).status).toBe(404);

    smtp = await startSmtp({ port });
    const retried = await fetch(`${base}/api/deliveries/${id}/retry`, { method: 'POST', headers: asAdmin });
    expect(retried.status).toBe(200);
    const outcomes = ((await retried.json()) as { outcomes: Array<{ recipient: string; status: string }> }).outcomes;
    expect(outcomes).toMatchObject([{ recipient: 'ann@example.org', status: 'sent' }]);
    expect(smtp.messages.map((m) => m.to)).toEqual([['ann@example.org']]);
    expect((await list('?state=pending'))).toEqual([]);

    // Sent already: a retry is refused (409, saying to resend), a resend sends a new copy.
    const again = await fetch(`${base}/api/deliveries/${id}/retry`, { method: 'POST', headers: asAdmin });
    expect(again.status).toBe(409);
    expect(((await again.json()) as { detail: string }).detail).toMatch(/was sent at .*resend it/);
    const resend = (to: string) => fetch(`${base}/api/deliveries/${id}/resend`, { method: 'POST', headers: { ...asAdmin, 'content-type': 'application/json' }, body: JSON.stringify({ to }) });
    const copy = await resend('ann@example.org');
    expect(copy.status).toBe(200);
    expect(((await copy.json()) as { outcomes: Array<{ recipient: string; status: string }> }).outcomes).toMatchObject([{ recipient: 'ann@example.org#copy2', status: 'sent' }]);
    expect(smtp.messages).toHaveLength(2);
    const forged = await resend('bob@example.org\r\nBcc: eve@example.org');
    expect(forged.status).toBe(400);
    expect(((await forged.json()) as { detail: string }).detail).toMatch(/line break/);
    expect(smtp.messages).toHaveLength(2);
  });
});
