import { sharedFoldedSyllables, sharedLowerSyllables } from "~/text/syllables.ts";
import { normalizeTonePlacement } from "~/text/tone.ts";

/**
 * Near-duplicate detection for comments: MinHash with banding (locality-sensitive hashing) over the
 * folded syllable 3-grams, confirmed by the exact similarity of the two texts.
 *
 * Pipeline: foldVietnamese (NFD, marks dropped, "đ" → "d", lower case) → syllables (runs of letters
 * and digits) → the usual abbreviations written out ("ko" → "khong", "sp" → "san pham": ABBREVIATIONS,
 * ADR 041) → shingles (syllable 3-grams; a text of 1 or 2 syllables has one shingle, itself) →
 * a set of 32-bit shingle hashes (MurmurHash3 over the syllables' hashes).
 *
 * Stored: four 32-bit band values (Comment.band0..band3, indexed). Each band is a hash of two MinHash
 * values (the smallest shingle hash under two random permutations), so two texts share a band with
 * probability J² where J is the Jaccard similarity of their shingle sets, and at least one of the four
 * with 1 − (1 − J²)⁴: J = 0.8 → 98%; J = 0.6 → 82%; J = 0.3 → 31%; J = 0.1 → 4%. A band lookup therefore
 * finds nearly every near-duplicate as a candidate, and few others.
 *
 * Confirmed (isNearDuplicate): identical after folding (the same syllables: punctuation, case,
 * diacritics, spacing, NFC/NFD, "hoà"/"hòa" aside), or — when both have at least SHORT_TEXT_SYLLABLES
 * syllables — the same number of negations ("không", "chưa", "ko", …), so "tôi đồng ý …" and "tôi không
 * đồng ý …" never group, and either Jaccard similarity of the shingle sets ≥ NEAR_DUPLICATE_MIN_SIMILARITY
 * or at most allowedEdits syllable edits apart (a short comment with a word changed, ADR 041). The caller
 * also requires the same target and the same stance.
 *
 * MEASURED (tests/unit/moderation/text/near-duplicate.test.ts asserts these with bounds; corpus = the 2013
 * Constitution and the demo political report): see the test and ADR 010 for the figures.
 */

/** Syllables per shingle. */
export const SHINGLE_SYLLABLES = 3;
/** Texts with fewer syllables than this are grouped only when identical after folding. */
export const SHORT_TEXT_SYLLABLES = 6;
export const BANDS = 4;
export const ROWS_PER_BAND = 2;
/** Jaccard similarity of the shingle sets from which two texts are near-duplicates. */
export const NEAR_DUPLICATE_MIN_SIMILARITY = 0.6;

/** Four band values, signed 32-bit integers (they fit the database's Int columns). */
export type Bands = [number, number, number, number];

export interface Fingerprint {
  /** Folded syllables joined by single spaces (see foldedKey). */
  key: string;
  /** Number of syllables. */
  syllables: number;
  /** The distinct shingle hashes, sorted (for the similarity). */
  shingles: Uint32Array;
  bands: Bands;
  /** Negation words in the text ("không", "chưa", "chẳng", …). */
  negations: number;
  /** For each pair of opposite words (OPPOSITES), +1 when the text has only the first, -1 only the second, else 0. */
  leanings: Int8Array;
}

/**
 * The text reduced to what the fingerprint sees: folded syllables joined by one space, so
 * "Hoà bình, ĐỘC LẬP!" and "hòa   binh doc lap" give "hoa binh doc lap". A text without any letter or
 * digit (emoji, punctuation) keeps its folded characters, spaces removed, so "👍" and "😡" differ.
 */
export function foldedKey(text: string): string {
  return keyOf(text, matchedSyllables(text));
}

/**
 * Informal abbreviations, folded, and the folded words they stand for: "ko" and "không", "đc" and
 * "được", "sp" and "sản phẩm" give the same syllables. Only the usual short forms of chat and
 * comments whose meaning is one; ambiguous ones ("đk": điều kiện or đăng ký, "gd", "kt") stay as written.
 */
export const ABBREVIATIONS: ReadonlyMap<string, string> = new Map(
  Object.entries({
    k: "khong",
    ko: "khong",
    kg: "khong",
    khg: "khong",
    kh: "khong",
    hok: "khong",
    hem: "khong",
    dc: "duoc",
    dk: "duoc",
    sp: "san pham",
    vs: "voi",
    cx: "cung",
    cg: "cung",
    cug: "cung",
    nhg: "nhung",
    ng: "nguoi",
    mn: "moi nguoi",
    mng: "moi nguoi",
    nc: "nuoc",
    nn: "nha nuoc",
    nd: "nhan dan",
    pl: "phap luat",
    qh: "quoc hoi",
    tp: "thanh pho",
    ubnd: "uy ban nhan dan",
    hdnd: "hoi dong nhan dan",
    vn: "viet nam",
    xh: "xa hoi",
    ql: "quan ly",
    cq: "co quan",
    j: "gi",
    r: "roi",
    wa: "qua",
    bit: "biet",
    bik: "biet",
    trc: "truoc",
    ntn: "nhu the nao",
    bt: "binh thuong",
  }),
);

/** Folded syllables with the abbreviations written out: what near-duplicates are compared on. */
export function matchedSyllables(text: string): string[] {
  const out: string[] = [];
  for (const syllable of sharedFoldedSyllables(text)) {
    const long = EXPANSIONS.get(syllable);
    if (long === undefined) out.push(syllable);
    else for (const word of long) out.push(word);
  }
  return out;
}

const EXPANSIONS: ReadonlyMap<string, readonly string[]> = new Map([...ABBREVIATIONS].map(([short, long]) => [short, long.split(" ")]));

export function fingerprint(text: string): Fingerprint {
  const syllables = matchedSyllables(text);
  const key = keyOf(text, syllables);
  const shingles = shingleSet(syllables, key);
  // Negations and opposite words are read from the syllables as written (with their diacritics), once.
  const written = sharedLowerSyllables(text);
  return { key, syllables: syllables.length, shingles, bands: bandsOf(shingles), negations: countNegations(written), leanings: leaningsOf(written) };
}

/** Jaccard similarity of two fingerprints' shingle sets (1 for two empty texts). */
export function similarity(a: Fingerprint, b: Fingerprint): number {
  const x = a.shingles;
  const y = b.shingles;
  if (x.length === 0 && y.length === 0) return 1;
  let i = 0;
  let j = 0;
  let shared = 0;
  while (i < x.length && j < y.length) {
    if (x[i] === y[j]) {
      shared++;
      i++;
      j++;
    } else if (x[i]! < y[j]!) i++;
    else j++;
  }
  return shared / (x.length + y.length - shared);
}

/**
 * Whether two comments are near-duplicates: identical folded syllables, or — when both have at least
 * SHORT_TEXT_SYLLABLES syllables and as many negations — shingle sets at least
 * NEAR_DUPLICATE_MIN_SIMILARITY similar. Pass texts, or fingerprints already computed.
 */
export function isNearDuplicate(a: string | Fingerprint, b: string | Fingerprint): boolean {
  const fa = typeof a === "string" ? fingerprint(a) : a;
  const fb = typeof b === "string" ? fingerprint(b) : b;
  if (fa.key === fb.key) return true;
  if (fa.syllables < SHORT_TEXT_SYLLABLES || fb.syllables < SHORT_TEXT_SYLLABLES) return false;
  if (fa.negations !== fb.negations || opposed(fa.leanings, fb.leanings)) return false;
  return similarity(fa, fb) >= NEAR_DUPLICATE_MIN_SIMILARITY || withinEdits(fa.key, fb.key, allowedEdits(Math.max(fa.syllables, fb.syllables)));
}

/** Syllables per word edit that two texts may differ by and still be near-duplicates (at least one edit). */
export const SYLLABLES_PER_EDIT = 12;

/**
 * Syllable edits (one replaced, removed or added) allowed between two texts the longer of which has
 * `syllables`: one under 12 syllables, two up to 35, three up to 47, … A short comment with one word
 * (one or two syllables) changed shares few syllable 3-grams with its original (12 syllables:
 * Jaccard 0.54), yet is the same comment.
 */
export function allowedEdits(syllables: number): number {
  return syllables < SYLLABLES_PER_EDIT ? 1 : Math.max(2, Math.floor(syllables / SYLLABLES_PER_EDIT));
}

/** Whether the syllables of two keys are at most `limit` edits apart (Levenshtein over syllables, within a band of `limit`). */
function withinEdits(a: string, b: string, limit: number): boolean {
  const x = a.split(" ");
  const y = b.split(" ");
  if (Math.abs(x.length - y.length) > limit) return false;
  const outside = limit + 1;
  let previous = new Array<number>(y.length + 1);
  let current = new Array<number>(y.length + 1);
  for (let j = 0; j <= y.length; j++) previous[j] = j <= limit ? j : outside;
  for (let i = 1; i <= x.length; i++) {
    current.fill(outside);
    if (i <= limit) current[0] = i;
    let best = current[0]!;
    for (let j = Math.max(1, i - limit); j <= Math.min(y.length, i + limit); j++) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j - 1]! + cost, previous[j]! + 1, current[j - 1]! + 1, outside);
      if (current[j]! < best) best = current[j]!;
    }
    if (best > limit) return false;
    [previous, current] = [current, previous];
  }
  return previous[y.length]! <= limit;
}

const NEGATIONS = new Set(["không", "chưa", "chẳng", "chả", "đừng", "chớ", "khong", "ko", "k0", "k", "kg", "khg", "hông", "hổng", "hok", "hem"]);

function countNegations(written: readonly string[]): number {
  let n = 0;
  for (const syllable of written) if (NEGATIONS.has(syllable)) n++;
  return n;
}

/**
 * Words that say the opposite of each other in an opinion: "đề nghị tăng mức phạt" and "đề nghị giảm
 * mức phạt" differ by one syllable yet are two opinions. Each side is a set of words (syllables, or
 * two-syllable phrases) written with diacritics, tone marks placed as app/text/tone.ts places them.
 * A text leans to a side when it has words of that side only.
 */
export const OPPOSITES: readonly (readonly [readonly string[], readonly string[]])[] = [
  [
    ["tăng", "nâng", "đẩy mạnh", "tăng cường"],
    ["giảm", "hạ", "cắt giảm", "hạ thấp"],
  ],
  [["cao"], ["thấp"]],
  [["nhiều"], ["ít"]],
  [["lớn"], ["nhỏ"]],
  [["mở rộng"], ["thu hẹp"]],
  [["ủng hộ", "tán thành", "đồng ý", "nhất trí", "đồng tình"], ["phản đối"]],
  [["cho phép"], ["cấm"]],
  [["sớm"], ["muộn", "chậm"]],
  [["khuyến khích"], ["hạn chế"]],
  [["dài"], ["ngắn"]],
  [
    ["thêm", "bổ sung"],
    ["bớt", "lược bỏ", "bỏ bớt"],
  ],
];

interface Side {
  pair: number;
  side: 1 | -1;
}

const OPPOSITE_SIDES: ReadonlyMap<string, Side> = new Map(
  OPPOSITES.flatMap(([plus, minus], pair): [string, Side][] => [
    ...plus.map((word): [string, Side] => [normalizePhrase(word), { pair, side: 1 }]),
    ...minus.map((word): [string, Side] => [normalizePhrase(word), { pair, side: -1 }]),
  ]),
);

function normalizePhrase(phrase: string): string {
  return phrase.split(" ").map(normalizeTonePlacement).join(" ");
}

/** First syllables of the two-syllable words of OPPOSITE_SIDES: only after one of them is a pair looked up. */
const PHRASE_STARTS: ReadonlySet<string> = new Set([...OPPOSITE_SIDES.keys()].filter((word) => word.includes(" ")).map((word) => word.split(" ")[0]!));

function leaningsOf(written: readonly string[]): Int8Array {
  const syllables = written.map(normalizeTonePlacement);
  const seen = new Uint8Array(OPPOSITES.length * 2);
  const mark = (found: Side | undefined) => {
    if (found) seen[found.pair * 2 + (found.side === 1 ? 0 : 1)] = 1;
  };
  for (let i = 0; i < syllables.length; i++) {
    const syllable = syllables[i]!;
    mark(OPPOSITE_SIDES.get(syllable));
    if (i + 1 < syllables.length && PHRASE_STARTS.has(syllable)) mark(OPPOSITE_SIDES.get(`${syllable} ${syllables[i + 1]}`));
  }
  const leanings = new Int8Array(OPPOSITES.length);
  for (let pair = 0; pair < OPPOSITES.length; pair++) leanings[pair] = seen[pair * 2]! - seen[pair * 2 + 1]!;
  return leanings;
}

/** Whether two texts lean to opposite sides of some pair of opposite words. */
function opposed(a: Int8Array, b: Int8Array): boolean {
  for (let i = 0; i < a.length; i++) if (a[i]! * b[i]! < 0) return true;
  return false;
}

function keyOf(text: string, syllables: string[]): string {
  if (syllables.length > 0) return syllables.join(" ");
  return text.normalize("NFC").toLowerCase().replace(/\s+/g, "");
}

const SEED = 0x9747b28c;

function shingleSet(syllables: string[], key: string): Uint32Array {
  if (syllables.length === 0) return key === "" ? new Uint32Array(0) : Uint32Array.of(murmur3(key, SEED));
  const count = syllables.length;
  const hashes = new Int32Array(count);
  for (let i = 0; i < count; i++) hashes[i] = murmur3(syllables[i]!, SEED);
  const n = Math.min(SHINGLE_SYLLABLES, count);
  const set = new Uint32Array(count - n + 1);
  for (let i = 0; i + n <= count; i++) set[i] = shingleHash(hashes, i, n, SEED);
  set.sort();
  let unique = 0;
  for (let i = 0; i < set.length; i++) if (i === 0 || set[i] !== set[i - 1]) set[unique++] = set[i]!;
  return set.slice(0, unique);
}

// Random odd multipliers and offsets: eight permutations of the 32-bit shingle hashes (h → a·h + b mod 2³²).
const PERMUTATIONS: readonly [number, number][] = [
  [0x9e3779b1, 0x7f4a7c15],
  [0x85ebca6b, 0x165667b1],
  [0xc2b2ae35, 0x27d4eb2f],
  [0x27d4eb2d, 0x9e3779b9],
  [0x165667b1, 0x85ebca77],
  [0xd3a2646d, 0xfd7046c5],
  [0xb55a4f09, 0x3c6ef372],
  [0x2545f491, 0xa54ff53a],
];

const MULTIPLIERS = Int32Array.from(PERMUTATIONS, ([a]) => a);
const OFFSETS = Float64Array.from(PERMUTATIONS, ([, b]) => b);

function bandsOf(shingles: Uint32Array): Bands {
  if (shingles.length === 0) return [0, 0, 0, 0];
  const minima = new Uint32Array(BANDS * ROWS_PER_BAND).fill(0xffffffff);
  for (const h of shingles) {
    for (let k = 0; k < minima.length; k++) {
      const v = (Math.imul(h, MULTIPLIERS[k]!) + OFFSETS[k]!) >>> 0;
      if (v < minima[k]!) minima[k] = v;
    }
  }
  const bands = [0, 0, 0, 0] as Bands;
  for (let band = 0; band < BANDS; band++) {
    let h = SEED + band;
    for (let row = 0; row < ROWS_PER_BAND; row++) h = mixBlock(h, minima[band * ROWS_PER_BAND + row]! | 0);
    bands[band] = finalMix(h ^ (ROWS_PER_BAND * 4)) | 0;
  }
  return bands;
}

function shingleHash(syllableHashes: Int32Array, start: number, length: number, seed: number): number {
  let h = seed;
  for (let j = 0; j < length; j++) h = mixBlock(h, syllableHashes[start + j]!);
  return finalMix(h ^ (length * 4));
}

/**
 * MurmurHash3 (x86, 32-bit) mixing over the string's UTF-16 code units, two units per 32-bit block.
 * Not bit-compatible with byte-oriented MurmurHash3 (the blocks differ), and it need not be: only
 * this module computes and compares these hashes. Two seeds give two independent 32-bit hashes.
 */
function murmur3(text: string, seed: number): number {
  let h = seed | 0;
  const length = text.length;
  let i = 0;
  for (; i + 1 < length; i += 2) h = mixBlock(h, text.charCodeAt(i) | (text.charCodeAt(i + 1) << 16));
  if (i < length) h ^= scramble(text.charCodeAt(i));
  return finalMix(h ^ (length * 2)); // length in bytes
}

function scramble(k: number): number {
  k = Math.imul(k, 0xcc9e2d51);
  k = (k << 15) | (k >>> 17);
  return Math.imul(k, 0x1b873593);
}

function mixBlock(h: number, k: number): number {
  h ^= scramble(k);
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

function finalMix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
