/** `items` in consecutive slices of at most `size` (the last may be shorter), for statements with a bounded list. */
export const chunked = <T>(items: readonly T[], size: number): T[][] => {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
};
