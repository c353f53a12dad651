import { describe, expect, it } from "vitest";
import { diffStats, diffTokens, MAX_EDITS, textsDiffer, wordDiff, type DiffSegment } from "~/text/word-diff.ts";

const join = (segments: DiffSegment[], keep: "before" | "after") =>
  segments
    .filter((s) => s.kind === "same" || s.kind === (keep === "before" ? "del" : "ins"))
    .map((s) => s.text)
    .join("");
const render = (segments: DiffSegment[]) => segments.map((s) => (s.kind === "same" ? s.text : s.kind === "ins" ? `[+${s.text}]` : `[-${s.text}]`)).join("");

describe("wordDiff", () => {
  it("marks a replaced syllable as a deletion then an insertion", () => {
    const d = wordDiff("Phát triển kinh tế nhanh và bền vững.", "Phát triển kinh tế nhanh, bền vững.");
    expect(render(d)).toBe("Phát triển kinh tế nhanh[-và ][+, ]bền vững.");
  });

  it("gives back both texts exactly, spaces and punctuation included", () => {
    const before = "Đến năm 2030, là nước đang phát triển có công nghiệp hiện đại,  thu nhập trung bình cao.";
    const after = "Đến năm 2030, là nước đang phát triển, có công nghiệp hiện đại, thu nhập cao; đến năm 2045 trở thành nước phát triển.";
    const d = wordDiff(before, after);
    expect(join(d, "after")).toBe(after);
    // The "same" runs are written as in the new text, so only the old text's spacing may differ.
    expect(join(d, "before").replace(/\s+/g, "")).toBe(before.replace(/\s+/g, ""));
  });

  it("treats the same syllable with its tone mark placed differently, or in NFD, as unchanged", () => {
    expect(textsDiffer("hoà bình, khoẻ mạnh", "hòa bình, khỏe mạnh")).toBe(false);
    expect(textsDiffer("Nhà nước pháp quyền".normalize("NFD"), "Nhà nước pháp quyền")).toBe(false);
    expect(wordDiff("hoà bình", "hòa bình")).toEqual([{ kind: "same", text: "hòa bình" }]);
  });

  it("counts a change of case or of diacritics as a change", () => {
    expect(textsDiffer("nhà nước", "Nhà nước")).toBe(true);
    expect(render(wordDiff("ban hành luật", "ban hanh luật"))).toBe("ban [-hành ][+hanh ]luật");
  });

  it("handles empty texts and whole insertions or deletions", () => {
    expect(wordDiff("", "")).toEqual([]);
    expect(wordDiff("", "Điều mới.")).toEqual([{ kind: "ins", text: "Điều mới." }]);
    expect(wordDiff("Bỏ đoạn này.", "")).toEqual([{ kind: "del", text: "Bỏ đoạn này." }]);
  });

  it("finds a minimal script: one inserted word in a long paragraph is one insertion", () => {
    const words = Array.from({ length: 400 }, (_, i) => `từ${i}`);
    const after = [...words.slice(0, 200), "thêm", ...words.slice(200)].join(" ");
    const d = wordDiff(words.join(" "), after);
    expect(d.filter((s) => s.kind !== "same")).toEqual([{ kind: "ins", text: "thêm " }]);
    expect(diffStats(d)).toEqual({ inserted: 1, deleted: 0 });
  });

  it("gives up on a minimal script past MAX_EDITS and still gives back both texts", () => {
    const a = Array.from({ length: MAX_EDITS + 10 }, (_, i) => `a${i}`).join(" ");
    const b = Array.from({ length: MAX_EDITS + 10 }, (_, i) => `b${i}`).join(" ");
    const d = wordDiff(a, b);
    expect(join(d, "after")).toBe(b);
    expect(join(d, "before")).toBe(a);
  });

  it("keeps leading spaces as a token of their own", () => {
    expect(diffTokens("  Điều 1.").map((t) => t.text)).toEqual(["  ", "Điều ", "1", "."]);
  });
});
