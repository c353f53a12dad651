import { foldedSyllables } from "./syllables.ts";

/**
 * Near-duplicate detection for comments: a 64-bit SimHash of the folded syllable 3-grams.
 *
 * Pipeline: foldVietnamese (NFD, marks dropped, "đ" → "d", lower case) → syllables (runs of letters
 * and digits) → shingles (syllable 3-grams; a text of 1 or 2 syllables has one shingle, itself)
 * → SimHash over the distinct shingles weighted by their counts. Two independent 32-bit hashes of
 * each shingle give the high and the low 32 bits: MurmurHash3 (x86, 32-bit) with two seeds, over
 * the syllables' own hashes (each syllable is hashed once per seed). Plain numbers, no BigInt.
 * The hashes are stored: any change to this pipeline means re-hashing the stored comments (a
 * test pins two known values).
 *
 * Stored form: `simhash` is 16 lowercase hex digits (high half first); `bands[k]` is the 16-bit
 * number written by hex digits 4k..4k+3, i.e. band0 = the top 16 bits, band3 = the bottom 16 bits.
 *
 * Why NEAR_DUPLICATE_MAX_DISTANCE = 3: the 64 bits are cut into 4 bands of 16. Two hashes that
 * differ in at most 3 bits cannot touch all 4 bands (pigeonhole), so they are equal on at least
 * one band: looking up rows whose band0 = b0 OR band1 = b1 OR band2 = b2 OR band3 = b3 (indexed
 * columns) returns every candidate within the threshold, and hammingDistance then keeps the real
 * ones. At 4 bits or more that guarantee is gone, so the threshold cannot be raised without
 * changing the banding.
 *
 * What 3 bits means on real text — MEASURED by tests/unit/moderation/measure.ts on the corpus (the
 * 2013 Constitution and the demo political report); near-duplicate.test.ts asserts these with bounds:
 * - Texts that differ only in diacritics, case, spacing, punctuation, NFC/NFD or old/new tone
 *   placement ("hoà"/"hòa") fold to the same syllables: distance 0, always.
 * - Different text: of all 69,751 pairs of different corpus paragraphs of 20+ syllables, none is
 *   within 3 bits (closest pair 10 bits, mean 31.6); of all 134,593 pairs of 30-syllable windows
 *   from different paragraphs, none (closest 10, mean 31.1). Measured false-positive rate: 0.
 * - One edit (a syllable substituted, inserted or deleted; a typo is a substitution to the
 *   fingerprint) in a window of L syllables, 2,000 random edits each, share within 3 bits:
 *     L = 20: ~2%   L = 30: ~4%   L = 60: ~15%   L = 100: ~32%   L = 200: ~63%   L = 300: ~76%
 *   and for two substitutions: L = 30: 0.4%, L = 100: 10%, L = 300: 51%. The mean distance of one
 *   edit is 8.6 bits at L = 30 and 2.5 at L = 300, against ~31 for unrelated text: near-identical
 *   texts are close, but short ones are not 3-bits close.
 *   That is inherent to a 64-bit SimHash, not to its tuning: one changed syllable changes 3 of the
 *   L - 2 shingles, and each bit then flips with probability ≈ angle/π between the two shingle
 *   vectors (≈ 0.13 at L = 30). Tried and measured the same way: syllable 1-grams, the most
 *   edit-tolerant features, reach only ~43% at L = 30, are blind to word order and bring unrelated
 *   paragraphs of the same document to 5 bits; 2-grams ~11%. 3-grams keep a wide margin against
 *   false groupings (and rarely group "tôi đồng ý …" with "tôi không đồng ý …"). So: copies that
 *   fold to the same syllables and long texts lightly edited are grouped; short comments that
 *   differ by a word usually are not. ADR 010 discusses the alternatives.
 * - Very short texts (fewer than SHORT_TEXT_SYLLABLES syllables) are only near-duplicates when their
 *   folded syllables are identical (foldedKey): a 3-gram SimHash says little about 1–3 shingles,
 *   and "Đồng ý" / "Không đồng ý" must never be grouped.
 *
 * Speed (measured with a throw-away script, best of 15 rounds over 200 corpus excerpts, Node 20 on
 * a shared 2-core machine under load): fingerprint() of a 2,000-character comment (~430 syllables)
 * takes 0.22–0.29 ms, about half of it in foldVietnamese; a 300-character comment ~0.05 ms.
 */

export const NEAR_DUPLICATE_MAX_DISTANCE = 3;
/** Shingle length in syllables. */
export const SHINGLE_SYLLABLES = 3;
/** Texts with fewer syllables than this are grouped only when identical after folding. */
export const SHORT_TEXT_SYLLABLES = 6;

export type Bands = [number, number, number, number];

export interface SimHash {
  /** 16 lowercase hex digits. */
  simhash: string;
  /** Four 16-bit bands (0..65535), band0 = the first 4 hex digits. */
  bands: Bands;
}

export interface Fingerprint extends SimHash {
  /** Folded syllables joined by single spaces (see foldedKey). */
  key: string;
  /** Number of syllables. */
  syllables: number;
}

/**
 * The text reduced to what the fingerprint sees: folded syllables joined by one space, so
 * "Hoà bình, ĐỘC LẬP!" and "hòa   binh doc lap" give "hoa binh doc lap". A text without any letter or
 * digit (emoji, punctuation) keeps its folded characters, spaces removed, so "👍" and "😡" differ.
 */
export function foldedKey(text: string): string {
  return keyOf(text, foldedSyllables(text));
}

export function simhash(text: string): SimHash {
  const { simhash, bands } = fingerprint(text);
  return { simhash, bands };
}

export function fingerprint(text: string): Fingerprint {
  const syllables = foldedSyllables(text);
  const key = keyOf(text, syllables);
  const [hi, lo] = simhash64(syllables, key);
  return {
    simhash: hex32(hi) + hex32(lo),
    bands: [hi >>> 16, hi & 0xffff, lo >>> 16, lo & 0xffff],
    key,
    syllables: syllables.length,
  };
}

/** The four bands written in a simhash string (the stored `simhash` column). */
export function bandsOf(simhash: string): Bands {
  const [hi, lo] = halves(simhash);
  return [hi >>> 16, hi & 0xffff, lo >>> 16, lo & 0xffff];
}

/** Number of differing bits between two 16-hex-digit simhashes; throws on anything else. */
export function hammingDistance(a: string, b: string): number {
  const [ahi, alo] = halves(a);
  const [bhi, blo] = halves(b);
  return popcount32(ahi ^ bhi) + popcount32(alo ^ blo);
}

/**
 * Whether two comments are near-duplicates: identical folded syllables, or — when both have at least
 * SHORT_TEXT_SYLLABLES syllables — simhashes within NEAR_DUPLICATE_MAX_DISTANCE bits. Pass texts, or
 * fingerprints already computed.
 */
export function isNearDuplicate(a: string | Fingerprint, b: string | Fingerprint): boolean {
  const fa = typeof a === "string" ? fingerprint(a) : a;
  const fb = typeof b === "string" ? fingerprint(b) : b;
  if (fa.key === fb.key) return true;
  if (fa.syllables < SHORT_TEXT_SYLLABLES || fb.syllables < SHORT_TEXT_SYLLABLES) return false;
  return hammingDistance(fa.simhash, fb.simhash) <= NEAR_DUPLICATE_MAX_DISTANCE;
}

function keyOf(text: string, syllables: string[]): string {
  if (syllables.length > 0) return syllables.join(" ");
  return text.normalize("NFC").toLowerCase().replace(/\s+/g, "");
}

// Seeds of the two independent hash functions (high and low 32 bits).
const SEED_HIGH = 0x9747b28c;
const SEED_LOW = 0x5bd1e995;

/**
 * SimHash: each shingle votes 1 or 0 on each of the 64 bits by its hash (+1/-1 in the usual
 * description); a bit is set where the ones win. Voting once per occurrence is the same as weighting
 * each distinct shingle by its count. A shingle's hash is MurmurHash3 over the 32-bit hashes of its syllables (each syllable is hashed
 * once), so no shingle string is ever built.
 */
function simhash64(syllables: string[], key: string): [number, number] {
  if (syllables.length === 0) {
    if (key === "") return [0, 0];
    // Emoji / punctuation only: the whole text is the one shingle.
    return [murmur3(key, SEED_HIGH), murmur3(key, SEED_LOW)];
  }
  const count = syllables.length;
  const high = new Int32Array(count);
  const low = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    high[i] = murmur3(syllables[i]!, SEED_HIGH);
    low[i] = murmur3(syllables[i]!, SEED_LOW);
  }
  const n = Math.min(SHINGLE_SYLLABLES, count);
  const ones = new Int32Array(64);
  for (let i = 0; i + n <= count; i++) {
    const hi = shingleHash(high, i, n, SEED_HIGH);
    const lo = shingleHash(low, i, n, SEED_LOW);
    for (let bit = 0; bit < 32; bit++) {
      ones[bit]! += (hi >>> bit) & 1;
      ones[32 + bit]! += (lo >>> bit) & 1;
    }
  }
  // A bit is set where more shingles voted 1 than 0.
  const shingles = count - n + 1;
  let hi = 0;
  let lo = 0;
  for (let bit = 0; bit < 32; bit++) {
    if (ones[bit]! * 2 > shingles) hi |= 1 << bit;
    if (ones[32 + bit]! * 2 > shingles) lo |= 1 << bit;
  }
  return [hi >>> 0, lo >>> 0];
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

const SIMHASH_PATTERN = /^[0-9a-f]{16}$/i;

function halves(simhash: string): [number, number] {
  if (!SIMHASH_PATTERN.test(simhash)) throw new RangeError(`not a 64-bit simhash: ${JSON.stringify(simhash)}`);
  return [parseInt(simhash.slice(0, 8), 16), parseInt(simhash.slice(8), 16)];
}

function hex32(n: number): string {
  return (n >>> 0).toString(16).padStart(8, "0");
}

function popcount32(x: number): number {
  x = x - ((x >>> 1) & 0x55555555);
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
}
