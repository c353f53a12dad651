import { createHash } from "node:crypto";

/**
 * Folds Vietnamese text for matching: NFD, drop combining marks (so "hoà" and "hòa" are equal),
 * "đ" to "d", lower case, spaces collapsed.
 *
 * Fast path: a text made only of Latin letters (U+0000–U+024F, U+1E00–U+1EFF, the Vietnamese ones all
 * among them), combining marks (U+0300–U+036F) and whitespace is folded one character at a time from a
 * table that foldReference built, character by character, when this module loaded. That is the same
 * result: NFD decomposes each character on its own, marks are dropped whatever their order, and
 * lower-casing these characters depends on no neighbour (only Greek Σ does, outside the table). Any
 * other character sends the whole text through foldReference. tests/unit/text/fold.test.ts compares the
 * two on every pair of table characters.
 */
export function foldVietnamese(text: string): string {
  // One submission folds its text twice (the content hash, the syllables): the last one is kept.
  if (text === lastText) return lastFolded;
  const folded = fold(text);
  lastText = text;
  lastFolded = folded;
  return folded;
}

let lastText = "";
let lastFolded = "";

function fold(text: string): string {
  let out = "";
  let space = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const kind = code < TABLE_END ? KIND[code]! : UNKNOWN;
    if (kind === KEPT) {
      if (space) {
        if (out !== "") out += " ";
        space = false;
      }
      out += PIECE[code]!;
    } else if (kind === WHITESPACE) space = true;
    else if (kind === UNKNOWN) return foldReference(text);
    // DROPPED: a combining mark, nothing to write
  }
  return out;
}

/** foldVietnamese as first written (and still, for text outside the table): the definition. */
export function foldReference(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{M}+/gu, "")
    .replace(/[đĐ]/g, "d")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
}

const UNKNOWN = 0;
const KEPT = 1;
const WHITESPACE = 2;
const DROPPED = 3;
const TABLE_END = 0x1f00;
const KIND = new Uint8Array(TABLE_END);
const PIECE: string[] = new Array<string>(TABLE_END).fill("");

function inTable(code: number): boolean {
  return code < 0x250 || (code >= 0x300 && code < 0x370) || (code >= 0x1e00 && code < TABLE_END);
}

for (let code = 0; code < TABLE_END; code++) {
  if (!inTable(code)) continue;
  const char = String.fromCharCode(code);
  if (/^\s$/.test(char)) {
    KIND[code] = WHITESPACE;
    continue;
  }
  const piece = foldReference(char);
  if (piece === "") KIND[code] = DROPPED;
  else if (!/\s/.test(piece) && foldReference(`a${char}a`) === `a${piece}a`) {
    KIND[code] = KEPT;
    PIECE[code] = piece;
  }
}

/** The fingerprint of a comment's text used to spot identical resubmissions. */
export function contentHash(text: string): string {
  return createHash("sha256").update(foldVietnamese(text)).digest("base64url");
}
