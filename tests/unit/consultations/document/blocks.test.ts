import type { JSONContent } from "@tiptap/core";
import { describe, expect, it } from "vitest";
import { documentToBlocks, isHeadingKind, renderDocumentHtml, type BlockRow } from "~/consultations/document/blocks";
import { importStructuredText } from "~/consultations/document/structured-text";
import { readConstitution, REPORT_TEXT } from "./fixtures";

function nodeIds(node: JSONContent): string[] {
  const own = node.type === "heading" || node.type === "paragraph" ? [node.attrs!.id as string] : [];
  return [...own, ...(node.content ?? []).flatMap(nodeIds)];
}

function rowStarting(rows: BlockRow[], start: string): BlockRow {
  const row = rows.find((candidate) => candidate.text.startsWith(start));
  if (!row) throw new Error(`no block starts with ${start}`);
  return row;
}

describe("documentToBlocks on the 2013 Constitution", () => {
  const { doc } = importStructuredText(readConstitution());
  const rows = documentToBlocks(doc);

  it("has one row per block, keyed by the node id, in contiguous positions", () => {
    expect(rows.map((row) => row.key)).toEqual(nodeIds(doc));
    expect(new Set(rows.map((row) => row.key)).size).toBe(rows.length);
    expect(rows.map((row) => row.position)).toEqual(rows.map((_, i) => i));
    expect(rows.filter((row) => row.kind === "article")).toHaveLength(120);
  });

  it("labels blocks with their section path", () => {
    expect(rowStarting(rows, "Chương I.").label).toBe("Chương I");
    expect(rowStarting(rows, "Điều 2.").label).toBe("Chương I › Điều 2");
    expect(rowStarting(rows, "1. Nhà nước Cộng hòa xã hội chủ nghĩa Việt Nam là nhà nước pháp quyền").label).toBe("Chương I › Điều 2, khoản 1");
    expect(rowStarting(rows, "Nước Cộng hòa xã hội chủ nghĩa Việt Nam là một nước độc lập").label).toBe("Chương I › Điều 1, đoạn 1");
    expect(rowStarting(rows, "Từ năm 1930").label).toBe("Lời nói đầu › đoạn 2");
    expect(rowStarting(rows, "LỜI NÓI ĐẦU").label).toBe("Lời nói đầu");
    // A heading in capitals keeps the proper names the body writes with capitals.
    expect(rowStarting(rows, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM").label).toBe("Cộng hòa xã hội chủ nghĩa Việt Nam");
    expect(rowStarting(rows, "Điều 120.").label).toBe("Chương XI › Điều 120");
  });

  it("sets levels: headings their own, body one below the enclosing heading", () => {
    expect(rowStarting(rows, "Điều 2.").level).toBe(4);
    expect(rowStarting(rows, "1. Nhà nước Cộng hòa").level).toBe(5);
    expect(rowStarting(rows, "Từ năm 1930").level).toBe(2);
  });

  it("renders each block alone, with its id, kind, number and text", () => {
    const clause = rowStarting(rows, "1. Nhà nước Cộng hòa");
    expect(clause.html).toMatch(/^<p [^>]*>1\. Nhà nước Cộng hòa.*<\/p>$/);
    expect(clause.html).toContain(`data-id="${clause.key}"`);
    expect(clause.html).toContain('data-kind="clause"');
    expect(clause.html).toContain('data-number="1"');
    const article = rowStarting(rows, "Điều 64.");
    // Rendered one level down (level 4 → <h5>): the page's <h1> is the consultation title.
    expect(article.level).toBe(4);
    expect(article.html).toBe(`<h5 data-id="${article.key}" data-kind="article" data-number="64">Điều 64.</h5>`);
    for (const row of rows) {
      expect(row.html).toContain(`data-id="${row.key}"`);
      expect(row.text).toBe(row.text.normalize("NFC"));
    }
  });

  it("is stable: the same document gives the same rows", () => {
    expect(documentToBlocks(doc)).toEqual(rows);
  });
});

describe("documentToBlocks on a report-style draft", () => {
  const rows = documentToBlocks(importStructuredText(REPORT_TEXT).doc);
  const labels = Object.fromEntries(rows.map((row) => [row.text, row.label]));

  it("labels parts, roman sections, numbered paragraphs, points and list items", () => {
    expect(labels).toMatchObject({
      "BÁO CÁO CHÍNH TRỊ": "Báo cáo chính trị",
      "(Dự thảo)": "Báo cáo chính trị › đoạn 1",
      "Phần thứ nhất. ĐÁNH GIÁ TÌNH HÌNH": "Phần thứ nhất",
      "I. KẾT QUẢ ĐẠT ĐƯỢC": "Phần thứ nhất › I",
      "Mở đầu của mục.": "Phần thứ nhất › I › đoạn 1",
      "1. Kinh tế tăng trưởng khá.": "Phần thứ nhất › I › 1",
      "a) Tăng trưởng GDP bình quân 6%.": "Phần thứ nhất › I › 1 › a",
      "Xuất khẩu tăng.": "Phần thứ nhất › I › 1 › đoạn 1",
      "II. HẠN CHẾ": "Phần thứ nhất › II",
      "Phần thứ hai: Phương hướng": "Phần thứ hai",
      "Tiếp tục đổi mới.": "Phần thứ hai › đoạn 1",
    });
  });

  it("renders a list item as its inner paragraph", () => {
    const item = rows.find((row) => row.text === "Xuất khẩu tăng.")!;
    expect(item.kind).toBe("list_item");
    expect(item.html).toBe(`<p data-id="${item.key}" data-kind="list_item">Xuất khẩu tăng.</p>`);
  });
});

describe("documentToBlocks on editor output", () => {
  const paragraph = (id: string | undefined, text: string, attrs: Record<string, unknown> = {}): JSONContent => ({
    type: "paragraph",
    attrs: { id, ...attrs },
    content: text ? [{ type: "text", text }] : [],
  });

  it("labels clauses and points inside an Điều as khoản and điểm", () => {
    const rows = documentToBlocks({
      type: "doc",
      content: [
        { type: "heading", attrs: { id: "h1", level: 4, kind: "article", number: "7" }, content: [{ type: "text", text: "Điều 7." }] },
        paragraph("p1", "1. Khoản một.", { kind: "clause", number: "1" }),
        paragraph("p2", "a) Điểm a.", { kind: "point", number: "a" }),
      ],
    });
    expect(rows.map((row) => row.label)).toEqual(["Điều 7", "Điều 7, khoản 1", "Điều 7, khoản 1, điểm a"]);
  });

  it("infers kinds the editor did not set, skips empty paragraphs, and labels text before any heading", () => {
    const rows = documentToBlocks({
      type: "doc",
      content: [
        paragraph("a", "Mở đầu."),
        { type: "bulletList", content: [{ type: "listItem", content: [paragraph("b", "Một ý.")] }] },
        { type: "heading", attrs: { id: "c", level: 2 }, content: [{ type: "text", text: "Tiêu đề mới" }] },
        paragraph("d", ""),
      ],
    });
    expect(rows.map((row) => [row.key, row.kind, row.label])).toEqual([
      ["a", "paragraph", "Phần mở đầu › đoạn 1"],
      ["b", "list_item", "Phần mở đầu › đoạn 2"],
      ["c", "heading", "Tiêu đề mới"],
    ]);
  });

  it("refuses a block without an id, and duplicated ids", () => {
    expect(() => documentToBlocks({ type: "doc", content: [paragraph(undefined, "Không có id.")] })).toThrow(/không có mã định danh/);
    expect(() => documentToBlocks({ type: "doc", content: [paragraph("x", "Một."), paragraph("x", "Hai.")] })).toThrow(/bị trùng/);
  });
});

describe("isHeadingKind", () => {
  it("is true for structural and plain headings only", () => {
    expect(["part", "chapter", "section", "article", "heading"].every(isHeadingKind)).toBe(true);
    expect(["clause", "point", "list_item", "paragraph", "toString"].some(isHeadingKind)).toBe(false);
  });
});

describe("documentToBlocks with a table and a note", () => {
  const cell = (type: string, text: string) => ({
    type,
    content: [{ type: "paragraph", attrs: { id: `c${text.length}${text.charCodeAt(0)}` }, content: [{ type: "text", text }] }],
  });
  const doc: JSONContent = {
    type: "doc",
    content: [
      { type: "heading", attrs: { id: "dieu000001", level: 4, kind: "article", number: "3" }, content: [{ type: "text", text: "Điều 3. Mức phí" }] },
      { type: "paragraph", attrs: { id: "doan000001" }, content: [{ type: "text", text: "Mức phí như sau [1]:" }] },
      { type: "paragraph", attrs: { id: "ghichu0001", kind: "note", number: "1" }, content: [{ type: "text", text: "[1] Theo giá năm 2026." }] },
      {
        type: "table",
        attrs: { id: "bang000001" },
        content: [
          { type: "tableRow", content: [cell("tableHeader", "Loại"), cell("tableHeader", "Mức")] },
          { type: "tableRow", content: [cell("tableCell", "Xe máy"), cell("tableCell", "20.000 đồng")] },
        ],
      },
      { type: "paragraph", attrs: { id: "doan000002" }, content: [{ type: "text", text: "Sau bảng." }] },
    ],
  };
  const rows = documentToBlocks(doc);

  it("makes the table one block, commented on whole: its cells are not blocks of their own", () => {
    expect(rows.map((row) => [row.key, row.kind, row.label])).toEqual([
      ["dieu000001", "article", "Điều 3"],
      ["doan000001", "paragraph", "Điều 3, đoạn 1"],
      ["ghichu0001", "note", "Điều 3, ghi chú 1"],
      ["bang000001", "table", "Điều 3, bảng 1"],
      ["doan000002", "paragraph", "Điều 3, đoạn 2"],
    ]);
    const table = rows[3];
    expect(table.text).toBe("Loại | Mức\nXe máy | 20.000 đồng");
    // No inline style or column widths: the Content-Security-Policy allows no style attributes.
    expect(table.html).toMatch(/^<table data-id="bang000001"><tbody><tr><th colspan="1" rowspan="1"><p[^>]*>Loại<\/p><\/th>/);
    expect(table.html).not.toContain("style");
    expect(table.html).not.toContain("colgroup");
  });
});

describe("renderDocumentHtml (the working copy to read before the editor mounts)", () => {
  const heading = (id: string, level: number, kind: string, text: string): JSONContent => ({
    type: "heading",
    attrs: { id, level, kind },
    content: [{ type: "text", text }],
  });

  it("keeps the team's tags, as the editor does, and gives each heading its outline level below the page's h1", () => {
    const html = renderDocumentHtml({
      type: "doc",
      content: [
        heading("c1", 2, "chapter", "Chương I"),
        heading("d1", 4, "article", "Điều 1."),
        { type: "paragraph", attrs: { id: "p1" }, content: [{ type: "text", text: "Luật này quy định." }] },
        heading("d2", 4, "article", "Điều 2."),
        heading("h1", 5, "heading", "Tiêu đề trong Điều 2"),
        heading("c2", 2, "chapter", "Chương II"),
      ],
    });
    const found = [...html.matchAll(/<(h[1-6])\b([^>]*)>/g)].map(([, tag, attrs]) => [
      tag,
      /data-id="(\w+)"/.exec(attrs)![1],
      /role="heading"/.test(attrs),
      /aria-level="(\d)"/.exec(attrs)?.[1],
    ]);
    expect(found).toEqual([
      ["h2", "c1", true, "2"],
      ["h4", "d1", true, "3"],
      ["h4", "d2", true, "3"],
      ["h5", "h1", true, "4"],
      ["h2", "c2", true, "2"],
    ]);
    expect(html).toContain("<p");
  });
});
