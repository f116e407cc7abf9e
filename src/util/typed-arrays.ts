type TypedArray = Int32Array | Uint32Array | Uint16Array | Float64Array;

/**
 * A copy of `array` `length` long (at least as long as it), the rest filled with `fill` (default 0): how the engine's
 * growable typed arrays (edge lists, heaps, hash tables, token spans) make room.
 */
export function grown<T extends TypedArray>(array: T, length: number, fill = 0): T {
  const larger = new (array.constructor as new (length: number) => T)(length);
  larger.set(array);
  if (fill !== 0) larger.fill(fill, array.length);
  return larger;
}
