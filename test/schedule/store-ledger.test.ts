import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Scheduler } from '../../src/schedule/scheduler.js';
import { editionStatus } from '../../src/schedule/status.js';
import { StoreRunLedger } from '../../src/schedule/store-ledger.js';
import type { ScheduledEdition } from '../../src/schedule/types.js';
import { openStore, listRuns } from '../../src/store/index.js';
import { tempDir } from '../helpers.js';
import { ManualClock, ManualTimers } from './helpers.js';

const morning: ScheduledEdition = { name: 'morning', cron: '0 6 * * *', timeZone: 'Europe/London' };

describe('StoreRunLedger on the SQLite store', () => {
  it('two schedulers on one database file run an occurrence once; a restart next day catches up once', async () => {
    const path = join(await tempDir('briefing-schedule-'), 'data', 'briefing.sqlite');
    const clock = new ManualClock('2026-07-04T04:00:00Z');
    const calls: string[] = [];
    const make = async () => {
      const store = await openStore(path, { now: () => clock.now() });
      const timers = new ManualTimers();
      const scheduler = new Scheduler({
        editions: [morning],
        ledger: new StoreRunLedger(store),
        clock,
        timers,
        runEdition: async (_e, scheduledFor) => {
          calls.push(scheduledFor.toISOString());
          return { status: 'success' };
        },
      });
      return { store, timers, scheduler };
    };

    // Two processes (two store handles on the same file) both tick at 06:00 BST.
    const a = await make();
    const b = await make();
    await a.scheduler.start();
    await b.scheduler.start();
    clock.set('2026-07-04T05:00:00Z');
    a.timers.fireAll();
    b.timers.fireAll();
    await Promise.all([a.scheduler.idle(), b.scheduler.idle()]);
    expect(calls).toEqual(['2026-07-04T05:00:00.000Z']);
    await a.scheduler.stop();
    await b.scheduler.stop();
    await a.store.close();
    await b.store.close();

    // Down over the 5th's edition; back at 09:00 BST on the 5th: one catch-up run, then a second restart adds none.
    clock.set('2026-07-05T08:00:00Z');
    for (let i = 0; i < 2; i++) {
      const c = await make();
      await c.scheduler.start();
      await c.scheduler.idle();
      await c.scheduler.stop();
      await c.store.close();
    }
    expect(calls).toEqual(['2026-07-04T05:00:00.000Z', '2026-07-05T05:00:00.000Z']);

    const store = await openStore(path);
    const rows = await store.read((db) => listRuns(db, { edition: 'morning' }));
    expect(rows.map((r) => [r.scheduledFor, r.outcome])).toEqual([
      ['2026-07-05T05:00:00.000Z', 'ok'],
      ['2026-07-04T05:00:00.000Z', 'ok'],
    ]);
    const [status] = await editionStatus([morning], new StoreRunLedger(store), clock);
    expect(status).toMatchObject({
      lastRun: { scheduledFor: '2026-07-05T05:00:00.000Z', outcome: 'success' },
      lastSuccess: { scheduledFor: '2026-07-05T05:00:00.000Z' },
      nextRun: { utc: '2026-07-06T05:00:00.000Z', local: '2026-07-06T06:00:00+01:00' },
    });
    await store.close();
  });
});
