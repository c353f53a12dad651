import { createWriteStream } from "node:fs";
import type { Writable } from "node:stream";
import { once } from "node:events";
import ExcelJS from "exceljs";
import { CSV_BOM, csvRow, sheetValue } from "./cells.ts";
import type { ExportColumn, OpinionRow } from "./rows.server.ts";
import { vietnamDateTime, type StatisticsTable } from "./tables.ts";

// Writing the CSV and Excel files, a batch of rows at a time, to a stream (the database's stored file,
// ADR 052) or a file on disk: only one batch is ever in memory, and a full write buffer is waited for
// (backpressure) before the next batch.

export type Progress = (done: number) => Promise<void> | void;

async function write(stream: Writable, chunk: string) {
  if (!stream.write(chunk)) await once(stream, "drain");
}

async function close(stream: Writable) {
  stream.end();
  await once(stream, "finish");
}

function textOf(row: OpinionRow, key: ExportColumn["key"]): string {
  const value = row[key];
  return value instanceof Date ? vietnamDateTime(value) : value;
}

/**
 * The CSV is written in pieces of about this many characters (UTF-16 code units: 32 kB), not a batch
 * at a time: a batch's text as one string is megabytes (V8's large-object space, freed only by a full
 * collection) and as many again in a Buffer. Measured on 1,254,887 rows: external memory +57 MB before,
 * +30 MB after; the live heap stays ~36 MB either way (bench/README.md, "One export's memory").
 */
export const CSV_PIECE_CHARS = 16 * 1024;

/** CSV of every opinion: UTF-8 with a BOM (so Excel reads Vietnamese), RFC 4180, CRLF. */
export async function writeCsv(
  file: string | Writable,
  batches: AsyncIterable<OpinionRow[]>,
  columns: ExportColumn[],
  progress: Progress,
  pieceChars = CSV_PIECE_CHARS,
): Promise<number> {
  const stream = typeof file === "string" ? createWriteStream(file) : file;
  const failed = new Promise<never>((_, reject) => stream.once("error", reject));
  let done = 0;
  const work = (async () => {
    await write(stream, CSV_BOM + csvRow(columns.map((c) => c.header)));
    for await (const batch of batches) {
      let chunk = "";
      for (const row of batch) {
        chunk += csvRow(columns.map((c) => textOf(row, c.key)));
        if (chunk.length < pieceChars) continue;
        await write(stream, chunk);
        chunk = "";
      }
      if (chunk) await write(stream, chunk);
      done += batch.length;
      await progress(done);
    }
    await close(stream);
  })();
  await Promise.race([work, failed]);
  return done;
}

const TIME_FORMAT = "dd/mm/yyyy hh:mm";

/** Every sheet prints on A4 landscape, as wide as the page, with its header rows (`rows`, "1:1") on every page. */
export const printSetup = (rows: string): Partial<ExcelJS.PageSetup> => ({
  paperSize: 9,
  orientation: "landscape",
  fitToPage: true,
  fitToWidth: 1,
  fitToHeight: 0,
  printTitlesRow: rows,
});

/** Excel's last row is 1,048,576: a longer export continues on "Ý kiến (2)", and so on. */
export const ROWS_PER_SHEET = 1_000_000;

/**
 * Excel workbook: the statistics sheets first (small), then every opinion, streamed with exceljs's
 * WorkbookWriter (each row is written to the file as it is committed). Text cells are strings
 * (sheetValue), never formulas; times are Vietnam time.
 */
export async function writeXlsx(
  file: string | Writable,
  tables: StatisticsTable[],
  batches: AsyncIterable<OpinionRow[]>,
  columns: ExportColumn[],
  progress: Progress,
): Promise<number> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    ...(typeof file === "string" ? { filename: file } : { stream: file }),
    useStyles: true,
    useSharedStrings: false,
  });
  workbook.creator = "Góp ý dự thảo";
  workbook.created = new Date();
  for (const table of tables) {
    // A title row, then the header row: both repeated on every printed page.
    const sheet = workbook.addWorksheet(table.name, { pageSetup: printSetup("1:2") });
    sheet.columns = table.headers.map((_, i) => ({ width: i === 0 ? 44 : i === 1 && table.headers[1] === "Nội dung đoạn" ? 60 : 14 }));
    sheet.addRow([table.title]).font = { bold: true, size: 13 };
    const header = sheet.addRow(table.headers.map((h) => sheetValue(h)));
    header.font = { bold: true };
    header.commit();
    for (const row of table.rows) sheet.addRow(row.map((v) => sheetValue(v))).commit();
    sheet.commit();
  }
  let sheet: ExcelJS.Worksheet | null = null;
  let sheetNumber = 0;
  let inSheet = 0;
  const newSheet = () => {
    sheet?.commit();
    sheetNumber++;
    inSheet = 0;
    const next = workbook.addWorksheet(sheetNumber === 1 ? "Ý kiến" : `Ý kiến (${sheetNumber})`, {
      views: [{ state: "frozen", ySplit: 1 }],
      pageSetup: printSetup("1:1"),
    });
    next.columns = columns.map((c) => ({ key: c.key, width: c.width }));
    const header = next.addRow(columns.map((c) => c.header));
    header.font = { bold: true };
    header.commit();
    return next;
  };
  sheet = newSheet();
  const timeColumn = columns.findIndex((c) => c.key === "createdAt") + 1;
  let done = 0;
  for await (const batch of batches) {
    for (const row of batch) {
      if (inSheet >= ROWS_PER_SHEET) sheet = newSheet();
      // Excel has no time zones: write the Vietnam wall-clock time.
      const added = sheet.addRow(columns.map((c) => (c.key === "createdAt" ? new Date(row.createdAt.getTime() + 7 * 3_600_000) : sheetValue(row[c.key]))));
      if (timeColumn > 0) added.getCell(timeColumn).numFmt = TIME_FORMAT;
      added.commit();
      inSheet++;
    }
    done += batch.length;
    await progress(done);
  }
  sheet.commit();
  await workbook.commit();
  return done;
}
