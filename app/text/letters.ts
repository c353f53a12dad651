/**
 * Unicode categories of characters without a regex per text: letters (\p{L}, \p{Lu}, \p{Ll}), digits
 * (\p{N}), marks (\p{M}) and format characters (\p{Cf}). A character of the Basic Multilingual Plane
 * is classified once (by the same Unicode property regexes) and remembered in a table; a character
 * outside it (a surrogate pair) is asked each time. A lone surrogate is in no category, as for the
 * regexes with the "u" flag.
 */

export const LETTER = 2;
const UPPER = 4;
const LOWER = 8;
export const NUMBER = 16;
export const MARK = 32;
export const FORMAT = 64;
const KNOWN = 1;
/** Not a category: the code point is a surrogate pair (two UTF-16 units). */
const PAIR = 128;
const CLASSES = new Uint8Array(0x10000);

const IS_LETTER = /^\p{L}$/u;
const IS_UPPER = /^\p{Lu}$/u;
const IS_LOWER = /^\p{Ll}$/u;
const IS_NUMBER = /^\p{N}$/u;
const IS_MARK = /^\p{M}$/u;
const IS_FORMAT = /^\p{Cf}$/u;

function classify(char: string): number {
  return (
    KNOWN |
    (IS_LETTER.test(char) ? LETTER : 0) |
    (IS_UPPER.test(char) ? UPPER : 0) |
    (IS_LOWER.test(char) ? LOWER : 0) |
    (IS_NUMBER.test(char) ? NUMBER : 0) |
    (IS_MARK.test(char) ? MARK : 0) |
    (IS_FORMAT.test(char) ? FORMAT : 0)
  );
}

/** The category bits of the code point at `i` (a high surrogate followed by a low one: the pair). */
function classAt(text: string, i: number, code: number): number {
  if (code >= 0xd800 && code <= 0xdfff) {
    if (code <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) return classify(text.slice(i, i + 2)) | PAIR;
    }
    return KNOWN;
  }
  let bits = CLASSES[code]!;
  if (bits === 0) bits = CLASSES[code] = classify(String.fromCharCode(code));
  return bits;
}

export interface LetterCounts {
  /** \p{L} */
  letters: number;
  /** \p{Lu} */
  upper: number;
  /** \p{Ll} */
  lower: number;
}

/** What /\p{L}/gu, /\p{Lu}/gu and /\p{Ll}/gu would count, in one pass. */
export function countLetters(text: string): LetterCounts {
  let letters = 0;
  let upper = 0;
  let lower = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const bits = classAt(text, i, code);
    if (bits & PAIR) i++;
    if (bits & LETTER) letters++;
    if (bits & UPPER) upper++;
    if (bits & LOWER) lower++;
  }
  return { letters, upper, lower };
}

/** Whether `text` has a letter (\p{L}). */
export function hasLetter(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const bits = classAt(text, i, code);
    if (bits & LETTER) return true;
    if (bits & PAIR) i++;
  }
  return false;
}

/**
 * Calls `visit` for every maximal run of characters in one of the categories of `mask` (LETTER,
 * NUMBER, MARK, FORMAT), with its UTF-16 offsets: what /[\p{L}\p{N}…]+/gu would match, in order. Stops
 * when `visit` returns false.
 */
export function forEachRun(text: string, mask: number, visit: (start: number, end: number) => boolean | void): void {
  let start = -1;
  const length = text.length;
  for (let i = 0; i < length; i++) {
    const code = text.charCodeAt(i);
    // Surrogates are never in the table (0): the slow path, which reads the pair.
    let bits = CLASSES[code]!;
    if (bits === 0) {
      bits = classAt(text, i, code);
      if (bits & PAIR) i++;
    }
    if ((bits & mask) !== 0) {
      if (start === -1) start = bits & PAIR ? i - 1 : i;
    } else if (start !== -1) {
      if (visit(start, bits & PAIR ? i - 1 : i) === false) return;
      start = -1;
    }
  }
  if (start !== -1) visit(start, length);
}

/** The runs of forEachRun as strings: what text.match(/[…]+/gu) ?? [] gives. */
export function runs(text: string, mask: number): string[] {
  const found: string[] = [];
  forEachRun(text, mask, (start, end) => {
    found.push(text.slice(start, end));
  });
  return found;
}
