import { describe, expect, it } from 'vitest';
import { InMemoryRunLedger } from '../../src/schedule/memory-ledger.js';
import { editionStatus } from '../../src/schedule/status.js';
import { ManualClock } from './helpers.js';

describe('editionStatus', () => {
  it('shows the next run in the zone and in UTC, the last outcome and the last success', async () => {
    const ledger = new InMemoryRunLedger();
    const d = (s: string) => new Date(s);
    ledger.claim('morning', d('2026-07-02T05:00:00Z'), d('2026-07-02T05:00:00Z'));
    ledger.finish('morning', d('2026-07-02T05:00:00Z'), d('2026-07-02T05:03:00Z'), 'success');
    ledger.claim('morning', d('2026-07-03T05:00:00Z'), d('2026-07-03T05:00:00Z'));
    ledger.finish('morning', d('2026-07-03T05:00:00Z'), d('2026-07-03T05:01:00Z'), 'failed', 'no sources could be read');
    ledger.claim('evening', d('2026-07-03T22:00:00Z'), d('2026-07-03T22:00:00Z'));
    const status = await editionStatus(
      [
        { name: 'morning', cron: '0 6 * * *', timeZone: 'Europe/London' },
        { name: 'evening', cron: '0 18 * * 1-5', timeZone: 'America/New_York' },
        { name: 'new', cron: '0 7 * * *', timeZone: 'UTC' },
      ],
      ledger,
      new ManualClock('2026-07-04T08:00:00Z'), // a Saturday
    );
    expect(status).toEqual([
      {
        edition: 'morning',
        cron: '0 6 * * *',
        timeZone: 'Europe/London',
        nextRun: { utc: '2026-07-05T05:00:00.000Z', local: '2026-07-05T06:00:00+01:00' },
        lastRun: {
          scheduledFor: '2026-07-03T05:00:00.000Z',
          claimedAt: '2026-07-03T05:00:00.000Z',
          finishedAt: '2026-07-03T05:01:00.000Z',
          outcome: 'failed',
          error: 'no sources could be read',
        },
        lastSuccess: {
          scheduledFor: '2026-07-02T05:00:00.000Z',
          claimedAt: '2026-07-02T05:00:00.000Z',
          finishedAt: '2026-07-02T05:03:00.000Z',
          outcome: 'success',
        },
      },
      {
        edition: 'evening',
        cron: '0 18 * * 1-5',
        timeZone: 'America/New_York',
        nextRun: { utc: '2026-07-06T22:00:00.000Z', local: '2026-07-06T18:00:00-04:00' },
        lastRun: { scheduledFor: '2026-07-03T22:00:00.000Z', claimedAt: '2026-07-03T22:00:00.000Z', outcome: 'unfinished' },
      },
      { edition: 'new', cron: '0 7 * * *', timeZone: 'UTC', nextRun: { utc: '2026-07-05T07:00:00.000Z', local: '2026-07-05T07:00:00+00:00' } },
    ]);
  });
});
