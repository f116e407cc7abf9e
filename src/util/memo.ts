/**
 * `compute` with its answers kept per key: for questions a run asks of the same words and names all day. The store
 * is emptied when it passes `cap` entries, so a long process over many texts cannot grow it without bound.
 * `compute` must not return undefined (it marks a key not asked yet): return null for "none".
 */
export function cappedMemo<T>(compute: (key: string) => T, cap = 100_000): (key: string) => T {
  const answers = new Map<string, T>();
  return (key: string) => {
    let answer = answers.get(key);
    if (answer === undefined) {
      if (answers.size > cap) answers.clear();
      answer = compute(key);
      answers.set(key, answer);
    }
    return answer;
  };
}

/**
 * `compute` with its answer kept for as long as the object it was asked of lives: an index over a list that many
 * callers are handed (the day's entities, once per thread shown in full) is made once.
 */
export function objectMemo<K extends object, T>(compute: (key: K) => T): (key: K) => T {
  const answers = new WeakMap<K, T>();
  return (key: K) => {
    if (!answers.has(key)) answers.set(key, compute(key));
    return answers.get(key)!;
  };
}
