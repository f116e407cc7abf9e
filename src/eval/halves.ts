import { compareText } from '../util/compare.js';

/**
 * The items in two halves by key: the distinct keys in order, given to the halves alternately, so every item with one
 * key (a clustering topic's articles) falls in one half. A score is reported on each half beside the whole set: their
 * spread says how much the score depends on which items the set happens to hold. Returns null when a half would be
 * empty (a single key).
 */
export function halvesBy<T>(items: readonly T[], keyOf: (item: T) => string): [T[], T[]] | null {
  const keys = [...new Set(items.map(keyOf))].sort(compareText);
  if (keys.length < 2) return null;
  const half = new Map(keys.map((key, k) => [key, k % 2]));
  return [items.filter((item) => half.get(keyOf(item)) === 0), items.filter((item) => half.get(keyOf(item)) === 1)];
}
