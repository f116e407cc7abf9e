// Story memory, alert rate limits and scheduler heartbeats: the repository functions that the memory, alerts and
// scheduler tests use through higher layers, here directly on both backends.
import { describe, expect, it } from 'vitest';
import {
  eventsBefore,
  lastAlertSentAt,
  latestHeartbeat,
  listThreads,
  previousMemoryDay,
  recordAlertSent,
  recordEvent,
  recordHeartbeat,
  recordMemoryDay,
  recordSchedulerStopped,
  recordSeenArticle,
  seenArticlesBefore,
  upsertThread,
} from '../../src/store/index.js';
import { BACKENDS, freshDatabase } from './backends.js';
import { tempStore } from './temp-store.js';

const article = (date: string, hash: string, url: string | null) => ({
  edition: 'morning',
  url,
  contentHash: hash,
  firstSeenDate: date,
  threadId: 't1',
  articleId: `a-${hash}`,
  title: 'A title',
});

describe.each(BACKENDS)('on %s', (backend) => {
  it('remembers articles once by URL or content, threads with widening dates, events once, and memory days', async () => {
    const { store } = await tempStore({}, await freshDatabase(backend));
    const recorded = await store.transaction(async (db) => [
      await recordSeenArticle(db, article('2025-07-09', 'h1', 'https://x.test/1')),
      await recordSeenArticle(db, article('2025-07-10', 'h2', 'https://x.test/1')), // same URL
      await recordSeenArticle(db, article('2025-07-10', 'h1', null)), // same content
      await recordSeenArticle(db, article('2025-07-10', 'h3', null)),
    ]);
    expect(recorded).toEqual([true, false, false, true]);
    await store.transaction(async (db) => {
      await upsertThread(db, { edition: 'morning', id: 't1', firstDate: '2025-07-09', lastNewDate: '2025-07-09', signature: ['e:a'], headline: 'one' });
      // An earlier first date and a later last-new date widen the thread; the other way round changes neither.
      await upsertThread(db, { edition: 'morning', id: 't1', firstDate: '2025-07-08', lastNewDate: '2025-07-11', signature: ['e:b'], headline: 'two' });
      await upsertThread(db, { edition: 'morning', id: 't1', firstDate: '2025-07-10', lastNewDate: '2025-07-10', signature: ['e:c'], headline: 'three' });
      const event = { edition: 'morning', threadId: 't1', eventId: 'e1', date: '2025-07-09', dateCertain: true, headline: 'h', articleIds: ['a-h1'], articleKeys: ['k'], firstSeenDate: '2025-07-09' };
      await recordEvent(db, event);
      await recordEvent(db, { ...event, headline: 'changed' });
      await recordMemoryDay(db, 'morning', '2025-07-09');
      await recordMemoryDay(db, 'morning', '2025-07-09');
      await recordMemoryDay(db, 'morning', '2025-07-10');
    });
    const memory = await store.read(async (db) => ({
      seen: (await seenArticlesBefore(db, 'morning', '2025-07-10')).map((a) => a.contentHash),
      threads: await listThreads(db, 'morning'),
      events: await eventsBefore(db, 'morning', '2025-07-10'),
      previous: await previousMemoryDay(db, 'morning', '2025-07-11'),
      none: await previousMemoryDay(db, 'morning', '2025-07-09'),
    }));
    expect(memory.seen).toEqual(['h1']);
    expect(memory.threads).toEqual([
      { edition: 'morning', id: 't1', firstDate: '2025-07-08', lastNewDate: '2025-07-11', signature: ['e:c'], headline: 'three' },
    ]);
    expect(memory.events).toEqual([expect.objectContaining({ eventId: 'e1', headline: 'h', dateCertain: true, articleIds: ['a-h1'] })]);
    expect(memory.previous).toBe('2025-07-10');
    expect(memory.none).toBeNull();
  });

  it('keeps when an alert was last sent, and forgets it', async () => {
    const { store } = await tempStore({}, await freshDatabase(backend));
    await store.transaction((db) => recordAlertSent(db, 'morning', 'run-failed', '2025-07-11T06:00:00.000Z'));
    await store.transaction((db) => recordAlertSent(db, 'morning', 'run-failed', '2025-07-11T07:00:00.000Z'));
    expect(await store.read((db) => lastAlertSentAt(db, 'morning', 'run-failed'))).toBe('2025-07-11T07:00:00.000Z');
    await store.transaction((db) => recordAlertSent(db, 'morning', 'run-failed', undefined));
    expect(await store.read((db) => lastAlertSentAt(db, 'morning', 'run-failed'))).toBeUndefined();
  });

  it('keeps each scheduler\'s heartbeat, with pid as a number, and its clean stop', async () => {
    const { store } = await tempStore({}, await freshDatabase(backend));
    const who = { host: 'worker-1', pid: 4242, startedAt: '2025-07-11T05:00:00.000Z' };
    await store.transaction((db) => recordHeartbeat(db, who, new Date('2025-07-11T05:01:00Z')));
    await store.transaction((db) => recordHeartbeat(db, who, new Date('2025-07-11T05:02:00Z')));
    expect(await store.read((db) => latestHeartbeat(db))).toEqual({ ...who, lastSeenAt: '2025-07-11T05:02:00.000Z', stoppedAt: null });
    await store.transaction((db) => recordSchedulerStopped(db, who, new Date('2025-07-11T05:03:00Z')));
    expect(await store.read((db) => latestHeartbeat(db))).toMatchObject({ stoppedAt: '2025-07-11T05:03:00.000Z' });
  });
});
