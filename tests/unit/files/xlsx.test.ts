import ExcelJS from "exceljs";
import { expect, it } from "vitest";
import { buildTemplate, INSTRUCTIONS_SHEET, TEMPLATE_SHEET } from "~/conferences/template.server.ts";
import { readSpreadsheet } from "~/files/spreadsheet.server.ts";
import { readXlsxRows, XLSX_UNREADABLE } from "~/files/xlsx.server.ts";
import { cellBomb, deflated, deflateRepeated, SHEET_END, SHEET_START, sharedStringsBomb, workbookArchive } from "../../support/hostile-files.ts";

// The bounded .xlsx reader: what Excel and exceljs write reads back as before; the bombs
// (one cell expanding to 300 MB, a 1 GB shared-strings table) and their variants are refused quickly
// with a message that says what to do.

const fast = async (read: () => Promise<unknown>, ms = 5_000) => {
  const started = Date.now();
  const result = await read();
  expect(Date.now() - started).toBeLessThan(ms);
  return result;
};

it("reads the opinions template back: both sheets in order, header row, values, formulas by their saved result, dates", async () => {
  const template = await buildTemplate({
    consultationTitle: "Dự thảo Báo cáo chính trị",
    blocks: [{ key: "k1", label: "Phần thứ nhất › đoạn 1", text: "Đoạn văn" }],
    charLimit: 2000,
  });
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(template as unknown as ArrayBuffer);
  const sheet = workbook.getWorksheet(TEMPLATE_SHEET)!;
  sheet.getRow(2).values = ["Phần thứ nhất › đoạn 1", "Tán thành", "=không phải công thức", "Nguyễn Văn Bình", new Date(Date.UTC(2026, 10, 18))];
  sheet.getRow(3).values = [
    "Toàn văn",
    "Ý kiến khác",
    { formula: 'CONCAT("a","b")', result: "ab" },
    { richText: [{ text: "Lê " }, { text: "Thị", font: { bold: true } }] },
    46343,
  ];
  sheet.getRow(4).values = [null, true, { formula: "1/0", result: { error: "#DIV/0!" } }, 12.5];
  const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
  const read = await readXlsxRows(bytes, { maxRows: 100 });
  if (!read.ok) throw new Error(read.message);
  expect(read.sheets.map((s) => s.name)).toEqual([TEMPLATE_SHEET, INSTRUCTIONS_SHEET]);
  const rows = read.sheets[0]!.rows;
  expect(rows[0]).toEqual({ line: 1, cells: ["Vị trí trong dự thảo", "Quan điểm", "Nội dung ý kiến", "Người góp ý", "Ngày góp ý"] });
  expect(rows[1]!.cells).toEqual(["Phần thứ nhất › đoạn 1", "Tán thành", "=không phải công thức", "Nguyễn Văn Bình", new Date(Date.UTC(2026, 10, 18))]);
  expect(rows[2]!.cells).toEqual(["Toàn văn", "Ý kiến khác", { formula: 'CONCAT("a","b")', result: "ab" }, "Lê Thị", new Date(Date.UTC(2026, 10, 17))]);
  expect(rows[3]!.cells).toEqual([null, true, { error: "#DIV/0!" }, 12.5]);
  expect(read.sheets[1]!.rows.some((r) => r.cells[1] === "k1")).toBe(true);
});

it("stops at the row limit and says so", async () => {
  const rows = Array.from({ length: 500 }, (_, i) => `<row r="${i + 1}"><c r="A${i + 1}"><v>${i}</v></c></row>`).join("");
  const read = await readXlsxRows(workbookArchive(deflated(`${SHEET_START}${rows}${SHEET_END}`)), { maxRows: 10 });
  expect(read).toMatchObject({ ok: true, sheets: [{ truncated: true }] });
  if (read.ok) expect(read.sheets[0]!.rows.map((r) => r.cells[0])).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
});

it("refuses one cell expanding to 300 MB (the issue's file) before inflating it, and when its header lies", async () => {
  const bomb = cellBomb(300);
  expect(bomb.length).toBeLessThan(2 * 1024 * 1024);
  expect(await fast(() => readXlsxRows(bomb, { maxRows: 100 }))).toEqual({
    ok: false,
    message: expect.stringContaining("khi giải nén quá lớn (tối đa 64 MB)"),
  });
  expect(await fast(() => readXlsxRows(cellBomb(300, { declaredSize: 2_000 }), { maxRows: 100 }))).toEqual({ ok: false, message: XLSX_UNREADABLE });
});

it("refuses a cell over 32,767 characters inside an entry of honest size, without holding it", async () => {
  const read = await fast(() => readXlsxRows(cellBomb(40), { maxRows: 100 }), 3_000);
  expect(read).toEqual({ ok: false, message: expect.stringMatching(/^Ô A1 dài hơn 32\.767 ký tự.*Vui lòng/) });
  // The same in the shared-strings table.
  const long = deflateRepeated([{ data: `<sst><si><t>` }, { data: "ý kiến ".repeat(10_000), times: 10 }, { data: "</t></si></sst>" }]);
  const shared = workbookArchive(deflated(`${SHEET_START}<row r="1"><c r="A1" t="s"><v>0</v></c></row>${SHEET_END}`), { sharedStrings: long });
  expect(await readXlsxRows(shared, { maxRows: 100 })).toEqual({ ok: false, message: expect.stringContaining("Một ô trong tệp dài hơn 32.767 ký tự") });
});

it("refuses a 1 GB shared-strings table (the issue's 2.2 MB file) before inflating it, when its header lies, and past the count cap", async () => {
  expect(await fast(() => readXlsxRows(sharedStringsBomb(1024), { maxRows: 100 }))).toEqual({ ok: false, message: expect.stringContaining("quá lớn") });
  expect(await fast(() => readXlsxRows(sharedStringsBomb(1024, { declaredSize: 5_000 }), { maxRows: 100 }))).toEqual({ ok: false, message: XLSX_UNREADABLE });
  // 50 MB of short strings: under the entry cap, over the 500,000 strings of the table.
  expect(await fast(() => readXlsxRows(sharedStringsBomb(50), { maxRows: 100 }), 10_000)).toEqual({
    ok: false,
    message: expect.stringContaining("Tệp có quá nhiều chữ"),
  });
  // The text held across cells counts too.
  expect(await readXlsxRows(sharedStringsBomb(2), { maxRows: 100, limits: { maxTextChars: 100_000 } })).toEqual({
    ok: false,
    message: expect.stringContaining("tối đa 100.000 ký tự"),
  });
});

it("gives up when the time budget is spent", async () => {
  let now = 0;
  const clock = () => (now += 1_000);
  const rows = Array.from({ length: 5_000 }, (_, i) => `<row r="${i + 1}"><c r="A${i + 1}" t="inlineStr"><is><t>Ý kiến số ${i}</t></is></c></row>`).join("");
  const read = await readXlsxRows(workbookArchive(deflated(`${SHEET_START}${rows}${SHEET_END}`)), { maxRows: 10_000, clock });
  expect(read).toEqual({ ok: false, message: expect.stringContaining("quá nhiều thời gian để đọc (hơn 15 giây)") });
});

it("refuses a truncated workbook, a DOCTYPE, and skips cells far to the right instead of holding them", async () => {
  const rows = Array.from({ length: 200 }, (_, i) => `<row r="${i + 1}"><c r="A${i + 1}" t="inlineStr"><is><t>Ý kiến số ${i}</t></is></c></row>`).join("");
  const whole = workbookArchive(deflated(`${SHEET_START}${rows}${SHEET_END}`));
  expect(await readSpreadsheet(whole, { maxRows: 10 })).toMatchObject({ ok: true });
  const cut = whole.subarray(0, Math.floor(whole.length * 0.6));
  expect(await readSpreadsheet(cut, { maxRows: 10 })).toEqual({ ok: false, message: XLSX_UNREADABLE });
  const doctype = workbookArchive(deflated(`<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><worksheet><sheetData/></worksheet>`));
  expect(await readXlsxRows(doctype, { maxRows: 10 })).toEqual({ ok: false, message: XLSX_UNREADABLE });
  const far = workbookArchive(deflated(`${SHEET_START}<row r="1"><c r="B1"><v>1</v></c><c r="XFD1"><v>2</v></c></row>${SHEET_END}`));
  expect(await readXlsxRows(far, { maxRows: 10 })).toEqual({ ok: true, sheets: [{ name: "Ý kiến", truncated: false, rows: [{ line: 1, cells: [null, 1] }] }] });
});
