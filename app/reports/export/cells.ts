import { foldVietnamese } from "~/text/fold.ts";

export { CSV_BOM, csvCell, csvRow } from "~/audit/csv.ts";

// What the exports write into cells and headers. CSV cells go through csvCell (app/audit/csv.ts:
// RFC 4180 quoting, and a leading apostrophe before = + - @ tab or CR so that a spreadsheet never runs
// a citizen's text as a formula). Excel cells go through sheetValue: text is always a string cell,
// never a formula, whatever it starts with.

/** A value for an exceljs cell: text stays text (exceljs writes a formula only for a { formula } object). */
export function sheetValue(value: string | number | Date | null | undefined): string | number | Date | null {
  if (value === null || value === undefined) return null;
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value;
  // Characters XML 1.0 cannot carry would make the whole file unreadable; stored text has none, but be sure.
  // eslint-disable-next-line no-control-regex -- removing control characters is the point
  return String(value).replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, "");
}

/** An ASCII file name from a Vietnamese title: "Báo cáo Hòa Sơn" → "bao-cao-hoa-son". */
export function asciiSlug(text: string, max = 60): string {
  const slug = foldVietnamese(text)
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, max)
    .replace(/-+$/, "");
  return slug || "bao-cao";
}

// eslint-disable-next-line no-control-regex -- control characters have no place in a file name
const NOT_IN_FILE_NAME = /[\\/:*?"<>|\u0000-\u001F]+/g;

/**
 * The name a finished file is downloaded under, in Vietnamese: "Báo cáo tổng hợp ý kiến - Báo cáo
 * chính trị trình Đại hội… - 2026-11-26.docx". Characters no file system accepts are replaced.
 */
export function exportFileName(kind: string, title: string, day: string, extension: string): string {
  const clean = (text: string) => text.normalize("NFC").replace(NOT_IN_FILE_NAME, " ").replace(/\s+/g, " ").trim();
  let short = clean(title);
  if (short.length > 70) short = `${short.slice(0, 70).replace(/\s+\S*$/, "")}…`;
  return `${clean(kind)} - ${short} - ${day}.${extension}`;
}

/**
 * Content-Disposition for a download: an ASCII `filename` for old clients and the real name as
 * RFC 5987 `filename*` (UTF-8, percent-encoded), which every current browser prefers.
 */
export function contentDisposition(fileName: string): string {
  const dot = fileName.lastIndexOf(".");
  const extension = dot > 0 ? fileName.slice(dot).replace(/[^A-Za-z0-9.]/g, "") : "";
  const fallback = `${asciiSlug(dot > 0 ? fileName.slice(0, dot) : fileName, 100)}${extension}`;
  const encoded = encodeURIComponent(fileName.normalize("NFC")).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
