import { readCsvRows } from "./csv.ts";
import { detectSpreadsheet } from "./detect.ts";
import type { SpreadsheetRead } from "./sheet.ts";
import { readXlsxRows } from "./xlsx.server.ts";

export type { Cell, SheetRow, SheetRows, SpreadsheetRead } from "./sheet.ts";

/**
 * An uploaded spreadsheet, .xlsx or CSV (told apart by its bytes), as rows: at most `maxRows` per
 * sheet (`truncated` when there were more), read within the limits of the readers (ADR 023).
 */
export async function readSpreadsheet(bytes: Uint8Array, { maxRows, maxSheets }: { maxRows: number; maxSheets?: number }): Promise<SpreadsheetRead> {
  const detected = detectSpreadsheet(bytes);
  if (!detected.ok) return detected;
  if (detected.kind === "xlsx") return readXlsxRows(bytes, { maxRows, maxSheets });
  const parsed = await readCsvRows(detected.text, { maxRows });
  if (!parsed.ok) return parsed;
  return { ok: true, sheets: [{ name: "", rows: parsed.rows.map((cells, i) => ({ line: i + 1, cells })), truncated: parsed.truncated }] };
}
