import type { JSONContent } from "@tiptap/core";
import { classifyLine, isAllCaps, type ClassifiedLine } from "./classify-line";
import { DocumentImportError } from "./errors";
import { newBlockId } from "./extensions";
import { isStructuralKind, MAX_HEADING_LEVEL, STRUCTURAL_LEVEL, type BlockKind } from "./kinds";
import { decodePlainText, normalizeLines } from "./plain-text";

export interface ImportStats {
  parts: number;
  chapters: number;
  sections: number;
  articles: number;
  clauses: number;
  points: number;
  paragraphs: number;
  listItems: number;
  headings: number;
  tables: number;
  notes: number;
}

export interface ImportedDocument {
  title: string | null;
  doc: JSONContent;
  stats: ImportStats;
}

// A bare "Chương I." takes the next line as its title when that line is a short all-caps line.
const MAX_MERGED_TITLE_CHARS = 250;
// Headings that open the text itself, never part of the document's title.
const PREAMBLE_HEADINGS = new Set(["LỜI NÓI ĐẦU", "LỜI MỞ ĐẦU", "MỞ ĐẦU", "PHẦN MỞ ĐẦU", "ĐẶT VẤN ĐỀ"]);

const STAT_OF_KIND: Record<BlockKind, keyof ImportStats> = {
  part: "parts",
  chapter: "chapters",
  section: "sections",
  article: "articles",
  heading: "headings",
  clause: "clauses",
  point: "points",
  list_item: "listItems",
  paragraph: "paragraphs",
  table: "tables",
  note: "notes",
};

/**
 * Structured plain text (Phần / Chương / Mục / Điều, "1.", "a)", "- ") → a tiptap document.
 * Throws DocumentImportError on input it cannot use; never returns a partial document.
 */
export function importStructuredText(input: string | Uint8Array): ImportedDocument {
  const lines = normalizeLines(decodePlainText(input));
  if (lines.length === 0) throw new DocumentImportError("empty");
  const blocks = mergeHeadingTitles(lines.map(classifyLine).filter((block) => block !== null));
  if (blocks.length === 0) throw new DocumentImportError("empty");
  if (!blocks.some((block) => isStructuralKind(block.kind))) throw new DocumentImportError("no-structure");

  return { title: findTitle(blocks), doc: toTiptapDoc(blocks), stats: countKinds(blocks) };
}

/** How many blocks of each kind. */
export function countKinds(blocks: Iterable<{ kind: BlockKind }>): ImportStats {
  const stats: ImportStats = {
    parts: 0,
    chapters: 0,
    sections: 0,
    articles: 0,
    clauses: 0,
    points: 0,
    paragraphs: 0,
    listItems: 0,
    headings: 0,
    tables: 0,
    notes: 0,
  };
  for (const block of blocks) stats[STAT_OF_KIND[block.kind]]++;
  return stats;
}

const joinTitle = <T extends ClassifiedLine>(block: T, title: T, separator: string): T => ({
  ...block,
  text: block.text + separator + title.text,
  hasTitle: true,
});

/**
 * A bare "Chương I." (or Phần, Mục) takes the next block as its title when that is a short all-caps
 * line; `join` makes the merged block (the .docx importer joins the formatted runs too).
 */
export function mergeHeadingTitles<T extends ClassifiedLine>(blocks: T[], join: (block: T, title: T, separator: string) => T = joinTitle): T[] {
  const merged: T[] = [];
  for (let i = 0; i < blocks.length; i++) {
    const block = blocks[i];
    const next = blocks[i + 1];
    // Not after "Điều N.": in statutes the next line is the article's body, even when it is short.
    const takesTitle = block.kind === "part" || block.kind === "chapter" || block.kind === "section";
    if (takesTitle && !block.hasTitle && next && isTitleLine(next)) {
      merged.push(join(block, next, /[.:\-–—]$/u.test(block.text) ? " " : ". "));
      i++;
    } else {
      merged.push(block);
    }
  }
  return merged;
}

/** The heading level of each heading in turn: a structural kind's own, a plain heading one below the open structure. */
export class HeadingLevels {
  private structuralLevel = 0;

  next(kind: BlockKind): number {
    if (isStructuralKind(kind)) return (this.structuralLevel = STRUCTURAL_LEVEL[kind]);
    return Math.min(this.structuralLevel + 1, MAX_HEADING_LEVEL);
  }
}

function isTitleLine(block: ClassifiedLine): boolean {
  const plain = block.kind === "heading" || block.kind === "paragraph";
  return plain && block.text.length <= MAX_MERGED_TITLE_CHARS && isAllCaps(block.text);
}

/**
 * The title is the last run of consecutive plain headings before the first structural heading, less
 * trailing preamble headings. In the Constitution the runs are "QUỐC HỘI", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA
 * VIỆT NAM" (the issuer and the national name, each followed by a body line) and then "HIẾN PHÁP",
 * "NƯỚC CỘNG HÒA…", "LỜI NÓI ĐẦU": the title is the last run without "LỜI NÓI ĐẦU".
 * Null when that leaves nothing: better no title than the issuer's name as title.
 */
export function findTitle(blocks: ClassifiedLine[]): string | null {
  const firstStructural = blocks.findIndex((block) => isStructuralKind(block.kind));
  let lastRun: string[] = [];
  let run: string[] = [];
  for (const block of blocks.slice(0, firstStructural)) {
    if (block.kind === "heading") {
      run.push(block.text);
      lastRun = run;
    } else {
      run = [];
    }
  }
  while (lastRun.length > 0 && PREAMBLE_HEADINGS.has(lastRun[lastRun.length - 1])) lastRun = lastRun.slice(0, -1);
  return lastRun.length > 0 ? lastRun.join(" ") : null;
}

function toTiptapDoc(blocks: ClassifiedLine[]): JSONContent {
  const content: JSONContent[] = [];
  const levels = new HeadingLevels();
  for (const block of blocks) {
    if (isStructuralKind(block.kind) || block.kind === "heading") {
      content.push(heading(block, levels.next(block.kind)));
    } else if (block.kind === "list_item") {
      const item: JSONContent = { type: "listItem", content: [paragraph(block)] };
      const previous = content[content.length - 1];
      if (previous?.type === "bulletList") previous.content!.push(item);
      else content.push({ type: "bulletList", content: [item] });
    } else {
      content.push(paragraph(block));
    }
  }
  return { type: "doc", content };
}

function heading(block: ClassifiedLine, level: number): JSONContent {
  return {
    type: "heading",
    attrs: { id: newBlockId(), level, kind: block.kind, number: block.number },
    content: [{ type: "text", text: block.text }],
  };
}

function paragraph(block: ClassifiedLine): JSONContent {
  return {
    type: "paragraph",
    attrs: { id: newBlockId(), kind: block.kind, number: block.number },
    content: [{ type: "text", text: block.text }],
  };
}
