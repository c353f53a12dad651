import { describe, expect, it } from "vitest";
import { asciiSlug, contentDisposition, exportFileName, CSV_BOM, csvCell, csvRow, sheetValue } from "~/reports/export/cells.ts";
import { draftName, placeAndDate } from "~/reports/export/docx-report.ts";
import { excerpt, vietnamDateTime } from "~/reports/export/tables.ts";

describe("formula injection", () => {
  it("puts an apostrophe before a CSV cell a spreadsheet would run as a formula", () => {
    for (const start of ["=", "+", "-", "@", "\t", "\r"]) expect(csvCell(`${start}1+1`)).toBe(`"'${start}1+1"`);
    expect(csvCell('=HYPERLINK("http://x","bấm")')).toBe(`"'=HYPERLINK(""http://x"",""bấm"")"`);
    expect(csvCell("Tán thành = đồng ý")).toBe('"Tán thành = đồng ý"');
    expect(csvCell(" =1")).toBe('" =1"');
  });

  it("quotes every CSV cell as RFC 4180 says, lines ending in CRLF, with a BOM for Excel", () => {
    expect(csvRow(["a", 'b "c"', "dòng 1\ndòng 2", null, 3])).toBe('"a","b ""c""","dòng 1\ndòng 2","","3"\r\n');
    expect(CSV_BOM).toBe("\uFEFF");
  });

  it("writes Excel text as plain strings (never formulas), keeps numbers and dates, drops characters XML cannot carry", () => {
    expect(sheetValue("=1+1")).toBe("=1+1");
    expect(typeof sheetValue("=SUM(A1:A9)")).toBe("string");
    expect(sheetValue(42)).toBe(42);
    expect(sheetValue(Number.NaN)).toBeNull();
    expect(sheetValue(null)).toBeNull();
    const at = new Date("2026-11-26T00:00:00Z");
    expect(sheetValue(at)).toBe(at);
    expect(sheetValue("a\u0000b\u0007c\nd")).toBe("abc\nd");
  });
});

describe("download names", () => {
  it("gives an ASCII fallback and the UTF-8 name (RFC 5987)", () => {
    expect(contentDisposition("Báo cáo Hòa Sơn.docx")).toBe(
      `attachment; filename="bao-cao-hoa-son.docx"; filename*=UTF-8''B%C3%A1o%20c%C3%A1o%20H%C3%B2a%20S%C6%A1n.docx`,
    );
    expect(contentDisposition('a"b\r\n.csv')).toMatch(/^attachment; filename="a-b\.csv"; filename\*=UTF-8''a%22b%0D%0A\.csv$/);
    expect(asciiSlug("Đắk Lắk — Đảng bộ")).toBe("dak-lak-dang-bo");
    expect(asciiSlug("!!!")).toBe("bao-cao");
  });

  it("names files in Vietnamese, short, without characters file systems refuse", () => {
    expect(exportFileName("Báo cáo tổng hợp ý kiến", "Luật Đất đai (sửa đổi): dự thảo 2/3", "2026-11-26", "docx")).toBe(
      "Báo cáo tổng hợp ý kiến - Luật Đất đai (sửa đổi) dự thảo 2 3 - 2026-11-26.docx",
    );
    const long = exportFileName(
      "Ý kiến góp ý",
      "Báo cáo chính trị trình Đại hội đại biểu Đảng bộ tỉnh Hòa Sơn lần thứ XXI, nhiệm kỳ 2025 - 2030",
      "2026-11-26",
      "csv",
    );
    expect(long).toBe("Ý kiến góp ý - Báo cáo chính trị trình Đại hội đại biểu Đảng bộ tỉnh Hòa Sơn lần thứ… - 2026-11-26.csv");
  });
});

describe("the Word report's words", () => {
  it("writes place and date as Decree 30 does: leading zero for days below 10 and for January and February", () => {
    expect(placeAndDate("Hòa Sơn", new Date("2026-11-26T03:00:00Z"))).toBe("Hòa Sơn, ngày 26 tháng 11 năm 2026");
    expect(placeAndDate("Hà Nội", new Date("2026-02-05T03:00:00Z"))).toBe("Hà Nội, ngày 05 tháng 02 năm 2026");
    expect(placeAndDate("Hà Nội", new Date("2026-03-09T03:00:00Z"))).toBe("Hà Nội, ngày 09 tháng 3 năm 2026");
    // 20:00 UTC on 31 December is already 1 January in Viet Nam.
    expect(placeAndDate("Huế", new Date("2026-12-31T20:00:00Z"))).toBe("Huế, ngày 01 tháng 01 năm 2027");
  });

  it("does not say 'dự thảo' twice", () => {
    expect(draftName("Dự thảo Báo cáo chính trị trình Đại hội")).toBe("Báo cáo chính trị trình Đại hội");
    expect(draftName("DỰ THẢO LUẬT ĐẤT ĐAI")).toBe("LUẬT ĐẤT ĐAI");
    expect(draftName("Hiến pháp năm 2013")).toBe("Hiến pháp năm 2013");
  });

  it("formats times in Vietnam time and shortens long texts at a word", () => {
    expect(vietnamDateTime(new Date("2026-11-26T17:30:00Z"))).toBe("2026-11-27 00:30");
    expect(excerpt("một hai ba bốn năm sáu", 12)).toBe("một hai ba…");
    expect(excerpt("ngắn", 12)).toBe("ngắn");
  });
});
