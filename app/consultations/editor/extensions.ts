import { Extension, type Extensions } from "@tiptap/core";
import type { Node as PmNode } from "@tiptap/pm/model";
import { Plugin, PluginKey, type Transaction } from "@tiptap/pm/state";
import { Mapping } from "@tiptap/pm/transform";
import { documentExtensions, newBlockId } from "../document/extensions";
import { BLOCK_CHOICES, setBlockChoice } from "./block-kinds";

// The browser editor's extensions: THE document extension set (same schema as the importer and the
// publish step) plus two that change no schema: a guard on block identity and the keyboard shortcuts.

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

export function editorExtensions(options: { focusToolbar?: () => void } = {}): Extensions {
  return [...documentExtensions, BlockGuard, draftKeymap(options.focusToolbar ?? (() => undefined))];
}
