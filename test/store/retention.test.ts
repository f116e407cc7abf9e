import { describe, expect, it } from 'vitest';
import {
  claimDelivery,
  claimRun,
  enqueueDelivery,
  listEditions,
  listOutbox,
  listRuns,
  listThreads,
  markSent,
  prune,
  recordEdition,
  recordMemoryDay,
  recordSeenArticle,
  retentionCutoff,
  scheduleRetry,
  markFailed,
  upsertThread,
  type Db,
} from '../../src/store/index.js';
import { defaultConfig } from '../../src/config/index.js';
import { BACKENDS, freshDatabase } from './backends.js';
import { tempStore } from './temp-store.js';

const now = new Date('2025-07-11T06:00:00Z');
const OLD = '2025-03-01';
const RECENT = '2025-07-01';

async function fill(db: Db): Promise<void> {
  for (const date of [OLD, RECENT]) {
    await recordSeenArticle(db, { edition: 'morning', url: `https://x.test/${date}`, contentHash: `h-${date}`, firstSeenDate: date, threadId: `t-${date}`, articleId: `a-${date}`, title: 't' });
    await upsertThread(db, { edition: 'morning', id: `t-${date}`, firstDate: date, lastNewDate: date, signature: ['e:x'], headline: 'h' });
    await recordMemoryDay(db, 'morning', date);
    await claimRun(db, 'morning', `${date}T06:00:00.000Z`, now);
    await recordEdition(db, { edition: 'morning', date, startedAt: `${date}T06:00:00Z`, finishedAt: null, inputsDigest: null, outputs: [], durations: {}, status: 'ok', error: null });
  }
  // An edition not run for months keeps its latest run and record: status and catch-up start from them.
  await claimRun(db, 'weekly', `${OLD}T06:00:00.000Z`, now);
  await recordEdition(db, { edition: 'weekly', date: OLD, startedAt: `${OLD}T06:00:00Z`, finishedAt: null, inputsDigest: null, outputs: [], durations: {}, status: 'ok', error: null });
  const key = (recipient: string, date = OLD) => ({ edition: 'morning', date, channel: 'email', recipient });
  for (const recipient of ['sent@x', 'failed@x', 'pending@x', 'sending@x']) await enqueueDelivery(db, key(recipient), new Date(`${OLD}T06:00:00Z`));
  await enqueueDelivery(db, key('recent@x', RECENT), new Date(`${RECENT}T06:00:00Z`));
  await markSent(db, key('recent@x', RECENT), new Date(`${RECENT}T06:00:01Z`));
  await markSent(db, key('sent@x'), new Date(`${OLD}T06:00:01Z`));
  await markFailed(db, key('failed@x'), '550');
  await scheduleRetry(db, key('pending@x'), new Date(`${OLD}T07:00:00Z`), 'timeout');
  await claimDelivery(db, key('sending@x'), '<m@x>', new Date(`${OLD}T06:05:00Z`), new Date(`${OLD}T06:00:00Z`));
}

describe.each(BACKENDS)('on %s', (backend) => {
  describe('retention', () => {
    it('the default keeps 90 days', () => {
      expect(defaultConfig('/tmp').retentionDays).toBe(90);
      expect(retentionCutoff(now, 90).toISOString()).toBe('2025-04-12T06:00:00.000Z');
    });

    it('prunes old memory, runs, edition records and finished deliveries; keeps what is owed and each latest record', async () => {
      const { store } = await tempStore({}, await freshDatabase(backend));
      await store.transaction(fill);
      const removed = await store.transaction((db) => prune(db, retentionCutoff(now, 90)));
      expect(removed).toMatchObject({ articlesSeen: 1, threads: 1, memoryDays: 1, runs: 1, editions: 1, outbox: 2 });

      expect((await store.read((db) => listThreads(db, 'morning'))).map((t) => t.id)).toEqual([`t-${RECENT}`]);
      expect(await store.read((db) => db.all<{ first_seen_date: string }>('SELECT first_seen_date FROM articles_seen'))).toEqual([{ first_seen_date: RECENT }]);
      expect((await store.read((db) => listRuns(db))).map((r) => `${r.edition} ${r.scheduledFor.slice(0, 10)}`).sort()).toEqual([`morning ${RECENT}`, `weekly ${OLD}`]);
      expect((await store.read((db) => listEditions(db))).map((e) => `${e.edition} ${e.date}`).sort()).toEqual([`morning ${RECENT}`, `weekly ${OLD}`]);
      expect((await store.read((db) => listOutbox(db))).map((e) => `${e.recipient} ${e.status}`).sort()).toEqual([
        'pending@x pending',
        'recent@x sent',
        'sending@x sending',
      ]);
      // Nothing more to do the second time.
      expect(Object.values(await store.transaction((db) => prune(db, retentionCutoff(now, 90)))).every((n) => n === 0)).toBe(true);
    });
  });
});
