import { describe, expect, it } from 'vitest';
import { dateAffinity, dateEvidence, eventDate, namesADay, weekdayDates } from '../../src/group/dates.js';

describe('weekdayDates', () => {
  it('resolves a weekday to the latest such day on or before the publication date', () => {
    // 2025-06-02 is a Monday.
    expect(weekdayDates('held a telephone conversation on Sunday', '2025-06-02')).toEqual(['2025-06-01']);
    expect(weekdayDates('said on Monday', '2025-06-02')).toEqual(['2025-06-02']);
    expect(weekdayDates('met on Tuesday', '2025-06-02')).toEqual(['2025-05-27']);
    expect(weekdayDates('no day named here', '2025-06-02')).toEqual([]);
  });
});

describe('dateAffinity', () => {
  const certain = (date: string) => dateEvidence(date, true, 1);
  const guessed = (date: string) => dateEvidence(date, false, 3);

  it('is neutral for unknown dates and close dates', () => {
    expect(dateAffinity(null, certain('2025-07-10'))).toBe(1);
    expect(dateAffinity(certain('2025-07-10'), certain('2025-07-12'))).toBe(1);
  });

  it('falls as certain dates drift apart', () => {
    const tenDays = dateAffinity(certain('2025-07-01'), certain('2025-07-11'));
    const month = dateAffinity(certain('2025-06-02'), certain('2025-07-10'));
    expect(tenDays).toBeCloseTo(0.5, 5);
    expect(month).toBeLessThan(tenDays);
    expect(month).toBeLessThan(0.2);
  });

  it('only halves at most when a date is a guess', () => {
    const far = dateAffinity(guessed('2025-03-16'), certain('2025-07-10'));
    expect(far).toBeGreaterThanOrEqual(0.5);
    expect(far).toBeLessThan(0.6);
  });
});

describe('eventDate', () => {
  it('prefers the strongest tier, then the date most evidence agrees on, then the earliest', () => {
    const evidence = [
      dateEvidence('2025-07-10', true, 1),
      dateEvidence('2025-07-09', true, 0),
      dateEvidence('2025-07-08', true, 0),
      dateEvidence('2025-07-09', true, 0),
    ];
    expect(eventDate(evidence)).toEqual({ date: '2025-07-09', dateCertain: true });
    expect(eventDate(evidence.slice(0, 3))).toEqual({ date: '2025-07-08', dateCertain: true });
  });

  it('is null and uncertain without evidence', () => {
    expect(eventDate([])).toEqual({ date: null, dateCertain: false });
  });
});

describe('namesADay', () => {
  it('accepts dates that pin a day and rejects months and years', () => {
    for (const surface of ['July 10', 'Sunday', 'March 12th', '10 July 2025', 'yesterday']) expect(namesADay(surface)).toBe(true);
    for (const surface of ['April 2022', 'in 2023', 'February', 'last month']) expect(namesADay(surface)).toBe(false);
  });
});
