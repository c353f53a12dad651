// What the spreadsheet readers (CSV and .xlsx) give their callers: rows of cells, values only.

/** A cell: a formula is never evaluated, it comes with the result its program saved (if any). */
export type Cell = string | number | boolean | Date | null | { formula: string; result?: unknown } | { error: string };

export interface SheetRow {
  /** The row number a spreadsheet shows (1 = the first row). */
  line: number;
  cells: Cell[];
}

export interface SheetRows {
  name: string;
  rows: SheetRow[];
  /** The sheet had more rows than the reader was asked for. */
  truncated: boolean;
}

export type SpreadsheetRead = { ok: true; sheets: SheetRows[] } | { ok: false; message: string };
