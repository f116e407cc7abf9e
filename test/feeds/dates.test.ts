import { describe, expect, it } from 'vitest';
import { parseFeedDate } from '../../src/feeds/index.js';

const iso = (raw: string): string | null => {
  const parsed = parseFeedDate(raw);
  return parsed.ok ? parsed.iso : null;
};

describe('parseFeedDate', () => {
  it.each([
    ['Fri, 11 Jul 2025 08:30:00 GMT', '2025-07-11T08:30:00.000Z'],
    ['Fri, 11 Jul 2025 08:30:00 +0100', '2025-07-11T07:30:00.000Z'],
    ['Fri, 11 Jul 2025 08:30:00 -05:30', '2025-07-11T14:00:00.000Z'],
    ['Fri, 11 Jul 2025 08:30 EDT', '2025-07-11T12:30:00.000Z'],
    ['11 Jul 2025 08:30:00 UT', '2025-07-11T08:30:00.000Z'],
    ['Fri,  1 Aug 2025 23:59:59 PST', '2025-08-02T07:59:59.000Z'],
    ['Friday, 11 July 2025 08:30:00 GMT', '2025-07-11T08:30:00.000Z'],
    ['Fri, 11 Jul 25 08:30:00 GMT', '2025-07-11T08:30:00.000Z'],
    ['Fri, 11 Jul 2025 08:30:00', '2025-07-11T08:30:00'],
    ['11 Jul 2025', '2025-07-11'],
    ['2025-07-11T08:30:00Z', '2025-07-11T08:30:00.000Z'],
    ['2025-07-11T08:30:00.250+02:00', '2025-07-11T06:30:00.250Z'],
    ['2025-07-11T08:30:00+0200', '2025-07-11T06:30:00.000Z'],
    ['2025-07-11 08:30:00', '2025-07-11T08:30:00'],
    ['2025-07-11', '2025-07-11'],
    ['July 11, 2025', '2025-07-11'],
    ['Jul 11, 2025 3:05 pm', '2025-07-11T15:05:00'],
    ['  2025-07-11T08:30Z  ', '2025-07-11T08:30:00.000Z'],
  ])('reads %j', (raw, expected) => {
    expect(iso(raw)).toBe(expected);
  });

  it.each([
    '',
    'sometime last week',
    'yesterday',
    '32 Jul 2025',
    'Fri, 31 Feb 2025 08:00:00 GMT',
    '2025-13-01',
    '2025-07-11T25:00:00Z',
    'Fri, 11 Jul 2025 08:30:00 XYZT',
    '11/07/2025',
    '12345',
  ])('rejects %j', (raw) => {
    expect(iso(raw)).toBeNull();
  });
});
