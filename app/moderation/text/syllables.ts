import { foldVietnamese } from "~/comments/fold.ts";

/**
 * Syllable streams shared by the near-duplicate fingerprint, the profanity matcher and the flags.
 *
 * A "syllable" is a maximal run of letters and digits: Vietnamese writes one syllable per
 * space-separated word, and every other character (spaces, punctuation, symbols, emoji) separates.
 * Format characters (zero-width space/joiner, soft hyphen, BOM, bidi controls) are dropped first so
 * that "ph\u200Bát" stays one syllable; stored text has already lost them (normalizeText), this only
 * guards direct callers.
 */

const FORMAT_CHARACTERS = /\p{Cf}+/gu;
const NOT_LETTER_OR_DIGIT = /[^\p{L}\p{N}]+/u;
// Folded Vietnamese is almost always plain ASCII, where a non-Unicode split does the same, faster.
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

function splitSyllables(text: string, separator: RegExp): string[] {
  const parts = text.split(separator);
  // split() leaves an empty string at either end when the text starts or ends with a separator.
  if (parts.length > 0 && parts[0] === "") parts.shift();
  if (parts.length > 0 && parts[parts.length - 1] === "") parts.pop();
  return parts;
}
