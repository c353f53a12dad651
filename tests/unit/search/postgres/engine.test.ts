import { describe, expect, it } from "vitest";
import type { SearchDocument } from "@search/engine.ts";
import { memoEntryRow, type AnalyzedText, type VectorMemo } from "@search/postgres/engine.ts";
import { entryRow } from "@search/postgres/entry.ts";

const doc = (id: string, text: string): SearchDocument => ({
  id: `c_${id}`,
  kind: "comment",
  consultationId: "cons1",
  consultationSlug: "du-thao",
  consultationTitle: "Dự thảo Báo cáo chính trị",
  blockKey: "b1",
  blockLabel: "Phần I › đoạn 2",
  sectionKey: "s1",
  sectionTitle: "I. Đánh giá",
  text,
  commentId: id,
  stance: "AGREE",
  status: "APPROVED",
  provinceCode: "01",
  provinceName: "Thành phố Hà Nội",
  communeCode: null,
  communeName: null,
  organizationId: null,
  organizationName: null,
  byline: "N. V. A., Thành phố Hà Nội",
  createdAt: Date.UTC(2026, 10, 20),
});

/** A memo that keeps the texts it is told to. */
function memoOf(keep: (text: string) => boolean): VectorMemo & { kept: Map<string, AnalyzedText> } {
  const kept = new Map<string, AnalyzedText>();
  return { kept, get: (text) => kept.get(text), set: (text, analyzed) => void (keep(text) && kept.set(text, analyzed)) };
}

describe("memoEntryRow (writeEntries' rows with a memo of vectors)", () => {
  const campaign = "Đề nghị giữ nguyên chỉ tiêu 100% xã có đường ô tô đến trung tâm được cứng hóa, vì mùa mưa các thôn bị chia cắt.";

  it("is entryRow without a memo", () => {
    expect(memoEntryRow(doc("a", campaign))).toEqual(entryRow(doc("a", campaign)));
  });

  it("makes entryRow's own row for a text the memo knows, taking its vector from the memo", () => {
    const memo = memoOf((text) => text === campaign);
    expect(memoEntryRow(doc("a", campaign), memo)).toEqual(entryRow(doc("a", campaign)));
    expect(memo.kept.size).toBe(1);
    // Another document with the same text: every column its own, the vector the memo's.
    const second = { ...doc("b", campaign), provinceCode: "79", stance: "DISAGREE" as const };
    const got = memoEntryRow(second, memo);
    expect(got).toEqual(entryRow(second));
    expect(got.values).toContain(memo.kept.get(campaign)!.lexemes);
  });

  it("offers every analyzed text to the memo, which keeps only what it wants", () => {
    const memo = memoOf((text) => text === campaign);
    const other = "Tôi đề nghị bổ sung chính sách hỗ trợ nông dân.";
    expect(memoEntryRow(doc("c", other), memo)).toEqual(entryRow(doc("c", other)));
    expect(memo.kept.has(other)).toBe(false);
  });
});
