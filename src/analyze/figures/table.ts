/** Lookup tables without a prototype, so a word like "constructor" or "toString" is never found in them. */
export function table<T>(entries: Record<string, T>): Record<string, T> {
  return Object.assign(Object.create(null) as Record<string, T>, entries);
}
