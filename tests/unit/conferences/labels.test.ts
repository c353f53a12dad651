import { expect, it } from "vitest";
import { labelIndex, labelKey } from "~/conferences/labels.ts";

const index = labelIndex([
  { key: "k1", label: "Phần thứ nhất › Mục I › đoạn 1" },
  { key: "k2", label: "Phần thứ nhất › Mục I › đoạn 2" },
  { key: "k3", label: "Phần thứ hai › đoạn 1" },
  { key: "d1", label: "Lời nói đầu" },
  { key: "d2", label: "Lời nói đầu" },
]);

it("matches labels without case, diacritics or the exact separator, and block codes", () => {
  expect(labelKey("Phần thứ nhất › Mục I › đoạn 1")).toBe("phan thu nhat > muc i > doan 1");
  expect(index.match("Phần thứ nhất › Mục I › đoạn 2")).toEqual({ ok: true, blockKey: "k2" });
  expect(index.match("phan thu nhat > muc i > doan 2")).toEqual({ ok: true, blockKey: "k2" });
  expect(index.match("PHẦN THỨ NHẤT » MỤC I » ĐOẠN 2.")).toEqual({ ok: true, blockKey: "k2" });
  expect(index.match("Phần thứ hai|đoạn 1")).toEqual({ ok: true, blockKey: "k3" });
  expect(index.match("k3")).toEqual({ ok: true, blockKey: "k3" });
  expect(index.match("#k1")).toEqual({ ok: true, blockKey: "k1" });
});

it("takes an empty cell and words for the whole draft as the whole draft", () => {
  for (const whole of ["", "Toàn văn", "toàn văn dự thảo", "Toàn bộ dự thảo", "Chung"]) expect(index.match(whole), whole).toEqual({ ok: true, blockKey: null });
});

it("suggests the closest labels for one that does not exist, and asks for a code when a label is not unique", () => {
  const missing = index.match("Phần thứ nhất › Mục I › đoạn 3");
  expect(missing).toMatchObject({ ok: false });
  if (!missing.ok)
    expect(missing.message).toBe(
      "Không có phần, mục, đoạn «Phần thứ nhất › Mục I › đoạn 3» trong dự thảo. Có phải: «Phần thứ nhất › Mục I › đoạn 1», «Phần thứ nhất › Mục I › đoạn 2»?",
    );
  const far = index.match("Chương XX");
  if (!far.ok) expect(far.message).toContain("trang Hướng dẫn");
  const repeated = index.match("Lời nói đầu");
  expect(repeated).toMatchObject({ ok: false, message: expect.stringContaining("trùng với 2 đoạn") });
});

it("understands a label of the earlier scheme after the current labels, and a comma as a separator", () => {
  const blocks = labelIndex([
    { key: "i3", label: "Phần thứ nhất › I › 3", earlierLabel: "Phần thứ nhất › Mục I › đoạn 6" },
    { key: "i2a", label: "Phần thứ nhất › I › 2 › a", earlierLabel: "Phần thứ nhất › Mục I › đoạn 3 › điểm a" },
    { key: "d64", label: "Chương V › Điều 64, khoản 2, điểm a", earlierLabel: "Chương V › Điều 64 › khoản 2 › điểm a" },
  ]);
  expect(blocks.match("Phần thứ nhất › I › 3")).toEqual({ ok: true, blockKey: "i3" });
  expect(blocks.match("Phần thứ nhất › Mục I › đoạn 6")).toEqual({ ok: true, blockKey: "i3" });
  expect(blocks.match("Chương V › Điều 64 › khoản 2 › điểm a")).toEqual({ ok: true, blockKey: "d64" });
  expect(blocks.match("Chương V, Điều 64, khoản 2, điểm a")).toEqual({ ok: true, blockKey: "d64" });
  const missing = blocks.match("Phần thứ nhất › I › 4");
  // Suggestions are current labels only.
  if (!missing.ok) expect(missing.message).not.toContain("Mục I");
});
