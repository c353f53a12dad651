import { foldVietnamese } from "./fold.ts";
import { FORMAT, LETTER, MARK, NUMBER, forEachRun, runs } from "./letters.ts";

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

// With the format characters, so that offsets into the text as given stay right: /[\p{L}\p{N}\p{M}\p{Cf}]+/gu,
// scanned by app/text/letters.ts.
const SYLLABLE = LETTER | NUMBER | MARK | FORMAT;
const HAS_FORMAT = /\p{Cf}/u;
const FORMAT_CHARACTERS = /\p{Cf}+/gu;

/**
 * The last few texts cut, with their syllables: one submission cuts its text for the flags, the
 * profanity matcher and the fingerprint, one after the other. Callers get a copy (they may change it).
 */
class Recent {
  private texts: string[] = [];
  private results: string[][] = [];
  constructor(private readonly cut: (text: string) => string[]) {}

  get(text: string): string[] {
    const at = this.texts.indexOf(text);
    if (at !== -1) return this.results[at]!;
    const result = this.cut(text);
    if (this.texts.length >= RECENT_TEXTS) {
      this.texts.pop();
      this.results.pop();
    }
    this.texts.unshift(text);
    this.results.unshift(result);
    return result;
  }
}

const RECENT_TEXTS = 4;

const recentFolded = new Recent((text) => {
  // The runs of letters and digits: what split(/[^\p{L}\p{N}]+/u) leaves once the empty ends are dropped.
  return runs(foldVietnamese(HAS_FORMAT.test(text) ? text.replace(FORMAT_CHARACTERS, "") : text), LETTER | NUMBER);
});

const recentLower = new Recent((text) => {
  const lower = (HAS_FORMAT.test(text) ? text.replace(FORMAT_CHARACTERS, "") : text).normalize("NFC").toLowerCase();
  // Marks count as part of the word: a mark NFC could not compose must not split a syllable.
  return runs(lower, LETTER | NUMBER | MARK);
});

/** Folded syllables (foldVietnamese: no marks, "đ" → "d", lower case): "Hoà bình!" → ["hoa", "binh"]. */
export function foldedSyllables(text: string): string[] {
  return recentFolded.get(text).slice();
}

/** Lower-case syllables that keep their diacritics, in NFC: "ĐÉO biết" → ["đéo", "biết"]. */
export function lowerSyllables(text: string): string[] {
  return recentLower.get(text).slice();
}

/** foldedSyllables without the copy, for callers that only read it (the profanity matcher, the fingerprint). */
export function sharedFoldedSyllables(text: string): readonly string[] {
  return recentFolded.get(text);
}

/** lowerSyllables without the copy, for callers that only read it (the flags, the profanity matcher, the fingerprint). */
export function sharedLowerSyllables(text: string): readonly string[] {
  return recentLower.get(text);
}

/**
 * Calls `visit` for every syllable of `text` as written (format characters still in it), in order,
 * with its UTF-16 offsets into `text`; stops early when `visit` returns false.
 */
export function forEachSyllable(text: string, visit: (written: string, start: number, end: number) => boolean | void): void {
  forEachRun(text, SYLLABLE, (start, end) => visit(text.slice(start, end), start, end));
}

/** The syllables of `text` as written, without format characters: "Hoà bình!" → ["Hoà", "bình"]. */
export function writtenSyllables(text: string): string[] {
  const syllables = runs(text, SYLLABLE);
  if (!HAS_FORMAT.test(text)) return syllables;
  return syllables.map((s) => s.replace(FORMAT_CHARACTERS, "")).filter((s) => s !== "");
}
