import { describe, expect, it } from 'vitest';
import {
  outboxStore,
  claimDelivery,
  dueDeliveries,
  enqueueDelivery,
  findDelivery,
  lastEdition,
  listEditions,
  listOutbox,
  markFailed,
  markSent,
  openStore,
  recordEdition,
  scheduleRetry,
  type OutboxKey,
} from '../../src/store/index.js';
import type { OutboxStore } from '../../src/deliver/outbox.js';
import type { ChannelName } from '../../src/deliver/types.js';
import { BACKENDS, freshDatabase } from './backends.js';

const t = (iso: string) => new Date(iso);
const key: OutboxKey = { edition: 'morning', date: '2025-07-11', channel: 'email', recipient: 'ana@example.org' };

describe.each(BACKENDS)('on %s', (backend) => {
  describe('outbox', () => {
    it('enqueues each (edition, date, channel, recipient) once and walks it through retry to sent', async () => {
      const store = await openStore(await freshDatabase(backend));
      expect(await store.transaction((db) => enqueueDelivery(db, key, t('2025-07-11T06:00:00Z'), { pdf: 'out/b.pdf' }))).toBe(true);
      expect(await store.transaction((db) => enqueueDelivery(db, key, t('2025-07-11T07:00:00Z'), { other: true }))).toBe(false);
      expect(await store.read((db) => findDelivery(db, key))).toMatchObject({ payload: { pdf: 'out/b.pdf' }, nextAttemptAt: '2025-07-11T06:00:00.000Z' });
      expect((await store.read((db) => listOutbox(db))).length).toBe(1);

      expect(await store.read((db) => dueDeliveries(db, t('2025-07-11T05:59:59Z')))).toEqual([]);
      expect((await store.read((db) => dueDeliveries(db, t('2025-07-11T06:00:00Z')))).map((e) => e.recipient)).toEqual([key.recipient]);

      const lease = t('2025-07-11T06:01:00Z');
      expect(await store.transaction((db) => claimDelivery(db, key, '<a@briefing>', lease, t('2025-07-11T06:00:01Z')))).toMatchObject({
        status: 'sending',
        attempts: 1,
        nextAttemptAt: lease.toISOString(),
      });
      // Another sender cannot take it while the lease runs.
      expect(await store.transaction((db) => claimDelivery(db, key, '<b@briefing>', lease, t('2025-07-11T06:00:30Z')))).toBeUndefined();
      await store.transaction((db) => scheduleRetry(db, key, t('2025-07-11T06:02:00Z'), 'connection reset'));
      expect(await store.read((db) => dueDeliveries(db, t('2025-07-11T06:01:30Z')))).toEqual([]);
      const second = await store.transaction((db) => claimDelivery(db, key, '<c@briefing>', t('2025-07-11T06:03:00Z'), t('2025-07-11T06:02:00Z')));
      expect(second).toMatchObject({ attempts: 2, messageId: '<a@briefing>', lastError: 'connection reset' });
      await store.transaction((db) => markSent(db, key, t('2025-07-11T06:02:01Z')));
      expect(await store.read((db) => findDelivery(db, key))).toMatchObject({ status: 'sent', attempts: 2, messageId: '<a@briefing>', lastError: null, sentAt: '2025-07-11T06:02:01.000Z' });
      // A sent delivery is never re-opened by a late report, nor due again.
      await store.transaction((db) => markFailed(db, key, 'late'));
      await store.transaction((db) => scheduleRetry(db, key, t('2025-07-11T06:05:00Z'), 'late'));
      expect((await store.read((db) => findDelivery(db, key)))!.status).toBe('sent');
      expect(await store.read((db) => dueDeliveries(db, t('2025-07-12T00:00:00Z')))).toEqual([]);
      await store.close();
    });

    it('after a restart between claim and record, the delivery is due again once its lease ran out, with its message id', async () => {
      const path = await freshDatabase(backend);
      const before = await openStore(path);
      await before.transaction((db) => enqueueDelivery(db, key, t('2025-07-11T06:00:00Z')));
      await before.transaction((db) => claimDelivery(db, key, '<stable@briefing>', t('2025-07-11T06:10:00Z'), t('2025-07-11T06:00:01Z')));
      await before.close(); // the process dies here, before markSent

      const after = await openStore(path);
      expect(await after.read((db) => dueDeliveries(db, t('2025-07-11T06:09:59Z')))).toEqual([]);
      const due = await after.read((db) => dueDeliveries(db, t('2025-07-11T06:10:00Z')));
      expect(due.map((e) => [e.status, e.messageId, e.attempts])).toEqual([['sending', '<stable@briefing>', 1]]);
      await after.transaction((db) => markFailed(db, key, '550 mailbox unavailable'));
      expect((await after.read((db) => listOutbox(db, { status: 'failed' }))).map((e) => e.lastError)).toEqual(['550 mailbox unavailable']);
      expect(await after.read((db) => dueDeliveries(db, t('2025-07-12T00:00:00Z')))).toEqual([]);
      await after.close();
    });

    it('serves delivery as its OutboxStore, and a second process sees the first one\'s rows', async () => {
      const path = await freshDatabase(backend);
      const a = await openStore(path);
      const b = await openStore(path);
      const outboxA: OutboxStore = outboxStore<ChannelName>(a);
      const outboxB: OutboxStore = outboxStore<ChannelName>(b);
      const k = { ...key, channel: 'email' as ChannelName };
      expect(await outboxA.enqueue(k, t('2025-07-11T06:00:00Z'))).toBe(true);
      expect(await outboxB.enqueue(k, t('2025-07-11T06:00:00Z'))).toBe(false);
      expect(await outboxB.claim(k, '<m@x>', t('2025-07-11T06:01:00Z'), t('2025-07-11T06:00:00Z'))).toMatchObject({ attempts: 1 });
      expect(await outboxA.claim(k, '<m@x>', t('2025-07-11T06:01:00Z'), t('2025-07-11T06:00:10Z'))).toBeUndefined();
      await outboxB.markSent(k, '<m@x>', t('2025-07-11T06:00:20Z'));
      expect(await outboxA.get(k)).toMatchObject({ status: 'sent', messageId: '<m@x>' });
      expect(await outboxA.list({ edition: 'morning' })).toHaveLength(1);
      await a.close();
      await b.close();
    });
  });

  describe('editions', () => {
    it('replaces the record of a re-run date and finds the last one before a date', async () => {
      const store = await openStore(await freshDatabase(backend));
      const base = { edition: 'morning', finishedAt: null, inputsDigest: null, outputs: [], durations: {}, error: null };
      await store.transaction(async (db) => {
        await recordEdition(db, { ...base, date: '2025-07-10', startedAt: '2025-07-10T06:00:00Z', status: 'ok' });
        await recordEdition(db, { ...base, date: '2025-07-11', startedAt: '2025-07-11T06:00:00Z', status: 'failed', error: 'no inputs' });
        await recordEdition(db, { ...base, date: '2025-07-11', startedAt: '2025-07-11T06:30:00Z', status: 'ok' });
      });
      expect((await store.read((db) => listEditions(db))).map((e) => [e.date, e.status, e.startedAt])).toEqual([
        ['2025-07-11', 'ok', '2025-07-11T06:30:00Z'],
        ['2025-07-10', 'ok', '2025-07-10T06:00:00Z'],
      ]);
      expect((await store.read((db) => lastEdition(db, 'morning', { beforeDate: '2025-07-11' })))?.date).toBe('2025-07-10');
      expect(await store.read((db) => lastEdition(db, 'evening'))).toBeUndefined();
      await store.close();
    });
  });
});
