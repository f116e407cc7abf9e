import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import {
  AcceptedJournal,
  createEmailChannel,
  deliver,
  emailSettingsSchema,
  type DeliveryFailure,
  type OutboxRow,
} from '../../src/deliver/index.js';
import { tempDir } from '../helpers.js';
import { tempOutbox } from '../store/temp-store.js';
import { FakeClock, sampleEdition, startSmtp, type TestSmtp } from './helpers.js';

const settings = (port: number) =>
  emailSettingsSchema.parse({ host: '127.0.0.1', port, ignoreTLS: true, from: 'briefing@briefing.test', domain: 'briefing.test', connectionTimeoutMs: 2_000 });

let smtp: TestSmtp | undefined;
const dirs: string[] = [];
afterEach(async () => {
  await smtp?.close();
  smtp = undefined;
  while (dirs.length) await rm(dirs.pop()!, { recursive: true, force: true });
});

async function run(port: number, to: string[], retry = { maxAttempts: 3, baseDelayMs: 1_000, maxDelayMs: 10_000 }) {
  const dir = await tempDir();
  dirs.push(dir);
  const given: Array<{ row: OutboxRow; error: DeliveryFailure }> = [];
  const report = await deliver(sampleEdition(), to.map((address) => ({ channel: 'email' as const, to: address })), await tempOutbox(), new FakeClock(Date.parse('2025-07-10T05:30:00Z')), {
    channels: { email: createEmailChannel({ settings: settings(port) }) },
    journal: new AcceptedJournal(join(dir, 'journal')),
    retry,
    retryWithinMs: 60_000,
    onPermanentFailure: (row, error) => void given.push({ row, error }),
  });
  return { report, given };
}

describe('onPermanentFailure: a delivery given up is reported once, with its row and reason', () => {
  test('a 550 from the SMTP server: failed at once, reported; the other recipient is sent and not reported', async () => {
    smtp = await startSmtp({ refuse: ['gone@example.org'] });
    const { report, given } = await run(smtp.port, ['gone@example.org', 'ann@example.org']);
    expect(report.outcomes.map((o) => [o.recipient, o.status])).toEqual([
      ['gone@example.org', 'failed'],
      ['ann@example.org', 'sent'],
    ]);
    expect(given).toHaveLength(1);
    expect(given[0]!.row).toMatchObject({ recipient: 'gone@example.org', status: 'failed', attempts: 1 });
    expect(given[0]!.error.permanent).toBe(true);
    expect(given[0]!.error.message).toMatch(/550/);
  });

  test('a server that stays down: reported once the attempts run out, not before', async () => {
    smtp = await startSmtp();
    const port = smtp.port;
    await smtp.close();
    smtp = undefined;
    const { report, given } = await run(port, ['ann@example.org']);
    expect(report.outcomes[0]).toMatchObject({ status: 'failed', attempts: 3 });
    expect(given).toHaveLength(1);
    expect(given[0]!.row).toMatchObject({ status: 'failed', attempts: 3 });
    expect(given[0]!.error.message).toMatch(/^gave up after 3 attempts: SMTP send failed/);
  });
});
