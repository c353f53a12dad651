import { describe, expect, it } from "vitest";
import { contentHash, foldReference, foldVietnamese } from "~/text/fold.ts";

/** Every character of foldVietnamese's table and a few outside it. */
function tableCharacters(): string[] {
  const chars: string[] = [];
  for (let c = 0; c < 0x250; c++) chars.push(String.fromCharCode(c));
  for (let c = 0x300; c < 0x370; c++) chars.push(String.fromCharCode(c));
  for (let c = 0x1e00; c < 0x1f00; c++) chars.push(String.fromCharCode(c));
  return chars;
}

describe("foldVietnamese", () => {
  it("folds diacritics, đ, case and spaces", () => {
    expect(foldVietnamese("  Hoà   BÌNH,\tĐộc\u00A0lập ")).toBe("hoa binh, doc lap");
    expect(foldVietnamese("ho\u0300a")).toBe("hoa");
    expect(foldVietnamese(" \u0301 a \u0301 b \u0301 ")).toBe("a b");
  });

  it("gives what the reference (NFD, marks dropped, lower case, spaces collapsed) gives for every pair of table characters", () => {
    const chars = tableCharacters();
    const wrong: string[] = [];
    for (const a of chars) for (const b of chars) if (foldVietnamese(a + b) !== foldReference(a + b)) wrong.push(a + b);
    expect(wrong).toEqual([]);
  });

  it("falls back to the reference outside the table (Greek final sigma, Hangul, emoji, surrogates)", () => {
    for (const text of ["ΟΔΟΣ ΟΔΟΣ", "한국어 Đà", "👍 Hoà", "\uD800 a", "ﬁ ǅ İ", "a\u2003b\u3000c"]) expect(foldVietnamese(text)).toBe(foldReference(text));
  });

  it("hashes the folded text", () => {
    expect(contentHash("Hoà bình")).toBe(contentHash("hòa   BINH"));
  });
});
