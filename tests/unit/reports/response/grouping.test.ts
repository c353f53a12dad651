import { describe, expect, it } from "vitest";
import { DISPOSITION_LABELS } from "~/answers/dispositions.ts";
import {
  addCount,
  collapseGroups,
  countsLine,
  emptyCounts,
  GENERAL_SECTION_LABEL,
  opinionBatches,
  orderSections,
  parseBlockKeys,
} from "~/reports/response/grouping.ts";

describe("orderSections", () => {
  const headings = [
    { key: "p1", text: "Phần thứ nhất" },
    { key: "p2", text: "Phần thứ hai" },
    { key: "p3", text: "Phần thứ ba" },
  ];

  it("keeps the document's order, then sections of older versions, then the whole draft", () => {
    const ordered = orderSections({ headings, used: [null, "p3", "old", "p1"], removedLabels: new Map([["old", "Phần cũ"]]) });
    expect(ordered).toEqual([
      { key: "p1", label: "Phần thứ nhất" },
      { key: "p3", label: "Phần thứ ba" },
      { key: "old", label: "Phần cũ (bản trước)" },
      { key: null, label: GENERAL_SECTION_LABEL },
    ]);
  });

  it("lists every section when asked, and names an unknown old one", () => {
    expect(orderSections({ headings, used: ["gone"], removedLabels: new Map() }, false).map((s) => s.label)).toEqual([
      "Phần thứ nhất",
      "Phần thứ hai",
      "Phần thứ ba",
      "Phần không còn trong dự thảo (bản trước)",
      GENERAL_SECTION_LABEL,
    ]);
  });
});

describe("collapseGroups", () => {
  const o = (id: string, groupId: string | null = null) => ({ id, groupId });

  it("shows a near-duplicate group once, by its first member, with how many others it stands for", () => {
    const { entries, more } = collapseGroups([o("a", "g"), o("b"), o("c", "g"), o("d")], new Map([["g", 5]]), 7, 3);
    expect(entries.map((e) => [e.opinion.id, e.similar])).toEqual([
      ["a", 4],
      ["b", 0],
      ["d", 0],
    ]);
    expect(more).toBe(0);
  });

  it("counts the opinions the first entries do not stand for", () => {
    const { entries, more } = collapseGroups([o("a"), o("b"), o("c"), o("d")], new Map(), 40, 2);
    expect(entries).toHaveLength(2);
    expect(more).toBe(38);
  });
});

describe("counts", () => {
  it("adds per disposition and says the non-zero ones in the report's order", () => {
    const counts = emptyCounts();
    addCount(counts, "EXPLAINED", 1200);
    addCount(counts, "ADOPTED", 3);
    expect(counts).toEqual({ ADOPTED: 3, PARTLY_ADOPTED: 0, EXPLAINED: 1200, ALREADY_IN_DRAFT: 0, total: 1203 });
    expect(countsLine(counts, DISPOSITION_LABELS, (n) => n.toLocaleString("vi-VN"))).toBe("1.203 ý kiến: Tiếp thu 3, Giải trình (không tiếp thu) 1.200");
    expect(countsLine(emptyCounts(), DISPOSITION_LABELS, String)).toBe("0 ý kiến");
  });
});

describe("parseBlockKeys", () => {
  it("reads a JSON array of keys and nothing else", () => {
    expect(parseBlockKeys('["abc123","x"]')).toEqual(["abc123", "x"]);
    expect(parseBlockKeys('["<script>", 3, "ok1"]')).toEqual(["ok1"]);
    expect(parseBlockKeys("not json")).toEqual([]);
    expect(parseBlockKeys('{"a":1}')).toEqual([]);
  });
});

describe("opinionBatches", () => {
  it("cuts consecutive answers at the opinion limit, an answer larger than it alone", () => {
    const a = (opinions: number) => ({ opinions });
    expect(opinionBatches([a(3), a(3), a(5), a(20), a(1)], 6).map((b) => b.map((x) => x.opinions))).toEqual([[3, 3], [5], [20], [1]]);
    expect(opinionBatches([], 6)).toEqual([]);
  });
});
