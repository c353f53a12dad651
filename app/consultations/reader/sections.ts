// The reading page's sections, as the browser finds them in the body: plain functions over numbers, so
// that the page's script (navigation.ts) stays thin and the rules are tested without a browser.

/**
 * Which of the places the table of contents links to is being read: the last one whose top is at or above
 * `line` (a few lines below the window's top), given their tops in document order; -1 above the first.
 */
export function currentIndex(tops: readonly number[], line: number): number {
  let low = 0;
  let high = tops.length - 1;
  let found = -1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (tops[middle] <= line) {
      found = middle;
      low = middle + 1;
    } else high = middle - 1;
  }
  return found;
}

/**
 * The blocks a section holds, by position: a heading's section runs from the block after it up to (not
 * including) the next heading of its level or above. `levels` has each block's heading level in document
 * order (null for a block that is not a heading). Returns the end position (exclusive).
 */
export function sectionEnd(levels: readonly (number | null)[], start: number): number {
  const own = levels[start];
  if (own == null) return start + 1;
  for (let i = start + 1; i < levels.length; i++) {
    const level = levels[i];
    if (level != null && level <= own) return i;
  }
  return levels.length;
}

/** The position of the heading whose section holds block `position` at the levels `foldable` (or -1): the nearest one above it. */
export function enclosingHeading(levels: readonly (number | null)[], position: number, foldable: (level: number) => boolean): number {
  for (let i = position; i >= 0; i--) {
    const level = levels[i];
    if (level != null && foldable(level) && sectionEnd(levels, i) > position) return i;
  }
  return -1;
}
