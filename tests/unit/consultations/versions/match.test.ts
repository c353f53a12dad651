import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { documentToBlocks } from "~/consultations/document/blocks.ts";
import { importStructuredText } from "~/consultations/document/structured-text.ts";
import { fingerprint } from "~/text/near-duplicate.ts";
import { matchBlocks, matchCounts, SIMILAR_MIN_SCORE, type MatchBlock, type MatchWork } from "~/consultations/versions/match.ts";

// Matching a revision's blocks to the previous version's: exact, repeated, similar, outline, new, removed.

let counter = 0;
const block = (text: string, extra: Partial<MatchBlock> = {}): MatchBlock => ({
  key: `k${++counter}`,
  kind: "paragraph",
  number: null,
  label: "Phần mở đầu › đoạn 1",
  text,
  ...extra,
});
/** The same blocks with fresh keys, as an import gives them. */
const reimported = (blocks: MatchBlock[]) => blocks.map((b) => ({ ...b, key: `new-${b.key}` }));

const LONG_A =
  "Mặt trận Tổ quốc Việt Nam là cơ sở chính trị của chính quyền nhân dân; đại diện, bảo vệ quyền và lợi ích hợp pháp, chính đáng của Nhân dân; tập hợp, phát huy sức mạnh đại đoàn kết toàn dân tộc.";
const LONG_B = "Nhà nước bảo đảm và phát huy quyền làm chủ của Nhân dân; công nhận, tôn trọng, bảo vệ và bảo đảm quyền con người, quyền công dân.";

describe("matchBlocks", () => {
  it("keeps the old key of a block with the same text, whatever its spacing or Unicode form", () => {
    const old = [block(LONG_A), block(LONG_B)];
    const revised = [block(`  ${LONG_B.normalize("NFD").replace(/ /g, "  ")} `), block(LONG_A)];
    const report = matchBlocks(old, revised);
    expect(report.blocks.map((b) => [b.key, b.method, b.newKey])).toEqual([
      [old[1]!.key, "exact", revised[0]!.key],
      [old[0]!.key, "exact", revised[1]!.key],
    ]);
    expect(report.removed).toEqual([]);
  });

  it("pairs repeated identical texts in order, the extra one new", () => {
    const old = [block("Quốc hội quy định."), block(LONG_A), block("Quốc hội quy định.")];
    const revised = [block("Quốc hội quy định."), block(LONG_A), block("Quốc hội quy định."), block("Quốc hội quy định.")];
    const report = matchBlocks(old, revised);
    expect(report.blocks.map((b) => b.oldKey ?? null)).toEqual([old[0]!.key, old[1]!.key, old[2]!.key, null]);
    expect(report.blocks[3]!.method).toBe("new");
    expect(report.blocks[3]!.key).toBe(revised[3]!.key);
  });

  it("matches an edited paragraph by similarity, best pair first and one-to-one", () => {
    const edited = LONG_A.replace("đại diện, bảo vệ", "thể hiện ý chí, nguyện vọng của Nhân dân; đại diện, bảo vệ");
    const old = [block("Điều khoản thi hành."), block(LONG_A), block(LONG_B)];
    const revised = [block("Điều khoản thi hành."), block(edited), block(`${edited} Luật quy định chi tiết.`)];
    const report = matchBlocks(old, revised);
    expect(report.blocks[1]).toMatchObject({ key: old[1]!.key, method: "similar" });
    expect(report.blocks[1]!.score).toBeGreaterThanOrEqual(SIMILAR_MIN_SCORE);
    // The second edit is less similar to LONG_A, which is taken: it does not get LONG_A's key, only
    // LONG_B's place between the matched neighbours (an outline match the team can detach).
    expect(report.blocks[2]).toMatchObject({ key: old[2]!.key, method: "outline" });
    expect(report.blocks[2]!.score).toBeLessThan(SIMILAR_MIN_SCORE);
    expect(report.removed).toEqual([]);
  });

  it("falls back on the outline: the same numbered article under the same chapter, then the same place between matched neighbours", () => {
    const old = [
      block("Chương I. CHẾ ĐỘ CHÍNH TRỊ", { kind: "chapter", number: "I", label: "Chương I" }),
      block("Điều 5. Các dân tộc bình đẳng", { kind: "article", number: "5", label: "Chương I › Điều 5" }),
      block(LONG_A, { label: "Chương I › Điều 5 › đoạn 1" }),
      block("Một đoạn sẽ được viết lại hoàn toàn ở bản sau.", { label: "Chương I › Điều 5 › đoạn 2" }),
      block(LONG_B, { label: "Chương I › Điều 5 › đoạn 3" }),
    ];
    const revised = [
      block("Chương I. CHẾ ĐỘ CHÍNH TRỊ", { kind: "chapter", number: "I", label: "Chương I" }),
      block("Điều 5. Đại đoàn kết", { kind: "article", number: "5", label: "Chương I › Điều 5" }),
      block(LONG_A, { label: "Chương I › Điều 5 › đoạn 1" }),
      block("Nội dung mới thay thế toàn bộ đoạn trước đó.", { label: "Chương I › Điều 5 › đoạn 2" }),
      block(LONG_B, { label: "Chương I › Điều 5 › đoạn 3" }),
    ];
    const report = matchBlocks(old, revised);
    expect(report.blocks.map((b) => b.method)).toEqual(["exact", "outline", "exact", "outline", "exact"]);
    expect(report.blocks.map((b) => b.key)).toEqual(old.map((b) => b.key));
    expect(report.removed).toEqual([]);
  });

  it("leaves a block of another kind in a gap new, and reports the old one removed", () => {
    const old = [block(LONG_A), block("Bảng cũ", { kind: "table" }), block(LONG_B)];
    const revised = [block(LONG_A), block("Đoạn chen vào"), block(LONG_B)];
    const report = matchBlocks(old, revised);
    expect(matchCounts(report)).toEqual({ exact: 2, similar: 0, outline: 0, new: 1, removed: 1 });
    expect(report.removed).toEqual([old[1]!.key]);
  });

  it("matches the whole Constitution re-imported to itself, and an edited copy, with bounded work", () => {
    const doc = importStructuredText(readFileSync("../shared/corpus/hien-phap-2013.txt")).doc;
    const rows = documentToBlocks(doc, { html: false });
    const old: MatchBlock[] = rows;
    expect(matchCounts(matchBlocks(old, reimported(old)))).toMatchObject({ exact: old.length, new: 0, removed: 0 });

    // Every 10th paragraph edited (a phrase appended), every 25th removed, one new paragraph per 50.
    const revised: MatchBlock[] = [];
    old.forEach((b, i) => {
      if (i % 25 === 24) return;
      revised.push({ ...b, key: `r${i}`, text: i % 10 === 5 && b.kind !== "article" ? `${b.text} Việc này do luật định cụ thể.` : b.text });
      if (i % 50 === 0)
        revised.push({ key: `n${i}`, kind: "paragraph", number: null, label: "x", text: `Đoạn hoàn toàn mới số ${i} về chuyển đổi số quốc gia.` });
    });
    const report = matchBlocks(old, revised);
    const counts = matchCounts(report);
    expect(counts.removed).toBe(old.filter((_, i) => i % 25 === 24).length);
    expect(counts.new).toBe(old.filter((_, i) => i % 50 === 0).length);
    expect(counts.similar + counts.outline).toBe(old.filter((b, i) => i % 25 !== 24 && i % 10 === 5 && b.kind !== "article").length);
    // Each kept block has its own old key back.
    for (const b of report.blocks) if (b.newKey.startsWith("r")) expect(b.oldKey).toBe(old[Number(b.newKey.slice(1))]!.key);
  });

  it("matches 2,000 blocks with work proportional to the blocks, not their square", () => {
    const doc = importStructuredText(readFileSync("../shared/corpus/hien-phap-2013.txt")).doc;
    const base = documentToBlocks(doc, { html: false });
    const old: MatchBlock[] = [];
    for (let copy = 0; old.length < 2400; copy++) for (const b of base) old.push({ ...b, key: `${copy}-${b.key}`, text: `${b.text} (${copy})` });
    // Half the blocks edited: the similar pass sees 1,200 new blocks against 1,200 old ones.
    const revised = old.map((b, i) => ({ ...b, key: `n${i}`, text: i % 2 ? b.text : `${b.text} Sửa đổi bổ sung theo ý kiến nhân dân.` }));
    const work: MatchWork = { postings: 0, comparisons: 0 };
    const report = matchBlocks(old, revised, work);
    expect(report.blocks.filter((b) => b.oldKey === old[Number(b.newKey.slice(1))]!.key).length).toBeGreaterThan(old.length * 0.99);
    // At most CANDIDATES_PER_BLOCK (8) similarities per unmatched block (plus one per outline match), and
    // each of its shingles visits at most COMMON_SHINGLE_BLOCKS (32) postings: linear in the text.
    const unmatched = old.length / 2;
    const shingles = revised.filter((_, i) => i % 2 === 0).reduce((sum, b) => sum + fingerprint(b.text).shingles.length, 0);
    expect(work.comparisons).toBeLessThanOrEqual(unmatched * 9);
    expect(work.postings).toBeLessThanOrEqual(shingles * 32);
    expect(work.postings).toBeLessThan(unmatched * unmatched * 0.2);
  });
});
