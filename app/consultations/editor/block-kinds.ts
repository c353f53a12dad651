import type { Editor } from "@tiptap/core";
import type { Command, EditorState, Transaction } from "@tiptap/pm/state";
import type { Node as PmNode } from "@tiptap/pm/model";
import { classifyLine } from "../document/classify-line";
import { isStructuralKind, MAX_HEADING_LEVEL, STRUCTURAL_LEVEL, type StructuralKind } from "../document/kinds";

// What a block of the draft is, as the editor's toolbar offers it: a paragraph, one of the four
// structural headings (Phần, Chương, Mục, Điều: heading levels 1–4 with their `kind`), or another
// heading. Changing it keeps the block's id (comments stay attached) and reads its number from the
// text ("Điều 5. …" → 5), as the importer does.

export type BlockChoice = "paragraph" | StructuralKind | "heading";

export const BLOCK_CHOICES: readonly { value: BlockChoice; label: string; hint: string; keys: string }[] = [
  { value: "paragraph", label: "Đoạn văn", hint: "Đoạn văn thường (khoản «1.», điểm «a)» được nhận ra từ chữ đầu đoạn)", keys: "Mod-Alt-0" },
  { value: "part", label: "Phần", hint: "Tiêu đề Phần (cấp 1)", keys: "Mod-Alt-1" },
  { value: "chapter", label: "Chương", hint: "Tiêu đề Chương (cấp 2)", keys: "Mod-Alt-2" },
  { value: "section", label: "Mục", hint: "Tiêu đề Mục (cấp 3)", keys: "Mod-Alt-3" },
  { value: "article", label: "Điều", hint: "Tiêu đề Điều (cấp 4)", keys: "Mod-Alt-4" },
  { value: "heading", label: "Tiêu đề khác", hint: "Tiêu đề không đánh số, dưới cấp cấu trúc bao quanh nó", keys: "Mod-Alt-5" },
];

const isBlock = (node: PmNode) => node.type.name === "heading" || node.type.name === "paragraph";

/** The choice the block at the cursor is (for aria-pressed); null outside headings and paragraphs. */
export function currentBlockChoice(state: EditorState): BlockChoice | null {
  const node = state.selection.$from.parent;
  if (node.type.name === "paragraph") return "paragraph";
  if (node.type.name !== "heading") return null;
  return typeof node.attrs.kind === "string" && isStructuralKind(node.attrs.kind) ? node.attrs.kind : "heading";
}

/** The level of the structural heading in force just before `pos` (0 when none). */
function enclosingLevel(doc: PmNode, pos: number): number {
  let level = 0;
  doc.nodesBetween(0, pos, (node) => {
    if (node.type.name === "heading" && typeof node.attrs.kind === "string" && isStructuralKind(node.attrs.kind)) level = node.attrs.level;
    return !node.isTextblock;
  });
  return level;
}

/** Type and attributes a block takes for a choice; id and other attributes kept. */
function reshaped(state: EditorState, node: PmNode, pos: number, choice: BlockChoice) {
  const line = classifyLine(node.textContent.normalize("NFC").trim());
  if (choice === "paragraph") {
    const kind = line && (line.kind === "clause" || line.kind === "point") ? line.kind : null;
    return { type: state.schema.nodes.paragraph, attrs: { id: node.attrs.id, kind, number: kind ? line!.number : null } };
  }
  if (choice === "heading") {
    const level = Math.min(enclosingLevel(state.doc, pos) + 1, MAX_HEADING_LEVEL);
    return { type: state.schema.nodes.heading, attrs: { id: node.attrs.id, level, kind: "heading", number: null } };
  }
  const number = line?.kind === choice ? line.number : null;
  return { type: state.schema.nodes.heading, attrs: { id: node.attrs.id, level: STRUCTURAL_LEVEL[choice], kind: choice, number } };
}

/** Makes every heading and paragraph the selection touches the chosen kind of block. */
export function setBlockChoice(choice: BlockChoice): Command {
  return (state, dispatch) => {
    const targets: { node: PmNode; pos: number }[] = [];
    for (const range of state.selection.ranges) {
      state.doc.nodesBetween(range.$from.pos, range.$to.pos, (node, pos) => {
        if (isBlock(node)) targets.push({ node, pos });
        return !node.isTextblock;
      });
    }
    const tr = state.tr;
    let changed = 0;
    for (const { node, pos } of targets) {
      const { type, attrs } = reshaped(state, node, pos, choice);
      const $pos = tr.doc.resolve(pos);
      // A list item starts with a paragraph: a heading cannot go there.
      if (!$pos.parent.canReplaceWith($pos.index(), $pos.index() + 1, type)) continue;
      tr.setNodeMarkup(pos, type, attrs, node.marks);
      changed++;
    }
    if (changed === 0) return false;
    dispatch?.(tr.scrollIntoView());
    return true;
  };
}

/** Headings in the selection become paragraphs, ids kept (before wrapping them in a list, which takes only paragraphs). */
export function headingsToParagraphs(state: EditorState, tr: Transaction): void {
  const { from, to } = state.selection;
  state.doc.nodesBetween(from, to, (node, pos) => {
    if (node.type.name === "heading") tr.setNodeMarkup(pos, state.schema.nodes.paragraph, { id: node.attrs.id, kind: null, number: null }, node.marks);
    return !node.isTextblock;
  });
}

/** Toggles a bulleted or numbered list over the selection; headings in it become paragraphs first, so no id is lost. */
export function toggleList(editor: Editor, list: "bulletList" | "orderedList"): boolean {
  const chain = editor
    .chain()
    .focus()
    .command(({ state, tr }) => {
      headingsToParagraphs(state, tr);
      return true;
    });
  return (list === "bulletList" ? chain.toggleBulletList() : chain.toggleOrderedList()).run();
}
