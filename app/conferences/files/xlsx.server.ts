import ExcelJS from "exceljs";
import { Readable } from "node:stream";
import type { Cell, SheetRow } from "../opinion-rows.ts";

// Reading an .xlsx upload as a stream (exceljs' WorkbookReader): rows are read one at a time and
// reading stops past the row limit, so a 100,000-row (or zip-bomb) workbook costs no more memory
// than the limit allows. Formulas are never evaluated: a formula cell gives { formula, result }
// (the value Excel saved with it, if any) and the caller decides.

export type XlsxRows = { ok: true; sheets: { name: string; rows: SheetRow[]; truncated: boolean }[] } | { ok: false; message: string };

type ExcelValue = ExcelJS.CellValue | undefined;

function toCell(value: ExcelValue): Cell {
  if (value === undefined || value === null) return null;
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean" || value instanceof Date) return value;
  if (typeof value === "object") {
    if ("richText" in value && Array.isArray(value.richText)) return value.richText.map((part) => part.text ?? "").join("");
    if ("error" in value) return { error: String(value.error) };
    if ("formula" in value || "sharedFormula" in value) {
      const formula = String((value as { formula?: string; sharedFormula?: string }).formula ?? (value as { sharedFormula?: string }).sharedFormula ?? "");
      const result = (value as { result?: unknown }).result;
      // A formula whose result is itself an error (#DIV/0!) is an error cell.
      if (result && typeof result === "object" && "error" in result) return { error: String((result as { error: unknown }).error) };
      return { formula, result: result && typeof result === "object" && "richText" in result ? toCell(result as ExcelValue) : result };
    }
    if ("text" in value) return String((value as { text: unknown }).text ?? "");
  }
  return String(value);
}

/**
 * The rows of each worksheet, at most `maxRows` per sheet (`truncated` when there were more) and at
 * most `maxSheets` sheets. Refuses a workbook that cannot be read with a message for people.
 */
export async function readXlsxRows(bytes: Uint8Array, { maxRows, maxSheets = 3 }: { maxRows: number; maxSheets?: number }): Promise<XlsxRows> {
  const sheets: { name: string; rows: SheetRow[]; truncated: boolean }[] = [];
  const input = Readable.from(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  try {
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, { sharedStrings: "cache", styles: "cache", hyperlinks: "ignore", worksheets: "emit", entries: "ignore" });
    for await (const sheet of reader) {
      const current = { name: String((sheet as unknown as { name?: string }).name ?? ""), rows: [] as SheetRow[], truncated: false };
      sheets.push(current);
      for await (const row of sheet) {
        if (current.rows.length >= maxRows) {
          current.truncated = true;
          break;
        }
        const values = Array.isArray(row.values) ? (row.values as ExcelValue[]).slice(1) : [];
        current.rows.push({ line: row.number, cells: Array.from(values, toCell) });
      }
      if (sheets.length >= maxSheets) break;
    }
  } catch {
    return { ok: false, message: "Không đọc được tệp Excel: tệp bị hỏng hoặc không phải bảng tính .xlsx. Vui lòng mở tệp trong Excel, lưu lại dưới dạng .xlsx rồi tải lên lại." };
  } finally {
    input.destroy();
  }
  if (!sheets.length) return { ok: false, message: "Tệp Excel không có trang tính nào." };
  return { ok: true, sheets };
}
