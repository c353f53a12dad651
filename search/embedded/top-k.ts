/**
 * The first `k` items of `items` in the order of `before` (a strict "comes first"), sorted; a bounded
 * heap when k is small against the number of items, a plain sort otherwise.
 */
export function topK(items: ArrayLike<number>, k: number, before: (a: number, b: number) => boolean): number[] {
  const n = items.length;
  if (k <= 0 || n === 0) return [];
  const compare = (a: number, b: number) => (before(a, b) ? -1 : before(b, a) ? 1 : 0);
  if (k * 4 >= n) return Array.from(items).sort(compare).slice(0, k);
  // Max-heap on "comes last": the root is the worst of the k kept so far.
  const heap: number[] = [];
  const worse = (a: number, b: number) => before(b, a);
  for (let i = 0; i < n; i++) {
    const item = items[i];
    if (heap.length < k) {
      heap.push(item);
      let child = heap.length - 1;
      while (child > 0) {
        const parent = (child - 1) >> 1;
        if (!worse(heap[child], heap[parent])) break;
        [heap[child], heap[parent]] = [heap[parent], heap[child]];
        child = parent;
      }
    } else if (before(item, heap[0])) {
      heap[0] = item;
      let parent = 0;
      for (;;) {
        const left = parent * 2 + 1;
        const right = left + 1;
        let worst = parent;
        if (left < k && worse(heap[left], heap[worst])) worst = left;
        if (right < k && worse(heap[right], heap[worst])) worst = right;
        if (worst === parent) break;
        [heap[worst], heap[parent]] = [heap[parent], heap[worst]];
        parent = worst;
      }
    }
  }
  return heap.sort(compare);
}
