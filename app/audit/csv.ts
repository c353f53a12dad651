// CSV for spreadsheet users: every cell quoted; a cell a spreadsheet would run as a formula
// (starting with = + - @, a tab or a carriage return) gets a leading apostrophe (OWASP "CSV injection").
export const CSV_BOM = "\uFEFF";

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: string | number | null | undefined): string {
  let text = value === null || value === undefined ? "" : String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return `"${text.replace(/"/g, '""')}"`;
}

/** One line, CRLF-terminated as RFC 4180 says (Excel reads either). */
export function csvRow(cells: readonly (string | number | null | undefined)[]): string {
  return `${cells.map(csvCell).join(",")}\r\n`;
}
