import { wordMemo } from "./word-memo.ts";

/**
 * One place for the tone mark of a Vietnamese syllable, so that "hoà" (tone on the last vowel, the
 * style many keyboards type) and "hòa" (tone on the first, the style of the official texts in the
 * corpus) are the same word also when diacritics are compared exactly.
 *
 * The canonical style is the traditional one the drafts use: in an open syllable of two vowels the
 * tone sits on the first ("hòa", "khỏe", "thủy", "của"); with a final consonant on the last ("hoàn",
 * "toán"); on the vowel with a quality mark when there is one ("người", "tiến", "cứu"); in three
 * vowels on the middle one ("ngoài", "khuỷu").
 */

const TONE_MARKS = new Set(["\u0300", "\u0301", "\u0303", "\u0309", "\u0323"]);
const QUALITY_MARKS = new Set(["\u0302", "\u0306", "\u031b"]);
const VOWELS = new Set(["a", "e", "i", "o", "u", "y"]);
// A syllable with a tone is a handful of letters; anything longer is not a Vietnamese syllable.
const MAX_SYLLABLE_LETTERS = 8;

interface Letter {
  base: string;
  quality: string;
}

/**
 * The syllable (lower case) with its tone mark moved to the canonical vowel, in NFC. Words that are
 * not a single Vietnamese syllable with one tone (no tone, two tones, digits, foreign letters in odd
 * places) come back NFC and otherwise unchanged.
 */
export const normalizeTonePlacement = wordMemo(placeTone, 100_000, 24);

function placeTone(word: string): string {
  const decomposed = word.normalize("NFD");
  const letters: Letter[] = [];
  let tone = "";
  let currentToneLetter = -1;
  for (const char of decomposed) {
    if (TONE_MARKS.has(char)) {
      if (tone !== "" || letters.length === 0) return word.normalize("NFC");
      tone = char;
      currentToneLetter = letters.length - 1;
    } else if (QUALITY_MARKS.has(char)) {
      const last = letters.at(-1);
      if (!last || last.quality !== "") return word.normalize("NFC");
      last.quality = char;
    } else {
      letters.push({ base: char, quality: "" });
    }
  }
  if (tone === "" || letters.length > MAX_SYLLABLE_LETTERS) return word.normalize("NFC");
  const target = toneTarget(letters);
  if (target === -1 || target === currentToneLetter) return word.normalize("NFC");
  let out = "";
  for (let i = 0; i < letters.length; i++) out += letters[i].base + letters[i].quality + (i === target ? tone : "");
  return out.normalize("NFC");
}

/** The index of the letter that carries the tone in the canonical style, or -1 when unsure. */
function toneTarget(letters: Letter[]): number {
  let start = 0;
  while (start < letters.length && !VOWELS.has(letters[start].base)) start++;
  if (start === letters.length) return -1;
  // "qu" and "gi" before another vowel are consonants: "quá", "giá".
  const previous = start > 0 ? letters[start - 1].base : "";
  const nextIsVowel = start + 1 < letters.length && VOWELS.has(letters[start + 1].base);
  if (
    nextIsVowel &&
    ((previous === "q" && letters[start].base === "u") || (previous === "g" && letters[start].base === "i" && letters[start].quality === ""))
  ) {
    start++;
  }
  let end = start;
  while (end < letters.length && VOWELS.has(letters[end].base)) end++;
  // Letters after the vowels must all be consonants; otherwise this is not one syllable.
  for (let i = end; i < letters.length; i++) if (VOWELS.has(letters[i].base)) return -1;
  const length = end - start;
  if (length > 3) return -1;
  for (let i = end - 1; i >= start; i--) if (letters[i].quality !== "") return i;
  if (length === 1) return start;
  if (end < letters.length) return end - 1;
  return length === 3 ? start + 1 : start;
}
