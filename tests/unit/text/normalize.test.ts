import { expect, it } from "vitest";
import { hasInvalidText, hasMarkFlood, MAX_MARKS_PER_LETTER, normalizeText } from "~/text/normalize.ts";

const line = (s: string) => normalizeText(s, { multiline: false });
const block = (s: string) => normalizeText(s, { multiline: true });

it("composes decomposed (NFD) Vietnamese into NFC", () => {
  const nfd = "Tiếng Việt có dấu".normalize("NFD");
  expect(nfd).not.toBe("Tiếng Việt có dấu");
  expect(line(nfd)).toBe("Tiếng Việt có dấu");
});

it("removes zero-width characters before NFC so a letter and its mark still compose", () => {
  // "i" ZWSP U+0301 would stay "i" + a stray mark (not "í") if NFC ran before the removal.
  const out = line("Tr\u1EA7n Thi\u200B\u0301");
  expect(out).toBe("Trần Thí");
  expect(out).toHaveLength(8);
  expect(line("a\u200D\u0300 a\u2060\u0301 a\uFEFF\u0303 a\u00AD\u0309")).toBe("à á ã ả");
  expect(line("\uFEFFý kiến\u200C")).toBe("ý kiến");
});

it("removes bidi and direction controls", () => {
  expect(line("đồng\u202E ý\u202C \u2066khác\u2069\u200E\u200F\u061C")).toBe("đồng ý khác");
});

it("drops other control characters and turns tabs into spaces", () => {
  expect(line("góp\u0000 ý\u0007\u001B\u007F\u0085\u009F")).toBe("góp ý");
  expect(line("góp\tý")).toBe("góp ý");
  expect(block("a\t\tb\u0008c")).toBe("a bc");
});

it("turns CRLF and CR into LF", () => {
  expect(block("Dòng 1\r\nDòng 2\rDòng 3")).toBe("Dòng 1\nDòng 2\nDòng 3");
});

it("single-line fields: every whitespace run becomes one space, ends trimmed", () => {
  expect(line("  Nguyễn \n Văn\r\n\tAn\u00A0 ")).toBe("Nguyễn Văn An");
});

it("multiline fields: keep lines, collapse spaces inside, trim line ends, at most 2 blank lines", () => {
  const input = "\n\n  Điều 1:   cần   sửa.   \n\n\n\n\n\nĐiều 2:\t bổ sung.  \r\n\r\n\r\n  \n\nHết.  \n\n";
  expect(block(input)).toBe("Điều 1: cần sửa.\n\n\nĐiều 2: bổ sung.\n\n\nHết.");
  expect(block("a\n\nb")).toBe("a\n\nb");
  expect(block("a\n\n\nb")).toBe("a\n\n\nb");
});

it("detects lone surrogates and accepts valid astral characters", () => {
  expect(hasInvalidText("góp ý \uD83D")).toBe(true);
  expect(hasInvalidText("\uDE00 góp ý")).toBe(true);
  expect(hasInvalidText("\uDE00\uD83D")).toBe(true); // halves in the wrong order
  expect(hasInvalidText("góp ý 😀 𠀧")).toBe(false);
  expect(hasInvalidText("")).toBe(false);
});

it("refuses a pile of combining marks on one letter, and lets all of Vietnamese through however it was typed", () => {
  const vietnamese = "Nghị quyết về phát triển kinh tế - xã hội: ưu tiên đường thủy, thuế, khuyến nông, Đặng Thị Ngọc Thịnh";
  expect(hasMarkFlood(vietnamese)).toBe(false);
  // Decomposed (NFD, as some keyboards send it): every letter with two marks once more after NFC is none.
  expect(hasMarkFlood(vietnamese.normalize("NFD"))).toBe(false);
  // Two marks that have no precomposed form together stay as two after NFC: still allowed.
  expect(hasMarkFlood(`q${"\u0301\u0323"}`)).toBe(false);
  expect(MAX_MARKS_PER_LETTER).toBe(2);
  expect(hasMarkFlood(`góp ý${"\u0301\u0300\u0303"}`)).toBe(true); // ý then three more marks
  expect(hasMarkFlood(`Z${"\u0336\u0337\u0338\u0334".repeat(50)}algo`)).toBe(true);
  // Invisible characters between the marks do not hide the pile: normalizeText would drop them.
  expect(hasMarkFlood(`a\u0301\u200b\u0302\u2060\u0303\u0001\u0304`)).toBe(true);
});
