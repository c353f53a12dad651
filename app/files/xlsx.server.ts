import path from "node:path/posix";
import { FileRefused, REFUSALS, timeBudget, type TimeBudget } from "./refusal.ts";
import type { Cell, SheetRow, SheetRows, SpreadsheetRead } from "./sheet.ts";
import { attribute, walkXml, type XmlHandler } from "./xml.server.ts";
import { openZip, type BoundedZip, type ZipLimits } from "./zip.server.ts";

// An .xlsx upload read under a memory and time budget (ADR 023): the archive through the bounded
// ZIP reader, each part (workbook, relationships, styles, shared strings, sheets) parsed as a stream
// with sax. What is kept is capped: one cell's characters, the shared strings (count), all text
// held, rows per sheet, columns per row, sheets; reading stops at the time budget. Formulas are never
// evaluated: a formula cell gives { formula, result } with the value Excel saved, if any.

export interface XlsxLimits {
  /** Characters of one cell (Excel's own limit is 32,767). */
  maxCellChars: number;
  /** Entries of the shared-strings table. */
  maxSharedStrings: number;
  /** Characters of text held in memory: shared strings plus the text of the cells kept. */
  maxTextChars: number;
  /** Columns kept per row; cells further right are skipped. */
  maxColumns: number;
  /** Time to read the whole workbook. */
  timeMs: number;
  zip: Partial<ZipLimits>;
}

export const XLSX_LIMITS: XlsxLimits = {
  maxCellChars: 32_767,
  maxSharedStrings: 500_000,
  maxTextChars: 32_000_000,
  maxColumns: 64,
  timeMs: 15_000,
  zip: {},
};

export const XLSX_UNREADABLE =
  "Không đọc được tệp Excel: tệp bị hỏng hoặc không phải bảng tính .xlsx. Vui lòng mở tệp trong Excel, lưu lại dưới dạng .xlsx rồi tải lên lại.";

/** Workbook parts (workbook, relationships, styles) are small; a big one is not a real workbook. */
const PART_BYTES = 8 * 1024 * 1024;

/** Built-in number formats that show a date or time (ECMA-376 18.8.30, with the East Asian ones). */
const DATE_FORMAT_IDS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);

/** A custom format code shows a date when, outside quotes and brackets, it has y, m, d, h or s. */
const isDateFormat = (code: string) => /[ymdhs]/i.test(code.replace(/\[[^\]]*]/g, "").replace(/"[^"]*"/g, ""));

/** Excel's serial day (1900 or 1904 system) as midnight UTC of that day, as workbook readers give it. */
const excelToDate = (serial: number, date1904: boolean) => new Date(Math.round((serial - 25_569 + (date1904 ? 1_462 : 0)) * 86_400_000));

/** "AB12" → 27 (0-based column); -1 when there is no column. */
function columnOf(ref: string): number {
  let column = 0;
  let i = 0;
  for (; i < ref.length && i < 4; i++) {
    const code = ref.charCodeAt(i) & ~0x20; // upper case
    if (code < 65 || code > 90) break;
    column = column * 26 + (code - 64);
  }
  return i === 0 ? -1 : column - 1;
}

/** Counts the characters held and the characters of the cell being read. */
class TextBudget {
  held = 0;
  constructor(private readonly limits: XlsxLimits) {}
  append(current: string, piece: string, where?: () => string): string {
    if (current.length + piece.length > this.limits.maxCellChars) throw REFUSALS.cellTooLong(this.limits.maxCellChars, where?.());
    this.held += piece.length;
    if (this.held > this.limits.maxTextChars) throw REFUSALS.tooMuchText(this.limits.maxTextChars);
    return current + piece;
  }
}

interface Workbook {
  sheets: { name: string; path: string }[];
  date1904: boolean;
  sharedStrings: string | null;
  styles: string | null;
}

/** Parses one part; `maxBytes` below the archive's own cap for the parts that are always small. */
async function parsePart(zip: BoundedZip, name: string, handler: XmlHandler, budget: TimeBudget, maxBytes?: number) {
  await walkXml(await zip.stream(name, maxBytes === undefined ? {} : { maxBytes }), handler, budget);
}

/** Relationship targets are relative to the part's folder, or absolute from the package root. */
const resolveTarget = (from: string, target: string) => (target.startsWith("/") ? target.slice(1) : path.normalize(path.join(path.dirname(from), target)));

async function readWorkbook(zip: BoundedZip, budget: TimeBudget): Promise<Workbook> {
  const book = "xl/workbook.xml";
  if (!zip.has(book)) throw REFUSALS.corrupt();
  const listed: { name: string; id: string | undefined }[] = [];
  let date1904 = false;
  await parsePart(
    zip,
    book,
    {
      open(name, attributes) {
        if (name === "workbookPr") date1904 = attributes.date1904 === "1" || attributes.date1904 === "true";
        else if (name === "sheet" && listed.length < 1_000) listed.push({ name: attributes.name ?? "", id: attribute(attributes, "id") });
      },
    },
    budget,
    PART_BYTES,
  );
  const relations = new Map<string, { type: string; target: string }>();
  const relsPath = "xl/_rels/workbook.xml.rels";
  if (zip.has(relsPath)) {
    await parsePart(
      zip,
      relsPath,
      {
        open(name, attributes) {
          if (name === "Relationship" && attributes.Id && attributes.Target && relations.size < 10_000) {
            relations.set(attributes.Id, { type: attributes.Type ?? "", target: resolveTarget(book, attributes.Target) });
          }
        },
      },
      budget,
      PART_BYTES,
    );
  }
  const ofType = (suffix: string, fallback: string) => [...relations.values()].find((r) => r.type.endsWith(suffix))?.target ?? fallback;
  const sheets = listed.flatMap((sheet, i) => {
    const relation = sheet.id ? relations.get(sheet.id) : undefined;
    if (relation && !relation.type.endsWith("/worksheet")) return []; // a chart sheet
    const target = relation?.target ?? `xl/worksheets/sheet${i + 1}.xml`;
    return zip.has(target) ? [{ name: sheet.name, path: target }] : [];
  });
  const sharedStrings = ofType("/sharedStrings", "xl/sharedStrings.xml");
  const styles = ofType("/styles", "xl/styles.xml");
  return { sheets, date1904, sharedStrings: zip.has(sharedStrings) ? sharedStrings : null, styles: zip.has(styles) ? styles : null };
}

/** The cell formats (indexes of cellXfs) that show a date. */
async function readDateStyles(zip: BoundedZip, part: string | null, budget: TimeBudget): Promise<Set<number>> {
  const dates = new Set<number>();
  if (!part) return dates;
  const customDates = new Set<number>();
  let inCellXfs = false;
  let index = 0;
  await parsePart(
    zip,
    part,
    {
      open(name, attributes) {
        if (name === "numFmt" && isDateFormat(attributes.formatCode ?? "")) customDates.add(Number(attributes.numFmtId));
        else if (name === "cellXfs") inCellXfs = true;
        else if (name === "xf" && inCellXfs) {
          const id = Number(attributes.numFmtId ?? 0);
          if (DATE_FORMAT_IDS.has(id) || customDates.has(id)) dates.add(index);
          index++;
        }
      },
      close(name) {
        if (name === "cellXfs") inCellXfs = false;
      },
    },
    budget,
    PART_BYTES,
  );
  return dates;
}

async function readSharedStrings(zip: BoundedZip, part: string | null, limits: XlsxLimits, text: TextBudget, budget: TimeBudget): Promise<string[]> {
  const strings: string[] = [];
  if (!part) return strings;
  let current: string | null = null;
  let inText = false;
  let phonetic = 0;
  await parsePart(
    zip,
    part,
    {
      open(name, attributes) {
        if (name === "sst" && Number(attributes.uniqueCount ?? 0) > limits.maxSharedStrings) throw REFUSALS.tooMuchText(limits.maxTextChars);
        else if (name === "si") current = "";
        else if (name === "rPh") phonetic++;
        else if (name === "t" && current !== null && phonetic === 0) inText = true;
      },
      close(name) {
        if (name === "t") inText = false;
        else if (name === "rPh") phonetic--;
        else if (name === "si" && current !== null) {
          if (strings.length >= limits.maxSharedStrings) throw REFUSALS.tooMuchText(limits.maxTextChars);
          strings.push(current);
          current = null;
        }
      },
      text(piece) {
        if (inText && current !== null) current = text.append(current, piece);
      },
    },
    budget,
  );
  return strings;
}

interface SheetContext {
  limits: XlsxLimits;
  maxRows: number;
  shared: string[];
  dateStyles: Set<number>;
  date1904: boolean;
  text: TextBudget;
  budget: TimeBudget;
}

async function readSheet(zip: BoundedZip, sheet: { name: string; path: string }, context: SheetContext): Promise<SheetRows> {
  const { limits, maxRows, shared, dateStyles, date1904, text, budget } = context;
  const rows: SheetRow[] = [];
  let truncated = false;
  let row: SheetRow | null = null;
  let column = -1;
  // The cell being read.
  let cell: { ref: string; type: string; style: number; value: string | null; formula: string | null; inline: string | null } | null = null;
  let capture: "value" | "formula" | "inline" | null = null;
  let inInline = false;
  let phonetic = 0;

  const where = () => cell?.ref || `${row?.line ?? ""}`;
  const valueOf = (c: NonNullable<typeof cell>): Cell => {
    const v = c.value;
    let value: Cell;
    switch (c.type) {
      case "s":
        value = v === null ? null : (shared[Number(v)] ?? null);
        break;
      case "inlineStr":
        value = c.inline ?? v ?? "";
        break;
      case "str":
        value = v;
        break;
      case "b":
        value = v === null ? null : v === "1" || v === "true";
        break;
      case "e":
        return { error: v ?? "#N/A" };
      case "d":
        value = v === null ? null : new Date(v);
        break;
      default: {
        const number = v === null || v.trim() === "" ? null : Number(v);
        value = number === null || Number.isNaN(number) ? v : dateStyles.has(c.style) ? excelToDate(number, date1904) : number;
      }
    }
    if (c.formula !== null) return { formula: c.formula, result: value ?? undefined };
    return value;
  };

  const handler: XmlHandler = {
    open(name, attributes) {
      if (name === "row") {
        if (rows.length >= maxRows) {
          truncated = true;
          return;
        }
        const line = Number(attributes.r);
        row = { line: Number.isInteger(line) && line > 0 ? line : (rows.at(-1)?.line ?? 0) + 1, cells: [] };
        column = -1;
      } else if (name === "c" && row) {
        const ref = attributes.r ?? "";
        const at = ref ? columnOf(ref) : -1;
        column = at >= 0 ? at : column + 1;
        // Cells further right than any column a reader looks at are skipped, not held.
        cell =
          column < limits.maxColumns ? { ref, type: attributes.t ?? "n", style: Number(attributes.s ?? 0), value: null, formula: null, inline: null } : null;
      } else if (cell) {
        if (name === "v") capture = "value";
        else if (name === "f") {
          cell.formula ??= "";
          capture = "formula";
        } else if (name === "is") inInline = true;
        else if (name === "rPh") phonetic++;
        else if (name === "t" && inInline && phonetic === 0) capture = "inline";
      }
    },
    close(name) {
      if (name === "v" || name === "f" || name === "t") capture = null;
      else if (name === "is") inInline = false;
      else if (name === "rPh") phonetic--;
      else if (name === "c" && cell && row) {
        while (row.cells.length < column) row.cells.push(null);
        row.cells[column] = valueOf(cell);
        cell = null;
      } else if (name === "row" && row) {
        rows.push(row);
        row = null;
      }
    },
    text(piece) {
      if (!cell || !capture) return;
      if (capture === "value") cell.value = text.append(cell.value ?? "", piece, where);
      else if (capture === "formula") cell.formula = text.append(cell.formula ?? "", piece, where);
      else cell.inline = text.append(cell.inline ?? "", piece, where);
    },
    done: () => truncated,
  };
  await parsePart(zip, sheet.path, handler, budget);
  return { name: sheet.name, rows, truncated };
}

/**
 * The rows of the first `maxSheets` worksheets, at most `maxRows` each (`truncated` when a sheet had
 * more). Refuses, with a message for people, a workbook that cannot be read within the limits.
 */
export async function readXlsxRows(
  bytes: Uint8Array,
  { maxRows, maxSheets = 3, limits: given = {}, clock = Date.now }: { maxRows: number; maxSheets?: number; limits?: Partial<XlsxLimits>; clock?: () => number },
): Promise<SpreadsheetRead> {
  const limits = { ...XLSX_LIMITS, ...given };
  const budget = timeBudget(limits.timeMs, clock);
  const text = new TextBudget(limits);
  try {
    const zip = await openZip(bytes, limits.zip);
    const book = await readWorkbook(zip, budget);
    if (!book.sheets.length)
      return { ok: false, message: "Tệp Excel không có trang tính nào. Vui lòng dùng tệp mẫu, điền ý kiến vào trang tính đầu tiên rồi tải lên lại." };
    const dateStyles = await readDateStyles(zip, book.styles, budget);
    const shared = await readSharedStrings(zip, book.sharedStrings, limits, text, budget);
    const sheets: SheetRows[] = [];
    for (const sheet of book.sheets.slice(0, maxSheets)) {
      sheets.push(await readSheet(zip, sheet, { limits, maxRows, shared, dateStyles, date1904: book.date1904, text, budget }));
    }
    return { ok: true, sheets };
  } catch (error) {
    if (!(error instanceof FileRefused) || error.reason === "corrupt" || error.reason === "size-mismatch") return { ok: false, message: XLSX_UNREADABLE };
    return { ok: false, message: error.message };
  }
}
