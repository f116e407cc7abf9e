import Handlebars from 'handlebars';
import { describe, expect, test } from 'vitest';
import {
  citations,
  compactNumber,
  formatApproxDate,
  formatDateTime,
  formatDay,
  formatFigure,
  formatTime,
  httpUrl,
  plural,
  registerHelpers,
  threadSourceIds,
  trustedMarkdownToHtml,
} from '../../src/render/helpers.js';
import { sampleBriefing } from '../fixtures/sample-briefing.js';

describe('numbers', () => {
  test.each([
    [10_000_000_000, 'EUR', '€10bn'],
    [2_300_000_000, 'EUR', '€2.3bn'],
    [1_250_000, 'USD', '$1.25m'],
    [450, 'GBP', '£450'],
    [3_000_000_000_000, 'USD', '$3tn'],
    [5_000_000, 'CHF', 'CHF 5m'],
    [2, 'percent', '2%'],
    [0.25, 'percent', '0.25%'],
    [1343, null, '1,343'],
    [2_500_000, null, '2.5m'],
    [23.6, 'degree Celsius', '23.6°C'],
    [3, 'day', '3 days'],
    [1, 'day', '1 day'],
    [40, 'foot', '40 feet'],
    [120, 'kilometre per hour', '120 km/h'],
    [88_000_000_000, 'HKD', 'HK$88bn'],
    [1_200_000_000, 'AUD', 'A$1.2bn'],
    [3_000_000_000, 'CNY', 'CN¥3bn'],
    [2_400_000, 'INR', '₹2.4m'],
    [2_000_000, 'SGD', 'SGD 2m'],
  ])('%d %s -> %s', (value, unit, expected) => {
    expect(formatFigure(value, unit)).toBe(expected);
  });

  test.each([
    [40e9, 50e9, 'USD', '$40–50bn'],
    [1000, 2e6, null, '1,000–2m'],
    [10, 15, 'minute', '10–15 minutes'],
    [97, 98, 'percent', '97–98%'],
  ])('range %d-%d %s -> %s', (low, high, unit, expected) => {
    expect(formatFigure(low, unit, 'en-US', high)).toBe(expected);
  });

  test('compact numbers follow the locale', () => {
    expect(compactNumber(1343, 'de-DE')).toBe('1.343');
    expect(compactNumber(2_300_000_000, 'de-DE')).toBe('2,3bn');
  });

  test('plural', () => {
    expect(plural(1, 'story', 'stories')).toBe('1 story');
    expect(plural(3, 'story', 'stories')).toBe('3 stories');
    expect(plural(0, 'source')).toBe('0 sources');
    expect(plural(1200, 'source')).toBe('1,200 sources');
  });
});

describe('dates', () => {
  test('calendar dates do not shift with the time zone', () => {
    expect(formatDay('2025-03-16', 'en-GB', 'medium')).toBe('16 Mar 2025');
    expect(formatDay('2025-03-16', 'en-US', 'medium')).toBe('Mar 16, 2025');
    expect(formatDay('2025-07-10', 'en-GB', 'long')).toBe('Thursday, 10 July 2025');
  });

  test('uncertain dates are approximate, missing ones unknown', () => {
    expect(formatApproxDate('2025-03-16', false)).toBe('c. 16 Mar 2025');
    expect(formatApproxDate('2025-03-16', true)).toBe('16 Mar 2025');
    expect(formatApproxDate(null, false)).toBe('Date unknown');
  });

  test('instants are shown in the briefing zone with its name', () => {
    expect(formatTime('2025-07-10T05:30:00Z', 'Europe/London')).toBe('06:30 BST');
    expect(formatTime('2025-01-10T05:30:00Z', 'Europe/London')).toBe('05:30 GMT');
    expect(formatTime('2025-07-10T05:30:00Z', 'UTC')).toBe('05:30 UTC');
    // 23:30 UTC is already the next day in Tokyo
    expect(formatDateTime('2025-07-10T23:30:00Z', 'Asia/Tokyo')).toMatch(/^11 Jul 2025, 08:30 /);
  });
});

describe('links and citations', () => {
  test('only absolute http(s) URLs become links', () => {
    expect(httpUrl('https://example.com/a b')).toBe('https://example.com/a%20b');
    expect(httpUrl('http://example.com')).toBe('http://example.com/');
    for (const bad of ['javascript:alert(1)', ' JavaScript:alert(1)', 'data:text/html,x', 'ftp://x/y', '//evil.example/x', '/relative', '', null]) {
      expect(httpUrl(bad), String(bad)).toBeNull();
    }
  });

  test('sources are numbered in the order a reader meets them', () => {
    const thread = sampleBriefing.threads[0]!;
    expect(threadSourceIds(thread)).toEqual(['a-2a3b4c5d', 'a-1f2e3d4c', 'a-0b1c2d3e', 'a-3c4d5e6f']);
    expect(citations(['a-1f2e3d4c', 'a-2a3b4c5d', 'a-1f2e3d4c'], thread)).toEqual([
      { n: 1, anchor: 'src-t-5a8e21c0-1' },
      { n: 2, anchor: 'src-t-5a8e21c0-2' },
    ]);
    expect(citations('not-in-thread', thread)).toEqual([]);
  });
});

describe('trusted markdown', () => {
  test('renders prose, escapes raw HTML, keeps only safe links, drops images', () => {
    const html = trustedMarkdownToHtml(
      '*Note* <img src=x onerror=alert(1)> [a](https://ok.example/) [b](javascript:alert(1)) [c](#t-1) ![pic](https://evil.example/p.png)',
    );
    expect(html).toContain('<em>Note</em>');
    expect(html).toContain('&#60;img src&#61;x onerror&#61;alert(1)&#62;');
    expect(html).toContain('<a href="https://ok.example/">a</a>');
    expect(html).toContain('<a href="#t-1">c</a>');
    expect(html).not.toMatch(/javascript:|<img/);
    expect(html).toContain('pic');
  });
});

describe('registered helpers', () => {
  test('work in a template and use the briefing time zone and the locale data', () => {
    const hb = Handlebars.create();
    registerHelpers(hb, { locale: 'en-GB' });
    const template = hb.compile(
      '{{formatTime generatedAt}}|{{formatDate date "short"}}|{{figure 10000000000 "EUR"}}|{{plural 2 "story" "stories"}}|' +
        '{{join outlets " / "}}|{{#if (eq rank 1)}}first{{/if}}|{{#if (gt rank 0)}}pos{{/if}}|{{shortDigest "sha256:abcdef0123456789"}}|' +
        '{{outlet "a-0b1c2d3e"}}|{{outlet "missing"}}|{{approxDate "2025-03-16" false}}',
    );
    const thread = sampleBriefing.threads[0]!;
    const out = template({ ...sampleBriefing, ...thread, outlets: ['A', 'B<'] }, { data: { root: sampleBriefing } });
    expect(out).toBe('06:30 BST|10 Jul|€10bn|2 stories|A / B&lt;|first|pos|abcdef012345|AFP|Unknown outlet|c. 16 Mar 2025');
    expect(hb.compile('{{formatDate date "medium"}}')(sampleBriefing, { data: { locale: 'en-US' } })).toBe('Jul 10, 2025');
  });
});
