import { comparableText } from "../document/changes.ts";
import { fingerprint, similarity, type Fingerprint } from "~/text/near-duplicate.ts";

// Matching the blocks of a revised document (e.g. a new .docx, whose block ids are all new) to the
// blocks of the version it revises, so a kept or edited paragraph keeps its old key and the comments
// attached to it (ADR 037). Three passes, each on what the previous left unmatched, one-to-one:
//   1. exact   — the same text (NFC, whitespace collapsed); repeated identical texts pair in order;
//   2. similar — Jaccard similarity of the folded syllable 3-gram sets (app/text/near-duplicate.ts)
//                at least SIMILAR_MIN_SCORE, best pairs first; candidates come from an inverted index
//                of the shingles, so the work grows with the shared shingles, not with n²;
//   3. outline — the same kind and number at the same place in the outline ("Điều 5" under
//                "Chương I"), then the same position between two matched neighbours.
// Whatever is left is new (the new block keeps its own id) or removed (the old key).

export interface MatchBlock {
  key: string;
  kind: string;
  number: string | null;
  /** Where the block is, "Chương I › Điều 5 › khoản 2" (BlockRow.label). */
  label: string;
  text: string;
}

export type MatchMethod = "exact" | "similar" | "outline" | "new";

export interface BlockMatch {
  /** The key the block will have: the old key when matched, else its own. */
  key: string;
  /** The block's own key in the document matched (the import's fresh id). */
  newKey: string;
  method: MatchMethod;
  oldKey?: string;
  /** Jaccard similarity with the old block (similar and outline matches). */
  score?: number;
}

export interface MatchReport {
  /** In the new document's order. */
  blocks: BlockMatch[];
  /** Old keys no new block took, in the old document's order. */
  removed: string[];
}

export interface MatchWork {
  /** Posting-list entries visited while counting shared shingles. */
  postings: number;
  /** Exact similarity computations. */
  comparisons: number;
}

/**
 * Jaccard similarity of the shingle sets from which two blocks are the same paragraph revised.
 * Measured (ADR 037): the 2025 revision of Điều 9 khoản 1 of the Constitution (Nghị quyết
 * 203/2025/QH15) against its 2013 text scores 0.54; among the 302 paragraphs of more than 12 words of
 * the 2013 Constitution, a paragraph's most similar *other* paragraph scores ≥ 0.4 for 6.6% of them
 * (≥ 0.35: 8.9%, ≥ 0.5: 2.3%; median 0.15), and those others are mostly matched exactly first.
 */
export const SIMILAR_MIN_SCORE = 0.4;
/** A shingle found in more old blocks than this ("của nhà nước") is no evidence; it is skipped. */
const COMMON_SHINGLE_BLOCKS = 32;
/** Candidates per new block whose similarity is computed exactly (those sharing the most shingles). */
const CANDIDATES_PER_BLOCK = 8;

export function matchBlocks(
  oldBlocks: readonly MatchBlock[],
  newBlocks: readonly MatchBlock[],
  work: MatchWork = { postings: 0, comparisons: 0 },
): MatchReport {
  /** newIndex → oldIndex. */
  const pairOf = new Int32Array(newBlocks.length).fill(-1);
  const oldTaken = new Uint8Array(oldBlocks.length);
  const method: (MatchMethod | undefined)[] = new Array(newBlocks.length);
  const score: (number | undefined)[] = new Array(newBlocks.length);
  const pair = (n: number, o: number, how: MatchMethod, s?: number) => {
    pairOf[n] = o;
    oldTaken[o] = 1;
    method[n] = how;
    score[n] = s;
  };

  // 1. Exact: a queue of old positions per text, taken in order.
  const byText = new Map<string, number[]>();
  oldBlocks.forEach((block, i) => {
    const text = comparableText(block.text);
    const queue = byText.get(text);
    if (queue) queue.push(i);
    else byText.set(text, [i]);
  });
  newBlocks.forEach((block, n) => {
    const queue = byText.get(comparableText(block.text));
    const o = queue?.shift();
    if (o !== undefined) pair(n, o, "exact", 1);
  });

  // 2. Similar: shingles of the unmatched old blocks in an inverted index.
  const oldPrints = new Map<number, Fingerprint>();
  const postings = new Map<number, number[]>();
  oldBlocks.forEach((block, o) => {
    if (oldTaken[o]) return;
    const print = fingerprint(block.text);
    oldPrints.set(o, print);
    for (const shingle of print.shingles) {
      const list = postings.get(shingle);
      if (list) list.push(o);
      else postings.set(shingle, [o]);
    }
  });
  const newPrints = new Map<number, Fingerprint>();
  const candidates: { n: number; o: number; score: number }[] = [];
  if (oldPrints.size > 0) {
    const shared = new Map<number, number>();
    newBlocks.forEach((block, n) => {
      if (pairOf[n] !== -1) return;
      const print = fingerprint(block.text);
      newPrints.set(n, print);
      shared.clear();
      for (const shingle of print.shingles) {
        const list = postings.get(shingle);
        if (!list || list.length > COMMON_SHINGLE_BLOCKS) continue;
        work.postings += list.length;
        for (const o of list) shared.set(o, (shared.get(o) ?? 0) + 1);
      }
      const best = [...shared].sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, CANDIDATES_PER_BLOCK);
      for (const [o] of best) {
        work.comparisons++;
        const s = similarity(print, oldPrints.get(o)!);
        if (s >= SIMILAR_MIN_SCORE) candidates.push({ n, o, score: s });
      }
    });
  }
  // Best pairs first; between equals, the pair whose places in the two documents are closest.
  candidates.sort((a, b) => b.score - a.score || Math.abs(a.n - a.o) - Math.abs(b.n - b.o) || a.n - b.n);
  for (const c of candidates) if (pairOf[c.n] === -1 && !oldTaken[c.o]) pair(c.n, c.o, "similar", c.score);

  // 3. Outline. a) The same kind, number and place: a numbered block's label names its parents.
  const outlineKey = (block: MatchBlock) => (block.number ? `${block.kind}\u0000${block.label}` : null);
  const byOutline = new Map<string, number[]>();
  oldBlocks.forEach((block, o) => {
    const key = oldTaken[o] ? null : outlineKey(block);
    if (!key) return;
    const queue = byOutline.get(key);
    if (queue) queue.push(o);
    else byOutline.set(key, [o]);
  });
  newBlocks.forEach((block, n) => {
    const key = pairOf[n] === -1 ? outlineKey(block) : null;
    const o = key ? byOutline.get(key)?.shift() : undefined;
    if (o !== undefined) pair(n, o, "outline", scoreOf(n, o));
  });

  // b) The same position between two matched neighbours: equal gaps pair in order, block kinds agreeing.
  let n = 0;
  let lastOld = -1;
  while (n <= newBlocks.length) {
    if (n < newBlocks.length && pairOf[n] === -1) {
      n++;
      continue;
    }
    const nextOld = n < newBlocks.length ? pairOf[n]! : oldBlocks.length;
    let start = n - 1;
    while (start >= 0 && pairOf[start] === -1) start--;
    const gapNew: number[] = [];
    for (let i = start + 1; i < n; i++) gapNew.push(i);
    if (gapNew.length > 0 && nextOld > lastOld) {
      const gapOld: number[] = [];
      for (let o = lastOld + 1; o < nextOld; o++) if (!oldTaken[o]) gapOld.push(o);
      if (gapOld.length === gapNew.length) {
        gapNew.forEach((i, k) => {
          const o = gapOld[k]!;
          if (newBlocks[i]!.kind === oldBlocks[o]!.kind) pair(i, o, "outline", scoreOf(i, o));
        });
      }
    }
    if (n < newBlocks.length) lastOld = pairOf[n]!;
    n++;
  }

  function scoreOf(n: number, o: number): number {
    work.comparisons++;
    return round(similarity(newPrints.get(n) ?? fingerprint(newBlocks[n]!.text), oldPrints.get(o) ?? fingerprint(oldBlocks[o]!.text)));
  }

  return {
    blocks: newBlocks.map((block, i) => {
      const o = pairOf[i]!;
      if (o === -1) return { key: block.key, newKey: block.key, method: "new" };
      const old = oldBlocks[o]!;
      return { key: old.key, newKey: block.key, method: method[i]!, oldKey: old.key, ...(score[i] !== undefined ? { score: round(score[i]!) } : {}) };
    }),
    removed: oldBlocks.filter((_, o) => !oldTaken[o]).map((block) => block.key),
  };
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

export interface MatchCounts {
  exact: number;
  similar: number;
  outline: number;
  new: number;
  removed: number;
}

export function matchCounts(report: MatchReport): MatchCounts {
  const counts: MatchCounts = { exact: 0, similar: 0, outline: 0, new: 0, removed: report.removed.length };
  for (const block of report.blocks) counts[block.method]++;
  return counts;
}
