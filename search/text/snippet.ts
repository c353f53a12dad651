import { tokenize, type Token } from "./analyze.ts";

/** About how long a snippet is, in characters of the text (marks and the escaping come on top). */
export const SNIPPET_CHARS = 240;
const ELLIPSIS = "…";
const HTML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char]);
}

/**
 * How a token matches the query: `key` names the query unit it matched (a window with more
 * different keys is better), `weight` how well (an exact spelling weighs more than a folded one).
 * Null: no match.
 */
export type TokenMatcher = (token: Token) => { key: string; weight: number } | null;

/**
 * The text HTML-escaped, with every matching word in <mark>…</mark>, cropped to about `maxChars`
 * around the region with the most different matched words, cut at word boundaries, "…" where cut.
 */
export function buildSnippet(text: string, match: TokenMatcher, maxChars = SNIPPET_CHARS): string {
  const tokens = tokenize(text);
  const matches: Array<{ token: Token; key: string; weight: number }> = [];
  for (const token of tokens) {
    const found = match(token);
    if (found) matches.push({ token, ...found });
  }
  let start = 0;
  let end = text.length;
  if (text.length > maxChars) {
    [start, end] = cropWindow(text, tokens, matches, maxChars);
  }
  let out = start > 0 ? ELLIPSIS : "";
  let cursor = start;
  for (const { token } of matches) {
    if (token.start < start || token.end > end) continue;
    out += escapeHtml(text.slice(cursor, token.start).normalize("NFC"));
    out += `<mark>${escapeHtml(text.slice(token.start, token.end).normalize("NFC"))}</mark>`;
    cursor = token.end;
  }
  out += escapeHtml(text.slice(cursor, end).normalize("NFC"));
  if (end < text.length) out += ELLIPSIS;
  return out;
}

function cropWindow(text: string, tokens: Token[], matches: Array<{ token: Token; key: string; weight: number }>, maxChars: number): [number, number] {
  let from = 0;
  if (matches.length > 0) {
    // Sliding window over the matches: the span of at most maxChars with the best distinct weight.
    const counts = new Map<string, number>();
    const weights = new Map<string, number>();
    let score = 0;
    let best = -1;
    let bestFirst = 0;
    let bestLast = 0;
    let left = 0;
    for (let right = 0; right < matches.length; right++) {
      const entering = matches[right];
      const count = counts.get(entering.key) ?? 0;
      counts.set(entering.key, count + 1);
      if (count === 0) {
        score += entering.weight;
        weights.set(entering.key, entering.weight);
      }
      while (entering.token.end - matches[left].token.start > maxChars) {
        const leaving = matches[left++];
        const remaining = counts.get(leaving.key)! - 1;
        counts.set(leaving.key, remaining);
        if (remaining === 0) score -= weights.get(leaving.key)!;
      }
      if (score > best) {
        best = score;
        bestFirst = matches[left].token.start;
        bestLast = entering.token.end;
      }
    }
    // Some context before the first match, the rest after.
    const lead = Math.min(60, Math.floor((maxChars - (bestLast - bestFirst)) / 2));
    from = Math.max(0, bestFirst - Math.max(0, lead));
  }
  // Start at a word's beginning, end at a word's end.
  let start = 0;
  if (from > 0) {
    const first = tokens.find((token) => token.start >= from);
    start = first ? first.start : from;
  }
  let end = Math.min(text.length, start + maxChars);
  if (end < text.length) {
    let lastEnd = start;
    for (const token of tokens) {
      if (token.end > end) break;
      if (token.end > start) lastEnd = token.end;
    }
    if (lastEnd > start) end = lastEnd;
  }
  if (start > 0 && text.length - start < maxChars) {
    // Near the end of the text: show a full window, ending with the text.
    const wanted = text.length - maxChars;
    const first = tokens.find((token) => token.start >= wanted);
    start = first ? first.start : start;
    end = text.length;
  }
  return [start, end];
}
