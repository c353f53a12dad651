/**
 * Letter counts by Unicode category without a regex match array per text: /\p{L}/gu, /\p{Lu}/gu and
 * /\p{Ll}/gu counted in one pass. A character of the Basic Multilingual Plane is classified once (by
 * those same regexes) and remembered in a table; a character outside it (a surrogate pair) is asked
 * each time. Lone surrogates are no letter, as for the regexes.
 */

const KNOWN = 1;
const LETTER = 2;
const UPPER = 4;
const LOWER = 8;
const CLASSES = new Uint8Array(0x10000);

const IS_LETTER = /^\p{L}$/u;
const IS_UPPER = /^\p{Lu}$/u;
const IS_LOWER = /^\p{Ll}$/u;

function classify(char: string): number {
  return KNOWN | (IS_LETTER.test(char) ? LETTER : 0) | (IS_UPPER.test(char) ? UPPER : 0) | (IS_LOWER.test(char) ? LOWER : 0);
}

export interface LetterCounts {
  /** \p{L} */
  letters: number;
  /** \p{Lu} */
  upper: number;
  /** \p{Ll} */
  lower: number;
}

export function countLetters(text: string): LetterCounts {
  let letters = 0;
  let upper = 0;
  let lower = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    let bits: number;
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        bits = classify(text.slice(i, i + 2));
        i++;
      } else bits = KNOWN;
    } else {
      bits = CLASSES[code]!;
      if (bits === 0) bits = CLASSES[code] = code >= 0xd800 && code <= 0xdfff ? KNOWN : classify(String.fromCharCode(code));
    }
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
    if (code >= 0xd800 && code <= 0xdfff) return countLetters(text.slice(i)).letters > 0;
    let bits = CLASSES[code]!;
    if (bits === 0) bits = CLASSES[code] = classify(String.fromCharCode(code));
    if (bits & LETTER) return true;
  }
  return false;
}
