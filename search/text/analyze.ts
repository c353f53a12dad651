import { foldVietnamese } from "~/comments/fold.ts";
import { normalizeTonePlacement } from "./tone.ts";

/**
 * Vietnamese text analysis for search. A token is a syllable (a run of letters, digits and
 * combining marks, the same unit as app/moderation/text/syllables.ts) with two forms:
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

// Marks belong to the word (an NFD "ạ" is two code points); format characters (zero-width space,
// soft hyphen) are dropped inside it, as normalizeText does on input.
const WORD = /[\p{L}\p{N}\p{M}\p{Cf}]+/gu;
const FORMAT_CHARACTERS = /\p{Cf}+/gu;
const HAS_FORMAT = /\p{Cf}/u;
const ASCII_LOWER_WORD = /^[a-z0-9]+$/;

// Words repeat: the analysis of each distinct spelling is computed once. Bounded so that hostile
// input cannot grow it without limit.
const CACHE_LIMIT = 200_000;
let cache = new Map<string, WordForms>();

/** The exact and folded forms of one word as typed. Empty forms for a word of format characters only. */
export function analyzeWord(raw: string): WordForms {
  let forms = cache.get(raw);
  if (forms) return forms;
  const word = HAS_FORMAT.test(raw) ? raw.replace(FORMAT_CHARACTERS, "") : raw;
  if (ASCII_LOWER_WORD.test(word)) {
    forms = { exact: word, folded: word };
  } else {
    const exact = normalizeTonePlacement(word.normalize("NFC").toLowerCase());
    forms = { exact, folded: foldVietnamese(exact) };
  }
  if (cache.size >= CACHE_LIMIT) cache = new Map();
  cache.set(raw, forms);
  return forms;
}

/** Calls `visit` for every word of `text`, in order, with its offsets; stops early when it returns false. */
export function forEachWord(text: string, visit: (forms: WordForms, start: number, end: number) => boolean | void): void {
  // A regex of its own per call: a visitor may analyse another text meanwhile.
  const word = new RegExp(WORD);
  for (let match = word.exec(text); match !== null; match = word.exec(text)) {
    const forms = analyzeWord(match[0]);
    if (forms.folded === "") continue;
    const start = match.index;
    if (visit(forms, start, start + match[0].length) === false) break;
  }
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
