import type { JSONContent } from "@tiptap/core";
import { formatDate } from "~/platform/format.ts";
import { exportFileName } from "~/reports/export/cells.ts";
import type { DraftFormat } from "./paths.ts";

// A published version as the pieces a file (.docx, .pdf) is written from (ADR 049): the tiptap document
// walked once, in order — headings with their level, paragraphs with their runs of bold and italic text,
// list items with their marker and depth, tables as rows of cells. Both writers read these pieces, so
// the two files say the same thing. Pure: the tests and the writers call it directly.

/**
 * Bumped whenever what the writers put in a file changes: a file built by an older layout is built
 * again on its next download (the cache keeps the layout it was built with).
 */
export const DRAFT_FILE_LAYOUT = 2;

export interface Run {
  text: string;
  bold?: boolean;
  italic?: boolean;
}

/** A line break inside a paragraph or a cell (a hard break in the editor). */
export const LINE_BREAK = "\n";

export type Piece =
  | { type: "heading"; level: number; kind: string; runs: Run[] }
  | { type: "paragraph"; kind: string; runs: Run[]; list?: { marker: string; depth: number } }
  | { type: "table"; rows: { header: boolean; cells: Run[][] }[] };

/** What the file's first page says above the text. */
export interface DraftCover {
  title: string;
  /** "Bản số 2, công bố ngày 05/03/2026" */
  versionLine: string;
}

export function draftCover(version: { title: string; number: number; publishedAt: Date | null }): DraftCover {
  const date = version.publishedAt ? `, công bố ngày ${formatDate(version.publishedAt)}` : "";
  return { title: version.title.normalize("NFC"), versionLine: `Bản số ${version.number}${date}` };
}

/** "Bản số 2 - Dự thảo Luật Đất đai (sửa đổi) - 2026-03-05.pdf" (the day of publication, Vietnam's time). */
export function draftFileName(version: { title: string; number: number; publishedAt: Date | null }, format: DraftFormat): string {
  const day = version.publishedAt ? new Date(version.publishedAt.getTime() + 7 * 3_600_000).toISOString().slice(0, 10) : "chua-cong-bo";
  return exportFileName(`Bản số ${version.number}`, version.title, day, format);
}

/** The runs' text as one string (a line break as "\n"). */
export const runsText = (runs: Run[]) => runs.map((r) => r.text).join("");

/** The document's pieces in order; empty paragraphs (an editor's trailing one) are left out, as publishing does. */
export function draftPieces(doc: JSONContent): Piece[] {
  const pieces: Piece[] = [];
  walk(doc.content ?? [], pieces, null);
  return pieces;
}

interface ListContext {
  depth: number;
  /** The marker of the item's first paragraph; later paragraphs of the item get none. */
  marker: string | null;
}

function walk(nodes: JSONContent[], pieces: Piece[], list: ListContext | null) {
  for (const node of nodes) {
    switch (node.type) {
      case "heading": {
        const runs = inlineRuns(node);
        if (runsText(runs).trim()) pieces.push({ type: "heading", level: Number(node.attrs?.level ?? 1), kind: String(node.attrs?.kind ?? "heading"), runs });
        break;
      }
      case "paragraph": {
        const runs = inlineRuns(node);
        if (!runsText(runs).trim()) break;
        const kind = String(node.attrs?.kind ?? (list ? "list_item" : "paragraph"));
        pieces.push({ type: "paragraph", kind, runs, ...(list ? { list: { marker: list.marker ?? "", depth: list.depth } } : {}) });
        if (list) list.marker = null;
        break;
      }
      case "bulletList":
      case "orderedList": {
        const start = Number(node.attrs?.start ?? 1);
        const depth = list ? list.depth + 1 : 1;
        (node.content ?? []).forEach((item, i) => {
          const marker = node.type === "orderedList" ? `${start + i}.` : "–";
          walk(item.content ?? [], pieces, { depth, marker });
        });
        break;
      }
      case "table": {
        const rows = (node.content ?? []).map((row) => ({
          header: (row.content ?? []).every((cell) => cell.type === "tableHeader"),
          cells: (row.content ?? []).map((cell) => cellRuns(cell)),
        }));
        if (rows.some((row) => row.cells.some((cell) => runsText(cell).trim()))) pieces.push({ type: "table", rows });
        break;
      }
      default:
        walk(node.content ?? [], pieces, list);
    }
  }
}

/** A cell's paragraphs as one run list, a line break between them. */
function cellRuns(cell: JSONContent): Run[] {
  const runs: Run[] = [];
  for (const child of cell.content ?? []) {
    const more = child.type === "paragraph" || child.type === "heading" ? inlineRuns(child) : [{ text: plain(child) }];
    if (!runsText(more).trim()) continue;
    if (runs.length) runs.push({ text: LINE_BREAK });
    runs.push(...more);
  }
  return runs;
}

function plain(node: JSONContent): string {
  if (node.type === "text") return node.text ?? "";
  if (node.type === "hardBreak") return LINE_BREAK;
  return (node.content ?? []).map(plain).join(" ");
}

/** Text nodes with their bold and italic marks; neighbours with the same marks are one run. */
function inlineRuns(node: JSONContent): Run[] {
  const runs: Run[] = [];
  for (const child of node.content ?? []) {
    const text = child.type === "hardBreak" ? LINE_BREAK : child.type === "text" ? (child.text ?? "").normalize("NFC") : plain(child).normalize("NFC");
    if (!text) continue;
    const marks = new Set((child.marks ?? []).map((m) => m.type));
    const run: Run = { text, ...(marks.has("bold") ? { bold: true } : {}), ...(marks.has("italic") ? { italic: true } : {}) };
    const last = runs.at(-1);
    if (last && !!last.bold === !!run.bold && !!last.italic === !!run.italic) last.text += text;
    else runs.push(run);
  }
  return runs;
}
