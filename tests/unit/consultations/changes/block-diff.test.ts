import { describe, expect, it } from "vitest";
import { changedKeys, collapseKept, countChanges, diffBlocks, paginateChanges, type DiffBlock } from "~/consultations/changes/block-diff.ts";

const b = (key: string, text: string, label = `Đoạn ${key}`): DiffBlock => ({ key, label, text });

describe("diffBlocks", () => {
  const from = [b("a", "Mở đầu."), b("b", "Phát triển kinh tế nhanh."), b("c", "Đoạn sẽ bỏ."), b("d", "Kết luận.")];
  const to = [b("a", "Mở  đầu."), b("b", "Phát triển kinh tế nhanh và bền vững."), b("n", "Đoạn mới thêm."), b("d", "Kết luận.")];
  const changes = diffBlocks(from, to);

  it("matches blocks by key: kept (spacing alone is no change), changed with its word diff, new, removed", () => {
    expect(changes.map((c) => [c.kind, c.key])).toEqual([
      ["kept", "a"],
      ["changed", "b"],
      ["removed", "c"],
      ["new", "n"],
      ["kept", "d"],
    ]);
    const changed = changes[1];
    if (changed.kind !== "changed") throw new Error("expected a change");
    expect(changed.before).toBe("Phát triển kinh tế nhanh.");
    expect(changed.segments).toEqual([
      { kind: "same", text: "Phát triển kinh tế nhanh " },
      { kind: "ins", text: "và bền vững" },
      { kind: "same", text: "." },
    ]);
    expect(countChanges(changes)).toEqual({ changed: 1, added: 1, removed: 1, kept: 2 });
    expect([...changedKeys(changes)]).toEqual(["b", "n"]);
  });

  it("puts a removed block after the block that preceded it in the older version, or first", () => {
    const order = diffBlocks([b("x", "Bỏ đầu."), b("a", "A."), b("y", "Bỏ giữa 1."), b("z", "Bỏ giữa 2."), b("c", "C.")], [b("c", "C."), b("a", "A.")]);
    expect(order.map((c) => `${c.kind}:${c.key}`)).toEqual(["removed:x", "kept:c", "kept:a", "removed:y", "removed:z"]);
  });

  it("a label change alone is no change of text", () => {
    expect(diffBlocks([b("a", "Giữ nguyên.", "Điều 1")], [b("a", "Giữ nguyên.", "Điều 2")])).toEqual([{ kind: "kept", key: "a", label: "Điều 2" }]);
  });

  it("two empty versions have nothing to show", () => {
    expect(diffBlocks([], [])).toEqual([]);
    expect(collapseKept([])).toEqual([]);
    expect(paginateChanges([], 10)).toEqual([[]]);
  });
});

describe("collapseKept and paginateChanges", () => {
  const many = Array.from({ length: 10 }, (_, i) => b(`k${i}`, `Đoạn ${i}.`));
  const revised = many.map((block, i) => (i === 3 || i === 4 || i === 8 ? { ...block, text: `${block.text} Sửa.` } : block));
  const shown = collapseKept(diffBlocks(many, revised));

  it("collapses each run of unchanged blocks into one count, starting at its first key", () => {
    expect(shown.map((s) => (s.kind === "unchanged" ? `…${s.count}@${s.firstKey}` : `${s.kind}:${s.key}`))).toEqual([
      "…3@k0",
      "changed:k3",
      "changed:k4",
      "…3@k5",
      "changed:k8",
      "…1@k9",
    ]);
  });

  it("pages hold at most perPage changes, the runs ride along with the change after them", () => {
    const pages = paginateChanges(shown, 2);
    expect(pages.map((p) => p.map((s) => (s.kind === "unchanged" ? `…${s.count}` : s.key)))).toEqual([
      ["…3", "k3", "k4", "…3"],
      ["k8", "…1"],
    ]);
    expect(paginateChanges(shown, 200)).toHaveLength(1);
  });
});
