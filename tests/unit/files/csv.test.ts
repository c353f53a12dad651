import { expect, it } from "vitest";
import { guessSeparator, readCsvRows } from "~/files/csv.ts";

it("reads quoted fields, doubled quotes, line breaks inside quotes and every line end", async () => {
  const result = await readCsvRows('a,b,c\r\n"x, y","he said ""hi""","two\nlines"\n1,,3\r4,5,6\n');
  expect(result).toEqual({
    ok: true,
    truncated: false,
    rows: [
      ["a", "b", "c"],
      ["x, y", 'he said "hi"', "two\nlines"],
      ["1", "", "3"],
      ["4", "5", "6"],
    ],
  });
  expect(await readCsvRows("a,b")).toEqual({ ok: true, truncated: false, rows: [["a", "b"]] });
  expect(await readCsvRows('a,"b\n')).toMatchObject({ ok: false, message: expect.stringContaining("dòng 1") });
});

it("guesses the separator Excel used from the first line", async () => {
  expect(guessSeparator("Vị trí;Quan điểm;Nội dung\na,b;c")).toBe(";");
  expect(guessSeparator('"a;b",c,d')).toBe(",");
  expect(guessSeparator("a\tb\tc")).toBe("\t");
  expect(await readCsvRows("a;b\n1;2")).toMatchObject({
    rows: [
      ["a", "b"],
      ["1", "2"],
    ],
  });
});

it("stops reading past the row limit instead of reading a huge file", async () => {
  const text = Array.from({ length: 1000 }, (_, i) => `${i},x`).join("\n");
  const result = await readCsvRows(text, { maxRows: 10 });
  expect(result).toMatchObject({ ok: true, truncated: true });
  if (result.ok) expect(result.rows).toHaveLength(10);
});

it("keeps formula-looking cells as text: nothing is evaluated", async () => {
  expect(await readCsvRows('=1+1,+84 912,-5,@SUM(A1),"=HYPERLINK(""http://x"")"')).toMatchObject({
    rows: [["=1+1", "+84 912", "-5", "@SUM(A1)", '=HYPERLINK("http://x")']],
  });
});

const quickly = async <T>(read: () => Promise<T>, ms = 3_000): Promise<T> => {
  const started = Date.now();
  const result = await read();
  expect(Date.now() - started).toBeLessThan(ms);
  return result;
};

it("refuses one enormous field, quoted (a quote left open) or not, with the row and what to do", async () => {
  const quoted = `Vị trí,Nội dung\nToàn văn,"${"Ý kiến rất dài. ".repeat(600_000)}"\n`;
  expect(await quickly(() => readCsvRows(quoted))).toEqual({
    ok: false,
    message: expect.stringMatching(/^Dòng 2 của tệp CSV dài hơn 200\.000 ký tự\. Vui lòng kiểm tra dấu ngoặc kép/),
  });
  expect(await quickly(() => readCsvRows("x".repeat(9_000_000)))).toMatchObject({ ok: false, message: expect.stringContaining("Dòng 1 của tệp CSV dài hơn") });
});

it("stops after the row limit in a file of millions of tiny rows, and refuses a row of thousands of columns", async () => {
  const read = await quickly(() => readCsvRows("a\n".repeat(4_000_000), { maxRows: 20_011 }));
  expect(read).toMatchObject({ ok: true, truncated: true });
  if (read.ok) expect(read.rows).toHaveLength(20_011);
  expect(await readCsvRows(`a,b\n${",".repeat(100_000)}\n`)).toEqual({
    ok: false,
    message: expect.stringContaining("Dòng 2 của tệp CSV có hơn 1.000 cột. Vui lòng kiểm tra dấu phân cách"),
  });
});

it("gives up on a CSV file when the time budget is spent", async () => {
  let now = 0;
  const read = await readCsvRows("a,b\n".repeat(500_000), { clock: () => (now += 1_000) });
  expect(read).toEqual({ ok: false, message: expect.stringContaining("quá nhiều thời gian để đọc") });
});
