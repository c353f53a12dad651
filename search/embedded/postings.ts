/**
 * Posting lists, one growable byte array per term, entries sorted by slot and written as varints:
 *
 *   slot − previous slot, tf, variant mask, byte length of the positions, positions (deltas)
 *
 * `variant mask` has bit v set when the document spells the term with its v-th exact form (see
 * Vocabulary): "does this document have the query's exact diacritics?" is one AND. Positions (token
 * numbers) are only decoded for phrases. About 5 bytes per (document, term) plus ~1 per occurrence.
 * Every value stays below 2^28 (slots, positions, a mask of at most 28 variants), so the reads use
 * 32-bit shifts.
 */

export interface PostingEntry {
  slot: number;
  tf: number;
  mask: number;
}

const INITIAL_LIST_BYTES = 16;

export class PostingLists {
  lists: Uint8Array[] = [];
  used: number[] = [];
  lastSlot: number[] = [];
  /** Documents in the list, dead ones included until the next compaction. */
  df: number[] = [];

  addTerm(): void {
    this.lists.push(new Uint8Array(INITIAL_LIST_BYTES));
    this.used.push(0);
    this.lastSlot.push(-1);
    this.df.push(0);
  }

  get termCount(): number {
    return this.lists.length;
  }

  /** Appends a document's entry; `slot` must be above every slot already in the list. */
  append(term: number, slot: number, tf: number, mask: number, positions: ArrayLike<number>, from: number, to: number): void {
    let positionBytes = 0;
    let previous = 0;
    for (let i = from; i < to; i++) {
      positionBytes += varintSize(positions[i] - previous);
      previous = positions[i];
    }
    const delta = slot - this.lastSlot[term];
    const size = varintSize(delta) + varintSize(tf) + varintSize(mask) + varintSize(positionBytes) + positionBytes;
    let list = this.lists[term];
    let at = this.used[term];
    if (at + size > list.length) {
      const bigger = new Uint8Array(Math.max(at + size, list.length * 2));
      bigger.set(list.subarray(0, at));
      this.lists[term] = list = bigger;
    }
    at = writeVarint(list, at, delta);
    at = writeVarint(list, at, tf);
    at = writeVarint(list, at, mask);
    at = writeVarint(list, at, positionBytes);
    previous = 0;
    for (let i = from; i < to; i++) {
      at = writeVarint(list, at, positions[i] - previous);
      previous = positions[i];
    }
    this.used[term] = at;
    this.lastSlot[term] = slot;
    this.df[term]++;
  }

  cursor(term: number): PostingCursor {
    return new PostingCursor(this.lists[term], this.used[term]);
  }

  /**
   * Drops the entries of dead slots and renumbers the others (`remap[old]`, -1 when dead); slots keep
   * their order, so the lists stay sorted. Lists are also cut to their size.
   */
  compact(remap: Int32Array): void {
    for (let term = 0; term < this.lists.length; term++) {
      const source = this.lists[term];
      const end = this.used[term];
      const out = new Uint8Array(Math.max(INITIAL_LIST_BYTES, end));
      let at = 0;
      let last = -1;
      let df = 0;
      const cursor = new PostingCursor(source, end);
      while (cursor.next()) {
        const slot = remap[cursor.slot];
        if (slot < 0) continue;
        at = writeVarint(out, at, slot - last);
        at = writeVarint(out, at, cursor.tf);
        at = writeVarint(out, at, cursor.mask);
        at = writeVarint(out, at, cursor.positionBytes);
        out.set(source.subarray(cursor.positionsAt, cursor.positionsAt + cursor.positionBytes), at);
        at += cursor.positionBytes;
        last = slot;
        df++;
      }
      this.lists[term] = at === out.length ? out : out.slice(0, Math.max(INITIAL_LIST_BYTES, at));
      this.used[term] = at;
      this.lastSlot[term] = last;
      this.df[term] = df;
    }
  }

  /** Cuts every list to its size (after a bulk build). */
  trim(): void {
    for (let term = 0; term < this.lists.length; term++) {
      const used = this.used[term];
      if (this.lists[term].length > used + INITIAL_LIST_BYTES) this.lists[term] = this.lists[term].slice(0, Math.max(INITIAL_LIST_BYTES, used));
    }
  }

  get bytes(): number {
    let total = 0;
    for (const list of this.lists) total += list.byteLength;
    return total;
  }
}

/** Walks one posting list. `next()` moves to the following entry; positions are read on demand. */
export class PostingCursor implements PostingEntry {
  slot = -1;
  tf = 0;
  mask = 0;
  positionBytes = 0;
  positionsAt = 0;
  private at = 0;

  constructor(
    private readonly list: Uint8Array,
    private readonly end: number,
  ) {}

  next(): boolean {
    if (this.at >= this.end) {
      this.slot = Number.MAX_SAFE_INTEGER;
      return false;
    }
    this.slot += this.readVarint();
    this.tf = this.readVarint();
    this.mask = this.readVarint();
    this.positionBytes = this.readVarint();
    this.positionsAt = this.at;
    this.at += this.positionBytes;
    return true;
  }

  /** Moves to the first entry whose slot is at least `slot`. */
  advanceTo(slot: number): boolean {
    while (this.slot < slot) if (!this.next()) return false;
    return true;
  }

  /** The current entry's positions, ascending. */
  positions(): number[] {
    const out: number[] = [];
    const resume = this.at;
    const end = this.positionsAt + this.positionBytes;
    this.at = this.positionsAt;
    let position = 0;
    while (this.at < end) {
      position += this.readVarint();
      out.push(position);
    }
    this.at = resume;
    return out;
  }

  private readVarint(): number {
    const list = this.list;
    let value = 0;
    let shift = 0;
    let byte: number;
    do {
      byte = list[this.at++];
      value |= (byte & 0x7f) << shift;
      shift += 7;
    } while (byte & 0x80);
    return value;
  }
}

function varintSize(value: number): number {
  let size = 1;
  while (value >= 0x80) {
    value = Math.floor(value / 128);
    size++;
  }
  return size;
}

function writeVarint(target: Uint8Array, at: number, value: number): number {
  while (value >= 0x80) {
    target[at++] = (value & 0x7f) | 0x80;
    value = Math.floor(value / 128);
  }
  target[at++] = value;
  return at;
}
