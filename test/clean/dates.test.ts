import { describe, expect, it } from 'vitest';
import { findDateMentions, findExplicitDates, findWeekdays, parseDate, resolveWeekday, resolveYear } from '../../src/clean/dates.js';

describe('findExplicitDates', () => {
  it('reads the common written forms', () => {
    const text = 'On July 10, 2025 and 10 July 2025 and 2025-07-10, then in August 2024, since March 12th.';
    const found = findExplicitDates(text, '2025-12-07');
    expect(found.map((m) => [m.surface, m.date, m.precision, m.yearGiven])).toEqual([
      ['July 10, 2025', '2025-07-10', 'day', true],
      ['10 July 2025', '2025-07-10', 'day', true],
      ['2025-07-10', '2025-07-10', 'day', true],
      ['August 2024', '2024-08-01', 'month', true],
      ['March 12th', '2025-03-12', 'day', false],
    ]);
  });

  it('needs a preposition before a bare month, and ignores lower-case verbs', () => {
    const found = findExplicitDates('They may march on. Talks began in May and the February summit.', '2025-06-30');
    expect(found.map((m) => m.surface)).toEqual(['May', 'February']);
  });

  it('leaves the year unknown without a reference', () => {
    expect(findExplicitDates('set for June 2')[0]).toMatchObject({ date: null, year: null, month: 6, day: 2 });
  });

  it('rejects impossible days', () => {
    expect(findExplicitDates('February 30, 2025')).toEqual([]);
  });
});

describe('resolveYear', () => {
  it('places a yearless date in the past unless it is a few weeks ahead', () => {
    expect(resolveYear(3, 12, '2025-12-07')).toBe(2025);
    expect(resolveYear(1, 10, '2025-12-07')).toBe(2026);
    expect(resolveYear(6, 2, '2025-06-02')).toBe(2025);
  });
});

describe('weekdays', () => {
  it('finds weekdays used as dates, not inside full dates', () => {
    const found = findWeekdays('Rubio said on Sunday, and last Friday, that Sunday, December 07, 2025 was fine.');
    expect(found.map((m) => [m.surface, m.weekday, m.qualifier])).toEqual([
      ['Sunday', 0, null],
      ['last Friday', 5, 'last'],
    ]);
  });

  it('resolves "on Sunday" against a page date to the day before a Monday', () => {
    expect(resolveWeekday('Sunday', '2025-06-02')).toBe('2025-06-01');
    expect(resolveWeekday(0, '2025-06-01')).toBe('2025-06-01');
    expect(resolveWeekday(0, '2025-06-01', 'before')).toBe('2025-05-25');
  });

  it('resolves forwards from the latest date a story mentions', () => {
    expect(resolveWeekday('sunday', '2025-03-12', 'on-or-after')).toBe('2025-03-16');
    expect(resolveWeekday('wednesday', '2025-03-12', 'after')).toBe('2025-03-19');
  });
});

describe('findDateMentions', () => {
  it('resolves explicit, weekday and relative dates against the article date', () => {
    const found = findDateMentions('The call took place on Sunday; yesterday the talks set for June 2 were confirmed.', '2025-06-02');
    expect(found.map((m) => [m.surface, m.date, m.kind])).toEqual([
      ['Sunday', '2025-06-01', 'weekday'],
      ['yesterday', '2025-06-01', 'relative'],
      ['June 2', '2025-06-02', 'explicit'],
    ]);
  });
});

describe('parseDate', () => {
  it('reads ISO and written dates and rejects placeholders', () => {
    expect(parseDate('2025-07-10T08:00:00Z')).toBe('2025-07-10');
    expect(parseDate('10 July 2025')).toBe('2025-07-10');
    expect(parseDate('0001-01-01T00:00:00')).toBeNull();
    expect(parseDate('soon')).toBeNull();
  });
});
