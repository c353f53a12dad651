import { getSchema, type JSONContent } from "@tiptap/core";
import { DOMSerializer, Node } from "@tiptap/pm/model";
import { Window } from "happy-dom";
import { documentExtensions } from "./extensions";
import { learnCasing, type Casing } from "./casing";
import { outlineLevels } from "./heading-levels";
import { isHeadingKind, isStructuralKind, type StructuralKind } from "./kinds";

export { isHeadingKind, type BlockKind } from "./kinds";

/** One commentable block of a published version, stored as a row so pages never parse the document JSON. */
export interface BlockRow {
  /** The node's stable id: comments attach to it and it survives edits. */
  key: string;
  position: number;
  kind: string;
  level: number;
  number: string | null;
  /** Where the block is, for people, in the draft's own numbers: "Chương I › Điều 2, khoản 1", "Phần thứ nhất › I › 3". */
  label: string;
  text: string;
  html: string;
}

const LABEL_SEPARATOR = " › ";
const NO_HEADING_LABEL = "Phần mở đầu";
const MAX_HEADING_LABEL_CHARS = 60;
const STRUCTURAL_WORD: Record<StructuralKind, string> = { part: "Phần", chapter: "Chương", section: "Mục", article: "Điều" };

interface Found {
  node: JSONContent;
  inList: boolean;
}

/**
 * The publish step: every heading, paragraph and table of the tiptap document, in order, as a BlockRow.
 * `html: false` leaves the HTML empty (the import preview wants the blocks, labels and texts publishing
 * would give, not their markup).
 */
export function documentToBlocks(doc: JSONContent, { html = true }: { html?: boolean } = {}): BlockRow[] {
  const rows: BlockRow[] = [];
  const seen = new Set<string>();
  const found = findBlocks(doc, false).map((block) => ({ ...block, text: plainText(block.node).normalize("NFC") }));
  const path = new LabelPath(learnCasing(found.map((block) => block.text)));
  const renderer = html ? createRenderer() : { render: () => "", close() {} };
  try {
    for (const { node, inList, text } of found) {
      // Editors leave empty paragraphs (e.g. the trailing one); there is nothing there to comment on.
      if (text.trim() === "") continue;
      const key = node.attrs?.id;
      if (typeof key !== "string" || key === "") {
        throw new Error(`Khối thứ ${rows.length + 1} («${text.slice(0, 40)}») không có mã định danh (id); không thể xuất bản.`);
      }
      if (seen.has(key)) throw new Error(`Mã định danh «${key}» bị trùng; không thể xuất bản.`);
      seen.add(key);

      const isHeading = node.type === "heading";
      const kind = node.type === "table" ? "table" : String(node.attrs?.kind ?? (isHeading ? "heading" : inList ? "list_item" : "paragraph"));
      const number = node.attrs?.number == null ? null : String(node.attrs.number);
      const level = isHeading ? Number(node.attrs?.level ?? 1) : path.bodyLevel();
      const label = isHeading ? path.enterHeading(kind, number, text, level) : path.enterBody(kind, number);
      const html = renderer.render(node);
      rows.push({ key, position: rows.length, kind, level, number, label, text, html });
    }
  } finally {
    renderer.close();
  }
  return rows;
}

/**
 * Renders blocks with tiptap's schema and ProseMirror's serializer into one happy-dom document
 * (what @tiptap/html's generateHTML does, minus a new schema and DOM per block: 4 ms → µs).
 * Headings go one level down: the page's <h1> is the consultation title.
 */
function createRenderer() {
  const schema = getSchema(documentExtensions);
  const serializer = DOMSerializer.fromSchema(schema);
  const window = new Window({
    settings: {
      disableJavaScriptEvaluation: true,
      disableJavaScriptFileLoading: true,
      disableCSSFileLoading: true,
      disableIframePageLoading: true,
      disableComputedStyleRendering: true,
    },
  });
  const document = window.document as unknown as Document;
  return {
    render(node: JSONContent): string {
      return this.renderAll([node]);
    },
    /** Nodes in a row, as one piece of HTML (one serialization however many they are). */
    renderAll(nodes: JSONContent[]): string {
      return this.serialize(nodes.map(shiftHeading)).innerHTML;
    },
    /**
     * Nodes in a row with the heading tags the team wrote, each heading given its place in the page's
     * outline as role="heading" and aria-level (what the browser editor shows, ADR 057).
     */
    renderOutlined(nodes: JSONContent[], pageLevel: number): string {
      const wrap = this.serialize(nodes);
      const headings = [...wrap.querySelectorAll("h1, h2, h3, h4, h5, h6")];
      const levels = outlineLevels(
        headings.map((h) => Number(h.tagName.slice(1))),
        pageLevel,
      );
      headings.forEach((h, i) => {
        h.setAttribute("role", "heading");
        h.setAttribute("aria-level", String(levels[i]));
      });
      return wrap.innerHTML;
    },
    serialize(nodes: JSONContent[]): HTMLElement {
      const fragment = Node.fromJSON(schema, { type: "doc", content: nodes }).content;
      const wrap = document.createElement("div");
      serializer.serializeFragment(fragment, { document }, wrap);
      return wrap;
    },
    close() {
      void window.happyDOM.abort();
      void window.happyDOM.close();
    },
  };
}

function shiftHeading(node: JSONContent): JSONContent {
  if (node.type === "heading") return { ...node, attrs: { ...node.attrs, level: Math.min(Number(node.attrs?.level ?? 1) + 1, 6) } };
  return node.content ? { ...node, content: node.content.map(shiftHeading) } : node;
}

/**
 * A whole document as HTML to read a working copy where the editor will be (before it mounts, or without
 * JavaScript): the tags the team wrote, as in the editor, and the outline below the page's heading of
 * level `pageLevel` as aria-level, as the editor gives it (ADR 057).
 */
export function renderDocumentHtml(doc: JSONContent, pageLevel = 1): string {
  const renderer = createRenderer();
  try {
    return renderer.renderOutlined(doc.content ?? [], pageLevel);
  } finally {
    renderer.close();
  }
}

/**
 * Headings, paragraphs and tables in document order; a list item's paragraphs are found inside the list.
 * A table is one block, whole: its cells' paragraphs are not blocks of their own.
 */
function findBlocks(node: JSONContent, inList: boolean): Found[] {
  if (node.type === "heading" || node.type === "paragraph" || node.type === "table") return [{ node, inList }];
  const nested = inList || node.type === "listItem";
  return (node.content ?? []).flatMap((child) => findBlocks(child, nested));
}

/** A table's text is its rows, one a line, cells separated by " | ". */
export function plainText(node: JSONContent): string {
  if (node.type === "text") return node.text ?? "";
  if (node.type === "hardBreak") return "\n";
  const parts = (node.content ?? []).map(plainText);
  if (node.type === "table") return parts.join("\n");
  if (node.type === "tableRow") return parts.join(" | ");
  if (node.type === "tableCell" || node.type === "tableHeader") return parts.join(" ");
  return parts.join("");
}

/**
 * How labels are written. "numbers" (since issue 16) uses the draft's own numbers: "Phần thứ nhất › I › 3",
 * "Phần thứ nhất › I › 2 › a", "Chương I › Điều 2, khoản 1, điểm a"; "đoạn n" only for unnumbered text,
 * counted under its heading (or numbered item). "ordinal" is the earlier scheme ("Phần thứ nhất › Mục I ›
 * đoạn 6"), still understood where people type labels (conference files).
 */
export type LabelScheme = "numbers" | "ordinal";
export const CURRENT_LABEL_SCHEME: LabelScheme = "numbers";

/** What the label path needs of a block: its kind, number, heading level and text. */
export interface LabelInput {
  kind: string;
  number: string | null;
  level: number;
  text: string;
}

/**
 * The labels of blocks already made (e.g. Block rows in position order), in a scheme: the same labels
 * documentToBlocks gives for the same document.
 */
export function labelBlocks(blocks: readonly LabelInput[], scheme: LabelScheme = CURRENT_LABEL_SCHEME): string[] {
  const path = new LabelPath(learnCasing(blocks.map((b) => b.text)), scheme);
  return blocks.map((b) => (isHeadingKind(b.kind) ? path.enterHeading(b.kind, b.number, b.text, b.level) : path.enterBody(b.kind, b.number)));
}

/**
 * The section path while walking the document: the open structural headings (by level), then the plain
 * heading opened after them if any, then the body block. Scheme "numbers": a numbered item outside an
 * article is its number ("3"), its points "3 › a"; inside an Điều the law's own citation follows it
 * ("Điều 2, khoản 1, điểm a"); unnumbered text is "đoạn k", k counting the unnumbered blocks since the
 * heading or numbered item it follows; "bảng t" for a table, "ghi chú n" for a note. A label given twice
 * gets " (2)", " (3)". Scheme "ordinal": every body block counts as "đoạn k" under its heading, a clause
 * is "khoản N" only inside an Điều, a point "điểm a" after it.
 */
class LabelPath {
  constructor(
    private readonly casing: Casing,
    private readonly scheme: LabelScheme = CURRENT_LABEL_SCHEME,
  ) {}

  private structural: { level: number; kind: StructuralKind; label: string }[] = [];
  private plainHeading: string | null = null;
  private headingLevel = 0;
  private ordinal = 0;
  private tables = 0;
  private clause: string | null = null;
  private clauseOrdinal = 0;
  private readonly used = new Map<string, number>();

  enterHeading(kind: string, number: string | null, text: string, level: number): string {
    this.headingLevel = level;
    this.ordinal = 0;
    this.tables = 0;
    this.clause = null;
    if (isStructuralKind(kind)) {
      this.structural = this.structural.filter((open) => open.level < level);
      this.structural.push({ level, kind, label: structuralLabel(kind, number, text, this.casing, this.scheme) });
      this.plainHeading = null;
    } else {
      // A plain heading at or above a structural heading's level (Word's "Phụ lục" beside the Chương) closes it.
      this.structural = this.structural.filter((open) => open.level < level);
      this.plainHeading = headingLabel(text, this.casing);
    }
    return this.unique(this.parts().join(LABEL_SEPARATOR));
  }

  enterBody(kind: string, number: string | null): string {
    return this.unique(this.scheme === "ordinal" ? this.ordinalBody(kind, number) : this.numberedBody(kind, number));
  }

  private numberedBody(kind: string, number: string | null): string {
    const article = this.structural.findLast((open) => open.kind === "article");
    // Inside an Điều the citation is the law's: "Điều 2, khoản 1, điểm a".
    const join = article ? ", " : LABEL_SEPARATOR;
    let own: string;
    if (kind === "clause" && number) {
      this.clause = article ? `khoản ${number}` : number;
      this.clauseOrdinal = 0;
      own = this.clause;
    } else if (kind === "point" && number) {
      const point = article ? `điểm ${number}` : number;
      own = this.clause ? `${this.clause}${join}${point}` : point;
    } else if (kind === "table") {
      own = `bảng ${++this.tables}`;
    } else if (kind === "note" && number) {
      own = `ghi chú ${number}`;
    } else if (this.clause) {
      own = `${this.clause}${join}đoạn ${++this.clauseOrdinal}`;
    } else {
      own = `đoạn ${++this.ordinal}`;
    }
    const parts = this.parts();
    if (parts.length === 0) return [NO_HEADING_LABEL, own].join(LABEL_SEPARATOR);
    if (article && parts[parts.length - 1] === article.label) return `${parts.join(LABEL_SEPARATOR)}, ${own}`;
    return [...parts, own].join(LABEL_SEPARATOR);
  }

  private ordinalBody(kind: string, number: string | null): string {
    const inArticle = this.structural.some((open) => open.kind === "article");
    let own: string;
    if (kind === "table") own = `bảng ${++this.tables}`;
    else if (kind === "note" && number) own = `ghi chú ${number}`;
    else own = `đoạn ${++this.ordinal}`;
    if (kind === "clause" && number) {
      if (inArticle) own = `khoản ${number}`;
      this.clause = own;
    } else if (kind === "point" && number) {
      own = this.clause ? `${this.clause}${LABEL_SEPARATOR}điểm ${number}` : `điểm ${number}`;
    }
    const parts = this.parts();
    return [...(parts.length > 0 ? parts : [NO_HEADING_LABEL]), own].join(LABEL_SEPARATOR);
  }

  /** The ordinal scheme gave duplicates their own label already; the numbers scheme marks a repeat " (2)". */
  private unique(label: string): string {
    if (this.scheme === "ordinal") return label;
    const seen = (this.used.get(label) ?? 0) + 1;
    this.used.set(label, seen);
    return seen === 1 ? label : `${label} (${seen})`;
  }

  bodyLevel(): number {
    return this.headingLevel + 1;
  }

  private parts(): string[] {
    const parts = this.structural.map((open) => open.label);
    return this.plainHeading ? [...parts, this.plainHeading] : parts;
  }
}

/**
 * "Phần thứ nhất", "Chương I", "Mục 2", "Điều 5", whatever case the heading was written in. A section
 * numbered without the word "Mục" ("I. KẾT QUẢ ĐẠT ĐƯỢC") is its number, "I", in the numbers scheme.
 */
function structuralLabel(kind: StructuralKind, number: string | null, text: string, casing: Casing, scheme: LabelScheme): string {
  if (!number) return headingLabel(text, casing);
  const written = /^thứ\s/iu.test(number) ? number.toLowerCase() : number.toUpperCase();
  if (scheme === "numbers" && kind === "section" && !/^\s*mục\b/iu.test(text)) return written;
  return `${STRUCTURAL_WORD[kind]} ${written}`;
}

/** "LỜI NÓI ĐẦU" → "Lời nói đầu"; "CHỦ TỊCH QUỐC HỘI" → "Chủ tịch Quốc hội", as the draft's body writes it (casing.ts). */
function headingLabel(text: string, casing: Casing): string {
  const sentence = casing.sentenceCase(text);
  if (sentence.length <= MAX_HEADING_LABEL_CHARS) return sentence;
  const cut = sentence.slice(0, MAX_HEADING_LABEL_CHARS);
  return `${cut.slice(0, cut.lastIndexOf(" ") > 0 ? cut.lastIndexOf(" ") : cut.length)}…`;
}
