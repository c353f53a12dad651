import { foldedSyllables, lowerSyllables, sharedFoldedSyllables, sharedLowerSyllables } from "~/text/syllables.ts";

/**
 * Profanity detection for Vietnamese comments: whole syllables and syllable sequences, never
 * substrings ("cặc" must not fire inside "các", nor "đm" inside "đmt" or "điểm").
 *
 * How an entry of the list is matched depends on how it is written:
 * - WITH diacritics ("đéo", "lồn", "địt mẹ"): against the text's lower-case syllables, diacritics
 *   kept, so case and NFC/NFD do not matter but the marks do. Many vulgar words lose their meaning
 *   without marks: "đéo" folds to "deo" like "đeo" (to wear), "lồn" to "lon" like "lớn" (big),
 *   "buồi" to "buoi" like "buổi" (session), "cặc" to "cac" like "các" (the plural marker). Such
 *   words typed without marks are therefore NOT caught, on purpose.
 * - WITHOUT diacritics ("dm", "vcl", "dit me"): against the folded syllables (foldVietnamese), so
 *   "dm" also catches "đm", "ĐM" and "Đm". Only write an entry unaccented when no ordinary
 *   Vietnamese word or phrase folds to it.
 * - Letters typed apart are joined: a run of one-letter syllables ("đ m", "Đ.M", "v.c.l", "l ồ n")
 *   is also read as one syllable ("đm", "vcl", "lồn") and matched again.
 *
 * Not caught (documented limits): masks and look-alikes ("đ*t", "l0n", "d!t"), letters repeated
 * ("đmmmm"), words glued to others without a separator ("vclluon"), unaccented words listed only
 * with their marks (see above), English words glued or inflected other than as listed, and meaning
 * (an insult in polite words). The flag is a hint for moderators, not a verdict.
 */

export interface ProfanityMatcher {
  matches(text: string): boolean;
  /** The list entries found in the text, each once, in the order of the list. */
  found(text: string): string[];
}

/**
 * Starter list (an administrator can replace it): vulgar words and insults in common use, with their
 * teen-code abbreviations. A phrase containing a listed word is not listed again ("địt" covers
 * "địt mẹ", "lồn" covers "vãi lồn"). Left out because they are ordinary words too: "điếm" ("điếm
 * nhục"), "chó" and "con chó", "óc chó" (walnut), "óc lợn" (a dish), "súc vật" (livestock), "ngu"
 * alone ("ngu dân"), "tiên sư" and "tổ sư" (patron saints of a craft), "dái" ("dái tai"), "đít",
 * "cc" ("Cc:" of an e-mail), "cl" (chlorine), "ml" (millilitre), "lol", "dell" (the brand),
 * "du ma" ("đủ mà"), and every unaccented form that is also a normal word ("deo", "lon", "buoi",
 * "cac", "du", "dit", "di", "cho").
 */
export const STARTER_PROFANITY: readonly string[] = [
  // vulgar words (matched with their diacritics)
  "đéo",
  "đếch",
  "địt",
  "đụ",
  "lồn",
  "buồi",
  "cặc",
  "cứt",
  "đĩ",
  "con điếm",
  "đồ điếm",
  "đù má",
  "mẹ mày",
  "mả mẹ",
  "mẹ kiếp",
  "tiên sư bố",
  "tổ cha mày",
  // insults
  "đồ chó",
  "thằng chó",
  "lũ chó",
  "chó má",
  "đồ óc chó",
  "thằng óc chó",
  "não tàn",
  "đồ ngu",
  "thằng ngu",
  "con ngu",
  "bọn ngu",
  "lũ ngu",
  "ngu như bò",
  "ngu như chó",
  "đồ súc vật",
  "lũ súc vật",
  "bọn súc vật",
  "khốn nạn",
  "thằng khốn",
  "đồ khốn",
  "đồ mất dạy",
  "thằng mất dạy",
  // teen code and unaccented forms that are not ordinary words (matched folded)
  "dm",
  "dmm",
  "dcm",
  "dcmm",
  "dkm",
  "dmcs",
  "cmm",
  "cmn",
  "clm",
  "vcl",
  "vkl",
  "vl",
  "loz",
  "dit me",
  "dit con me",
  // English, common in Vietnamese online speech
  "fuck",
  "fucking",
  "shit",
  "bitch",
];

/** An entry compiled: its syllables, which stream of the text they are compared with, its rank. */
interface Entry {
  text: string;
  syllables: string[];
  rank: number;
}

export function createProfanityMatcher(words: readonly string[]): ProfanityMatcher {
  // Entries by first syllable, one index per stream of the text.
  const accented = new Map<string, Entry[]>();
  const folded = new Map<string, Entry[]>();
  words.forEach((word, rank) => {
    const lower = lowerSyllables(word);
    const plain = foldedSyllables(word);
    if (plain.length === 0) return; // nothing to match: punctuation or emoji only
    const isFolded = lower.join(" ") === plain.join(" ");
    const entry: Entry = { text: word.normalize("NFC").trim(), syllables: isFolded ? plain : lower, rank };
    const index = isFolded ? folded : accented;
    const bucket = index.get(entry.syllables[0]!);
    if (bucket) bucket.push(entry);
    else index.set(entry.syllables[0]!, [entry]);
  });

  function scan(text: string, firstOnly: boolean): Entry[] {
    const found = new Set<Entry>();
    const streams: [Map<string, Entry[]>, readonly string[]][] = [];
    if (accented.size > 0) streams.push([accented, sharedLowerSyllables(text)]);
    if (folded.size > 0) streams.push([folded, sharedFoldedSyllables(text)]);
    for (const [index, syllables] of streams) {
      const joined = joinSingleLetters(syllables);
      for (const stream of joined === syllables ? [syllables] : [syllables, joined]) {
        for (let i = 0; i < stream.length; i++) {
          const bucket = index.get(stream[i]!);
          if (bucket === undefined) continue;
          for (const entry of bucket) {
            if (!startsAt(stream, i, entry.syllables)) continue;
            found.add(entry);
            if (firstOnly) return [entry];
          }
        }
      }
    }
    return [...found];
  }

  return {
    matches: (text) => scan(text, true).length > 0,
    found: (text) =>
      scan(text, false)
        .sort((a, b) => a.rank - b.rank)
        .map((entry) => entry.text)
        .filter((entry, i, all) => all.indexOf(entry) === i),
  };
}

/**
 * The administrator's list as stored in the setting (one entry a line) → entries: NFC, trimmed,
 * inner spaces collapsed, "#" starts a comment (to the end of the line), empty lines dropped,
 * duplicates (ignoring case) dropped, first spelling kept.
 */
export function parseWordList(text: string): string[] {
  const seen = new Set<string>();
  const words: string[] = [];
  for (const line of text.normalize("NFC").split(/\r\n|[\n\r\u2028\u2029]/)) {
    const word = line.replace(/#.*/, "").replace(/\s+/g, " ").trim();
    const key = word.toLowerCase();
    if (word === "" || seen.has(key)) continue;
    seen.add(key);
    words.push(word);
  }
  return words;
}

function startsAt(stream: readonly string[], at: number, syllables: string[]): boolean {
  if (at + syllables.length > stream.length) return false;
  for (let j = 1; j < syllables.length; j++) if (stream[at + j] !== syllables[j]) return false;
  return true;
}

function isSingleLetter(syllable: string): boolean {
  // An ASCII second character is neither a mark nor the second half of a letter: most syllables stop here.
  if (syllable.length > 1 && syllable.charCodeAt(1) < 0x80) return false;
  // One letter, possibly followed by marks NFC could not compose.
  return /^\p{L}\p{M}*$/u.test(syllable);
}

/**
 * ["đ", "m", "may"] → ["đm", "may"]: runs of two or more one-letter syllables become one. The same
 * array when there is no such run.
 */
function joinSingleLetters(syllables: readonly string[]): readonly string[] {
  let runs = false;
  let previous = false;
  for (let i = 0; i < syllables.length && !runs; i++) {
    const single = isSingleLetter(syllables[i]!);
    runs = single && previous;
    previous = single;
  }
  if (!runs) return syllables;
  const joined: string[] = [];
  let run: string[] = [];
  const flush = () => {
    if (run.length >= 2) joined.push(run.join(""));
    else joined.push(...run);
    run = [];
  };
  for (const syllable of syllables) {
    if (isSingleLetter(syllable)) run.push(syllable);
    else {
      flush();
      joined.push(syllable);
    }
  }
  flush();
  return joined;
}
