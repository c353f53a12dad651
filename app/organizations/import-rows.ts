import { z } from "zod";
import { foldVietnamese } from "~/text/fold.ts";
import { readCsvRows } from "~/files/csv.ts";
import { isKind, isLevel, ORGANIZATION_KINDS, type OrganizationKind, type OrganizationLevel } from "./kinds.ts";
import { CODE_MESSAGE, CODE_PATTERN, organizationNameSchema } from "./organization-form.ts";

// The rows of an organizations CSV file, checked one by one (the tree as a whole is checked by
// tree.ts once every row is known). Columns: ma, ten, cap, loai, ma_cap_tren, ma_dia_ban.

export const IMPORT_COLUMNS = ["ma", "ten", "cap", "loai", "ma_cap_tren", "ma_dia_ban"] as const;
type Column = (typeof IMPORT_COLUMNS)[number];
const REQUIRED: readonly Column[] = ["ma", "ten", "cap"];
export const MAX_IMPORT_ROWS = 50_000;

export interface ImportRow {
  /** The row number as a spreadsheet shows it (the header is row 1). */
  line: number;
  code: string;
  name: string;
  level: OrganizationLevel;
  kind: OrganizationKind;
  parentCode: string | null;
  localityCode: string | null;
}

export interface RowError {
  line: number;
  messages: string[];
}

export type ParsedImport = { ok: true; rows: ImportRow[] } | { ok: false; formError?: string; errors: RowError[] };

/** Folded words, without punctuation: "Cấp Tỉnh" → "cap tinh", "trung-uong" → "trung uong". */
function words(value: string): string {
  return foldVietnamese(value)
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

const LEVEL_WORDS: Record<string, OrganizationLevel> = {
  "trung uong": "CENTRAL",
  tw: "CENTRAL",
  "toan quoc": "CENTRAL",
  tinh: "PROVINCE",
  "thanh pho": "PROVINCE",
  "tinh thanh pho": "PROVINCE",
  huyen: "DISTRICT",
  quan: "DISTRICT",
  "thi xa": "DISTRICT",
  "huyen quan": "DISTRICT",
  xa: "COMMUNE",
  phuong: "COMMUNE",
  "thi tran": "COMMUNE",
  "dac khu": "COMMUNE",
  "xa phuong": "COMMUNE",
};

/** A level as a file writes it: "tinh", "trung-uong", "Tỉnh", "Cấp xã", "PROVINCE"; null when unknown. */
export function parseLevel(value: string): OrganizationLevel | null {
  const upper = value.trim().toUpperCase();
  if (isLevel(upper)) return upper;
  return LEVEL_WORDS[words(value).replace(/^cap /, "")] ?? null;
}

/** A kind as a file writes it: "MTTQ", "PHU_NU", "Hội Liên hiệp Phụ nữ", "Tỉnh đoàn", "Liên đoàn Lao động"; null when unknown. */
export function parseKind(value: string): OrganizationKind | null {
  const upper = value
    .trim()
    .toUpperCase()
    .replace(/[\s-]+/g, "_");
  if (isKind(upper)) return upper;
  const folded = ` ${words(value)} `;
  // Order matters: "cong doan" and "lien doan lao dong" contain "doan".
  if (/ (cuu chien binh|ccb) /.test(folded)) return "CUU_CHIEN_BINH";
  if (/ (nong dan|hnd) /.test(folded)) return "NONG_DAN";
  if (/ (phu nu|hlhpn|lhpn) /.test(folded)) return "PHU_NU";
  if (/ (cong doan|lao dong|ldld) /.test(folded)) return "CONG_DOAN";
  if (/ (thanh nien|doan|tncs) /.test(folded)) return "DOAN_THANH_NIEN";
  if (/ (mat tran|mttq) /.test(folded)) return "MTTQ";
  if (/ khac /.test(folded)) return "KHAC";
  return null;
}

/** "ma", "Mã", "MÃ CẤP TRÊN", "ma cap tren" → the column; null when unknown. */
function columnOf(header: string): Column | null {
  const key = words(header).replace(/ /g, "_");
  return (IMPORT_COLUMNS as readonly string[]).includes(key) ? (key as Column) : null;
}

const cell = (s: unknown) => (typeof s === "string" ? s.normalize("NFC").trim() : "");

const rowSchema = z
  .object({
    ma: z.preprocess(cell, z.string().min(1, "Thiếu mã tổ chức (cột ma).").regex(CODE_PATTERN, CODE_MESSAGE)),
    ten: organizationNameSchema,
    cap: z.preprocess(cell, z.string().min(1, "Thiếu cấp (cột cap): trung-uong, tinh, huyen hoặc xa.")),
    loai: z.preprocess(cell, z.string()),
    ma_cap_tren: z.preprocess(
      cell,
      z.string().refine((s) => s === "" || CODE_PATTERN.test(s), "Mã cấp trên không hợp lệ: " + CODE_MESSAGE),
    ),
    ma_dia_ban: z.preprocess(
      cell,
      z.string().regex(/^\d{0,5}$/, "Mã địa bàn gồm 2 chữ số (tỉnh, thành phố) hoặc 5 chữ số (xã, phường); để trống nếu không có."),
    ),
  })
  .superRefine((row, ctx) => {
    if (row.cap && !parseLevel(row.cap)) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["cap"], message: `Cấp «${row.cap}» không hợp lệ: dùng trung-uong, tinh, huyen hoặc xa.` });
    }
    if (row.loai && !parseKind(row.loai)) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ["loai"],
        message: `Loại «${row.loai}» không hợp lệ: dùng ${ORGANIZATION_KINDS.join(", ")} hoặc tên tổ chức (ví dụ: Hội Nông dân).`,
      });
    }
    if (row.ma && row.ma_cap_tren === row.ma) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["ma_cap_tren"], message: "Mã cấp trên không được là mã của chính tổ chức này." });
    }
  });

/**
 * Reads and checks every row of the file. Headers are matched without case or diacritics ("Mã cấp
 * trên" is ma_cap_tren); a locality code that lost its leading zeros in a spreadsheet gets them back
 * (by level: 2 digits for a province, 5 for a commune).
 */
export async function parseImportCsv(text: string): Promise<ParsedImport> {
  const parsed = await readCsvRows(text, { maxRows: MAX_IMPORT_ROWS + 1 });
  if (!parsed.ok) return { ok: false, formError: parsed.message, errors: [] };
  if (parsed.truncated) {
    return { ok: false, formError: `Tệp có hơn ${MAX_IMPORT_ROWS.toLocaleString("vi-VN")} dòng. Vui lòng chia thành nhiều tệp.`, errors: [] };
  }
  const [header, ...body] = parsed.rows;
  const expected = `Dòng đầu tiên phải là tiêu đề các cột: ${IMPORT_COLUMNS.join(", ")} (bắt buộc: ${REQUIRED.join(", ")}).`;
  if (!header || header.every((h) => h.trim() === "")) return { ok: false, formError: `Tệp không có dữ liệu. ${expected}`, errors: [] };
  const columns = header.map(columnOf);
  const unknown = header.filter((h, i) => columns[i] === null && h.trim() !== "");
  const missing = REQUIRED.filter((c) => !columns.includes(c));
  const repeated = IMPORT_COLUMNS.filter((c) => columns.filter((x) => x === c).length > 1);
  if (unknown.length || missing.length || repeated.length) {
    const details = [
      missing.length ? `thiếu cột ${missing.join(", ")}` : "",
      unknown.length ? `cột không nhận ra: ${unknown.map((h) => `«${h.trim()}»`).join(", ")}` : "",
      repeated.length ? `cột lặp lại: ${repeated.join(", ")}` : "",
    ].filter(Boolean);
    return { ok: false, formError: `Tiêu đề cột không đúng (${details.join("; ")}). ${expected}`, errors: [] };
  }

  const rows: ImportRow[] = [];
  const errors: RowError[] = [];
  const seen = new Map<string, number>();
  body.forEach((cells, index) => {
    const line = index + 2;
    if (cells.every((c) => c.trim() === "")) return;
    const record: Record<string, string> = {};
    columns.forEach((column, i) => {
      if (column) record[column] = cells[i] ?? "";
    });
    const result = rowSchema.safeParse(record);
    if (!result.success) {
      errors.push({ line, messages: [...new Set(result.error.issues.map((issue) => issue.message))] });
      return;
    }
    const row = result.data;
    const first = seen.get(row.ma);
    if (first !== undefined) {
      errors.push({ line, messages: [`Mã «${row.ma}» đã có ở dòng ${first}: mỗi tổ chức một dòng.`] });
      return;
    }
    seen.set(row.ma, line);
    const level = parseLevel(row.cap)!;
    const locality = row.ma_dia_ban === "" ? null : level === "COMMUNE" ? row.ma_dia_ban.padStart(5, "0") : row.ma_dia_ban.padStart(2, "0");
    rows.push({
      line,
      code: row.ma,
      name: row.ten,
      level,
      kind: row.loai ? parseKind(row.loai)! : "MTTQ",
      parentCode: row.ma_cap_tren || null,
      localityCode: locality,
    });
  });
  if (errors.length) return { ok: false, errors };
  if (!rows.length) return { ok: false, formError: "Tệp không có dòng dữ liệu nào dưới dòng tiêu đề.", errors: [] };
  return { ok: true, rows };
}
