import { foldVietnamese } from "./fold.ts";

/**
 * The one Vietnamese tokenizer: search, the moderation flags, the profanity matcher, the
 * near-duplicate shingles and the key phrases of reports all cut text into syllables here.
 *
 * A "syllable" is a maximal run of letters, digits and combining marks: Vietnamese writes one
 * syllable per space-separated word, and every other character (spaces, punctuation, symbols, emoji)
 * separates. Format characters (zero-width space/joiner, soft hyphen, BOM, bidi controls) belong to
 * the syllable they sit in and are dropped from it, so that "ph\u200Bát" stays one syllable; stored
 * text has already lost them (normalizeText), this only guards direct callers.
 */

// With the format characters, so that offsets into the text as given stay right.
const SYLLABLE = /[\p{L}\p{N}\p{M}\p{Cf}]+/gu;
const HAS_FORMAT = /\p{Cf}/u;

const FORMAT_CHARACTERS = /\p{Cf}+/gu;
const NOT_LETTER_OR_DIGIT = /[^\p{L}\p{N}]+/u;
// Folded Vietnamese is almost always plain ASCII, where a non-Unicode split does the same, faster.
// eslint-disable-next-line no-control-regex -- the whole ASCII range, which starts with the control characters
const NON_ASCII = /[^\x00-\x7f]/;
const NOT_ASCII_LETTER_OR_DIGIT = /[^a-z0-9]+/;
const NOT_LETTER_DIGIT_OR_MARK = /[^\p{L}\p{N}\p{M}]+/u;

/** Folded syllables (foldVietnamese: no marks, "đ" → "d", lower case): "Hoà bình!" → ["hoa", "binh"]. */
export function foldedSyllables(text: string): string[] {
  const folded = foldVietnamese(text.replace(FORMAT_CHARACTERS, ""));
  // foldVietnamese lower-cases, so an ASCII-only result has no A-Z left.
  return splitSyllables(folded, NON_ASCII.test(folded) ? NOT_LETTER_OR_DIGIT : NOT_ASCII_LETTER_OR_DIGIT);
}

/** Lower-case syllables that keep their diacritics, in NFC: "ĐÉO biết" → ["đéo", "biết"]. */
export function lowerSyllables(text: string): string[] {
  const lower = text.replace(FORMAT_CHARACTERS, "").normalize("NFC").toLowerCase();
  // Marks count as part of the word: a mark NFC could not compose must not split a syllable.
  return splitSyllables(lower, NOT_LETTER_DIGIT_OR_MARK);
}

/**
 * Calls `visit` for every syllable of `text` as written (format characters still in it), in order,
 * with its UTF-16 offsets into `text`; stops early when `visit` returns false.
 */
export function forEachSyllable(text: string, visit: (written: string, start: number, end: number) => boolean | void): void {
  // A regex of its own per call: a visitor may cut another text meanwhile.
  const syllable = new RegExp(SYLLABLE);
  for (let match = syllable.exec(text); match !== null; match = syllable.exec(text)) {
    if (visit(match[0], match.index, match.index + match[0].length) === false) break;
  }
}

/** The syllables of `text` as written, without format characters: "Hoà bình!" → ["Hoà", "bình"]. */
export function writtenSyllables(text: string): string[] {
  const syllables = text.match(SYLLABLE) ?? [];
  if (!HAS_FORMAT.test(text)) return syllables;
  return syllables.map((s) => s.replace(FORMAT_CHARACTERS, "")).filter((s) => s !== "");
}

function splitSyllables(text: string, separator: RegExp): string[] {
  const parts = text.split(separator);
  // split() leaves an empty string at either end when the text starts or ends with a separator.
  if (parts.length > 0 && parts[0] === "") parts.shift();
  if (parts.length > 0 && parts[parts.length - 1] === "") parts.pop();
  return parts;
}
