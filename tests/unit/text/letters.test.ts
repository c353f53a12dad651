import { describe, expect, it } from "vitest";
import { FORMAT, LETTER, MARK, NUMBER, countLetters, forEachRun, hasLetter, runs } from "~/text/letters.ts";

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

  it("cuts the runs a Unicode property regex matches, with their offsets", () => {
    const texts = [
      "",
      "Hoà bình, độc lập — 2025!",
      "ph\u200Bát triển\u00AD ho\u0300a",
      "𝐀𝐛 😡 \uD800 x \uDC00y 👍🏽 ٣٤ Ⅻ",
      "  a\u0301\u0301 ʰ ª ΟΔΟΣ Привет 你好 مرحبا\u200F ",
      "\uDBFF",
    ];
    const masks: [number, RegExp][] = [
      [LETTER | NUMBER, /[\p{L}\p{N}]+/gu],
      [LETTER | NUMBER | MARK, /[\p{L}\p{N}\p{M}]+/gu],
      [LETTER | MARK, /[\p{L}\p{M}]+/gu],
      [LETTER | NUMBER | MARK | FORMAT, /[\p{L}\p{N}\p{M}\p{Cf}]+/gu],
    ];
    for (const text of texts) {
      for (const [mask, pattern] of masks) {
        expect(runs(text, mask), `${text} ${pattern}`).toEqual(text.match(pattern) ?? []);
        const offsets: number[][] = [];
        forEachRun(text, mask, (start, end) => {
          offsets.push([start, end]);
        });
        expect(offsets).toEqual([...text.matchAll(pattern)].map((m) => [m.index, m.index + m[0].length]));
      }
    }
  });
});
