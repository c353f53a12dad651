import type { Disposition } from "~/generated/sqlite/client.ts";
import { DISPOSITIONS } from "~/answers/dispositions.ts";

// The pure pieces of the response report: counts per disposition, the order of its sections, and an
// answer's opinions with each near-duplicate group shown once.

export type DispositionCounts = Record<Disposition, number> & { total: number };

export function emptyCounts(): DispositionCounts {
  return { ADOPTED: 0, PARTLY_ADOPTED: 0, EXPLAINED: 0, ALREADY_IN_DRAFT: 0, total: 0 };
}

export function addCount(counts: DispositionCounts, disposition: Disposition, n: number): void {
  counts[disposition] += n;
  counts.total += n;
}

/** The title of the group of answers on the whole draft (and on sections no version has any more). */
export const GENERAL_SECTION_LABEL = "Ý kiến chung về toàn bộ dự thảo";

export interface SectionOrderInput {
  /** The top-level section headings of the current version, in document order. */
  headings: { key: string; text: string }[];
  /** Section keys the answers name; a key that is no heading of the current version comes after them. */
  used: Iterable<string | null>;
  /** Labels of sections removed from the current version (from older versions' blocks). */
  removedLabels: Map<string, string>;
}

export interface OrderedSection {
  /** null: the whole draft. */
  key: string | null;
  label: string;
}

/**
 * The report's sections: the current version's headings in document order, then the sections of older
 * versions the answers still name (by label), then "Ý kiến chung về toàn bộ dự thảo". Only sections
 * with answers are kept when `onlyUsed` is true.
 */
export function orderSections(input: SectionOrderInput, onlyUsed = true): OrderedSection[] {
  const used = new Set(input.used);
  const headingKeys = new Set(input.headings.map((h) => h.key));
  const result: OrderedSection[] = input.headings.filter((h) => !onlyUsed || used.has(h.key)).map((h) => ({ key: h.key, label: h.text }));
  const removed = [...used].filter((k): k is string => k !== null && !headingKeys.has(k)).sort();
  for (const key of removed) result.push({ key, label: `${input.removedLabels.get(key) ?? "Phần không còn trong dự thảo"} (bản trước)` });
  if (!onlyUsed || used.has(null)) result.push({ key: null, label: GENERAL_SECTION_LABEL });
  return result;
}

export interface PreviewEntry<T> {
  opinion: T;
  /** Other opinions of the same near-duplicate group that this answer covers: "và N ý kiến tương tự". */
  similar: number;
}

/**
 * The first `limit` entries of an answer's opinions (in the order given), a near-duplicate group shown
 * once by its first member; `more` is how many of the `total` opinions the entries do not stand for.
 */
export function collapseGroups<T extends { groupId: string | null }>(
  opinions: readonly T[],
  groupSizes: ReadonlyMap<string, number>,
  total: number,
  limit: number,
): { entries: PreviewEntry<T>[]; more: number } {
  const entries: PreviewEntry<T>[] = [];
  const seen = new Set<string>();
  for (const opinion of opinions) {
    if (entries.length >= limit) break;
    if (opinion.groupId !== null) {
      if (seen.has(opinion.groupId)) continue;
      seen.add(opinion.groupId);
    }
    const size = opinion.groupId !== null ? (groupSizes.get(opinion.groupId) ?? 1) : 1;
    entries.push({ opinion, similar: Math.max(0, size - 1) });
  }
  const shown = entries.reduce((n, e) => n + 1 + e.similar, 0);
  return { entries, more: Math.max(0, total - shown) };
}

/** "12 ý kiến: Tiếp thu 5, Giải trình (không tiếp thu) 7" — the non-zero dispositions in the report's order. */
export function countsLine(counts: DispositionCounts, labels: Record<Disposition, string>, format: (n: number) => string): string {
  const parts = DISPOSITIONS.filter((d) => counts[d] > 0).map((d) => `${labels[d]} ${format(counts[d])}`);
  return `${format(counts.total)} ý kiến${parts.length ? `: ${parts.join(", ")}` : ""}`;
}

/** The block keys an answer names (Answer.blockKeys, a JSON array); anything else is no key. */
export function parseBlockKeys(json: string): string[] {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value.filter((k): k is string => typeof k === "string" && /^[a-z0-9]{1,40}$/i.test(k)) : [];
  } catch {
    return [];
  }
}

/** Consecutive answers in batches of at most `limit` opinions (one answer alone may cover more). */
export function opinionBatches<T extends { opinions: number }>(answers: readonly T[], limit: number): T[][] {
  const batches: T[][] = [];
  let current: T[] = [];
  let size = 0;
  for (const answer of answers) {
    if (current.length && size + answer.opinions > limit) {
      batches.push(current);
      current = [];
      size = 0;
    }
    current.push(answer);
    size += answer.opinions;
  }
  if (current.length) batches.push(current);
  return batches;
}
