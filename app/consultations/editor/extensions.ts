import { Extension, type Extensions } from "@tiptap/core";
import type { Node as PmNode } from "@tiptap/pm/model";
import { EditorState, Plugin, PluginKey, type Transaction } from "@tiptap/pm/state";
import { Mapping } from "@tiptap/pm/transform";
import { Decoration, DecorationSet } from "@tiptap/pm/view";
import { documentExtensions, newBlockId } from "../document/extensions";
import { outlineLevels } from "../document/heading-levels";
import { BLOCK_CHOICES, setBlockChoice } from "./block-kinds";

// The browser editor's extensions: THE document extension set (same schema as the importer and the
// publish step) plus three that change no schema: a guard on block identity, the headings' place in the
// page's outline and the keyboard shortcuts.

interface Found {
  id: unknown;
  kind: unknown;
  number: unknown;
  pos: number;
}

function blocksOf(doc: PmNode): Found[] {
  const found: Found[] = [];
  doc.descendants((node, pos) => {
    if (node.type.name === "heading" || node.type.name === "paragraph") {
      found.push({ id: node.attrs.id, kind: node.attrs.kind, number: node.attrs.number, pos });
      return false;
    }
    return true;
  });
  return found;
}

/**
 * After every change: no two blocks share an id and none lacks one (UniqueID only looks inside the
 * changed range, so a paste that bypasses its clipboard hook could leave a copy of an id elsewhere;
 * the block that was there before keeps it, the copy gets a new one), and a block split off another
 * does not keep its kind and number (the tail of "1. …" split in two is not a second khoản 1).
 */
export function guardBlocks(transactions: readonly Transaction[], oldDoc: PmNode, newDoc: PmNode, tr: Transaction): boolean {
  const oldPositions = new Map<unknown, number>();
  for (const block of blocksOf(oldDoc)) oldPositions.set(block.id, block.pos);
  const mapping = new Mapping();
  for (const transaction of transactions) mapping.appendMapping(transaction.mapping);

  const blocks = blocksOf(newDoc);
  const byId = new Map<unknown, Found[]>();
  for (const block of blocks) byId.set(block.id, [...(byId.get(block.id) ?? []), block]);

  const fresh = new Set<number>();
  let changed = false;
  for (const [id, copies] of byId) {
    if (id !== null && typeof id === "string" && id !== "" && copies.length === 1) {
      if (!oldPositions.has(id)) fresh.add(copies[0].pos);
      continue;
    }
    const oldPos = oldPositions.get(id);
    const keeperPos = oldPos === undefined || id === null ? null : mapping.map(oldPos);
    const keeper = copies.find((copy) => copy.pos === keeperPos) ?? (id === null ? null : copies[0]);
    for (const copy of copies) {
      if (copy === keeper) continue;
      const node = newDoc.nodeAt(copy.pos)!;
      tr.setNodeMarkup(copy.pos, undefined, { ...node.attrs, id: newBlockId() }, node.marks);
      fresh.add(copy.pos);
      changed = true;
    }
  }

  blocks.forEach((block, i) => {
    if (!fresh.has(block.pos) || (block.kind === null && block.number === null)) return;
    const same = (other: Found | undefined) => other !== undefined && !fresh.has(other.pos) && other.kind === block.kind && other.number === block.number;
    if (!same(blocks[i - 1]) && !same(blocks[i + 1])) return;
    const node = tr.doc.nodeAt(block.pos)!;
    tr.setNodeMarkup(block.pos, undefined, { ...node.attrs, kind: null, number: null }, node.marks);
    changed = true;
  });
  return changed;
}

const BlockGuard = Extension.create({
  name: "blockGuard",
  addProseMirrorPlugins() {
    return [
      new Plugin({
        key: new PluginKey("blockGuard"),
        appendTransaction(transactions, oldState, newState) {
          if (!transactions.some((transaction) => transaction.docChanged)) return null;
          const tr = newState.tr;
          if (!guardBlocks(transactions, oldState.doc, newState.doc, tr)) return null;
          tr.setStoredMarks(newState.storedMarks);
          return tr.setMeta("addToHistory", false);
        },
      }),
    ];
  },
});

/**
 * Each heading of the document in the page's outline: the tag stays the level the team chose (its look,
 * what Ctrl+Alt+1…4 set), role="heading" and aria-level give its level below the page's heading of level
 * `pageLevel`, as the reading page numbers it (outlineLevels; ADR 057). Decorations, so the document and
 * the schema are untouched (nor the clipboard's HTML) and a change of level elsewhere only changes
 * attributes, never re-creates the heading under the cursor.
 */
export function headingOutline(doc: PmNode, pageLevel: number, previous?: { set: DecorationSet; mapping: Mapping }): DecorationSet {
  const headings: { pos: number; end: number; written: number }[] = [];
  doc.descendants((node, pos) => {
    if (node.type.name === "heading") headings.push({ pos, end: pos + node.nodeSize, written: Number(node.attrs.level) });
    return !node.isTextblock;
  });
  const levels = outlineLevels(
    headings.map((h) => h.written),
    pageLevel,
  );
  const decoration = (i: number) =>
    Decoration.node(headings[i].pos, headings[i].end, { role: "heading", "aria-level": String(levels[i]) }, { level: levels[i] });
  if (!previous)
    return DecorationSet.create(
      doc,
      headings.map((_, i) => decoration(i)),
    );
  // The previous decorations moved along, and only those that no longer fit replaced: typing changes none
  // (DecorationSet.create costs blocks × headings: 15 ms for 3,700 blocks and 1,100 headings, this 0.3 ms).
  const mapped = previous.set.map(previous.mapping, doc);
  const byPos = new Map(mapped.find().map((d) => [d.from, d]));
  const added: Decoration[] = [];
  headings.forEach((h, i) => {
    const d = byPos.get(h.pos);
    if (d && d.to === h.end && d.spec.level === levels[i]) byPos.delete(h.pos);
    else added.push(decoration(i));
  });
  if (added.length === 0 && byPos.size === 0) return mapped;
  return mapped.remove([...byPos.values()]).add(doc, added);
}

const outlineKey = new PluginKey<DecorationSet>("headingOutline");

function headingOutlineExtension(pageLevel: number) {
  return Extension.create({
    name: "headingOutline",
    addProseMirrorPlugins() {
      return [
        new Plugin<DecorationSet>({
          key: outlineKey,
          state: {
            init: (_, state: EditorState) => headingOutline(state.doc, pageLevel),
            apply: (tr, set) => (tr.docChanged ? headingOutline(tr.doc, pageLevel, { set, mapping: tr.mapping }) : set),
          },
          props: {
            decorations: (state) => outlineKey.getState(state),
          },
        }),
      ];
    },
  });
}

/**
 * Ctrl+Alt+0…5 (⌘⌥ on a Mac) choose the kind of block, as the toolbar's buttons do (StarterKit's own
 * heading shortcuts would change the level without the kind); Alt+F10 moves to the toolbar.
 */
function draftKeymap(focusToolbar: () => void) {
  return Extension.create({
    name: "draftKeymap",
    priority: 1000,
    addKeyboardShortcuts() {
      const shortcuts: Record<string, () => boolean> = {
        "Alt-F10": () => {
          focusToolbar();
          return true;
        },
      };
      for (const choice of BLOCK_CHOICES)
        shortcuts[choice.keys] = () => this.editor.commands.command(({ state, dispatch }) => setBlockChoice(choice.value)(state, dispatch));
      return shortcuts;
    },
  });
}

/** `pageLevel`: the level of the page's heading the draft's headings go under (the editor page's h1). */
export function editorExtensions(options: { focusToolbar?: () => void; pageLevel?: number } = {}): Extensions {
  return [...documentExtensions, BlockGuard, headingOutlineExtension(options.pageLevel ?? 1), draftKeymap(options.focusToolbar ?? (() => undefined))];
}
