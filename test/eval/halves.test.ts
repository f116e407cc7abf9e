import { describe, expect, it } from 'vitest';
import { halvesBy } from '../../src/eval/halves.js';

describe('halvesBy', () => {
  it('gives the keys in order to the halves alternately, every item of a key to the same half', () => {
    const items = [
      { id: 'd', topic: 'quake' },
      { id: 'a', topic: 'rehab' },
      { id: 'c', topic: 'quake' },
      { id: 'b', topic: 'fire' },
    ];
    // Topics in order: fire, quake, rehab -> fire and rehab in the first half, quake in the second.
    expect(halvesBy(items, (item) => item.topic)).toEqual([
      [{ id: 'a', topic: 'rehab' }, { id: 'b', topic: 'fire' }],
      [{ id: 'd', topic: 'quake' }, { id: 'c', topic: 'quake' }],
    ]);
    expect(halvesBy(items, (item) => item.id)!.map((half) => half.map((item) => item.id))).toEqual([['a', 'c'], ['d', 'b']]);
  });

  it('has no halves for a single key', () => {
    expect(halvesBy([{ topic: 'x' }, { topic: 'x' }], (item) => item.topic)).toBeNull();
    expect(halvesBy([], (item: string) => item)).toBeNull();
  });
});
