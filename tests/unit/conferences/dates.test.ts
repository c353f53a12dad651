import { expect, it } from "vitest";
import { dateProblem, fromExcelSerial, parseDateCell, parseDateText, toStoredDate } from "~/conferences/dates.ts";

const day = (year: number, month: number, d: number) => ({ year, month, day: d });

it("reads dd/mm/yyyy, d/m/yyyy, yyyy-mm-dd and the same with other separators", () => {
  expect(parseDateText("25/11/2026")).toEqual(day(2026, 11, 25));
  expect(parseDateText("5/1/2026")).toEqual(day(2026, 1, 5));
  expect(parseDateText(" 05-01-2026 ")).toEqual(day(2026, 1, 5));
  expect(parseDateText("5.1.2026")).toEqual(day(2026, 1, 5));
  expect(parseDateText("2026-11-25")).toEqual(day(2026, 11, 25));
  expect(parseDateText("2026-11-25T00:00:00.000Z")).toEqual(day(2026, 11, 25));
});

it("refuses dates that do not exist and ambiguous or foreign forms", () => {
  for (const bad of ["31/02/2026", "29/02/2025", "0/1/2026", "1/13/2026", "25/11/26", "11/25/2026", "2026/11/25", "hôm qua", ""])
    expect(parseDateText(bad), bad).toBeNull();
  expect(parseDateText("29/02/2024")).toEqual(day(2024, 2, 29));
});

it("reads Excel serial dates, including the 1900 leap-year bug", () => {
  expect(fromExcelSerial(46351)).toEqual(day(2026, 11, 25));
  expect(fromExcelSerial(61)).toEqual(day(1900, 3, 1));
  expect(fromExcelSerial(46351.75)).toEqual(day(2026, 11, 25));
  expect(fromExcelSerial(-1)).toBeNull();
  expect(parseDateCell(46351)).toEqual(day(2026, 11, 25));
  expect(parseDateText("46351")).toEqual(day(2026, 11, 25));
  expect(parseDateCell(new Date(Date.UTC(2026, 10, 25)))).toEqual(day(2026, 11, 25));
  expect(parseDateCell(true)).toBeNull();
});

it("stores a day as noon in Viet Nam and refuses days to come", () => {
  expect(toStoredDate(day(2026, 11, 25)).toISOString()).toBe("2026-11-25T05:00:00.000Z");
  const now = new Date("2026-11-25T18:30:00Z"); // already 26/11 in Viet Nam
  expect(dateProblem(day(2026, 11, 26), now)).toBeNull();
  expect(dateProblem(day(2026, 11, 27), now)).toContain("chưa đến");
  expect(dateProblem(day(1999, 12, 31), now)).toContain("năm");
});
