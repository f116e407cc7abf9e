import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { AcceptedJournal, deliver, DeliveryFailure, type Channel, type OutboxStore, type SendJob } from '../../src/deliver/index.js';
import { tempDir } from '../helpers.js';
import { tempOutbox } from '../store/temp-store.js';
import { FakeClock, sampleEdition } from './helpers.js';

const start = Date.parse('2025-07-10T05:30:00Z');

function scripted(results: Array<'ok' | 'transient' | 'permanent'>): Channel & { jobs: SendJob[] } {
  const jobs: SendJob[] = [];
  return {
    jobs,
    async send(job) {
      jobs.push(job);
      const result = results[Math.min(jobs.length - 1, results.length - 1)];
      if (result === 'transient') throw new DeliveryFailure('try later', false);
      if (result === 'permanent') throw new DeliveryFailure('never', true);
      return { detail: 'ok' };
    },
  };
}

describe('deliver', () => {
  test('a store that fails to record an accepted send: the error surfaces, and the next run records it without resending', async () => {
    const dir = await tempDir();
    const journal = new AcceptedJournal(join(dir, 'journal'));
    const inner = await tempOutbox();
    let breakMarkSent = true;
    const flaky = Object.assign(Object.create(inner) as OutboxStore, {
      markSent: async (...args: Parameters<OutboxStore['markSent']>) => {
        if (breakMarkSent) throw new Error('disk full');
        return inner.markSent(...args);
      },
    });
    const channel = scripted(['ok']);
    const clock = new FakeClock(start);
    const recipients = [{ channel: 'webhook' as const, url: 'https://hooks.example.org/x', secret: 's' }];

    await expect(deliver(sampleEdition(), recipients, flaky, clock, { channels: { webhook: channel }, journal })).rejects.toThrow('disk full');
    expect(channel.jobs).toHaveLength(1);
    expect(await readdir(join(dir, 'journal'))).toHaveLength(1);

    breakMarkSent = false;
    clock.advance(3_600_000);
    const report = await deliver(sampleEdition(), recipients, flaky, clock, { channels: { webhook: channel }, journal });
    expect(report.outcomes[0]).toMatchObject({ status: 'sent', attempts: 1, recovered: true, messageId: channel.jobs[0]!.messageId });
    expect(channel.jobs).toHaveLength(1);
  });

  test('backoff doubles up to the cap; every attempt carries the same message id; logs say what happened', async () => {
    const dir = await tempDir();
    const channel = scripted(['transient', 'transient', 'transient', 'ok']);
    const clock = new FakeClock(start);
    const lines: Array<Record<string, unknown>> = [];
    const report = await deliver(sampleEdition(), [{ channel: 'email', to: 'ann@example.org' }], await tempOutbox(), clock, {
      channels: { email: channel },
      journal: new AcceptedJournal(join(dir, 'journal')),
      retry: { maxAttempts: 5, baseDelayMs: 10_000, maxDelayMs: 25_000 },
      retryWithinMs: 3_600_000,
      messageIdDomain: 'briefing.test',
      logger: (line) => lines.push(line),
    });
    expect(clock.sleeps).toEqual([10_000, 20_000, 25_000]);
    expect(new Set(channel.jobs.map((j) => j.messageId)).size).toBe(1);
    expect(report.outcomes[0]).toMatchObject({ status: 'sent', attempts: 4 });
    expect(lines.map((l) => l.event)).toEqual(['delivery.enqueued', 'delivery.retry', 'delivery.retry', 'delivery.retry', 'delivery.sent']);
    expect(lines[1]).toMatchObject({ edition: 'morning', date: '2025-07-10', channel: 'email', recipient: 'ann@example.org', attempt: 1, error: 'try later' });
  });

  test('a recipient whose channel is not configured fails permanently with a hint; others are still sent', async () => {
    const dir = await tempDir();
    const channel = scripted(['ok']);
    const report = await deliver(
      sampleEdition(),
      [
        { channel: 'email', to: 'ann@example.org' },
        { channel: 'file', dir: join(dir, 'out') },
      ],
      await tempOutbox(),
      new FakeClock(start),
      { channels: { file: channel }, journal: new AcceptedJournal(join(dir, 'journal')) },
    );
    expect(report.outcomes.map((o) => [o.channel, o.status])).toEqual([
      ['email', 'failed'],
      ['file', 'sent'],
    ]);
    expect(report.outcomes[0]!.error).toMatch(/no email channel is configured; add its settings under delivery\.email/);
  });
});
