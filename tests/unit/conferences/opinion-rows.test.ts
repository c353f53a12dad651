import { expect, it } from "vitest";
import { labelIndex } from "~/conferences/labels.ts";
import { cellValue, columnLetter, HEADER_MESSAGE, parseStance, readOpinionRows, type Cell, type SheetRow } from "~/conferences/opinion-rows.ts";

const NOW = new Date("2026-11-26T08:00:00Z");
const labels = labelIndex([
  { key: "k1", label: "Phần thứ nhất › Mục I › đoạn 1" },
  { key: "k2", label: "Phần thứ hai › đoạn 1" },
]);
const HEADER: Cell[] = ["Vị trí trong dự thảo", "Quan điểm", "Nội dung ý kiến", "Người góp ý", "Ngày góp ý"];
const sheet = (...rows: Cell[][]): SheetRow[] => rows.map((cells, i) => ({ line: i + 1, cells }));
const read = (rows: SheetRow[], charLimit = 50) => readOpinionRows(rows, { labels, charLimit, now: NOW });

it("reads valid rows: stance words, labels, names, dates in several forms; NFC text", () => {
  const result = read(
    sheet(
      HEADER,
      ["Phần thứ nhất › Mục I › đoạn 1", "Tán thành", "Nội dung mo\u0302\u0323t", "Lê Văn Tám", "20/11/2026"],
      ["", "không tán thành", "Nội dung hai", null, 46345],
      ["k2", "Ý KIẾN KHÁC", "=SUM(A1:A3)", "", "2026-11-19"],
    ),
  );
  expect(result).toEqual({
    ok: true,
    errors: [],
    opinions: [
      { line: 2, blockKey: "k1", stance: "AGREE", text: "Nội dung một", authorName: "Lê Văn Tám", date: { year: 2026, month: 11, day: 20 } },
      { line: 3, blockKey: null, stance: "DISAGREE", text: "Nội dung hai", authorName: null, date: { year: 2026, month: 11, day: 19 } },
      { line: 4, blockKey: "k2", stance: "OTHER", text: "=SUM(A1:A3)", authorName: null, date: { year: 2026, month: 11, day: 19 } },
    ],
  });
});

it("lists every problem of every row, with the row number a spreadsheet shows", () => {
  const result = read(
    sheet(
      ["BIÊN BẢN HỘI NGHỊ"],
      HEADER,
      ["Phần thứ ba", "Ủng hộ", "", "", "31/02/2026"],
      [null, null, null, null, null],
      ["", "Tán thành", "x".repeat(51), "", "01/01/2027"],
      ["", "", "Được", "", ""],
    ),
  );
  expect(result.ok).toBe(true);
  if (!result.ok) return;
  expect(result.opinions).toEqual([]);
  expect(result.errors.map((e) => e.line)).toEqual([3, 5, 6]);
  expect(result.errors[0]!.messages).toEqual([
    "Thiếu «Nội dung ý kiến».",
    "Quan điểm «Ủng hộ» không hợp lệ: ghi «Tán thành», «Không tán thành» hoặc «Ý kiến khác».",
    expect.stringContaining("Không có phần, mục, đoạn «Phần thứ ba»"),
    "Ngày «31/02/2026» không đọc được: ghi theo dạng ngày/tháng/năm (ví dụ 25/11/2026) hoặc năm-tháng-ngày (2026-11-25).",
  ]);
  expect(result.errors[1]!.messages.join(" ")).toMatch(/quá giới hạn 50 ký tự.*chưa đến/);
  expect(result.errors[2]!.messages).toEqual([expect.stringContaining("Thiếu «Quan điểm»")]);
});

it("takes a formula cell's saved result, refuses one without, and refuses error cells", () => {
  expect(cellValue({ formula: "1+1", result: 2 }, "C2")).toEqual({ ok: true, value: 2 });
  expect(cellValue({ formula: "A1&B1" }, "C4")).toEqual({ ok: false, message: expect.stringContaining("Ô C4 là công thức chưa có kết quả") });
  expect(cellValue({ error: "#N/A" }, "E7")).toEqual({ ok: false, message: "Ô E7 có lỗi #N/A: vui lòng sửa hoặc xóa ô này." });
  const result = read(sheet(HEADER, ["", "Tán thành", { formula: 'CONCAT("a","b")', result: "Kết quả công thức" }], ["", "Tán thành", { formula: "A1" }]));
  expect(result).toMatchObject({
    ok: true,
    opinions: [{ line: 2, text: "Kết quả công thức" }],
    errors: [{ line: 3, messages: [expect.stringContaining("Ô C3 là công thức")] }],
  });
});

it("finds the header by its words, in any order and spelling, or refuses the file with one message", () => {
  const reordered = read(sheet(["nội dung", "QUAN ĐIỂM", "Phần, mục, đoạn"], ["Ý kiến về mục tiêu", "Tán thành", "Toàn văn"]));
  expect(reordered).toMatchObject({ ok: true, opinions: [{ text: "Ý kiến về mục tiêu", stance: "AGREE", blockKey: null }] });
  expect(read(sheet(["Đoạn", "Ý kiến"], ["a", "b"]))).toEqual({ ok: false, formError: HEADER_MESSAGE });
  expect(read(sheet(HEADER))).toMatchObject({ ok: false, formError: expect.stringContaining("không có ý kiến nào") });
});

it("refuses more rows than the limit as a whole", () => {
  expect(readOpinionRows(sheet(HEADER, ["", "Tán thành", "a"]), { labels, charLimit: 50, now: NOW, truncated: true })).toMatchObject({
    ok: false,
    formError: expect.stringContaining("tối đa 20.000 ý kiến"),
  });
});

it("knows the stance words and column letters", () => {
  expect(parseStance(" tan thanh ")).toBe("AGREE");
  expect(parseStance("Không đồng ý")).toBe("DISAGREE");
  expect(parseStance("Khác")).toBe("OTHER");
  expect(parseStance("Ủng hộ")).toBeNull();
  expect([0, 25, 26, 27, 701, 702].map(columnLetter)).toEqual(["A", "Z", "AA", "AB", "ZZ", "AAA"]);
});
