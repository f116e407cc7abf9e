import { describe, expect, it } from 'vitest';
import { dueRuns } from '../../src/schedule/due.js';
import type { ScheduledEdition } from '../../src/schedule/types.js';

const morning: ScheduledEdition = { name: 'morning', cron: '0 6 * * *', timeZone: 'Europe/London' };
const d = (s: string) => new Date(s);
const iso = (dates: Date[]) => dates.map((x) => x.toISOString());

describe('dueRuns (catch-up)', () => {
  it('after three days down, only the most recent missed run is due', () => {
    // Last run 1 July; back up on 4 July at 09:00 BST: 2, 3 and 4 July were missed, only the 4th is produced.
    expect(iso(dueRuns(morning, d('2026-07-01T05:00:00Z'), d('2026-07-04T08:00:00Z')))).toEqual(['2026-07-04T05:00:00.000Z']);
  });

  it('nothing is due when the latest run was already claimed', () => {
    expect(dueRuns(morning, d('2026-07-04T05:00:00Z'), d('2026-07-04T08:00:00Z'))).toEqual([]);
  });

  it('nothing is due once the missed run is older than the catch-up window', () => {
    const now = d('2026-07-04T08:00:00Z'); // three hours after 06:00 BST
    expect(dueRuns({ ...morning, catchUpMs: 2 * 3_600_000 }, undefined, now)).toEqual([]);
    expect(iso(dueRuns({ ...morning, catchUpMs: 4 * 3_600_000 }, undefined, now))).toEqual(['2026-07-04T05:00:00.000Z']);
  });

  it('the default window is 24 hours', () => {
    const weekly: ScheduledEdition = { name: 'weekly', cron: '0 6 * * 1', timeZone: 'UTC' };
    // Monday 6 July 2026 06:00Z was the run; a day later it is still due, a second more and it is not.
    expect(iso(dueRuns(weekly, undefined, d('2026-07-07T06:00:00Z')))).toEqual(['2026-07-06T06:00:00.000Z']);
    expect(dueRuns(weekly, undefined, d('2026-07-07T06:00:01Z'))).toEqual([]);
  });
});
