import { fingerprint, isNearDuplicate, type Fingerprint } from "~/text/near-duplicate.ts";
import { foldedSyllables } from "~/text/syllables.ts";
import { corpusParagraphs, corpusTexts, seededRandom } from "./corpus.ts";

/**
 * The measurements behind the figures in near-duplicate.ts and ADR 010, shared by the unit test
 * (which asserts them with bounds) and anyone who wants to print them again.
 */

/** Two fingerprints share a band: the database lookup returns one for the other. */
export const shareBand = (a: Fingerprint, b: Fingerprint) => a.bands.some((band, i) => band === b.bands[i]);

export interface PairStats {
  pairs: number;
  /** Pairs sharing a band (candidates the lookup returns). */
  candidates: number;
  /** Pairs isNearDuplicate groups. */
  grouped: number;
}

/** Every pair of different corpus paragraphs of at least `minSyllables` syllables. */
export function differentParagraphs(minSyllables = 20): PairStats {
  const seen = new Set<string>();
  const prints: Fingerprint[] = [];
  for (const paragraph of corpusParagraphs()) {
    const syllables = foldedSyllables(paragraph);
    const key = syllables.join(" ");
    if (syllables.length < minSyllables || seen.has(key)) continue;
    seen.add(key);
    prints.push(fingerprint(paragraph));
  }
  const stats = { pairs: 0, candidates: 0, grouped: 0 };
  for (let i = 0; i < prints.length; i++) {
    for (let j = i + 1; j < prints.length; j++) {
      stats.pairs++;
      if (shareBand(prints[i]!, prints[j]!)) stats.candidates++;
      if (isNearDuplicate(prints[i]!, prints[j]!)) stats.grouped++;
    }
  }
  return stats;
}

export interface EditStats {
  trials: number;
  /** Share of edited texts the band lookup returns as a candidate. */
  candidateRate: number;
  /** Share found by the lookup AND confirmed: grouped with the original on submission. */
  groupedRate: number;
}

/**
 * Take `trials` random windows of `length` syllables from the corpus documents, replace `edits`
 * random syllables with words of the corpus vocabulary (a typo changes a syllable just the same),
 * and count how often the edited text would be grouped with the window.
 */
export function editedWindows(length: number, edits: number, trials = 2000, seed = 2025): EditStats {
  const random = seededRandom(seed);
  const pick = <T>(items: T[]): T => items[Math.floor(random() * items.length)]!;
  const sources = corpusTexts().map(foldedSyllables);
  const vocabulary = [...new Set(sources.flat())];
  let candidates = 0;
  let grouped = 0;
  for (let trial = 0; trial < trials; trial++) {
    const source = pick(sources);
    const start = Math.floor(random() * (source.length - length + 1));
    const original = source.slice(start, start + length);
    const edited = original.slice();
    for (let k = 0; k < edits; k++) {
      const at = Math.floor(random() * edited.length);
      let word: string;
      do word = pick(vocabulary);
      while (word === edited[at]);
      edited[at] = word;
    }
    const a = fingerprint(original.join(" "));
    const b = fingerprint(edited.join(" "));
    if (!shareBand(a, b)) continue;
    candidates++;
    if (isNearDuplicate(a, b)) grouped++;
  }
  return { trials, candidateRate: candidates / trials, groupedRate: grouped / trials };
}
