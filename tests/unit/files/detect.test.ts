import { expect, it } from "vitest";
import { detectSpreadsheet, NOT_A_SPREADSHEET } from "~/files/detect.ts";

const bytes = (...parts: (string | number[])[]) => new Uint8Array(parts.flatMap((p) => (typeof p === "string" ? [...new TextEncoder().encode(p)] : p)));

it("tells an .xlsx workbook from CSV text by their bytes, not their names", () => {
  expect(detectSpreadsheet(bytes([0x50, 0x4b, 0x03, 0x04, 0x14, 0]))).toEqual({ ok: true, kind: "xlsx" });
  expect(detectSpreadsheet(bytes([0xef, 0xbb, 0xbf], "Vị trí,Quan điểm\n"))).toEqual({ ok: true, kind: "csv", text: "Vị trí,Quan điểm\n" });
  expect(detectSpreadsheet(bytes("Quan điểm\n"))).toEqual({ ok: true, kind: "csv", text: "Quan điểm\n" });
  const utf16 = new Uint8Array([0xff, 0xfe, ...[..."Ý kiến\tx"].flatMap((c) => [c.charCodeAt(0) & 0xff, c.charCodeAt(0) >> 8])]);
  expect(detectSpreadsheet(utf16)).toEqual({ ok: true, kind: "csv", text: "Ý kiến\tx" });
});

it("refuses renamed binaries, old Excel files, legacy encodings, empty and oversized files with a message", () => {
  const png = bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]);
  expect(detectSpreadsheet(png)).toEqual({ ok: false, message: NOT_A_SPREADSHEET });
  expect(detectSpreadsheet(bytes("%PDF-1.7\n", [0xe2, 0xe3, 0xcf, 0xd3]))).toEqual({ ok: false, message: NOT_A_SPREADSHEET });
  expect(detectSpreadsheet(bytes([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1]))).toMatchObject({ ok: false, message: expect.stringContaining(".xls") });
  // "Quan điểm" in Windows-1258: ê is 0xEA, not UTF-8.
  expect(detectSpreadsheet(bytes("Quan \u0111i", [0xea], "m\n"))).toMatchObject({ ok: false, message: expect.stringContaining("UTF-8") });
  expect(detectSpreadsheet(new Uint8Array())).toMatchObject({ ok: false, message: expect.stringContaining("trống") });
  expect(detectSpreadsheet(bytes("a,b\n"), { maxBytes: 2 })).toMatchObject({ ok: false, message: expect.stringContaining("quá lớn") });
  expect(detectSpreadsheet(bytes("a\u0001b\u0002c\u0003d\u0004"))).toEqual({ ok: false, message: NOT_A_SPREADSHEET });
});
