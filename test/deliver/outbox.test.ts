import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { deliveryOutbox, type OutboxKey } from '../../src/deliver/outbox.js';
import { messageIdFor } from '../../src/deliver/message-id.js';
import { openStore } from '../../src/store/index.js';
import { scratchDir, tempOutbox } from '../store/temp-store.js';

const key: OutboxKey = { edition: 'morning', date: '2025-07-10', channel: 'email', recipient: 'ann@example.org' };
const t0 = new Date('2025-07-10T05:00:00Z');
const at = (s: number) => new Date(t0.getTime() + s * 1000);

describe('the outbox delivery uses (on the SQLite store)', () => {
  test('enqueue is INSERT OR IGNORE', async () => {
    const store = await tempOutbox();
    expect(await store.enqueue(key, t0)).toBe(true);
    expect(await store.enqueue(key, at(10))).toBe(false);
    expect(await store.list()).toHaveLength(1);
  });

  test('claim takes a due row once, and a sending row again only after its lease', async () => {
    const store = await tempOutbox();
    await store.enqueue(key, t0);
    const claimed = await store.claim(key, '<id>', at(60), t0);
    expect(claimed).toMatchObject({ status: 'sending', attempts: 1, messageId: '<id>' });
    expect(await store.claim(key, '<id>', at(120), at(30))).toBeUndefined();
    expect(await store.listDue({ edition: 'morning', date: '2025-07-10' }, at(30))).toHaveLength(0);
    expect(await store.listDue({ edition: 'morning', date: '2025-07-10' }, at(61))).toHaveLength(1);
    expect(await store.claim(key, '<other>', at(180), at(61))).toMatchObject({ attempts: 2, messageId: '<id>' });
    await store.markSent(key, '<id>', at(62));
    await store.markFailed(key, 'late report');
    expect(await store.claim(key, '<id>', at(300), at(400))).toBeUndefined();
    expect(await store.get(key)).toMatchObject({ status: 'sent', sentAt: at(62).toISOString() });
  });

  test('reschedule makes a row due later; markFailed ends it', async () => {
    const store = await tempOutbox();
    await store.enqueue(key, t0);
    await store.claim(key, '<id>', at(60), t0);
    await store.reschedule(key, at(30), 'connection lost');
    expect(await store.get(key)).toMatchObject({ status: 'pending', lastError: 'connection lost', nextAttemptAt: at(30).toISOString() });
    expect(await store.claim(key, '<id>', at(90), at(29))).toBeUndefined();
    expect(await store.claim(key, '<id>', at(90), at(30))).toBeDefined();
    await store.markFailed(key, '550 no such user');
    expect(await store.listDue({ edition: 'morning', date: '2025-07-10' }, at(1000))).toHaveLength(0);
    expect(await store.get(key)).toMatchObject({ status: 'failed', lastError: '550 no such user', attempts: 2 });
  });

  test('every change is committed: a second connection (another process) continues from it', async () => {
    const path = join(await scratchDir(), 'briefing.sqlite');
    const first = await openStore(path);
    const store = deliveryOutbox(first);
    await store.enqueue(key, t0);
    await store.claim(key, '<id>', at(60), t0);
    const second = await openStore(path);
    const again = deliveryOutbox(second);
    expect(await again.get(key)).toMatchObject({ status: 'sending', attempts: 1, messageId: '<id>' });
    expect(await again.enqueue(key, at(5))).toBe(false);
    await first.close();
    await second.close();
  });
});

describe('messageIdFor', () => {
  test('is stable per delivery and differs by recipient, date, edition and channel', () => {
    const id = messageIdFor(key, 'news.example.org');
    expect(id).toMatch(/^<briefing\.morning\.2025-07-10\.[0-9a-f]{8}@news\.example\.org>$/);
    expect(messageIdFor({ ...key }, 'news.example.org')).toBe(id);
    expect(messageIdFor({ ...key, recipient: 'ANN@example.org' }, 'news.example.org')).toBe(id);
    const others = [
      { ...key, recipient: 'bob@example.org' },
      { ...key, date: '2025-07-11' },
      { ...key, edition: 'evening' },
      { ...key, channel: 'webhook' as const },
    ].map((k) => messageIdFor(k, 'news.example.org'));
    expect(new Set([id, ...others]).size).toBe(5);
  });
});
