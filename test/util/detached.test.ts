import { describe, expect, it } from 'vitest';
import { detached } from '../../src/util/detached.js';

describe('detached', () => {
  it('copies plain data: equal, and no object shared with the original', () => {
    const paragraph = 'Rotterdam’s dock workers ended their strike on Tuesday, March 4, 2025, the port said.';
    const original = { title: paragraph.slice(0, 24), dates: [{ surface: paragraph.slice(47, 69), sentenceIndex: 2 }], note: null };
    const copy = detached(original);
    expect(copy).toEqual(original);
    expect(copy).not.toBe(original);
    expect(copy.dates).not.toBe(original.dates);
    expect(copy.dates[0]).not.toBe(original.dates[0]);
    expect(copy.dates[0]!.surface).toBe('Tuesday, March 4, 2025');
  });
});
