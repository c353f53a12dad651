import type { CommentStatusValue, DocumentKind, SearchDocument, StanceValue } from "@search/engine.ts";

/**
 * The documents of the embedded index, by numeric slot, in columns: the repeated strings
 * (consultation, section, locality, organization) interned once and stored as codes in Int32Arrays,
 * the texts as UTF-8 in one byte arena, the small enums as bytes. Filters compare integers; 200,000
 * comments hold in a fraction of what as many objects would.
 *
 * Slots are handed out in increasing order and never reused until `compact()` renumbers the live ones
 * (keeping their order), so every posting list stays sorted by slot.
 */

export const INTERNED_FIELDS = [
  "consultationId",
  "consultationSlug",
  "consultationTitle",
  "blockLabel",
  "sectionKey",
  "sectionTitle",
  "provinceCode",
  "provinceName",
  "communeCode",
  "communeName",
  "organizationId",
  "organizationName",
  "disposition",
] as const;
export type InternedField = (typeof INTERNED_FIELDS)[number];

export const KINDS: readonly DocumentKind[] = ["block", "comment", "answer"];
/** Code 0 is null for stance and status. */
export const STANCES: readonly (StanceValue | null)[] = [null, "AGREE", "DISAGREE", "OTHER"];
export const STATUSES: readonly (CommentStatusValue | null)[] = [null, "PENDING", "APPROVED", "REJECTED"];

/** Strings ↔ codes; code 0 is null. Codes are never taken back (a rebuild starts a new table). */
export class StringTable {
  private readonly codes = new Map<string, number>();
  private readonly values: (string | null)[] = [null];

  intern(value: string | null): number {
    if (value === null) return 0;
    let code = this.codes.get(value);
    if (code === undefined) {
      code = this.values.length;
      this.values.push(value);
      this.codes.set(value, code);
    }
    return code;
  }

  /** The code of a value, or -1 when no document ever had it. */
  codeOf(value: string): number {
    return this.codes.get(value) ?? -1;
  }

  valueOf(code: number): string | null {
    return this.values[code] ?? null;
  }

  get size(): number {
    return this.values.length;
  }
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export class DocumentStore {
  readonly strings = new StringTable();
  /** Slots handed out so far (live and dead). */
  slotCount = 0;
  liveCount = 0;
  readonly slotOf = new Map<string, number>();

  private capacity = 0;
  ids: string[] = [];
  blockKeys: (string | null)[] = [];
  commentIds: (string | null)[] = [];
  bylines: (string | null)[] = [];
  alive = new Uint8Array(0);
  kind = new Uint8Array(0);
  stance = new Uint8Array(0);
  status = new Uint8Array(0);
  createdAt = new Float64Array(0);
  /** Blocks: their version's number; 0 for none. */
  versionNumber = new Uint32Array(0);
  /** Blocks: 1 for the current version, 2 for an earlier one; 0 for none (comments, answers). */
  currentVersion = new Uint8Array(0);
  /** Tokens in the text (BM25's document length). */
  length = new Uint32Array(0);
  interned: Record<InternedField, Int32Array> = Object.fromEntries(INTERNED_FIELDS.map((f) => [f, new Int32Array(0)])) as Record<InternedField, Int32Array>;

  private textStart = new Uint32Array(0);
  private textEnd = new Uint32Array(0);
  private arena = new Uint8Array(1 << 16);
  private arenaUsed = 0;
  private arenaDead = 0;

  /** Stores a document in a new slot; the caller has removed any older slot of the same id. */
  add(doc: SearchDocument, tokenCount: number): number {
    const slot = this.slotCount++;
    if (slot >= this.capacity) this.grow(Math.max(1024, this.capacity * 2));
    this.ids[slot] = doc.id;
    this.slotOf.set(doc.id, slot);
    this.alive[slot] = 1;
    this.liveCount++;
    this.setFields(slot, doc);
    this.length[slot] = tokenCount;
    this.writeText(slot, doc.text);
    return slot;
  }

  /** Replaces everything but the text (same text, e.g. a status change): the postings stay valid. */
  setFields(slot: number, doc: SearchDocument): void {
    this.blockKeys[slot] = doc.blockKey;
    this.commentIds[slot] = doc.commentId;
    this.bylines[slot] = doc.byline;
    this.kind[slot] = Math.max(0, KINDS.indexOf(doc.kind));
    this.stance[slot] = Math.max(0, STANCES.indexOf(doc.stance));
    this.status[slot] = Math.max(0, STATUSES.indexOf(doc.status));
    this.createdAt[slot] = Number.isFinite(doc.createdAt) ? doc.createdAt : 0;
    this.versionNumber[slot] = Number.isInteger(doc.versionNumber) && doc.versionNumber! > 0 ? doc.versionNumber! : 0;
    this.currentVersion[slot] = doc.currentVersion === true ? 1 : doc.currentVersion === false ? 2 : 0;
    for (const field of INTERNED_FIELDS) this.interned[field][slot] = this.strings.intern(doc[field] ?? null);
  }

  kill(slot: number): void {
    if (!this.alive[slot]) return;
    this.alive[slot] = 0;
    this.liveCount--;
    this.slotOf.delete(this.ids[slot]);
    this.ids[slot] = "";
    this.blockKeys[slot] = this.commentIds[slot] = this.bylines[slot] = null;
    this.arenaDead += this.textEnd[slot] - this.textStart[slot];
  }

  text(slot: number): string {
    return decoder.decode(this.arena.subarray(this.textStart[slot], this.textEnd[slot]));
  }

  document(slot: number): SearchDocument {
    const s = (field: InternedField) => this.strings.valueOf(this.interned[field][slot]);
    return {
      id: this.ids[slot],
      kind: KINDS[this.kind[slot]],
      consultationId: s("consultationId") ?? "",
      consultationSlug: s("consultationSlug") ?? "",
      consultationTitle: s("consultationTitle") ?? "",
      blockKey: this.blockKeys[slot],
      blockLabel: s("blockLabel"),
      sectionKey: s("sectionKey"),
      sectionTitle: s("sectionTitle"),
      text: this.text(slot),
      commentId: this.commentIds[slot],
      stance: STANCES[this.stance[slot]],
      status: STATUSES[this.status[slot]],
      provinceCode: s("provinceCode"),
      provinceName: s("provinceName"),
      communeCode: s("communeCode"),
      communeName: s("communeName"),
      organizationId: s("organizationId"),
      organizationName: s("organizationName"),
      byline: this.bylines[slot],
      createdAt: this.createdAt[slot],
      // Only answers carry a disposition, only blocks a version: the other documents come back as they went in.
      ...(s("disposition") !== null ? { disposition: s("disposition") } : {}),
      ...(this.versionNumber[slot] > 0 ? { versionNumber: this.versionNumber[slot] } : {}),
      ...(this.currentVersion[slot] > 0 ? { currentVersion: this.currentVersion[slot] === 1 } : {}),
    };
  }

  /** Slots that died since the last compaction. */
  get deadCount(): number {
    return this.slotCount - this.liveCount;
  }

  /**
   * Renumbers the live slots 0..live-1 in their order and drops the dead texts. Returns the map from
   * old slot to new slot (-1: dead).
   */
  compact(): Int32Array {
    const remap = new Int32Array(this.slotCount).fill(-1);
    let next = 0;
    const arena = new Uint8Array(Math.max(1 << 16, this.arenaUsed - this.arenaDead + 1024));
    let used = 0;
    for (let slot = 0; slot < this.slotCount; slot++) {
      if (!this.alive[slot]) continue;
      remap[slot] = next;
      const start = this.textStart[slot];
      const end = this.textEnd[slot];
      arena.set(this.arena.subarray(start, end), used);
      this.textStart[next] = used;
      this.textEnd[next] = used + (end - start);
      used += end - start;
      this.ids[next] = this.ids[slot];
      this.slotOf.set(this.ids[next], next);
      this.blockKeys[next] = this.blockKeys[slot];
      this.commentIds[next] = this.commentIds[slot];
      this.bylines[next] = this.bylines[slot];
      for (const column of this.byteAndNumberColumns()) column[next] = column[slot];
      for (const field of INTERNED_FIELDS) this.interned[field][next] = this.interned[field][slot];
      next++;
    }
    for (let slot = next; slot < this.slotCount; slot++) {
      this.alive[slot] = 0;
      this.ids[slot] = "";
      this.blockKeys[slot] = this.commentIds[slot] = this.bylines[slot] = null;
    }
    this.ids.length = this.blockKeys.length = this.commentIds.length = this.bylines.length = next;
    this.slotCount = next;
    this.arena = arena;
    this.arenaUsed = used;
    this.arenaDead = 0;
    return remap;
  }

  /** Gives back the arena's spare room after a bulk build. */
  trim(): void {
    const room = Math.max(1 << 16, this.arenaUsed + (1 << 20));
    if (this.arena.length > room) this.arena = this.arena.slice(0, room);
  }

  /** Bytes held in typed arrays (the arena and the columns). */
  get typedBytes(): number {
    let bytes = this.arena.byteLength + this.textStart.byteLength + this.textEnd.byteLength;
    for (const column of this.byteAndNumberColumns()) bytes += column.byteLength;
    for (const field of INTERNED_FIELDS) bytes += this.interned[field].byteLength;
    return bytes;
  }

  get textBytes(): number {
    return this.arenaUsed - this.arenaDead;
  }

  private byteAndNumberColumns(): Array<Uint8Array | Float64Array | Uint32Array> {
    return [this.alive, this.kind, this.stance, this.status, this.createdAt, this.versionNumber, this.currentVersion, this.length];
  }

  private writeText(slot: number, text: string): void {
    // UTF-8 needs at most 3 bytes per UTF-16 code unit.
    const needed = this.arenaUsed + text.length * 3;
    if (needed > this.arena.length) {
      const bigger = new Uint8Array(Math.max(needed, Math.floor(this.arena.length * 1.5)));
      bigger.set(this.arena.subarray(0, this.arenaUsed));
      this.arena = bigger;
    }
    const { written } = encoder.encodeInto(text, this.arena.subarray(this.arenaUsed));
    this.textStart[slot] = this.arenaUsed;
    this.arenaUsed += written;
    this.textEnd[slot] = this.arenaUsed;
  }

  private grow(capacity: number): void {
    const growU8 = (a: Uint8Array<ArrayBuffer>) => copyInto(new Uint8Array(capacity), a);
    this.alive = growU8(this.alive);
    this.kind = growU8(this.kind);
    this.stance = growU8(this.stance);
    this.status = growU8(this.status);
    this.createdAt = copyInto(new Float64Array(capacity), this.createdAt);
    this.versionNumber = copyInto(new Uint32Array(capacity), this.versionNumber);
    this.currentVersion = growU8(this.currentVersion);
    this.length = copyInto(new Uint32Array(capacity), this.length);
    this.textStart = copyInto(new Uint32Array(capacity), this.textStart);
    this.textEnd = copyInto(new Uint32Array(capacity), this.textEnd);
    for (const field of INTERNED_FIELDS) this.interned[field] = copyInto(new Int32Array(capacity), this.interned[field]);
    this.capacity = capacity;
  }
}

function copyInto<T extends Uint8Array | Uint32Array | Int32Array | Float64Array>(target: T, source: T): T {
  target.set(source as never);
  return target;
}
