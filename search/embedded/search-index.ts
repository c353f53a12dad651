import type { SearchDocument } from "@search/engine.ts";
import { forEachWord, type WordForms } from "@search/text/analyze.ts";
import { boundedEditDistance } from "./edit-distance.ts";
import { PostingLists } from "./postings.ts";
import { DocumentStore } from "./store.ts";

/** Exact spellings of one folded term that get a bit in the posting masks; rarer ones never rank as exact. */
export const MAX_VARIANTS = 28;
/** Tokens of one document that are indexed (positions stay below 2^20). */
export const MAX_TOKENS_PER_DOCUMENT = (1 << 20) - 1;
// Compaction (renumbering slots, dropping dead entries) when this many slots died and they are a
// quarter of the live ones: each costs about one pass over the postings.
const COMPACT_MIN_DEAD = 4096;
const TERM_SHIFT = 2 ** 20;

/**
 * One complete index: the document store, the vocabulary of folded terms with their exact
 * spellings, and the posting lists. Not safe to share between two writers; the engine owns it.
 */
export class SearchIndex {
  readonly store = new DocumentStore();
  readonly postings = new PostingLists();
  /** termId → folded term. */
  readonly terms: string[] = [];
  private readonly termIds = new Map<string, number>();
  /** exact spelling → termId * 32 + variant number (a number ≥ MAX_VARIANTS has no bit). */
  private readonly exactCodes = new Map<string, number>();
  private readonly variantCounts: number[] = [];
  /** Vocabulary by first letter (prefix search) and by length (typo search). */
  private readonly byFirst = new Map<string, number[]>();
  private readonly byLength = new Map<number, number[]>();
  /** termId → the set of letters in the term as bits (see letterMask): a cheap test before the edit distance. */
  private readonly letterMasks: number[] = [];
  /** Sum of the live documents' token counts, for BM25's average length. */
  totalTokens = 0;

  private keys = new Float64Array(1024);
  private variantOfPosition = new Uint8Array(1024);
  private positions = new Int32Array(1024);

  get size(): number {
    return this.store.liveCount;
  }

  get averageLength(): number {
    return this.store.liveCount === 0 ? 1 : Math.max(1, this.totalTokens / this.store.liveCount);
  }

  termId(folded: string): number {
    return this.termIds.get(folded) ?? -1;
  }

  /** The mask bit of an exact spelling within its term, or 0 when no document has that spelling. */
  exactBit(exact: string): number {
    const code = this.exactCodes.get(exact);
    if (code === undefined) return 0;
    const variant = code & 31;
    return variant < MAX_VARIANTS ? 1 << variant : 0;
  }

  upsert(doc: SearchDocument): void {
    const text = typeof doc.text === "string" ? doc.text : "";
    const existing = this.store.slotOf.get(doc.id);
    if (existing !== undefined) {
      if (this.store.text(existing) === text) {
        // Same words: only the attributes change (a decision, a new section title); postings stay.
        this.store.setFields(existing, doc);
        return;
      }
      this.removeSlot(existing);
    }
    this.add({ ...doc, text });
  }

  remove(id: string): void {
    const slot = this.store.slotOf.get(id);
    if (slot !== undefined) this.removeSlot(slot);
  }

  /** Renumbers slots when enough have died; call after a batch of changes. */
  maybeCompact(): void {
    const dead = this.store.deadCount;
    if (dead >= COMPACT_MIN_DEAD && dead * 4 >= this.store.liveCount) this.compact();
  }

  compact(): void {
    this.postings.compact(this.store.compact());
  }

  /** After a bulk build: give back the growth room of the arrays. */
  trim(): void {
    this.store.trim();
    this.postings.trim();
  }

  /** Terms starting with `prefix` (folded) that some document has, the most frequent first, at most `limit`. */
  prefixTerms(prefix: string, limit: number): number[] {
    if (limit <= 0 || prefix === "") return [];
    const candidates = this.byFirst.get(prefix[0]) ?? [];
    const found: number[] = [];
    for (const term of candidates) {
      if (this.postings.df[term] > 0 && this.terms[term].startsWith(prefix)) found.push(term);
    }
    if (found.length > limit) {
      found.sort((a, b) => this.postings.df[b] - this.postings.df[a]);
      found.length = limit;
    }
    return found;
  }

  /** Terms within `maxEdits` edits of `folded`, with their distance. */
  termsWithinEdits(folded: string, maxEdits: number): Array<{ term: number; edits: number }> {
    const found: Array<{ term: number; edits: number }> = [];
    const letters = letterMask(folded);
    for (let length = folded.length - maxEdits; length <= folded.length + maxEdits; length++) {
      for (const term of this.byLength.get(length) ?? []) {
        // Each edit brings in at most one letter the other word lacks, and takes out at most one.
        const other = this.letterMasks[term];
        if (bitCount(letters & ~other) > maxEdits || bitCount(other & ~letters) > maxEdits) continue;
        if (this.postings.df[term] === 0) continue;
        const edits = boundedEditDistance(folded, this.terms[term], maxEdits);
        if (edits <= maxEdits && edits > 0) found.push({ term, edits });
      }
    }
    return found;
  }

  get vocabularySize(): number {
    return this.terms.length;
  }

  /** Bytes held in typed arrays (store and postings); the Maps and strings come on top. */
  get typedBytes(): number {
    return this.store.typedBytes + this.postings.bytes;
  }

  private removeSlot(slot: number): void {
    this.totalTokens -= this.store.length[slot];
    this.store.kill(slot);
  }

  private add(doc: SearchDocument): void {
    let count = 0;
    forEachWord(doc.text, (forms) => {
      const code = this.codeOf(forms);
      if (count === this.keys.length) this.growScratch();
      this.keys[count] = Math.floor(code / 32) * TERM_SHIFT + count;
      this.variantOfPosition[count] = code & 31;
      count++;
      return count < MAX_TOKENS_PER_DOCUMENT;
    });
    const slot = this.store.add(doc, count);
    this.totalTokens += count;
    const keys = this.keys.subarray(0, count).sort();
    let i = 0;
    while (i < count) {
      const term = Math.floor(keys[i] / TERM_SHIFT);
      let mask = 0;
      let tf = 0;
      for (; i < count && Math.floor(keys[i] / TERM_SHIFT) === term; i++) {
        const position = keys[i] - term * TERM_SHIFT;
        const variant = this.variantOfPosition[position];
        if (variant < MAX_VARIANTS) mask |= 1 << variant;
        this.positions[tf++] = position;
      }
      this.postings.append(term, slot, tf, mask, this.positions, 0, tf);
    }
  }

  private codeOf(forms: WordForms): number {
    let code = this.exactCodes.get(forms.exact);
    if (code !== undefined) return code;
    let term = this.termIds.get(forms.folded);
    if (term === undefined) term = this.addTerm(forms.folded);
    const variant = Math.min(31, this.variantCounts[term]++);
    code = term * 32 + variant;
    this.exactCodes.set(forms.exact, code);
    return code;
  }

  private addTerm(folded: string): number {
    const term = this.terms.length;
    this.terms.push(folded);
    this.termIds.set(folded, term);
    this.variantCounts.push(0);
    this.postings.addTerm();
    pushTo(this.byFirst, folded[0], term);
    pushTo(this.byLength, folded.length, term);
    this.letterMasks.push(letterMask(folded));
    return term;
  }

  private growScratch(): void {
    const size = this.keys.length * 2;
    const keys = new Float64Array(size);
    keys.set(this.keys);
    this.keys = keys;
    const variants = new Uint8Array(size);
    variants.set(this.variantOfPosition);
    this.variantOfPosition = variants;
    this.positions = new Int32Array(size);
  }
}

/** Bit (code % 31) for every character of a word: equal words have equal masks, a typo changes few bits. */
function letterMask(word: string): number {
  let mask = 0;
  for (let i = 0; i < word.length; i++) mask |= 1 << (word.charCodeAt(i) % 31);
  return mask;
}

function bitCount(value: number): number {
  let v = value - ((value >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

function pushTo<K>(map: Map<K, number[]>, key: K, value: number): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
