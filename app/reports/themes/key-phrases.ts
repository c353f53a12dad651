import { foldVietnamese } from "~/text/fold.ts";
import { writtenSyllables } from "~/text/syllables.ts";
import { runSteps, STEP_ITEMS, type Steps } from "./steps.ts";
import { STOP_PHRASES, STOP_SYLLABLES } from "./stop-words.ts";

/**
 * The most frequent key phrases of a set of opinions. Vietnamese writes one syllable per space and
 * most words are two syllables ("chuyển đổi", "môi trường"), so a key phrase is a syllable 2-gram or
 * 3-gram, never a single syllable. Phrases are counted folded (no marks, "đ" → "d", lower case), so
 * "hoà bình", "hòa bình" and "hoa binh" are one phrase, and shown in their most common written form.
 *
 * - Text is cut at punctuation first: a phrase never spans two clauses.
 * - A phrase contains no stop syllable and no syllable of a stop phrase (stop-words.ts), and no
 *   number alone.
 * - Each opinion counts a phrase once, whatever it repeats.
 * - A 2-gram mostly seen inside a kept 3-gram is dropped (the 3-gram says more); two 3-grams that
 *   overlap by two syllables with close counts ("chỉ tiêu đo" / "tiêu đo lường") are pieces of one
 *   longer phrase and are shown joined ("chỉ tiêu đo lường"), with the smaller count.
 */

export interface KeyPhrase {
  /** The folded phrase, the key phrases are counted by. */
  key: string;
  /** The most common written form. */
  text: string;
  /** Number of opinions that contain it. */
  count: number;
  syllables: number;
}

export interface KeyPhraseOptions {
  limit?: number;
  minCount?: number;
}

/** Share of a 2-gram's count that, inside one kept 3-gram, makes the 2-gram redundant. */
const CONTAINED_SHARE = 0.7;

const CLAUSE_BREAK = /[.,;:!?…()[\]{}"“”‘’'«»\n\r\t/\\|–—]+|\s-\s/u;

/** Stop phrases by their first syllable. */
const stopPhrases = new Map<string, string[][]>();
for (const phrase of STOP_PHRASES) {
  const syllables = phrase.split(" ");
  stopPhrases.set(syllables[0]!, [...(stopPhrases.get(syllables[0]!) ?? []), syllables]);
}

interface Token {
  written: string;
  lower: string;
  folded: string;
  stop: boolean;
  number: boolean;
}

/** Folding is the costly step and syllables repeat endlessly: each distinct one is folded once. */
const foldedSyllables = new Map<string, string>();
function fold(lower: string): string {
  let folded = foldedSyllables.get(lower);
  if (folded === undefined) {
    folded = foldVietnamese(lower);
    if (foldedSyllables.size > 50_000) foldedSyllables.clear();
    foldedSyllables.set(lower, folded);
  }
  return folded;
}

/** The clauses of a text as tokens, with stop syllables and stop-phrase syllables marked. */
export function tokenize(text: string): Token[][] {
  const clauses: Token[][] = [];
  for (const clause of text.normalize("NFC").split(CLAUSE_BREAK)) {
    const words = writtenSyllables(clause);
    if (words.length === 0) continue;
    const tokens = words.map((written) => {
      const lower = written.toLowerCase();
      return { written, lower, folded: fold(lower), stop: STOP_SYLLABLES.has(lower), number: /^\p{N}+$/u.test(written) };
    });
    markStopPhrases(tokens);
    clauses.push(tokens);
  }
  return clauses;
}

function markStopPhrases(tokens: Token[]) {
  for (let i = 0; i < tokens.length; i++) {
    for (const phrase of stopPhrases.get(tokens[i]!.lower) ?? []) {
      if (i + phrase.length > tokens.length) continue;
      if (phrase.every((syllable, k) => tokens[i + k]!.lower === syllable)) {
        for (let k = 0; k < phrase.length; k++) tokens[i + k]!.stop = true;
      }
    }
  }
}

/** The distinct candidate phrases of one text: folded key → written form. */
export function phrasesOf(text: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const tokens of tokenize(text)) {
    for (const n of [2, 3]) {
      for (let i = 0; i + n <= tokens.length; i++) {
        const window = tokens.slice(i, i + n);
        if (window.some((t) => t.stop || t.number)) continue;
        const key = window.map((t) => t.folded).join(" ");
        if (!found.has(key)) found.set(key, window.map((t) => t.written).join(" "));
      }
    }
  }
  return found;
}

/** The key phrases of the texts, most frequent first. */
export function keyPhrases(texts: Iterable<string>, options: KeyPhraseOptions = {}): KeyPhrase[] {
  return runSteps(keyPhraseSteps(texts, options));
}

/** keyPhrases, yielding every STEP_ITEMS texts (see steps.ts). */
export function* keyPhraseSteps(texts: Iterable<string>, { limit = 15, minCount = 2 }: KeyPhraseOptions = {}): Steps<KeyPhrase[]> {
  const counts = new Map<string, { count: number; forms: Map<string, number>; syllables: number }>();
  let seen = 0;
  for (const text of texts) {
    if (++seen % STEP_ITEMS === 0) yield;
    for (const [key, written] of phrasesOf(text)) {
      let entry = counts.get(key);
      if (!entry) counts.set(key, (entry = { count: 0, forms: new Map(), syllables: key.split(" ").length }));
      entry.count++;
      entry.forms.set(written, (entry.forms.get(written) ?? 0) + 1);
    }
  }
  const candidates = [...counts]
    .filter(([, e]) => e.count >= minCount)
    .sort(([ka, a], [kb, b]) => b.count - a.count || b.syllables - a.syllables || ka.localeCompare(kb));

  // For each 2-gram, the count of the most frequent 3-gram it starts or ends (one pass, not one per 2-gram).
  const inTrigram = new Map<string, number>();
  for (const [key, entry] of candidates) {
    if (entry.syllables !== 3) continue;
    const [a, b, c] = key.split(" ");
    for (const part of [`${a} ${b}`, `${b} ${c}`]) inTrigram.set(part, Math.max(inTrigram.get(part) ?? 0, entry.count));
  }
  const kept: KeyPhrase[] = [];
  /** Kept 3-grams (and the longer phrases they grew into), with their folded syllables. */
  const chains: { phrase: KeyPhrase; words: string[]; counts: number }[] = [];
  for (const [key, entry] of candidates) {
    if (kept.length >= limit) break;
    const words = key.split(" ");
    if (entry.syllables === 2) {
      // Mostly seen inside a 3-gram that is kept, or will be.
      if ((inTrigram.get(key) ?? 0) >= CONTAINED_SHARE * entry.count) continue;
    } else {
      const text = mostCommon(entry.forms);
      const joined = chains.find(({ words: w, counts }) => {
        if (entry.count < CONTAINED_SHARE * counts) return false;
        const last = w.slice(-2).join(" ");
        const first = w.slice(0, 2).join(" ");
        return last === `${words[0]} ${words[1]}` || first === `${words[1]} ${words[2]}`;
      });
      if (joined) {
        // "chỉ tiêu đo" + "tiêu đo lường" → "chỉ tiêu đo lường".
        const appended = joined.words.slice(-2).join(" ") === `${words[0]} ${words[1]}`;
        const written = text.split(" ");
        joined.words = appended ? [...joined.words, words[2]!] : [words[0]!, ...joined.words];
        joined.phrase.text = appended ? `${joined.phrase.text} ${written[2] ?? words[2]}` : `${written[0] ?? words[0]} ${joined.phrase.text}`;
        joined.phrase.key = joined.words.join(" ");
        joined.phrase.syllables = joined.words.length;
        joined.phrase.count = Math.min(joined.phrase.count, entry.count);
        continue;
      }
    }
    const phrase = { key, text: mostCommon(entry.forms), count: entry.count, syllables: entry.syllables };
    kept.push(phrase);
    if (phrase.syllables === 3) chains.push({ phrase, words, counts: entry.count });
  }
  return kept.sort((a, b) => b.count - a.count);
}

/**
 * The written form seen most often. Forms that differ only by a capital first letter (a sentence
 * start) count together, and the lower-case one is shown when it appears at all: "chuyển đổi số",
 * but "Đảng bộ" when nobody wrote it in lower case.
 */
function mostCommon(forms: Map<string, number>): string {
  const groups = new Map<string, { count: number; lowerSeen: boolean; first: string }>();
  for (const [form, count] of forms) {
    const lower = form.charAt(0).toLowerCase() + form.slice(1);
    const group = groups.get(lower) ?? { count: 0, lowerSeen: false, first: form };
    group.count += count;
    if (form === lower) group.lowerSeen = true;
    groups.set(lower, group);
  }
  let best: [string, { count: number; lowerSeen: boolean; first: string }] | null = null;
  for (const entry of groups) if (!best || entry[1].count > best[1].count) best = entry;
  if (!best) return "";
  return best[1].lowerSeen ? best[0] : best[1].first;
}
