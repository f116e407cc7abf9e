import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import {
  AcceptedJournal,
  createEmailChannel,
  createFileChannel,
  deliver,
  emailSettingsSchema,
  outboxReport,
  deliveryOutbox,
  type Recipient,
} from '../../src/deliver/index.js';
import { openStore } from '../../src/store/index.js';
import { scratchDir } from '../store/temp-store.js';
import { FakeClock, sampleEdition, startSmtp, type TestSmtp } from './helpers.js';

let smtp: TestSmtp | undefined;
afterEach(async () => {
  await smtp?.close();
  smtp = undefined;
});

describe('delivery on the SQLite outbox (src/store)', () => {
  test('retries, records and survives a reopen; a rerun with a new process sends nothing twice; failures are listed', async () => {
    smtp = await startSmtp({ dropAfterData: 1, refuse: ['gone@example.org'] });
    const dir = await scratchDir();
    const dbPath = join(dir, 'data', 'briefing.sqlite');
    const journal = new AcceptedJournal(join(dir, 'journal'));
    const clock = new FakeClock(Date.parse('2025-07-10T05:30:00Z'));
    const channels = {
      email: createEmailChannel({
        settings: emailSettingsSchema.parse({ host: '127.0.0.1', port: smtp.port, ignoreTLS: true, from: 'briefing@briefing.test', domain: 'briefing.test' }),
      }),
      file: createFileChannel(),
    };
    const recipients: Recipient[] = [
      { channel: 'email', to: 'ann@example.org' },
      { channel: 'email', to: 'gone@example.org' },
      { channel: 'file', dir: join(dir, 'inbox') },
    ];

    const store = await openStore(dbPath, { now: () => clock.now() });
    const first = await deliver(sampleEdition(), recipients, deliveryOutbox(store), clock, { channels, journal, retryWithinMs: 3_600_000 });
    await store.close();
    expect(first.outcomes.map((o) => [o.recipient, o.status, o.attempts])).toEqual([
      ['ann@example.org', 'sent', 2],
      ['gone@example.org', 'failed', 1],
      [join(dir, 'inbox'), 'sent', 1],
    ]);
    expect(smtp.messages).toHaveLength(1);

    clock.advance(86_400_000);
    const reopened = await openStore(dbPath, { now: () => clock.now() });
    const outbox = deliveryOutbox(reopened);
    const second = await deliver(sampleEdition(), recipients, outbox, clock, { channels, journal, retryWithinMs: 3_600_000 });
    expect(second.outcomes.map((o) => [o.status, o.attempts])).toEqual([
      ['sent', 2],
      ['failed', 1],
      ['sent', 1],
    ]);
    expect(smtp.messages).toHaveLength(1);
    expect(smtp.dataCount()).toBe(2);

    const status = await outboxReport(outbox, { edition: 'morning' });
    expect(status).toHaveLength(3);
    const failed = status.find((o) => o.status === 'failed')!;
    expect(failed).toMatchObject({ channel: 'email', recipient: 'gone@example.org' });
    expect(failed.error).toMatch(/550/);
    expect(status.find((o) => o.recipient === 'ann@example.org')!.messageId).toMatch(/^<briefing\.morning\.2025-07-10\.[0-9a-f]{8}@briefing\.test>$/);
    await reopened.close();
  });
});
