// What changed between two texts, syllable by syllable (Vietnamese writes one syllable per word
// token). Used for a revised paragraph (old version → new version), a proposal beside the original,
// and a near-duplicate beside its group's representative.
//
// Tokens are syllables (letters and digits, with the marks inside them) and single punctuation
// characters; the spaces after a token belong to it, so joining the segments gives back each text
// exactly. Tokens are compared in NFC, with the tone mark placed the same way ("hoà" = "hòa").
// The diff is Myers' O(ND) algorithm on the tokens left after the common prefix and suffix.

import { normalizeTonePlacement } from "./tone.ts";

export type DiffKind = "same" | "ins" | "del";

export interface DiffSegment {
  kind: DiffKind;
  text: string;
}

interface Token {
  /** As written, with the spaces after it. */
  text: string;
  /** What two tokens are compared by. */
  key: string;
}

const TOKEN = /[\p{L}\p{M}\p{N}]+|[^\s\p{L}\p{M}\p{N}]/gu;

/** The tokens of a text; leading spaces, if any, are a token of their own (key ""). */
export function diffTokens(text: string): Token[] {
  const s = text.normalize("NFC");
  const tokens: Token[] = [];
  let last = 0;
  for (const match of s.matchAll(TOKEN)) {
    const start = match.index;
    if (start > last) {
      if (tokens.length) tokens[tokens.length - 1].text += s.slice(last, start);
      else tokens.push({ text: s.slice(last, start), key: "" });
    }
    tokens.push({ text: match[0], key: tokenKey(match[0]) });
    last = start + match[0].length;
  }
  if (last < s.length) {
    if (tokens.length) tokens[tokens.length - 1].text += s.slice(last);
    else tokens.push({ text: s.slice(last), key: "" });
  }
  return tokens;
}

/** The syllable with its tone placed canonically, and which of its letters are capitals (a change of case is a change). */
function tokenKey(token: string): string {
  const lower = token.toLowerCase();
  if (lower === token) return normalizeTonePlacement(token);
  let capitals = "";
  for (const char of token) capitals += char === char.toLowerCase() ? "." : "^";
  return `${normalizeTonePlacement(lower)}\u0000${capitals}`;
}

/** Beyond this many edits between two texts, the changed middle is shown as one deletion and one insertion. */
export const MAX_EDITS = 2000;

/**
 * The segments that turn `before` into `after`: "same" text (as written in `after`), "del" (only in
 * `before`), "ins" (only in `after`). Adjacent segments of one kind are merged; a deletion comes before
 * the insertion that replaces it.
 */
export function wordDiff(before: string, after: string): DiffSegment[] {
  const a = diffTokens(before);
  const b = diffTokens(after);
  let start = 0;
  while (start < a.length && start < b.length && a[start].key === b[start].key) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1].key === b[endB - 1].key) {
    endA--;
    endB--;
  }
  const out: DiffSegment[] = [];
  const push = (kind: DiffKind, text: string) => {
    if (!text) return;
    const prev = out[out.length - 1];
    if (prev && prev.kind === kind) prev.text += text;
    else out.push({ kind, text });
  };
  for (let i = 0; i < start; i++) push("same", b[i].text);
  const script = middleScript(a.slice(start, endA), b.slice(start, endB));
  for (const [kind, token] of script) push(kind, token.text);
  for (let i = endB; i < b.length; i++) push("same", b[i].text);
  return orderReplacements(out);
}

/** True when the two texts differ in more than spacing (a paragraph that was not changed in substance). */
export function textsDiffer(before: string, after: string): boolean {
  const a = diffTokens(before);
  const b = diffTokens(after);
  return a.length !== b.length || a.some((t, i) => t.key !== b[i].key);
}

/** How many tokens were inserted and deleted. */
export function diffStats(segments: DiffSegment[]): { inserted: number; deleted: number } {
  let inserted = 0;
  let deleted = 0;
  for (const s of segments) {
    if (s.kind === "same") continue;
    const n = diffTokens(s.text).filter((t) => t.key !== "").length;
    if (s.kind === "ins") inserted += n;
    else deleted += n;
  }
  return { inserted, deleted };
}

type Step = [DiffKind, Token];

/** Myers' greedy forward algorithm with the trace kept, then walked back. */
function middleScript(a: Token[], b: Token[]): Step[] {
  const n = a.length;
  const m = b.length;
  if (n === 0) return b.map((t) => ["ins", t] as Step);
  if (m === 0) return a.map((t) => ["del", t] as Step);
  const max = Math.min(n + m, MAX_EDITS);
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  let found = -1;
  for (let d = 0; d <= max && found < 0; d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1] < v[offset + k + 1]) ? v[offset + k + 1] : v[offset + k - 1] + 1;
      let y = x - k;
      while (x < n && y < m && a[x].key === b[y].key) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) {
        found = d;
        break;
      }
    }
  }
  if (found < 0) return [...a.map((t) => ["del", t] as Step), ...b.map((t) => ["ins", t] as Step)];
  const steps: Step[] = [];
  let x = n;
  let y = m;
  for (let d = found; d > 0; d--) {
    const prev = trace[d];
    const k = x - y;
    const down = k === -d || (k !== d && prev[offset + k - 1] < prev[offset + k + 1]);
    const prevK = down ? k + 1 : k - 1;
    const prevX = prev[offset + prevK];
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      x--;
      steps.push(["same", b[--y]]);
    }
    if (down) steps.push(["ins", b[--y]]);
    else steps.push(["del", a[--x]]);
  }
  while (x > 0 && y > 0) {
    x--;
    steps.push(["same", b[--y]]);
  }
  return steps.reverse();
}

/** Within each run of changes, deletions first, then insertions: "<del>cũ</del><ins>mới</ins>". */
function orderReplacements(segments: DiffSegment[]): DiffSegment[] {
  const out: DiffSegment[] = [];
  let i = 0;
  while (i < segments.length) {
    if (segments[i].kind === "same") {
      out.push(segments[i++]);
      continue;
    }
    let del = "";
    let ins = "";
    while (i < segments.length && segments[i].kind !== "same") {
      if (segments[i].kind === "del") del += segments[i].text;
      else ins += segments[i].text;
      i++;
    }
    if (del) out.push({ kind: "del", text: del });
    if (ins) out.push({ kind: "ins", text: ins });
  }
  return out;
}
