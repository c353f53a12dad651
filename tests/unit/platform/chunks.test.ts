import { describe, expect, it } from "vitest";
import { chunked } from "~/platform/chunks.ts";

describe("chunked", () => {
  it("cuts a list into consecutive slices of at most the size, the last shorter, nothing for nothing", () => {
    expect(chunked([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(chunked([1, 2, 3, 4], 2)).toEqual([
      [1, 2],
      [3, 4],
    ]);
    expect(chunked([], 3)).toEqual([]);
  });
});
