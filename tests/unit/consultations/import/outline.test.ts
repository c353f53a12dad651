import { describe, expect, it } from "vitest";
import { htmlToDraft } from "~/consultations/import/html-draft.server.ts";
import { LONG_PARAGRAPH_CHARS, MAX_LISTED_WARNINGS, previewDraft } from "~/consultations/import/outline.ts";

// The preview's counts, tree and warnings, from small documents.

const preview = (html: string) => {
  const draft = htmlToDraft(html);
  return previewDraft(draft.doc, draft.title, draft.report);
};
const messages = (html: string, code: string) =>
  preview(html)
    .warnings.find((group) => group.code === code)
    ?.items.map((item) => item.message) ?? [];

describe("numbering", () => {
  it("finds gaps, repeats and numbers going back, for Điều across chapters", () => {
    const html = "<p>Chương I. A</p><p>Điều 1. a</p><p>Điều 2. b</p><p>Chương II. B</p><p>Điều 5. c</p><p>Điều 4. d</p><p>Điều 5. e</p>";
    expect(messages(html, "numbering-gap")).toEqual(["Điều 5 đứng sau Điều 2: thiếu Điều 3 đến 4."]);
    expect(messages(html, "numbering-order")).toEqual(["Điều 4 đứng sau Điều 5."]);
    expect(messages(html, "numbering-repeat")).toEqual(["Điều 5 xuất hiện lần nữa (đã có Điều 5 ở trên)."]);
  });

  it("reads roman chapters, ordinal parts and lettered points; restarts Mục per Chương, khoản per Điều, điểm per khoản", () => {
    const html =
      "<p>Phần thứ nhất. A</p><p>Chương I. A</p><p>Mục 1. A</p><p>Mục 2. B</p><p>Chương III. B</p><p>Mục 1. A</p>" +
      "<p>Điều 1. a</p><p>1. x</p><p>a) x</p><p>c) x</p><p>2. y</p><p>a) y</p><p>Điều 2. b</p><p>1. z</p><p>Phần thứ ba. C</p>";
    expect(messages(html, "numbering-gap")).toEqual([
      "Chương III đứng sau Chương I: thiếu Chương II.",
      "điểm c đứng sau điểm a: thiếu điểm b.",
      "Phần thứ ba đứng sau Phần thứ nhất: thiếu Phần thứ hai.",
    ]);
    expect(messages(html, "numbering-repeat")).toEqual([]);
  });

  it("says nothing about a clean text", () => {
    expect(preview("<p>Chương I. A</p><p>Điều 1. a</p><p>1. x</p><p>2. y</p><p>Điều 2. b</p>").warnings).toEqual([]);
  });
});

describe("other warnings", () => {
  it("names a Chương without a title, a long paragraph, text without diacritics, a file with no headings", () => {
    expect(messages("<p>Chương I</p><p>Điều 1. a</p>", "untitled-heading")).toEqual(["Chương I không có tên (dòng tên có thể bị tách riêng hoặc bị thiếu)."]);
    expect(messages(`<p>Điều 1.</p><p>${"Rất dài. ".repeat(LONG_PARAGRAPH_CHARS / 5)}</p>`, "long-paragraph")[0]).toMatch(/^Đoạn dài 4\.499 ký tự: «Rất dài\./);
    expect(messages("<p>Điều 1.</p><p>Toi de nghi bo sung quy dinh ve dat dai cho nguoi dan</p>", "no-diacritics")).toHaveLength(1);
    expect(messages("<p>Văn bản không có tiêu đề nào.</p>", "no-structure")[0]).toContain("Không nhận ra tiêu đề nào");
  });

  it("lists at most MAX_LISTED_WARNINGS of a kind and counts the rest", () => {
    const html = "<p>Điều 1. a</p>" + Array.from({ length: 30 }, (_, i) => `<p>Điều ${3 + i * 2}. x</p>`).join("");
    const group = preview(html).warnings.find((g) => g.code === "numbering-gap")!;
    expect(group.total).toBe(30);
    expect(group.items).toHaveLength(MAX_LISTED_WARNINGS);
  });
});

describe("outline", () => {
  it("counts blocks by kind and nests headings, never a Chương inside a plain heading", () => {
    const result = preview(
      "<p>LỜI NÓI ĐẦU</p><p>Mở đầu.</p><p>Chương I. A</p><p>Điều 1. a</p><p>1. x</p><p>Điều 2. b</p><table><tr><td>t</td></tr></table><p>Chương II. B</p><p>Điều 3. c</p>",
    );
    expect(result.counts).toEqual({ parts: 0, chapters: 2, sections: 0, articles: 3, headings: 1, paragraphs: 2, tables: 1, notes: 0 });
    expect(result.outline.map((node) => [node.text, node.children.map((child) => `${child.text} (${child.blocks})`)])).toEqual([
      ["LỜI NÓI ĐẦU", []],
      ["Chương I. A", ["Điều 1. a (1)", "Điều 2. b (1)"]],
      ["Chương II. B", ["Điều 3. c (0)"]],
    ]);
  });
});
