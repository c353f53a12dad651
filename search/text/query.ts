import { forEachWord, hasDiacritics, type WordForms } from "./analyze.ts";

/**
 * What a person typed, as search units: single words and phrases (words between double quotes,
 * straight or curly). Engine-neutral: the embedded engine evaluates it, another engine may use it to
 * build its own query.
 */
export interface QueryWord extends WordForms {
  /** The word carries diacritics (or "đ"): documents with the same spelling rank first. */
  accented: boolean;
}

export interface QueryUnit {
  words: QueryWord[];
  /** Words between quotes, to be found next to each other in this order. */
  phrase: boolean;
  /** The last word, typed without a space after it: it may be the beginning of a longer word. */
  prefix: boolean;
}

/** Longer input is cut here before anything else (the caller already limits it; this guards direct calls). */
export const MAX_QUERY_CHARS = 2_000;
/** Words beyond this many are ignored: no one types more, and each word costs a posting-list scan. */
export const MAX_QUERY_WORDS = 32;

const QUOTES = /["“”„]/;
const ENDS_IN_WORD = /[\p{L}\p{N}\p{M}]$/u;

export function parseQuery(input: string): QueryUnit[] {
  const text = typeof input === "string" ? input.slice(0, MAX_QUERY_CHARS) : "";
  const segments = text.split(QUOTES);
  // An unclosed quote: the text after it is plain words.
  const closed = segments.length % 2 === 1 ? segments.length : segments.length - 1;
  const units: QueryUnit[] = [];
  const seenWords = new Set<string>();
  let budget = MAX_QUERY_WORDS;
  for (let i = 0; i < segments.length && budget > 0; i++) {
    const words = wordsOf(segments[i], budget);
    budget -= words.length;
    if (i % 2 === 1 && i < closed && words.length > 1) {
      units.push({ words, phrase: true, prefix: false });
      continue;
    }
    for (const word of words) {
      if (seenWords.has(word.exact)) continue;
      seenWords.add(word.exact);
      units.push({ words: [word], phrase: false, prefix: false });
    }
  }
  const last = units.at(-1);
  if (last && !last.phrase && budget > 0 && ENDS_IN_WORD.test(text)) last.prefix = true;
  return units;
}

function wordsOf(segment: string, budget: number): QueryWord[] {
  const words: QueryWord[] = [];
  forEachWord(segment, (forms) => {
    words.push({ ...forms, accented: hasDiacritics(forms) });
    return words.length < budget;
  });
  return words;
}
