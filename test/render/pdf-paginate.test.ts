import { describe, expect, test } from 'vitest';
import { pageAt, pageStarts, type BreakPoint } from '../../src/render/pdf-paginate.js';

const line = (y: number, rank = 0): BreakPoint => ({ fit: y, start: y, rank, forced: false });
const lines = (from: number, to: number, step: number) => Array.from({ length: Math.floor((to - from) / step) + 1 }, (_, i) => line(from + i * step));

describe('pageStarts', () => {
  test('a document shorter than a page has no page breaks', () => {
    expect(pageStarts(lines(10, 90, 10), [], 95, 100)).toEqual([]);
  });

  test('evenly flowing lines break at the last line that fits', () => {
    expect(pageStarts(lines(15, 345, 15), [], 350, 100)).toEqual([90, 180, 270]);
  });

  test('a forced break wins over a later break that fits', () => {
    const points = [...lines(10, 290, 10), { fit: 40, start: 45, rank: 0, forced: true }];
    expect(pageStarts(points, [], 300, 100)[0]).toBe(45);
  });

  test('forced breaks after the last overflow still start pages', () => {
    const points = [line(20), { fit: 30, start: 30, rank: 0, forced: true }, { fit: 60, start: 60, rank: 0, forced: true }];
    expect(pageStarts(points, [], 90, 100)).toEqual([30, 60]);
  });

  test('break-inside: avoid moves the whole block to the next page', () => {
    // the block spans 70..150; its inner lines would otherwise allow a break at 100
    const points = [...lines(10, 60, 10), line(70), line(80), line(90), line(100), line(110), line(150)];
    expect(pageStarts(points, [[70, 150]], 200, 100)[0]).toBe(70);
  });

  test('a clean break is preferred over one that strands an orphan line', () => {
    const points = [line(50), line(80), line(95, 1)];
    expect(pageStarts(points, [], 150, 100)[0]).toBe(80);
  });

  test('a margin may overflow the page: the content before fits, the next block starts the page', () => {
    const points = [line(50), { fit: 98, start: 112, rank: 0, forced: false }];
    expect(pageStarts(points, [], 180, 100)[0]).toBe(112);
  });

  test('content with no break opportunity is sliced at the page end', () => {
    expect(pageStarts([], [], 250, 100)).toEqual([100, 200]);
  });
});

describe('pageAt', () => {
  test('counts the page starts at or above a position', () => {
    const starts = [90, 180];
    expect(pageAt(0, starts)).toBe(1);
    expect(pageAt(89, starts)).toBe(1);
    expect(pageAt(90, starts)).toBe(2);
    expect(pageAt(200, starts)).toBe(3);
  });
});
