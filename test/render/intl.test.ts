import { describe, expect, test } from 'vitest';
import { dateTimeFormat, numberFormat, pluralRules } from '../../src/render/intl.js';

describe('Intl objects made once per process', () => {
  test('the same locale and options give the very object made the first time', () => {
    expect(pluralRules('en')).toBe(pluralRules('en'));
    expect(numberFormat('de-DE', { maximumFractionDigits: 1 })).toBe(numberFormat('de-DE', { maximumFractionDigits: 1 }));
    expect(dateTimeFormat('en-GB', { timeZone: 'UTC' })).toBe(dateTimeFormat('en-GB', { timeZone: 'UTC' }));
  });

  test('another locale, options or kind gets its own object, which answers as a new one would', () => {
    expect(pluralRules('pl')).not.toBe(pluralRules('en'));
    expect(pluralRules('pl').select(5)).toBe(new Intl.PluralRules('pl').select(5));
    expect(pluralRules('pl').select(5)).toBe('many');
    expect(pluralRules('en').select(5)).toBe('other');
    expect(numberFormat('de-DE').format(1234.5)).toBe('1.234,5');
    expect(numberFormat('en-GB').format(1234.5)).toBe('1,234.5');
    expect(numberFormat('en-GB', { maximumFractionDigits: 0 }).format(1234.5)).toBe('1,235');
    expect(dateTimeFormat('en-GB', { timeZone: 'Asia/Tokyo', hour: '2-digit', hourCycle: 'h23' }).format(new Date('2025-07-10T20:00:00Z'))).toBe('05');
    expect(dateTimeFormat('en-GB', { timeZone: 'UTC', hour: '2-digit', hourCycle: 'h23' }).format(new Date('2025-07-10T20:00:00Z'))).toBe('20');
  });
});
