import { describe, expect, it } from "vitest";
import { normalizeTonePlacement } from "~/text/tone.ts";

describe("tone placement", () => {
  it("puts the tone of open two-vowel syllables on the first vowel, as the drafts do", () => {
    const pairs: Array<[string, string]> = [
      ["hoà", "hòa"],
      ["khoẻ", "khỏe"],
      ["thuỷ", "thủy"],
      ["hoá", "hóa"],
      ["loà", "lòa"],
      ["tuỳ", "tùy"],
      ["quỷ", "quỷ"],
    ];
    for (const [typed, canonical] of pairs) {
      expect(normalizeTonePlacement(typed), typed).toBe(canonical);
      expect(normalizeTonePlacement(canonical), canonical).toBe(canonical);
      expect(normalizeTonePlacement(typed.normalize("NFD")), `${typed} NFD`).toBe(canonical);
    }
  });

  it("leaves syllables whose tone has one place alone", () => {
    for (const word of ["hoàn", "toán", "người", "tiến", "cứu", "ngoài", "khuỷu", "quá", "giá", "giữ", "gì", "của", "thuở", "muốn", "quyết", "huỳnh"]) {
      expect(normalizeTonePlacement(word), word).toBe(word);
    }
  });

  it("moves a tone typed on the wrong vowel", () => {
    expect(normalizeTonePlacement("hoàn".normalize("NFD").replace("a\u0300", "a").replace("o", "o\u0300"))).toBe("hoàn");
    expect(normalizeTonePlacement("ngòai")).toBe("ngoài");
  });

  it("returns words that are not one toned syllable unchanged (NFC)", () => {
    for (const word of ["abc", "2025", "café", "hòahòa", "ñ"]) expect(normalizeTonePlacement(word)).toBe(word.normalize("NFC"));
  });
});
