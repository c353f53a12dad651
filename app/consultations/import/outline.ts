import type { JSONContent } from "@tiptap/core";
import { looksWithoutDiacritics } from "~/text/diacritics.ts";
import { romanValue, toRoman } from "~/text/roman.ts";
import { documentToBlocks, type BlockRow } from "../document/blocks.ts";
import { classifyLine } from "../document/classify-line.ts";
import { isHeadingKind, isStructuralKind, POINT_LETTERS } from "../document/kinds.ts";

// What the import preview shows before anything is saved: the outline the importer found (counts of
// Phần/Chương/Mục/Điều/paragraphs/tables/notes and the heading tree) and the warnings a person should
// look at. It reads the blocks exactly as publishing would make them (documentToBlocks, without the
// HTML), so the preview's kinds, labels and texts are the ones readers will comment on.

export const LONG_PARAGRAPH_CHARS = 2_500;
/** Warnings of one kind listed one by one; past this they are counted. */
export const MAX_LISTED_WARNINGS = 20;
const HEADING_PREVIEW_CHARS = 120;
const QUOTE_CHARS = 60;

export interface DraftCounts {
  parts: number;
  chapters: number;
  sections: number;
  articles: number;
  headings: number;
  /** Body blocks: paragraphs, khoản, điểm, list items (not tables or notes). */
  paragraphs: number;
  tables: number;
  notes: number;
}

export interface OutlineNode {
  kind: string;
  text: string;
  label: string;
  /** Body blocks directly under this heading. */
  blocks: number;
  children: OutlineNode[];
}

export type WarningCode =
  | "numbering-gap"
  | "numbering-repeat"
  | "numbering-order"
  | "empty-heading"
  | "untitled-heading"
  | "long-paragraph"
  | "not-nfc"
  | "no-diacritics"
  | "image"
  | "numbered-list"
  | "no-structure";

export interface DraftWarning {
  code: WarningCode;
  message: string;
  /** Where, as readers will see it ("Chương II › Điều 15"). */
  where: string | null;
}

export interface WarningGroup {
  code: WarningCode;
  title: string;
  total: number;
  /** At most MAX_LISTED_WARNINGS. */
  items: DraftWarning[];
}

export interface DraftPreview {
  title: string | null;
  counts: DraftCounts;
  outline: OutlineNode[];
  warnings: WarningGroup[];
  blocks: number;
}

/** What the converter noticed on the way (the plain-text importer notices only the NFC fixes). */
export interface ConversionNotes {
  notNfc: number;
  images?: { index: number; alt: string | null; near: string | null; after: boolean }[];
  emptyHeadings?: { after: string | null }[];
  /** Items of Word's (or Markdown's) numbered lists whose numbers were written into their text. */
  numberedItems?: number;
}

const GROUP_TITLES: Record<WarningCode, string> = {
  "numbering-gap": "Số thứ tự bị nhảy",
  "numbering-repeat": "Số thứ tự bị lặp",
  "numbering-order": "Số thứ tự không theo thứ tự",
  "empty-heading": "Tiêu đề trống",
  "untitled-heading": "Tiêu đề thiếu tên",
  "long-paragraph": `Đoạn quá dài (hơn ${LONG_PARAGRAPH_CHARS.toLocaleString("vi-VN")} ký tự)`,
  "not-nfc": "Chữ chưa chuẩn Unicode (đã tự sửa)",
  "no-diacritics": "Đoạn gõ không dấu",
  image: "Hình ảnh không được nhập",
  "numbered-list": "Danh sách đánh số tự động",
  "no-structure": "Không nhận ra cấu trúc",
};

const quote = (text: string | null) => {
  if (!text) return "đầu tài liệu";
  const flat = text.replace(/\s+/g, " ").trim();
  return `«${flat.length > QUOTE_CHARS ? `${flat.slice(0, QUOTE_CHARS)}…` : flat}»`;
};
const count = (n: number) => n.toLocaleString("vi-VN");

export function previewDraft(doc: JSONContent, title: string | null, notes: ConversionNotes): DraftPreview {
  const rows = documentToBlocks(doc, { html: false });
  const warnings: DraftWarning[] = [];
  const counts: DraftCounts = { parts: 0, chapters: 0, sections: 0, articles: 0, headings: 0, paragraphs: 0, tables: 0, notes: 0 };
  for (const row of rows) {
    if (row.kind === "part") counts.parts++;
    else if (row.kind === "chapter") counts.chapters++;
    else if (row.kind === "section") counts.sections++;
    else if (row.kind === "article") counts.articles++;
    else if (row.kind === "heading") counts.headings++;
    else if (row.kind === "table") counts.tables++;
    else if (row.kind === "note") counts.notes++;
    else counts.paragraphs++;
  }

  warnings.push(...numberingWarnings(rows));
  for (const row of rows) {
    if (isStructuralKind(row.kind) && row.kind !== "article" && classifyLine(row.text)?.hasTitle === false) {
      warnings.push({ code: "untitled-heading", message: `${row.text} không có tên (dòng tên có thể bị tách riêng hoặc bị thiếu).`, where: row.label });
    }
    if (row.kind !== "table" && row.text.length > LONG_PARAGRAPH_CHARS) {
      warnings.push({
        code: "long-paragraph",
        message: `Đoạn dài ${count(row.text.length)} ký tự: ${quote(row.text)}. Nên tách thành các đoạn ngắn hơn để người đọc góp ý từng ý.`,
        where: row.label,
      });
    }
    if (row.kind !== "table" && looksWithoutDiacritics(row.text)) {
      warnings.push({ code: "no-diacritics", message: `${quote(row.text)} có vẻ được gõ không dấu.`, where: row.label });
    }
  }
  for (const heading of notes.emptyHeadings ?? []) {
    warnings.push({ code: "empty-heading", message: `Một dòng kiểu tiêu đề không có chữ, sau ${quote(heading.after)}; đã bỏ qua.`, where: null });
  }
  for (const image of notes.images ?? []) {
    const name = image.alt ? `Hình ${image.index} («${image.alt}»)` : `Hình ${image.index} (không có mô tả)`;
    warnings.push({
      code: "image",
      message: `${name}, ${image.after ? "sau" : "trong"} đoạn ${quote(image.near)}, không được nhập: trang dự thảo chỉ đăng chữ. Nếu hình có nội dung cần lấy ý kiến, hãy diễn đạt bằng lời trong dự thảo.`,
      where: null,
    });
  }
  if (notes.numberedItems) {
    warnings.push({
      code: "numbered-list",
      message: `${count(notes.numberedItems)} mục của danh sách đánh số tự động đã được ghi số vào chữ (cấp 1: «1.», «2.»…; cấp 2: «a)», «b)»…) để thành khoản, điểm như văn bản gõ tay. Hãy xem lại nếu tệp dùng cách đánh số khác.`,
      where: null,
    });
  }
  if (notes.notNfc > 0) {
    warnings.push({
      code: "not-nfc",
      message: `${count(notes.notNfc)} đoạn có chữ có dấu được ghép từ nhiều ký tự (không theo chuẩn Unicode NFC), nên tìm kiếm và nhận dạng tiêu đề có thể sai; đã chuẩn hóa về NFC.`,
      where: null,
    });
  }
  if (!rows.some((row) => isHeadingKind(row.kind))) {
    warnings.push({
      code: "no-structure",
      message:
        "Không nhận ra tiêu đề nào (Phần, Chương, Mục, Điều hay kiểu Heading của Word): mọi đoạn sẽ nằm dưới «Phần mở đầu». Nên đặt tiêu đề để người đọc góp ý đúng chỗ.",
      where: null,
    });
  }
  return { title, counts, outline: outlineOf(rows), warnings: groupWarnings(warnings), blocks: rows.length };
}

function groupWarnings(warnings: DraftWarning[]): WarningGroup[] {
  const groups = new Map<WarningCode, WarningGroup>();
  for (const warning of warnings) {
    let group = groups.get(warning.code);
    if (!group) groups.set(warning.code, (group = { code: warning.code, title: GROUP_TITLES[warning.code], total: 0, items: [] }));
    group.total++;
    if (group.items.length < MAX_LISTED_WARNINGS) group.items.push(warning);
  }
  return [...groups.values()];
}

/**
 * The heading tree, by level; body blocks counted under the heading they follow. As in the blocks'
 * labels, a Phần/Chương/Mục/Điều is never inside a plain heading ("LỜI NÓI ĐẦU" does not hold Chương I).
 */
function outlineOf(rows: BlockRow[]): OutlineNode[] {
  const roots: OutlineNode[] = [];
  const open: { level: number; node: OutlineNode }[] = [];
  for (const row of rows) {
    if (!isHeadingKind(row.kind)) {
      if (open.length) open[open.length - 1].node.blocks++;
      continue;
    }
    const text = row.text.length > HEADING_PREVIEW_CHARS ? `${row.text.slice(0, HEADING_PREVIEW_CHARS)}…` : row.text;
    const node: OutlineNode = { kind: row.kind, text, label: row.label, blocks: 0, children: [] };
    while (open.length && (open[open.length - 1].level >= row.level || (isStructuralKind(row.kind) && !isStructuralKind(open[open.length - 1].node.kind))))
      open.pop();
    (open.length ? open[open.length - 1].node.children : roots).push(node);
    open.push({ level: row.level, node });
  }
  return roots;
}

// ---- Numbering ----

type Sequence = "part" | "chapter" | "section-roman" | "section-digit" | "article" | "clause" | "point";

const NAMES: Record<Sequence, string> = {
  part: "Phần",
  chapter: "Chương",
  "section-roman": "Mục",
  "section-digit": "Mục",
  article: "Điều",
  clause: "khoản",
  point: "điểm",
};
/** Which sequences start again under which kind of block: Điều and Chương run through the whole text. */
const RESTARTS: Record<string, Sequence[]> = {
  part: ["section-roman", "section-digit", "clause", "point"],
  chapter: ["section-roman", "section-digit", "clause", "point"],
  section: ["clause", "point"],
  article: ["clause", "point"],
  heading: ["clause", "point"],
  clause: ["point"],
};
const ORDINALS: Record<string, number> = { nhất: 1, một: 1, hai: 2, ba: 3, tư: 4, bốn: 4, năm: 5, sáu: 6, bảy: 7, tám: 8, chín: 9, mười: 10 };

function ordinalValue(text: string): number | null {
  const words = text
    .toLocaleLowerCase("vi")
    .replace(/^thứ\s+/u, "")
    .split(/\s+/u);
  if (words.length === 1) return ORDINALS[words[0]] ?? null;
  // "mười một" … "mười chín"
  if (words.length === 2 && words[0] === "mười" && ORDINALS[words[1]] && ORDINALS[words[1]] < 10) return 10 + (words[1] === "nhất" ? 1 : ORDINALS[words[1]]);
  return null;
}

/** The block's place in its sequence and its number as a value; null for what is not numbered. */
function numbered(row: BlockRow): { sequence: Sequence; value: number; written: string } | null {
  const number = row.number;
  if (!number) return null;
  const upper = number.toUpperCase();
  switch (row.kind) {
    case "part": {
      const value = /^\d+$/.test(number) ? Number(number) : (romanValue(upper) ?? ordinalValue(number));
      return value === null ? null : { sequence: "part", value, written: number };
    }
    case "chapter": {
      const value = /^\d+$/.test(number) ? Number(number) : romanValue(upper);
      return value === null ? null : { sequence: "chapter", value, written: number };
    }
    case "section": {
      if (/^\d+$/.test(number)) return { sequence: "section-digit", value: Number(number), written: number };
      const value = romanValue(upper);
      return value === null ? null : { sequence: "section-roman", value, written: number };
    }
    case "article":
      return /^\d+$/.test(number) ? { sequence: "article", value: Number(number), written: number } : null;
    case "clause":
      return /^\d+$/.test(number) ? { sequence: "clause", value: Number(number), written: number } : null;
    case "point": {
      const index = POINT_LETTERS.indexOf(number);
      return index < 0 ? null : { sequence: "point", value: index + 1, written: number };
    }
    default:
      return null;
  }
}

const ORDINAL_WORDS = ["", "nhất", "hai", "ba", "tư", "năm", "sáu", "bảy", "tám", "chín", "mười"];

function writtenOf(sequence: Sequence, value: number, sample: string): string {
  if (sequence === "point") return POINT_LETTERS[value - 1] ?? String(value);
  if (sequence === "part" && /^thứ\s/iu.test(sample) && ORDINAL_WORDS[value]) return `thứ ${ORDINAL_WORDS[value]}`;
  if (sequence === "section-roman" || ((sequence === "chapter" || sequence === "part") && /^[IVXLC]+$/i.test(sample))) return toRoman(value);
  return String(value);
}

const nameOf = (sequence: Sequence, written: string) =>
  `${NAMES[sequence]} ${sequence === "part" && !/^\d+$|^[IVXLC]+$/i.test(written) ? written.toLowerCase() : written}`;

/**
 * Gaps ("Điều 5" after "Điều 3"), repeats (a second "Chương II") and numbers going back. Phần, Chương and
 * Điều run through the whole text; Mục starts again in each Phần or Chương; khoản in each heading; điểm
 * in each khoản.
 */
function numberingWarnings(rows: BlockRow[]): DraftWarning[] {
  const warnings: DraftWarning[] = [];
  const last = new Map<Sequence, { value: number; written: string }>();
  const seen = new Map<Sequence, Set<number>>();
  for (const row of rows) {
    for (const sequence of RESTARTS[row.kind] ?? []) {
      last.delete(sequence);
      seen.delete(sequence);
    }
    const place = numbered(row);
    if (!place) continue;
    const { sequence, value, written } = place;
    const before = last.get(sequence);
    const values = seen.get(sequence) ?? new Set<number>();
    const name = nameOf(sequence, written);
    if (values.has(value)) {
      warnings.push({ code: "numbering-repeat", message: `${name} xuất hiện lần nữa (đã có ${name} ở trên).`, where: row.label });
    } else if (before && value < before.value) {
      warnings.push({ code: "numbering-order", message: `${name} đứng sau ${nameOf(sequence, before.written)}.`, where: row.label });
    } else {
      const expected = before ? before.value + 1 : 1;
      if (value > expected) {
        const from = nameOf(sequence, writtenOf(sequence, expected, written));
        const missing = value - expected === 1 ? from : `${from} đến ${writtenOf(sequence, value - 1, written)}`;
        const after = before ? `đứng sau ${nameOf(sequence, before.written)}` : "là số đầu tiên";
        warnings.push({ code: "numbering-gap", message: `${name} ${after}: thiếu ${missing}.`, where: row.label });
      }
    }
    values.add(value);
    seen.set(sequence, values);
    last.set(sequence, { value, written });
  }
  return warnings;
}
