import { CsvError, parse } from "csv-parse";
import { FileRefused, REFUSALS, timeBudget, yieldToOthers } from "./refusal.ts";

// CSV uploads (conference opinions, the organizations tree) read with csv-parse's streaming parser,
// fed in pieces: quoted fields, "" inside quotes, CRLF/LF/CR line ends, a quote inside an unquoted
// field kept as it is (lenient, as Excel is). The separator is guessed from the first line (",", ";"
// or tab: Excel writes ";" where the list separator is ";"). Cells are text and stay text: nothing
// is evaluated. Caps: rows (the caller's), characters of one row, columns of one row, time.

export type CsvRows = { ok: true; rows: string[][]; truncated: boolean } | { ok: false; message: string };

export interface CsvLimits {
  /** Characters of one row (a quote left open swallows the rest of the file into one row). */
  maxRowChars: number;
  maxColumns: number;
  timeMs: number;
}

export const CSV_LIMITS: CsvLimits = { maxRowChars: 200_000, maxColumns: 1_000, timeMs: 15_000 };

const PIECE = 64 * 1024;

/** The separator used most often outside quotes on the first line. */
export function guessSeparator(text: string): string {
  const counts = new Map<string, number>([
    [",", 0],
    [";", 0],
    ["\t", 0],
  ]);
  let quoted = false;
  for (const char of text.slice(0, PIECE)) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === "\n" || char === "\r")) break;
    else if (!quoted && counts.has(char)) counts.set(char, counts.get(char)! + 1);
  }
  let best = ",";
  for (const [separator, count] of counts) if (count > counts.get(best)!) best = separator;
  return best;
}

/** Thrown from csv-parse's record hook once enough rows are read: the rest is not parsed. */
const ENOUGH = new Error("enough rows");

/**
 * Rows of the text; an empty last line is dropped. At most `maxRows` rows are read: `truncated`
 * says there were more, so a huge file costs no more than the limit.
 */
export async function readCsvRows(
  text: string,
  {
    maxRows = Infinity,
    separator = guessSeparator(text),
    limits: given = {},
    clock = Date.now,
  }: { maxRows?: number; separator?: string; limits?: Partial<CsvLimits>; clock?: () => number } = {},
): Promise<CsvRows> {
  const limits = { ...CSV_LIMITS, ...given };
  const budget = timeBudget(limits.timeMs, clock);
  const rows: string[][] = [];
  let truncated = false;
  let failure: unknown = null;
  const parser = parse({
    delimiter: separator,
    record_delimiter: ["\r\n", "\n", "\r"],
    relax_quotes: true,
    relax_column_count: true,
    max_record_size: limits.maxRowChars,
    // Records are kept here, never pushed through the stream: each write parses its piece at once.
    // (A row's fields are counted here rather than in a cast hook, which made parsing 4 times slower;
    // the row's array is bounded by the row's characters meanwhile.)
    on_record: (record: string[]) => {
      if (record.length > limits.maxColumns) throw REFUSALS.tooManyColumns(limits.maxColumns, rows.length + 1);
      if (rows.length >= maxRows) {
        truncated = true;
        throw ENOUGH;
      }
      rows.push(record);
      return null;
    },
  });
  parser.on("error", (error) => (failure ??= error));
  try {
    for (let at = 0; at < text.length && !failure; at += PIECE) {
      budget.check();
      parser.write(text.slice(at, at + PIECE));
      await yieldToOthers();
    }
    if (!failure) await new Promise<void>((resolve) => parser.end(resolve));
    await yieldToOthers();
  } catch (error) {
    failure ??= error;
  } finally {
    parser.destroy();
  }
  if (failure === ENOUGH || (failure && truncated)) return { ok: true, rows, truncated: true };
  if (failure instanceof FileRefused) return { ok: false, message: failure.message };
  if (failure instanceof CsvError) {
    const line = rows.length + 1;
    if (failure.code === "CSV_QUOTE_NOT_CLOSED")
      return {
        ok: false,
        message: `Tệp CSV có một ô mở dấu ngoặc kép (") mà không đóng, bắt đầu ở dòng ${line}. Vui lòng thêm dấu ngoặc kép đóng rồi lưu lại tệp.`,
      };
    if (failure.code === "CSV_MAX_RECORD_SIZE") return { ok: false, message: REFUSALS.rowTooLong(limits.maxRowChars, line).message };
    return { ok: false, message: `Không đọc được tệp CSV ở dòng ${line}. Vui lòng mở tệp trong Excel, lưu lại dưới dạng CSV UTF-8 rồi tải lên lại.` };
  }
  if (failure) throw failure;
  return { ok: true, rows, truncated };
}
