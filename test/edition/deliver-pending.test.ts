import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.js';
import { deliverPending } from '../../src/edition/deliver-pending.js';
import { runEdition } from '../../src/edition/run-edition.js';
import { listOutbox, openStore } from '../../src/store/index.js';
import { editionProject } from './helpers.js';

/** A webhook receiver on 127.0.0.1 that fails the first `failures` posts with 503, then accepts. */
async function flakyReceiver(failures: number) {
  const accepted: string[] = [];
  let seen = 0;
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      seen += 1;
      if (seen <= failures) return res.writeHead(503).end('busy');
      accepted.push(body);
      res.writeHead(200).end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  return { url, accepted, requests: () => seen, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (closers.length) await closers.pop()!();
});

describe('deliverPending', () => {
  it('pays off a delivery that failed transiently on an earlier day, once, without resending the rest', async () => {
    const receiver = await flakyReceiver(1);
    closers.push(receiver.close);
    const project = await editionProject({ extra: `      - { channel: webhook, url: "${receiver.url}", secret: s3cret }\n` });
    const config = await loadConfig({ cwd: project.dir, env: {} });
    const store = await openStore(project.db);
    closers.push(async () => store.close());

    const runAt = new Date('2025-07-10T06:00:00Z');
    const outcome = await runEdition(config, 'morning', { date: '2025-07-10', now: runAt, deliver: true, store });
    expect(outcome.status).toBe('success');
    const statusOf = async () =>
      Object.fromEntries((await store.read((db) => listOutbox(db))).map((row) => [row.channel, row.status]));
    expect(await statusOf()).toEqual({ file: 'sent', webhook: 'pending' });
    expect(receiver.accepted).toHaveLength(0);

    // The next day's run (or the scheduler's start) finds the row due and sends the 10 July briefing.
    const later = new Date('2025-07-11T06:00:00Z');
    const sent = await deliverPending(config, store, { now: later });
    expect(sent.map((o) => [o.channel, o.status])).toEqual([['webhook', 'sent']]);
    expect(await statusOf()).toEqual({ file: 'sent', webhook: 'sent' });
    expect(receiver.accepted).toHaveLength(1);
    expect(JSON.parse(receiver.accepted[0]!).date ?? JSON.parse(receiver.accepted[0]!).briefing?.date).toBe('2025-07-10');

    // Nothing is owed any more: a further sweep sends nothing.
    expect(await deliverPending(config, store, { now: new Date('2025-07-12T06:00:00Z') })).toEqual([]);
    expect(receiver.requests()).toBe(2);
  });

  it('a due delivery whose edition files are gone is failed once and reported, not retried every sweep', async () => {
    const receiver = await flakyReceiver(1);
    closers.push(receiver.close);
    const project = await editionProject({ extra: `      - { channel: webhook, url: "${receiver.url}", secret: s3cret }\n` });
    closers.push(() => rm(project.dir, { recursive: true, force: true }));
    const config = await loadConfig({ cwd: project.dir, env: {} });
    const store = await openStore(project.db);
    closers.push(async () => store.close());
    expect((await runEdition(config, 'morning', { date: '2025-07-10', now: new Date('2025-07-10T06:00:00Z'), deliver: true, store })).status).toBe('success');
    await rm(join(project.dir, 'out', 'morning', 'briefing-2025-07-10.json'));

    const reported: string[] = [];
    const hook = (row: { recipient: string }, error: Error) => void reported.push(`${row.recipient}: ${error.message}`);
    const lines: Record<string, unknown>[] = [];
    expect(await deliverPending(config, store, { now: new Date('2025-07-11T06:00:00Z'), onPermanentFailure: hook, log: (l) => lines.push(l) })).toEqual([]);
    const webhook = (await store.read((db) => listOutbox(db))).find((row) => row.channel === 'webhook')!;
    expect(webhook).toMatchObject({ status: 'failed', lastError: expect.stringMatching(/briefing-2025-07-10\.json is missing/) });
    expect(reported).toEqual([expect.stringMatching(/^http:.*: cannot deliver: briefing-2025-07-10\.json is missing/)]);
    expect(lines.filter((l) => l.level === 'error')).toHaveLength(1);

    await deliverPending(config, store, { now: new Date('2025-07-11T06:01:00Z'), onPermanentFailure: hook, log: (l) => lines.push(l) });
    expect(reported).toHaveLength(1);
    expect(lines.filter((l) => l.level === 'error')).toHaveLength(1);
    expect(receiver.requests()).toBe(1);
  });
});
