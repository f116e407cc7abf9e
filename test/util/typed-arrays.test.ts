import { describe, expect, it } from 'vitest';
import { grown } from '../../src/util/typed-arrays.js';

describe('grown', () => {
  it('copies the array into a longer one of the same type, the rest zero or the fill given', () => {
    const ints = grown(Int32Array.of(-1, 2, 3), 5);
    expect(ints).toBeInstanceOf(Int32Array);
    expect([...ints]).toEqual([-1, 2, 3, 0, 0]);
    const floats = grown(Float64Array.of(0.5, 2), 4, 1);
    expect(floats).toBeInstanceOf(Float64Array);
    expect([...floats]).toEqual([0.5, 2, 1, 1]);
    const units = grown(Uint16Array.of(0xffff), 2);
    expect(units).toBeInstanceOf(Uint16Array);
    expect([...units]).toEqual([0xffff, 0]);
  });
});
