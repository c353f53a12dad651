// What changed between two published versions of a draft, block by block. Blocks are matched by their
// stable key (kept across versions when a block is kept or edited; ADR 038): a key in both versions is
// "kept" (same text) or "changed" (syllable-by-syllable diff, app/text/word-diff.ts), a key only in the
// newer one is "new", a key only in the older one "removed". Pure: the loader reads the Block rows.

import { textsDiffer, wordDiff, type DiffSegment } from "~/text/word-diff.ts";

export interface DiffBlock {
  key: string;
  label: string;
  text: string;
}

export type BlockChange =
  | { kind: "kept"; key: string; label: string }
  | { kind: "changed"; key: string; label: string; before: string; segments: DiffSegment[] }
  | { kind: "new"; key: string; label: string; text: string }
  | { kind: "removed"; key: string; label: string; text: string };

export interface ChangeCounts {
  changed: number;
  added: number;
  removed: number;
  kept: number;
}

/**
 * Every block of both versions in reading order: the newer version's blocks in its order, each removed
 * block right after the block that preceded it in the older version (or first, when nothing kept did).
 */
export function diffBlocks(from: DiffBlock[], to: DiffBlock[]): BlockChange[] {
  const before = new Map(from.map((b) => [b.key, b]));
  const after = new Set(to.map((b) => b.key));
  // Removed blocks, gathered under the nearest earlier block of the older version that is still there.
  const removedAfter = new Map<string | null, DiffBlock[]>();
  let anchor: string | null = null;
  for (const block of from) {
    if (after.has(block.key)) anchor = block.key;
    else removedAfter.set(anchor, [...(removedAfter.get(anchor) ?? []), block]);
  }
  const out: BlockChange[] = [];
  const pushRemoved = (at: string | null) => {
    for (const b of removedAfter.get(at) ?? []) out.push({ kind: "removed", key: b.key, label: b.label, text: b.text });
  };
  pushRemoved(null);
  for (const block of to) {
    const old = before.get(block.key);
    if (!old) out.push({ kind: "new", key: block.key, label: block.label, text: block.text });
    else if (textsDiffer(old.text, block.text))
      out.push({ kind: "changed", key: block.key, label: block.label, before: old.text, segments: wordDiff(old.text, block.text) });
    else out.push({ kind: "kept", key: block.key, label: block.label });
    if (old) pushRemoved(block.key);
  }
  return out;
}

export function countChanges(changes: BlockChange[]): ChangeCounts {
  const counts: ChangeCounts = { changed: 0, added: 0, removed: 0, kept: 0 };
  for (const c of changes) {
    if (c.kind === "changed") counts.changed++;
    else if (c.kind === "new") counts.added++;
    else if (c.kind === "removed") counts.removed++;
    else counts.kept++;
  }
  return counts;
}

/** A run of unchanged blocks, shown as "… 120 đoạn không đổi …"; `firstKey` is where it starts. */
export interface KeptRun {
  kind: "unchanged";
  count: number;
  firstKey: string;
}

export type ShownChange = Exclude<BlockChange, { kind: "kept" }> | KeptRun;

/** The changes with every run of kept blocks collapsed into one count. */
export function collapseKept(changes: BlockChange[]): ShownChange[] {
  const out: ShownChange[] = [];
  for (const c of changes) {
    if (c.kind !== "kept") {
      out.push(c);
      continue;
    }
    const last = out.at(-1);
    if (last?.kind === "unchanged") last.count++;
    else out.push({ kind: "unchanged", count: 1, firstKey: c.key });
  }
  return out;
}

/** The keys of the blocks that the newer version changed or added (for the "Đã sửa" marks on its page). */
export function changedKeys(changes: BlockChange[]): Set<string> {
  return new Set(changes.filter((c) => c.kind === "changed" || c.kind === "new").map((c) => c.key));
}

/**
 * The shown changes in pages of at most `perPage` changed, new or removed blocks each (the collapsed runs
 * between them ride along): a draft rewritten throughout is still read a page at a time. Never empty.
 */
export function paginateChanges(shown: ShownChange[], perPage: number): ShownChange[][] {
  const pages: ShownChange[][] = [[]];
  let onPage = 0;
  for (const item of shown) {
    if (item.kind !== "unchanged") {
      if (onPage === perPage) {
        pages.push([]);
        onPage = 0;
      }
      onPage++;
    }
    pages.at(-1)!.push(item);
  }
  return pages;
}
