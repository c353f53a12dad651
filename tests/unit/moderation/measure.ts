import {
  NEAR_DUPLICATE_MAX_DISTANCE,
  fingerprint,
  hammingDistance,
  isNearDuplicate,
} from "~/moderation/text/near-duplicate.ts";
import { foldedSyllables } from "~/moderation/text/syllables.ts";
import { corpusParagraphs, corpusTexts, seededRandom } from "./corpus.ts";

/**
 * The measurements behind the figures in near-duplicate.ts and ADR 010, shared by the unit test
 * (which asserts them with bounds) and anyone who wants to print them again.
 */

export interface PairStats {
  pairs: number;
  /** Pairs within NEAR_DUPLICATE_MAX_DISTANCE bits. */
  within: number;
  minDistance: number;
  meanDistance: number;
}

/** Every pair of different corpus paragraphs of at least `minSyllables` syllables. */
export function differentParagraphs(minSyllables = 20): PairStats {
  const seen = new Set<string>();
  const texts: string[] = [];
  for (const paragraph of corpusParagraphs()) {
    const syllables = foldedSyllables(paragraph);
    const key = syllables.join(" ");
    if (syllables.length < minSyllables || seen.has(key)) continue;
    seen.add(key);
    texts.push(paragraph);
  }
  return allPairs(texts.map((t) => fingerprint(t).simhash), () => true);
}

/** Every pair of non-overlapping `length`-syllable windows taken from different paragraphs. */
export function differentWindows(length = 30): PairStats {
  const hashes: string[] = [];
  const origin: number[] = [];
  corpusParagraphs().forEach((paragraph, index) => {
    const syllables = foldedSyllables(paragraph);
    for (let start = 0; start + length <= syllables.length; start += length) {
      hashes.push(fingerprint(syllables.slice(start, start + length).join(" ")).simhash);
      origin.push(index);
    }
  });
  return allPairs(hashes, (i, j) => origin[i] !== origin[j]);
}

function allPairs(hashes: string[], include: (i: number, j: number) => boolean): PairStats {
  let pairs = 0;
  let within = 0;
  let minDistance = 64;
  let total = 0;
  for (let i = 0; i < hashes.length; i++) {
    for (let j = i + 1; j < hashes.length; j++) {
      if (!include(i, j)) continue;
      const distance = hammingDistance(hashes[i]!, hashes[j]!);
      pairs++;
      total += distance;
      if (distance <= NEAR_DUPLICATE_MAX_DISTANCE) within++;
      minDistance = Math.min(minDistance, distance);
    }
  }
  return { pairs, within, minDistance, meanDistance: total / pairs };
}

export type Edit = "substitute" | "insert" | "delete" | "substitute-two";

export interface EditStats {
  trials: number;
  /** Share of edited texts that isNearDuplicate groups with the original. */
  hitRate: number;
  meanDistance: number;
}

/**
 * Take `trials` random windows of `length` syllables from the corpus documents, apply one random edit (a
 * syllable from the corpus vocabulary replaces, joins or leaves the window; a typo is a substitution
 * to the fingerprint) and count how often the edited text is still a near-duplicate of the window.
 */
export function editedWindows(length: number, edit: Edit, trials = 2000, seed = 2025): EditStats {
  const random = seededRandom(seed);
  const pick = <T>(items: T[]): T => items[Math.floor(random() * items.length)]!;
  const sources = corpusTexts().map(foldedSyllables);
  const vocabulary = [...new Set(sources.flat())];
  let hits = 0;
  let total = 0;
  for (let trial = 0; trial < trials; trial++) {
    const source = pick(sources);
    const start = Math.floor(random() * (source.length - length + 1));
    const original = source.slice(start, start + length);
    const edited = original.slice();
    const substitute = () => {
      const at = Math.floor(random() * edited.length);
      let word: string;
      do word = pick(vocabulary);
      while (word === edited[at]);
      edited[at] = word;
    };
    if (edit === "substitute") substitute();
    if (edit === "substitute-two") substitute(), substitute();
    if (edit === "insert") edited.splice(Math.floor(random() * (edited.length + 1)), 0, pick(vocabulary));
    if (edit === "delete") edited.splice(Math.floor(random() * edited.length), 1);
    const a = fingerprint(original.join(" "));
    const b = fingerprint(edited.join(" "));
    total += hammingDistance(a.simhash, b.simhash);
    if (isNearDuplicate(a, b)) hits++;
  }
  return { trials, hitRate: hits / trials, meanDistance: total / trials };
}
