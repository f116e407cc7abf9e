import { describe, expect, it } from 'vitest';
import { nextRuns, previousRun, validateCron, validateTimeZone } from '../../src/schedule/cron.js';
import { UsageError } from '../../src/util/errors.js';

const iso = (dates: Date[]) => dates.map((d) => d.toISOString());

describe('validation', () => {
  it('accepts ordinary, six-field and weekday expressions', () => {
    for (const e of ['0 6 * * 1-5', '* * * * * *', '30 2 * * *', '0 7 * * MON-FRI', '@daily']) {
      expect(() => validateCron(e)).not.toThrow();
    }
  });

  it('says what is wrong with a bad expression and how to write one', () => {
    expect(() => validateCron('61 * * * *', 'edition "morning"')).toThrow(UsageError);
    expect(() => validateCron('61 * * * *', 'edition "morning"')).toThrow(/edition "morning".*minute.*e\.g\. "0 6 \* \* 1-5"/);
    expect(() => validateCron('0 6 * *')).toThrow(/expected 5 or 6 fields, got 4/);
    expect(() => validateCron('every day')).toThrow(/Invalid cron expression "every day"/);
  });

  it('reads day-of-month together with day-of-week as classic cron does: either one matches', () => {
    // One library reads the expression for both the trigger and the occurrences, so the combination is safe now.
    expect(iso(nextRuns('0 6 1 * 1', 'UTC', new Date('2026-06-20T00:00:00Z'), 4))).toEqual([
      '2026-06-22T06:00:00.000Z',
      '2026-06-29T06:00:00.000Z',
      '2026-07-01T06:00:00.000Z',
      '2026-07-06T06:00:00.000Z',
    ]);
  });

  it('names a valid zone when the zone is unknown', () => {
    expect(() => validateTimeZone('Europe/Londn')).toThrow(/Unknown time zone "Europe\/Londn".*Europe\/London/);
    expect(() => validateTimeZone('America/New_York')).not.toThrow();
  });
});

describe('nextRuns / previousRun', () => {
  it('lists weekday runs in the zone and skips the weekend', () => {
    // Friday 2026-07-10, London on BST (UTC+1).
    expect(iso(nextRuns('0 6 * * 1-5', 'Europe/London', new Date('2026-07-10T04:00:00Z'), 3))).toEqual([
      '2026-07-10T05:00:00.000Z',
      '2026-07-13T05:00:00.000Z',
      '2026-07-14T05:00:00.000Z',
    ]);
  });

  it('is strictly after `after` and at-or-before `before`', () => {
    const at = new Date('2026-07-10T05:00:00Z');
    expect(nextRuns('0 6 * * *', 'Europe/London', at, 1)[0]!.toISOString()).toBe('2026-07-11T05:00:00.000Z');
    expect(previousRun('0 6 * * *', 'Europe/London', at)!.toISOString()).toBe(at.toISOString());
    expect(previousRun('0 6 * * *', 'Europe/London', new Date(at.getTime() - 1))!.toISOString()).toBe('2026-07-09T05:00:00.000Z');
  });

  it('handles six-field second schedules', () => {
    expect(iso(nextRuns('*/20 * * * * *', 'UTC', new Date('2026-01-01T00:00:05Z'), 3))).toEqual([
      '2026-01-01T00:00:20.000Z',
      '2026-01-01T00:00:40.000Z',
      '2026-01-01T00:01:00.000Z',
    ]);
  });
});

/**
 * Daily editions at 01:30, 02:30 and 06:00 over both transitions of 2026. London jumps 01:00 GMT -> 02:00 BST
 * on 29 March and repeats 01:00-02:00 on 25 October; New York jumps 02:00 EST -> 03:00 EDT on 8 March and
 * repeats 01:00-02:00 on 1 November. Every day has exactly one run; a skipped time runs at the jump, a
 * repeated time at its first occurrence.
 */
const DST_CASES: { zone: string; from: string; cron: string; expected: string[] }[] = [
  // London, spring forward: 01:30 does not exist on the 29th -> 02:00 BST (01:00Z).
  { zone: 'Europe/London', from: '2026-03-27T12:00:00Z', cron: '30 1 * * *', expected: ['2026-03-28T01:30:00.000Z', '2026-03-29T01:00:00.000Z', '2026-03-30T00:30:00.000Z', '2026-03-31T00:30:00.000Z'] },
  { zone: 'Europe/London', from: '2026-03-27T12:00:00Z', cron: '30 2 * * *', expected: ['2026-03-28T02:30:00.000Z', '2026-03-29T01:30:00.000Z', '2026-03-30T01:30:00.000Z', '2026-03-31T01:30:00.000Z'] },
  { zone: 'Europe/London', from: '2026-03-27T12:00:00Z', cron: '0 6 * * *', expected: ['2026-03-28T06:00:00.000Z', '2026-03-29T05:00:00.000Z', '2026-03-30T05:00:00.000Z', '2026-03-31T05:00:00.000Z'] },
  // London, fall back: 01:30 happens at 00:30Z (BST) and again at 01:30Z (GMT) on the 25th: the first one.
  { zone: 'Europe/London', from: '2026-10-23T12:00:00Z', cron: '30 1 * * *', expected: ['2026-10-24T00:30:00.000Z', '2026-10-25T00:30:00.000Z', '2026-10-26T01:30:00.000Z', '2026-10-27T01:30:00.000Z'] },
  { zone: 'Europe/London', from: '2026-10-23T12:00:00Z', cron: '30 2 * * *', expected: ['2026-10-24T01:30:00.000Z', '2026-10-25T02:30:00.000Z', '2026-10-26T02:30:00.000Z', '2026-10-27T02:30:00.000Z'] },
  { zone: 'Europe/London', from: '2026-10-23T12:00:00Z', cron: '0 6 * * *', expected: ['2026-10-24T05:00:00.000Z', '2026-10-25T06:00:00.000Z', '2026-10-26T06:00:00.000Z', '2026-10-27T06:00:00.000Z'] },
  // New York, spring forward: 02:30 does not exist on the 8th -> 03:00 EDT (07:00Z).
  { zone: 'America/New_York', from: '2026-03-06T12:00:00Z', cron: '30 1 * * *', expected: ['2026-03-07T06:30:00.000Z', '2026-03-08T06:30:00.000Z', '2026-03-09T05:30:00.000Z', '2026-03-10T05:30:00.000Z'] },
  { zone: 'America/New_York', from: '2026-03-06T12:00:00Z', cron: '30 2 * * *', expected: ['2026-03-07T07:30:00.000Z', '2026-03-08T07:00:00.000Z', '2026-03-09T06:30:00.000Z', '2026-03-10T06:30:00.000Z'] },
  { zone: 'America/New_York', from: '2026-03-06T12:00:00Z', cron: '0 6 * * *', expected: ['2026-03-07T11:00:00.000Z', '2026-03-08T10:00:00.000Z', '2026-03-09T10:00:00.000Z', '2026-03-10T10:00:00.000Z'] },
  // New York, fall back: 01:30 happens at 05:30Z (EDT) and 06:30Z (EST) on the 1st: the first one.
  { zone: 'America/New_York', from: '2026-10-30T12:00:00Z', cron: '30 1 * * *', expected: ['2026-10-31T05:30:00.000Z', '2026-11-01T05:30:00.000Z', '2026-11-02T06:30:00.000Z', '2026-11-03T06:30:00.000Z'] },
  { zone: 'America/New_York', from: '2026-10-30T12:00:00Z', cron: '30 2 * * *', expected: ['2026-10-31T06:30:00.000Z', '2026-11-01T07:30:00.000Z', '2026-11-02T07:30:00.000Z', '2026-11-03T07:30:00.000Z'] },
  { zone: 'America/New_York', from: '2026-10-30T12:00:00Z', cron: '0 6 * * *', expected: ['2026-10-31T10:00:00.000Z', '2026-11-01T11:00:00.000Z', '2026-11-02T11:00:00.000Z', '2026-11-03T11:00:00.000Z'] },
];

describe('DST transitions', () => {
  for (const c of DST_CASES) {
    it(`${c.zone} "${c.cron}" from ${c.from.slice(0, 10)}: one run a day, forwards and backwards`, () => {
      expect(iso(nextRuns(c.cron, c.zone, new Date(c.from), 4))).toEqual(c.expected);
      // Walking back from after the last run yields the same runs in reverse: none skipped, none doubled.
      const back: string[] = [];
      let before = new Date(Date.parse(c.expected.at(-1)!) + 3_600_000);
      for (let i = 0; i < 4; i++) {
        const run = previousRun(c.cron, c.zone, before)!;
        back.unshift(run.toISOString());
        before = new Date(run.getTime() - 1);
      }
      expect(back).toEqual(c.expected);
    });
  }

  it('during the repeated hour, the first occurrence counts as already past', () => {
    // 01:45 GMT on 25 Oct 2026 (second pass): the 01:30 run was at 00:30Z, not ahead at 01:30Z.
    const now = new Date('2026-10-25T01:45:00Z');
    expect(previousRun('30 1 * * *', 'Europe/London', now)!.toISOString()).toBe('2026-10-25T00:30:00.000Z');
    expect(nextRuns('30 1 * * *', 'Europe/London', now, 1)[0]!.toISOString()).toBe('2026-10-26T01:30:00.000Z');
  });

  it('collapses several skipped times into one run at the jump', () => {
    // Every 15 minutes of the 02:00 hour in New York: on 8 March all four fall into the gap.
    expect(iso(nextRuns('*/15 2 * * *', 'America/New_York', new Date('2026-03-08T00:00:00Z'), 2))).toEqual([
      '2026-03-08T07:00:00.000Z',
      '2026-03-09T06:00:00.000Z',
    ]);
  });
});
