/**
 * Remembers `compute`'s result per word: words repeat, so each distinct spelling is computed once. Bounded
 * so that hostile input cannot grow it without limit: at `limit` spellings it starts afresh, and words longer
 * than `maxLength` are computed every time without being kept.
 */
export function wordMemo<T>(compute: (word: string) => T, limit: number, maxLength = Infinity): (word: string) => T {
  let kept = new Map<string, T>();
  return (word) => {
    if (word.length > maxLength) return compute(word);
    let value = kept.get(word);
    if (value === undefined) {
      value = compute(word);
      if (kept.size >= limit) kept = new Map();
      kept.set(word, value);
    }
    return value;
  };
}
