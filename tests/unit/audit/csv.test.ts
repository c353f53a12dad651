import { expect, it } from "vitest";
import { csvCell, csvRow } from "~/audit/csv.ts";

it("quotes every cell and doubles quotes", () => {
  expect(csvCell('Ý kiến "hay"')).toBe('"Ý kiến ""hay"""');
  expect(csvCell("dòng 1\ndòng 2, tiếp")).toBe('"dòng 1\ndòng 2, tiếp"');
  expect(csvCell(null)).toBe('""');
  expect(csvCell(42)).toBe('"42"');
  expect(csvRow(["a", null, "b"])).toBe('"a","","b"\r\n');
});

it("neutralizes cells a spreadsheet would run as formulas", () => {
  for (const start of ["=", "+", "-", "@", "\t", "\r"]) expect(csvCell(`${start}HYPERLINK("x")`)).toBe(`"'${start}HYPERLINK(""x"")"`);
  expect(csvCell("1+1")).toBe('"1+1"');
});
