import { foldVietnamese } from "~/text/fold.ts";
import { forEachSyllable } from "~/text/syllables.ts";
import { normalizeTonePlacement } from "~/text/tone.ts";
import { wordMemo } from "~/text/word-memo.ts";

/**
 * Vietnamese text analysis for search. A token is a syllable (app/text/syllables.ts, the tokenizer
 * moderation and reports use too) with two forms:
 * - `exact`: lower case, NFC, tone mark in the canonical place ("Hoà" → "hòa");
 * - `folded`: no diacritics, "đ" → "d", lower case ("Đại" → "dai").
 * `start`/`end` are UTF-16 offsets into the text as given (NFC or not), for highlighting.
 */
export interface Token {
  exact: string;
  folded: string;
  start: number;
  end: number;
}

export interface WordForms {
  exact: string;
  folded: string;
}

// Format characters (zero-width space, soft hyphen) are dropped inside a word, as normalizeText does on input.
const FORMAT_CHARACTERS = /\p{Cf}+/gu;
const HAS_FORMAT = /\p{Cf}/u;
const ASCII_LOWER_WORD = /^[a-z0-9]+$/;

/** The exact and folded forms of one word as typed. Empty forms for a word of format characters only. */
export const analyzeWord = wordMemo(analyze, 200_000);

// Words repeat: analyzeWord computes the analysis of each distinct spelling once (bounded: wordMemo).
function analyze(raw: string): WordForms {
  const word = HAS_FORMAT.test(raw) ? raw.replace(FORMAT_CHARACTERS, "") : raw;
  if (ASCII_LOWER_WORD.test(word)) return { exact: word, folded: word };
  const exact = normalizeTonePlacement(word.normalize("NFC").toLowerCase());
  return { exact, folded: foldVietnamese(exact) };
}

/** Calls `visit` for every word of `text`, in order, with its offsets; stops early when it returns false. */
export function forEachWord(text: string, visit: (forms: WordForms, start: number, end: number) => boolean | void): void {
  forEachSyllable(text, (written, start, end) => {
    const forms = analyzeWord(written);
    if (forms.folded === "") return true;
    return visit(forms, start, end);
  });
}

/** Every token of `text` with its offsets. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  forEachWord(text, (forms, start, end) => {
    tokens.push({ exact: forms.exact, folded: forms.folded, start, end });
  });
  return tokens;
}

/** Whether the word carries anything folding removes (a diacritic, "đ"): only then is "exact" a preference. */
export function hasDiacritics(forms: WordForms): boolean {
  return forms.exact !== forms.folded;
}
