/**
 * Appends every item of `items` to `target`. `target.push(...items)` passes each item as an argument, so an array of
 * a few hundred thousand entries (a large JSON file's records) overflows the call stack; a loop has no such limit.
 */
export function appendAll<T>(target: T[], items: readonly T[]): T[] {
  for (const item of items) target.push(item);
  return target;
}
