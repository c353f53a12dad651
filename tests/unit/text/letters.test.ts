import { describe, expect, it } from "vitest";
import { countLetters, hasLetter } from "~/text/letters.ts";

const count = (text: string, pattern: RegExp) => text.match(pattern)?.length ?? 0;

describe("letter counts", () => {
  it("count what /\\p{L}/gu, /\\p{Lu}/gu and /\\p{Ll}/gu count, surrogate pairs and lone halves included", () => {
    const texts = ["", "ĐỀ NGHỊ xem xét 2025!", "Ǆǅǆ ß ẞ İı ﬁ", "𝐀𝐛 😡 \uD800 x \uDC00", "ΟΔΟΣ Привет 你好 مرحبا", "a\u0301\u0301 ʰ ª"];
    for (const text of texts) {
      expect(countLetters(text), text).toEqual({ letters: count(text, /\p{L}/gu), upper: count(text, /\p{Lu}/gu), lower: count(text, /\p{Ll}/gu) });
    }
  });

  it("says whether a text has a letter", () => {
    for (const text of ["", "123", "😡", "𝐀", "a", "\uD800", "1𝐀", "Đ"]) expect(hasLetter(text), text).toBe(/\p{L}/u.test(text));
    for (const text of ["𝐀", "1𝐀"]) expect(hasLetter(text), `${text} again`).toBe(true);
  });
});
