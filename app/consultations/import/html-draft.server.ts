import type { JSONContent } from "@tiptap/core";
import sax from "sax";
import { classifyLine, type ClassifiedLine } from "../document/classify-line.ts";
import { newBlockId } from "../document/extensions.ts";
import { isStructuralKind, MAX_HEADING_LEVEL, POINT_LETTERS } from "../document/kinds.ts";
import { stripInvisible } from "../document/plain-text.ts";
import { findTitle, HeadingLevels, mergeHeadingTitles } from "../document/structured-text.ts";
import { DRAFT_REFUSALS, DraftFileRefused } from "./refusals.ts";

// The HTML that mammoth makes of a .docx, or markdown-it of a Markdown file, → the tiptap document
// of the one extension set (document/extensions.ts). Both write well-formed markup with only the XML
// entities (mammoth escapes & < > ", markdown-it too, with xhtmlOut), so it is read with sax as XML.
//
// Top-level paragraphs and headings are read by the plain-text importer's own rules (classifyLine,
// mergeHeadingTitles, findTitle, HeadingLevels): "Chương I", "Điều 5.", "1.", "a)", "- ", all-caps
// titles. A Word heading style (h1–h6) makes a heading even when its text has no pattern; with no
// Phần/Chương/Mục/Điều anywhere, the style's own level is kept. Bold and italic are kept, lists and
// tables too (a table is one block); a footnote or endnote becomes a note block right after the block
// that refers to it ("[1] …", kind "note"); images are left out and reported; empty headings too.

export interface LeftOutImage {
  /** 1-based, in document order. */
  index: number;
  alt: string | null;
  /** The text of the block it was in, or (`after`) of the block before it, when it stood alone. */
  near: string | null;
  after: boolean;
}

export interface HtmlDraftReport {
  images: LeftOutImage[];
  /** Headings (by style) with no text, and the text just before each. */
  emptyHeadings: { after: string | null }[];
  /** Blocks whose text was not in NFC (now it is). */
  notNfc: number;
  notes: number;
  /** Items of top-level numbered lists, written as "1. …" / "a) …" paragraphs. */
  numberedItems: number;
}

export interface HtmlDraft {
  doc: JSONContent;
  title: string | null;
  report: HtmlDraftReport;
}

interface Element {
  name: string;
  attrs: Record<string, string>;
  children: Child[];
}
type Child = Element | string;

/** A top-level block, read as a line of the plain-text importer would be. */
type Item = ClassifiedLine & {
  node: JSONContent | null;
  inline: JSONContent[];
  /** h1–h6: a heading by its style (Word's Heading n, Markdown's #). */
  styleLevel: number | null;
  isTitle: boolean;
  refs: string[];
};

type Mark = { type: "bold" | "italic" };

const isElement = (child: Child): child is Element => typeof child !== "string";
const HEADING = /^h([1-6])$/;
const NOTE_ID = /^(footnote|endnote)-(?!ref-)/;
const NOTE_REF_ID = /^(footnote|endnote)-ref-/;
const CONTAINERS = new Set(["div", "blockquote", "section", "article", "main", "body", "header", "footer", "aside", "figure"]);

/** Parses mammoth's or markdown-it's output (XHTML without a root) into a light tree. */
export function parseMarkup(html: string): Element {
  const parser = sax.parser(true, { trim: false, normalize: false });
  const top: Element = { name: "", attrs: {}, children: [] };
  const stack: Element[] = [top];
  parser.onopentag = (tag) => {
    const element: Element = { name: tag.name.toLowerCase(), attrs: tag.attributes as Record<string, string>, children: [] };
    stack[stack.length - 1].children.push(element);
    stack.push(element);
  };
  parser.onclosetag = () => {
    stack.pop();
  };
  parser.ontext = (text) => {
    stack[stack.length - 1].children.push(text);
  };
  parser.onerror = () => {
    throw new DraftFileRefused(DRAFT_REFUSALS.unreadable);
  };
  parser.write(`<root>${html}</root>`).close();
  return top.children[0] as Element;
}

export function htmlToDraft(html: string, { images = [] }: { images?: { alt: string | null }[] } = {}): HtmlDraft {
  return new Converter(images).convert(parseMarkup(html));
}

class Converter {
  private readonly report: HtmlDraftReport = { images: [], emptyHeadings: [], notNfc: 0, notes: 0, numberedItems: 0 };
  private readonly notes = new Map<string, { number: string; content: JSONContent[] }>();
  /** Images and note references met while reading the current block. */
  private pendingImages: { index: number; alt: string | null }[] = [];
  private pendingRefs: string[] = [];
  private lastText: string | null = null;

  constructor(private readonly images: { alt: string | null }[]) {}

  convert(root: Element): HtmlDraft {
    const items = mergeHeadingTitles(this.topLevel(root.children), (block, title, separator) => ({
      ...block,
      text: block.text + separator + title.text,
      hasTitle: true,
      inline: joinInline(block.inline, separator, title.inline),
      refs: [...block.refs, ...title.refs],
    }));
    const content = this.assemble(items);
    if (!content.some((node) => hasText(node))) throw new DraftFileRefused(DRAFT_REFUSALS.noText);
    return { doc: { type: "doc", content }, title: titleOf(items), report: this.report };
  }

  private topLevel(children: Child[]): Item[] {
    const items: Item[] = [];
    forEachBlock(
      children,
      (run) => {
        if (run.some((child) => isElement(child) || child.trim() !== "")) this.pushText(items, run, null, false);
      },
      (child) => {
        const heading = HEADING.exec(child.name);
        if (heading) this.pushText(items, child.children, Number(heading[1]), /\btitle\b/.test(child.attrs.class ?? ""));
        else if (child.name === "p") this.pushText(items, child.children, null, false);
        else if (child.name === "ul" || child.name === "ol") {
          if (isNotesList(child)) this.readNotes(child);
          else if (child.name === "ol") this.pushNumbered(items, child, 1);
          else this.pushNode(items, this.list(child), "list_item");
        } else if (child.name === "table") this.pushNode(items, this.table(child), "table");
        else if (child.name === "pre") {
          for (const line of textOf(child).split("\n")) this.pushText(items, [line], null, false);
        } else if (CONTAINERS.has(child.name)) items.push(...this.topLevel(child.children));
        // hr, and anything else without text of its own, is left out.
      },
    );
    return items;
  }

  /** A paragraph or heading, classified as the text importer classifies a line. */
  private pushText(items: Item[], children: Child[], styleLevel: number | null, isTitle: boolean) {
    const { content, text, changed } = this.inline(children);
    const refs = this.takeRefs();
    this.noteImages(text);
    if (text === "") {
      if (styleLevel !== null) this.report.emptyHeadings.push({ after: this.lastText });
      return;
    }
    const line = classifyLine(text.replace(/\n/g, " "));
    if (!line) return; // a rule of dashes, or the like
    if (changed) this.report.notNfc++;
    this.lastText = text;
    let inline = content;
    if (line.kind === "list_item") inline = dropLeading(content, text.length - line.text.length);
    const item: Item = { ...line, node: null, inline, styleLevel, isTitle, refs };
    // A heading by its style is a heading whatever its words; by its words only when they are a Phần/Chương/Mục/Điều.
    if (styleLevel !== null && !isStructuralKind(line.kind)) Object.assign(item, { kind: "heading", number: null, text, inline: content, hasTitle: true });
    items.push(item);
  }

  /**
   * A numbered list at the top: Word's numbering (and Markdown's "1.") is not in the text, and on a
   * draft's page a list item has no number, so the numbers are written in as a person types them:
   * "1. …" (a khoản), and in a numbered list inside it "a) …" (a điểm). Deeper lists stay lists.
   */
  private pushNumbered(items: Item[], list: Element, depth: 1 | 2) {
    const start = Number.parseInt(list.attrs.start ?? "1", 10);
    let n = Number.isFinite(start) && start > 0 ? start : 1;
    for (const li of list.children.filter(isElement).filter((child) => child.name === "li")) {
      const marker = depth === 1 ? `${n}. ` : `${POINT_LETTERS[n - 1] ?? n}) `;
      n++;
      const lead = li.children.findIndex((child) => isElement(child) && !isInline(child) && child.name !== "p");
      const inline = lead < 0 ? li.children : li.children.slice(0, lead);
      const rest = lead < 0 ? [] : li.children.slice(lead);
      // The item's own text: its inline children, or its first paragraph (Markdown's loose lists).
      const firstParagraph = inline.find((child): child is Element => isElement(child) && child.name === "p");
      const own = firstParagraph ? firstParagraph.children : inline;
      const before = items.length;
      this.pushText(items, [marker, ...own], null, false);
      if (items.length > before) this.report.numberedItems++;
      for (const child of firstParagraph ? inline.filter((c) => c !== firstParagraph) : []) {
        if (isElement(child) && child.name === "p") this.pushText(items, child.children, null, false);
      }
      for (const child of rest.filter(isElement)) {
        if (child.name === "ol" && depth === 1) this.pushNumbered(items, child, 2);
        else if (child.name === "ul" || child.name === "ol") this.pushNode(items, this.list(child), "list_item");
        else if (child.name === "table") this.pushNode(items, this.table(child), "table");
        else this.pushText(items, child.children, null, false);
      }
    }
  }

  private pushNode(items: Item[], node: JSONContent | null, kind: "list_item" | "table") {
    const refs = this.takeRefs();
    this.noteImages(null);
    if (!node) return;
    items.push({ kind, number: null, text: "", hasTitle: false, node, inline: [], styleLevel: null, isTitle: false, refs });
    this.lastText = textOfNode(node).slice(0, 200) || this.lastText;
  }

  private takeRefs(): string[] {
    const refs = this.pendingRefs;
    this.pendingRefs = [];
    return refs;
  }

  private noteImages(text: string | null) {
    for (const image of this.pendingImages) this.report.images.push({ ...image, near: text || this.lastText, after: !text });
    this.pendingImages = [];
  }

  /** Inline children → tiptap inline nodes, whitespace collapsed as HTML does, text cleaned (NFC). */
  private inline(children: Child[]): { content: JSONContent[]; text: string; changed: boolean } {
    const raw: JSONContent[] = [];
    this.collectInline(children, [], raw);
    return normalizeInline(raw);
  }

  private collectInline(children: Child[], marks: Mark[], out: JSONContent[]) {
    for (const child of children) {
      if (!isElement(child)) {
        out.push(marks.length ? { type: "text", text: child, marks } : { type: "text", text: child });
        continue;
      }
      switch (child.name) {
        case "strong":
        case "b":
          this.collectInline(child.children, withMark(marks, "bold"), out);
          break;
        case "em":
        case "i":
          this.collectInline(child.children, withMark(marks, "italic"), out);
          break;
        case "br":
          out.push({ type: "hardBreak" });
          break;
        case "img":
          this.pendingImages.push(this.image(child));
          break;
        case "a": {
          const href = child.attrs.href ?? "";
          // mammoth's way back from a note to its reference ("↑"): not text of the draft.
          if (NOTE_REF_ID.test(href.slice(1))) break;
          if (NOTE_REF_ID.test(child.attrs.id ?? "") && href.startsWith("#")) {
            const id = href.slice(1);
            this.pendingRefs.push(id);
            const number = textOf(child).replace(/[[\]\s]/g, "");
            if (!this.notes.has(id)) this.notes.set(id, { number, content: [] });
            else this.notes.get(id)!.number ||= number;
          }
          this.collectInline(child.children, marks, out);
          break;
        }
        default:
          if (isInline(child)) this.collectInline(child.children, marks, out);
          else {
            // A block inside a paragraph (not from mammoth or markdown-it): its text on a line of its own.
            out.push({ type: "hardBreak" });
            this.collectInline(child.children, marks, out);
            out.push({ type: "hardBreak" });
          }
      }
    }
  }

  private image(element: Element): { index: number; alt: string | null } {
    const index = /^#hinh-(\d+)$/.exec(element.attrs.src ?? "")?.[1];
    const known = index ? this.images[Number(index) - 1] : undefined;
    const alt = (known?.alt ?? element.attrs.alt ?? "").trim();
    return { index: this.report.images.length + this.pendingImages.length + 1, alt: alt === "" ? null : alt.normalize("NFC") };
  }

  /** Blocks inside a list item or a table cell: paragraphs, lists and tables, no classification. */
  private blocks(children: Child[]): JSONContent[] {
    const out: JSONContent[] = [];
    const add = (node: JSONContent | null) => {
      if (node) out.push(node);
    };
    forEachBlock(
      children,
      (run) => add(this.paragraph(run)),
      (child) => {
        if (child.name === "p" || HEADING.test(child.name)) add(this.paragraph(child.children));
        else if (child.name === "ul" || child.name === "ol") add(this.list(child));
        else if (child.name === "table") add(this.table(child));
        else if (child.name === "pre")
          add(
            this.paragraph(
              textOf(child)
                .split("\n")
                .flatMap((line): Child[] => [line, { name: "br", attrs: {}, children: [] }]),
            ),
          );
        else out.push(...this.blocks(child.children));
      },
    );
    return out;
  }

  private paragraph(children: Child[]): JSONContent | null {
    const { content, text, changed } = this.inline(children);
    if (text === "") return null;
    if (changed) this.report.notNfc++;
    return { type: "paragraph", attrs: { id: newBlockId(), kind: null, number: null }, content };
  }

  private list(element: Element): JSONContent | null {
    const items: JSONContent[] = [];
    for (const li of element.children.filter(isElement).filter((child) => child.name === "li")) {
      const content = this.blocks(li.children);
      if (content.length === 0) continue;
      if (content[0].type !== "paragraph") content.unshift({ type: "paragraph", attrs: { id: newBlockId(), kind: null, number: null } });
      items.push({ type: "listItem", content });
    }
    if (items.length === 0) return null;
    if (element.name === "ul") return { type: "bulletList", content: items };
    const start = Number.parseInt(element.attrs.start ?? "1", 10);
    return { type: "orderedList", attrs: { start: Number.isFinite(start) && start > 0 ? start : 1 }, content: items };
  }

  private table(element: Element): JSONContent | null {
    const rows: JSONContent[] = [];
    const rowElements = element.children
      .filter(isElement)
      .flatMap((child) =>
        child.name === "tr"
          ? [child]
          : ["thead", "tbody", "tfoot"].includes(child.name)
            ? child.children.filter(isElement).filter((row) => row.name === "tr")
            : [],
      );
    for (const row of rowElements) {
      const cells = row.children
        .filter(isElement)
        .filter((cell) => cell.name === "td" || cell.name === "th")
        .map((cell) => {
          const content = this.blocks(cell.children);
          return {
            type: cell.name === "th" ? "tableHeader" : "tableCell",
            attrs: { colspan: span(cell.attrs.colspan), rowspan: span(cell.attrs.rowspan), colwidth: null },
            content: content.length ? content : [{ type: "paragraph", attrs: { id: newBlockId(), kind: null, number: null } }],
          };
        });
      if (cells.length) rows.push({ type: "tableRow", content: cells });
    }
    return rows.length ? { type: "table", attrs: { id: newBlockId() }, content: rows } : null;
  }

  /** mammoth's notes: <ol><li id="footnote-1"><p>… <a href="#footnote-ref-1">↑</a></p></li></ol>. */
  private readNotes(element: Element) {
    for (const li of element.children.filter(isElement)) {
      const id = li.attrs.id ?? "";
      const { content, text, changed } = this.inline(li.children.flatMap((child) => (isElement(child) && child.name === "p" ? [child, " "] : [child])));
      if (text === "") continue;
      if (changed) this.report.notNfc++;
      const known = this.notes.get(id);
      this.notes.set(id, { number: known?.number || String(this.notes.size + 1), content });
    }
    this.takeRefs();
    this.noteImages(null);
  }

  /** The items as tiptap nodes, with heading levels, list items grouped, notes after their first reference. */
  private assemble(items: Item[]): JSONContent[] {
    const styled = new StyledLevels(items.some((item) => isStructuralKind(item.kind)));
    const levels = new HeadingLevels();
    const content: JSONContent[] = [];
    const placed = new Set<string>();
    // Lines typed "- …" make their own lists, apart from the file's lists they may stand next to.
    const typedLists = new WeakSet<JSONContent>();
    const placeNotes = (ids: Iterable<string>) => {
      for (const id of ids) {
        const note = this.notes.get(id);
        if (!note || placed.has(id) || note.content.length === 0) continue;
        placed.add(id);
        this.report.notes++;
        content.push({
          type: "paragraph",
          attrs: { id: newBlockId(), kind: "note", number: note.number },
          content: [{ type: "text", text: `[${note.number}] ` }, ...note.content],
        });
      }
    };
    for (const item of items) {
      if (item.node) {
        content.push(item.node);
      } else if (isStructuralKind(item.kind) || item.kind === "heading") {
        const level = styled.levelOf(item, levels);
        content.push({ type: "heading", attrs: { id: newBlockId(), level, kind: item.kind, number: item.number }, content: item.inline });
      } else if (item.kind === "list_item") {
        const listItem = {
          type: "listItem",
          content: [{ type: "paragraph", attrs: { id: newBlockId(), kind: "list_item", number: null }, content: item.inline }],
        };
        const previous = content[content.length - 1];
        if (previous && typedLists.has(previous)) previous.content!.push(listItem);
        else {
          const list = { type: "bulletList", content: [listItem] };
          typedLists.add(list);
          content.push(list);
        }
      } else {
        content.push({ type: "paragraph", attrs: { id: newBlockId(), kind: item.kind, number: item.number }, content: item.inline });
      }
      placeNotes(item.refs);
    }
    placeNotes(this.notes.keys());
    return content;
  }
}

/**
 * Heading levels with Word's heading styles in the picture. A Phần/Chương/Mục/Điều has its own level
 * (HeadingLevels). Without any of them in the file, a styled heading keeps its style's level (a report's
 * Heading 1, 2, 3). With them, a styled plain heading is placed by its style among the styled headings
 * open before it: at the level of the one of the same style it follows ("Phụ lục" in Heading 2 after
 * "Chương II" in Heading 2 is a sibling of the Chương), else one below the nearest of a higher style.
 * A heading with no style (an all-caps line) sits one below the open structure, as in the text importer.
 */
class StyledLevels {
  private open: { style: number; level: number }[] = [];

  constructor(private readonly hasStructure: boolean) {}

  levelOf(item: Item, levels: HeadingLevels): number {
    if (item.styleLevel === null) {
      const level = levels.next(item.kind);
      if (isStructuralKind(item.kind)) this.open = this.open.filter((entry) => entry.level < level);
      return level;
    }
    if (!this.hasStructure) return Math.min(item.styleLevel, MAX_HEADING_LEVEL);
    let level: number;
    if (isStructuralKind(item.kind)) {
      level = levels.next(item.kind);
      this.open = this.open.filter((entry) => entry.level < level);
    } else {
      let sibling: { style: number; level: number } | undefined;
      while (this.open.length && this.open[this.open.length - 1].style >= item.styleLevel) sibling = this.open.pop();
      const parent = this.open[this.open.length - 1];
      level = sibling?.style === item.styleLevel ? sibling.level : Math.min((parent?.level ?? 0) + 1, MAX_HEADING_LEVEL);
    }
    this.open.push({ style: item.styleLevel, level });
    return level;
  }
}

/** The Title style's text; else the first Heading 1 before any Phần/Chương/Mục/Điều; else the text importer's rule. */
function titleOf(items: Item[]): string | null {
  const titled = items.find((item) => item.isTitle);
  if (titled) return titled.text;
  const firstStructural = items.findIndex((item) => isStructuralKind(item.kind));
  const heading1 = items.slice(0, firstStructural < 0 ? items.length : firstStructural).find((item) => item.styleLevel === 1 && item.kind === "heading");
  return heading1 ? heading1.text : findTitle(items);
}

/** Runs of inline children (text, <strong>, <br />…) and block elements, in document order. */
function forEachBlock(children: Child[], inlineRun: (run: Child[]) => void, block: (element: Element) => void) {
  let run: Child[] = [];
  const flush = () => {
    if (run.length) inlineRun(run);
    run = [];
  };
  for (const child of children) {
    if (!isElement(child) || isInline(child)) run.push(child);
    else {
      flush();
      block(child);
    }
  }
  flush();
}

const INLINE = new Set([
  "strong",
  "b",
  "em",
  "i",
  "u",
  "s",
  "del",
  "ins",
  "sup",
  "sub",
  "span",
  "a",
  "code",
  "small",
  "mark",
  "br",
  "img",
  "abbr",
  "cite",
  "q",
  "kbd",
  "samp",
  "var",
  "time",
]);
const isInline = (element: Element) => INLINE.has(element.name);

function isNotesList(element: Element): boolean {
  const items = element.children.filter(isElement);
  return items.length > 0 && items.every((li) => li.name === "li" && NOTE_ID.test(li.attrs.id ?? ""));
}

function withMark(marks: Mark[], type: Mark["type"]): Mark[] {
  return marks.some((mark) => mark.type === type) ? marks : [...marks, { type }];
}

const span = (value: string | undefined) => {
  const n = Number.parseInt(value ?? "1", 10);
  return Number.isFinite(n) && n > 1 && n < 1000 ? n : 1;
};

function textOf(element: Child): string {
  return isElement(element) ? element.children.map(textOf).join("") : element;
}

function textOfNode(node: JSONContent): string {
  if (node.type === "text") return node.text ?? "";
  return (node.content ?? []).map(textOfNode).join(" ").trim();
}

function hasText(node: JSONContent): boolean {
  return /\S/u.test(textOfNode(node));
}

const sameMarks = (a: JSONContent, b: JSONContent) => JSON.stringify(a.marks ?? []) === JSON.stringify(b.marks ?? []);

/**
 * Text nodes cleaned (invisible characters out, NFC) and whitespace collapsed as a browser would:
 * runs of spaces become one, none at the start, the end or around a line break. Adjacent text with
 * the same marks is joined. `changed`: some text was not NFC.
 */
function normalizeInline(raw: JSONContent[]): { content: JSONContent[]; text: string; changed: boolean } {
  const out: JSONContent[] = [];
  let changed = false;
  let atLineStart = true;
  for (const node of raw) {
    if (node.type === "hardBreak") {
      trimEnd(out);
      if (out.length && out[out.length - 1].type !== "hardBreak") out.push(node);
      atLineStart = true;
      continue;
    }
    const stripped = stripInvisible(node.text ?? "");
    const nfc = stripped.normalize("NFC");
    if (nfc !== stripped) changed = true;
    let text = nfc.replace(/[\s\p{Zs}]+/gu, " ");
    if (atLineStart) text = text.replace(/^ /, "");
    if (text === "") continue;
    const previous = out[out.length - 1];
    if (previous?.type === "text" && previous.text!.endsWith(" ") && text.startsWith(" ")) text = text.slice(1);
    if (text === "") continue;
    if (previous?.type === "text" && sameMarks(previous, node)) previous.text += text;
    else out.push({ ...node, text });
    atLineStart = false;
  }
  trimEnd(out);
  while (out.length && out[out.length - 1].type === "hardBreak") {
    out.pop();
    trimEnd(out);
  }
  const text = out.map((node) => (node.type === "hardBreak" ? "\n" : node.text)).join("");
  return { content: out, text, changed };
}

function trimEnd(out: JSONContent[]) {
  const last = out[out.length - 1];
  if (last?.type !== "text") return;
  last.text = last.text!.replace(/ +$/, "");
  if (last.text === "") {
    out.pop();
    trimEnd(out);
  }
}

/** The inline content less its first `count` characters (a typed "- " list marker). */
function dropLeading(content: JSONContent[], count: number): JSONContent[] {
  const out: JSONContent[] = [];
  let left = count;
  for (const node of content) {
    if (left > 0 && node.type === "text") {
      const text = node.text!;
      if (text.length <= left) {
        left -= text.length;
        continue;
      }
      out.push({ ...node, text: text.slice(left) });
      left = 0;
    } else out.push(node);
  }
  return out;
}

/** "Chương I" + ". " + "CHẾ ĐỘ CHÍNH TRỊ", each part with its own marks. */
function joinInline(first: JSONContent[], separator: string, second: JSONContent[]): JSONContent[] {
  const out: JSONContent[] = [];
  for (const node of [...first, { type: "text", text: separator }, ...second]) {
    const previous = out[out.length - 1];
    if (node.type === "text" && previous?.type === "text" && sameMarks(previous, node))
      out[out.length - 1] = { ...previous, text: previous.text! + node.text! };
    else out.push(node);
  }
  return out;
}
