import { STANCES, type StanceValue } from "~/vocabulary/vocabulary.ts";
import { foldVietnamese } from "~/text/fold.ts";
import { countCharacters, LIMITS } from "~/comments/comment-form.ts";
import { hasInvalidText, normalizeText } from "~/text/normalize.ts";
import type { Cell, SheetRow } from "~/files/sheet.ts";
import { DATE_FORMAT_HINT, dateProblem, formatCalendarDate, parseDateCell, type CalendarDate } from "./dates.ts";
import type { LabelIndex } from "./labels.ts";
import { MAX_OPINION_ROWS } from "./limits.ts";

export { MAX_OPINION_ROWS };

// The rows of a conference's opinions file (the template's first sheet, or a CSV file with the same
// columns), each checked on its own: every problem of every row is reported with its row number, so
// one upload shows everything to fix. Cells are values, never formulas: text starting with "=", "+",
// "-" or "@" stays that text; an Excel formula counts for the result Excel saved with it.

export type { Cell, SheetRow };

export const OPINION_COLUMNS = {
  label: "Vị trí trong dự thảo",
  stance: "Quan điểm",
  text: "Nội dung ý kiến",
  name: "Người góp ý",
  date: "Ngày góp ý",
} as const;
type Column = keyof typeof OPINION_COLUMNS;
const REQUIRED: Column[] = ["label", "stance", "text"];

/** Header spellings accepted for each column (folded, punctuation dropped). */
const HEADER_WORDS: Record<Column, string[]> = {
  label: ["vi tri trong du thao", "phan muc doan", "phan muc doan gop y", "doan", "doan gop y", "vi tri", "nhan", "nhan doan", "ma doan", "phan gop y"],
  stance: ["quan diem", "lap truong", "thai do"],
  text: ["noi dung y kien", "noi dung", "noi dung gop y", "y kien", "y kien gop y"],
  name: ["nguoi gop y", "ho va ten", "ho ten", "nguoi neu y kien", "ten nguoi gop y"],
  date: ["ngay gop y", "ngay", "ngay thang"],
};

/** How far down the header row may be (a title row or two above it is common). */
const HEADER_SEARCH_ROWS = 10;

export interface OpinionRow {
  line: number;
  blockKey: string | null;
  stance: StanceValue;
  text: string;
  authorName: string | null;
  date: CalendarDate | null;
}

export interface RowError {
  line: number;
  messages: string[];
}

export type ReadRows = { ok: true; opinions: OpinionRow[]; errors: RowError[] } | { ok: false; formError: string };

const words = (value: string) =>
  foldVietnamese(value)
    .replace(/[^a-z0-9]+/g, " ")
    .trim();

const STANCE_WORDS: Record<string, StanceValue> = {
  "tan thanh": "AGREE",
  "dong y": "AGREE",
  agree: "AGREE",
  "khong tan thanh": "DISAGREE",
  "khong dong y": "DISAGREE",
  disagree: "DISAGREE",
  "y kien khac": "OTHER",
  khac: "OTHER",
  other: "OTHER",
};

export function parseStance(value: string): StanceValue | null {
  return STANCE_WORDS[words(value)] ?? null;
}

export function columnLetter(index: number): string {
  let letters = "";
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

type CellValue = { ok: true; value: string | number | boolean | Date | null } | { ok: false; message: string };

/** The value a cell holds: a formula's saved result, never the formula. */
export function cellValue(cell: Cell, where: string): CellValue {
  if (cell === null || typeof cell !== "object" || cell instanceof Date) return { ok: true, value: cell };
  if ("error" in cell) return { ok: false, message: `Ô ${where} có lỗi ${cell.error}: vui lòng sửa hoặc xóa ô này.` };
  const result = cell.result;
  if (result === undefined || result === null || (typeof result === "object" && !(result instanceof Date))) {
    return { ok: false, message: `Ô ${where} là công thức chưa có kết quả lưu sẵn: vui lòng sao chép rồi dán dạng giá trị (Paste Values) và lưu lại.` };
  }
  return { ok: true, value: result as string | number | boolean | Date };
}

function asText(value: string | number | boolean | Date | null): string {
  if (value === null) return "";
  if (value instanceof Date) return formatCalendarDate(parseDateCell(value)!);
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  return String(value);
}

/** Which column each header cell is, if the row is a header row with every required column. */
function headerColumns(row: SheetRow): Map<Column, number> | null {
  const columns = new Map<Column, number>();
  row.cells.forEach((cell, index) => {
    const value = cellValue(cell, "");
    if (!value.ok) return;
    const text = words(asText(value.value));
    for (const column of Object.keys(HEADER_WORDS) as Column[]) {
      if (!columns.has(column) && HEADER_WORDS[column].includes(text)) columns.set(column, index);
    }
  });
  return REQUIRED.every((c) => columns.has(c)) ? columns : null;
}

export const HEADER_MESSAGE =
  `Không tìm thấy dòng tiêu đề cột. Dòng đầu của bảng phải có các cột «${OPINION_COLUMNS.label}», «${OPINION_COLUMNS.stance}», «${OPINION_COLUMNS.text}»` +
  ` (thêm «${OPINION_COLUMNS.name}», «${OPINION_COLUMNS.date}» nếu cần). Vui lòng dùng tệp mẫu.`;

/**
 * Checks every row below the header. `rows` holds at most MAX_OPINION_ROWS data rows plus a few;
 * `truncated` says the file had more, and is refused as a whole.
 */
export function readOpinionRows(
  rows: SheetRow[],
  { labels, charLimit, now, truncated = false }: { labels: LabelIndex; charLimit: number; now: Date; truncated?: boolean },
): ReadRows {
  let columns: Map<Column, number> | null = null;
  let headerAt = -1;
  for (let i = 0; i < Math.min(rows.length, HEADER_SEARCH_ROWS); i++) {
    columns = headerColumns(rows[i]!);
    if (columns) {
      headerAt = i;
      break;
    }
  }
  if (!columns) return { ok: false, formError: HEADER_MESSAGE };
  const body = rows.slice(headerAt + 1);
  if (truncated || body.length > MAX_OPINION_ROWS) {
    return {
      ok: false,
      formError: `Tệp có quá nhiều dòng: tối đa ${MAX_OPINION_ROWS.toLocaleString("vi-VN")} ý kiến mỗi lần tải lên. Vui lòng chia thành nhiều tệp.`,
    };
  }

  const opinions: OpinionRow[] = [];
  const errors: RowError[] = [];
  for (const row of body) {
    const messages: string[] = [];
    /** A column's value; undefined when the cell was refused (its message is already given). */
    const value = (column: Column) => {
      const index = columns!.get(column);
      if (index === undefined) return null;
      const read = cellValue(row.cells[index] ?? null, `${columnLetter(index)}${row.line}`);
      if (read.ok) return read.value;
      messages.push(read.message);
      return undefined;
    };
    const textOf = (column: Column) => {
      const v = value(column);
      return v === undefined ? null : asText(v);
    };
    const rawText = textOf("text");
    const rawStance = textOf("stance");
    const rawLabel = textOf("label");
    const rawName = textOf("name");
    const rawDate = value("date") ?? null;
    const texts = [rawText, rawStance, rawLabel, rawName].filter((v): v is string => v !== null);
    const blankDate = rawDate === null || rawDate === "" || (typeof rawDate === "string" && rawDate.trim() === "");
    if (texts.length === 4 && texts.every((v) => v.trim() === "") && blankDate && messages.length === 0) continue; // blank rows are skipped

    if (texts.some(hasInvalidText)) messages.push("Dòng có ký tự không hợp lệ (lỗi bảng mã): vui lòng gõ lại nội dung.");
    const text = rawText === null ? null : normalizeText(rawText, { multiline: true });
    if (text === "") messages.push(`Thiếu «${OPINION_COLUMNS.text}».`);
    else if (text !== null && countCharacters(text) > charLimit) {
      messages.push(
        `Nội dung dài ${countCharacters(text).toLocaleString("vi-VN")} ký tự, quá giới hạn ${charLimit.toLocaleString("vi-VN")} ký tự của dự thảo này: hãy tách thành nhiều dòng.`,
      );
    }
    const stance = rawStance === null ? null : parseStance(rawStance);
    if (rawStance !== null && !rawStance.trim())
      messages.push(`Thiếu «${OPINION_COLUMNS.stance}»: ghi «${STANCES.AGREE}», «${STANCES.DISAGREE}» hoặc «${STANCES.OTHER}».`);
    else if (rawStance !== null && !stance)
      messages.push(`Quan điểm «${rawStance.trim()}» không hợp lệ: ghi «${STANCES.AGREE}», «${STANCES.DISAGREE}» hoặc «${STANCES.OTHER}».`);
    const target = rawLabel === null ? null : labels.match(normalizeText(rawLabel, { multiline: false }));
    if (target && !target.ok) messages.push(target.message);
    const name = rawName === null ? "" : normalizeText(rawName, { multiline: false });
    if (countCharacters(name) > LIMITS.name) messages.push(`Tên người góp ý dài tối đa ${LIMITS.name} ký tự.`);
    let date: CalendarDate | null = null;
    if (!blankDate) {
      date = parseDateCell(typeof rawDate === "string" ? rawDate.trim() : rawDate);
      if (!date) messages.push(`Ngày «${asText(rawDate)}» không đọc được: ghi theo dạng ${DATE_FORMAT_HINT}.`);
      else {
        const problem = dateProblem(date, now);
        if (problem) messages.push(problem);
      }
    }
    if (messages.length) {
      errors.push({ line: row.line, messages });
      continue;
    }
    opinions.push({ line: row.line, blockKey: target?.ok ? target.blockKey : null, stance: stance!, text: text!, authorName: name || null, date });
  }
  if (!opinions.length && !errors.length) return { ok: false, formError: "Tệp không có ý kiến nào dưới dòng tiêu đề." };
  return { ok: true, opinions, errors };
}
