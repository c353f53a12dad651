import type { JSONContent } from "@tiptap/core";
import { describe, expect, it } from "vitest";
import { documentToBlocks } from "~/consultations/document/blocks.ts";
import { htmlToDraft } from "~/consultations/import/html-draft.server.ts";
import { checkAgainstSchema } from "~/consultations/import/import.server.ts";
import { markdownToHtml } from "~/consultations/import/markdown.server.ts";

// The HTML mammoth and markdown-it write → the tiptap document: structure from heading styles and from
// the Vietnamese patterns of the text importer, marks, lists, tables, notes, images left out.

const rowsOf = (html: string) => {
  const draft = htmlToDraft(html);
  checkAgainstSchema(draft.doc);
  return { ...draft, rows: documentToBlocks(draft.doc, { html: false }) };
};
const summary = (html: string) => rowsOf(html).rows.map((row) => `${row.kind}|${row.number ?? ""}|${row.label}|${row.text}`);

describe("structure", () => {
  it("reads Phần/Chương/Mục/Điều, khoản and điểm from paragraphs, as the text importer does", () => {
    expect(
      summary(
        "<p>Chương I</p><p>NHỮNG QUY ĐỊNH CHUNG</p><p>Điều 1. Phạm vi</p><p>1. Khoản một.</p><p>a) Điểm a.</p><p>- Gạch đầu dòng</p><p>Mục 2. QUẢN LÝ</p>",
      ),
    ).toEqual([
      "chapter|I|Chương I|Chương I. NHỮNG QUY ĐỊNH CHUNG",
      "article|1|Chương I › Điều 1|Điều 1. Phạm vi",
      "clause|1|Chương I › Điều 1, khoản 1|1. Khoản một.",
      "point|a|Chương I › Điều 1, khoản 1, điểm a|a) Điểm a.",
      "list_item||Chương I › Điều 1, khoản 1, đoạn 1|Gạch đầu dòng",
      "section|2|Chương I › Mục 2|Mục 2. QUẢN LÝ",
    ]);
  });

  it("makes a Word heading style a heading even without a pattern, at its own level when the file has no Chương/Điều", () => {
    const { doc } = rowsOf("<h1>Đánh giá tình hình</h1><p>Nội dung.</p><h2>Về kinh tế</h2><p>Tăng trưởng khá.</p><h3>1. Công nghiệp</h3>");
    expect(doc.content!.filter((n) => n.type === "heading").map((n) => [n.attrs!.kind, n.attrs!.level])).toEqual([
      ["heading", 1],
      ["heading", 2],
      ["heading", 3],
    ]);
  });

  it("puts a plain styled heading one level below the open Chương/Điều, as the text importer does", () => {
    const { doc } = rowsOf("<h1>Chương I. CHUNG</h1><h2>Điều 1. Phạm vi</h2><h3>Ghi chú riêng</h3><p>Văn bản.</p>");
    expect(doc.content!.filter((n) => n.type === "heading").map((n) => [n.attrs!.kind, n.attrs!.number, n.attrs!.level])).toEqual([
      ["chapter", "I", 2],
      ["article", "1", 4],
      ["heading", null, 5],
    ]);
  });

  it("takes the Title style as the title, else the first Heading 1 before the structure", () => {
    expect(htmlToDraft('<p>QUỐC HỘI</p><h1 class="title">Luật Đường bộ</h1><h1>Chương I. CHUNG</h1><p>Điều 1.</p>').title).toBe("Luật Đường bộ");
    expect(htmlToDraft("<p>QUỐC HỘI</p><h1>LUẬT ĐƯỜNG BỘ</h1><h2>Chương I. CHUNG</h2>").title).toBe("LUẬT ĐƯỜNG BỘ");
  });

  it("keeps bold and italic, joins a bare Chương with its title keeping both parts' marks", () => {
    const { doc } = rowsOf("<p><strong>Chương II</strong></p><p><em>QUYỀN CON NGƯỜI</em></p><p>Văn bản <strong>đậm</strong> và <em>nghiêng</em>.</p>");
    expect(doc.content![0].content).toEqual([
      { type: "text", text: "Chương II", marks: [{ type: "bold" }] },
      { type: "text", text: ". " },
      { type: "text", text: "QUYỀN CON NGƯỜI", marks: [{ type: "italic" }] },
    ]);
    expect(doc.content![1].content).toEqual([
      { type: "text", text: "Văn bản " },
      { type: "text", text: "đậm", marks: [{ type: "bold" }] },
      { type: "text", text: " và " },
      { type: "text", text: "nghiêng", marks: [{ type: "italic" }] },
      { type: "text", text: "." },
    ]);
  });

  it("collapses whitespace, drops empty paragraphs and rules of dashes, keeps line breaks", () => {
    const { rows } = rowsOf("<p>  Một \t hai  </p><p></p><p>-------</p><p>Dòng một<br />  dòng hai </p>");
    expect(rows.map((row) => row.text)).toEqual(["Một hai", "Dòng một\ndòng hai"]);
  });

  it("makes every heading, paragraph and table an id, all different", () => {
    const { doc } = rowsOf("<h1>Chương I. A</h1><p>Một.</p><table><tr><td><p>x</p></td></tr></table><ul><li>a</li><li>b</li></ul>");
    const ids: string[] = [];
    const walk = (node: JSONContent) => {
      if (["heading", "paragraph", "table"].includes(node.type!)) ids.push(node.attrs!.id);
      node.content?.forEach(walk);
    };
    walk(doc);
    expect(ids.length).toBe(6);
    expect(new Set(ids).size).toBe(6);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]{10}$/);
  });
});

describe("lists, tables, notes, images", () => {
  it("writes the numbers of a numbered list into its items: khoản «1.», điểm «a)»; bullets stay a list", () => {
    const html =
      "<p>Điều 1. Nguyên tắc</p><ol><li>Công khai;<ol><li>niêm yết;</li><li>đăng tải.</li></ol></li><li>Minh bạch.</li></ol><ul><li>xe cứu thương;</li></ul>";
    const { rows, report, doc } = rowsOf(html);
    expect(rows.map((row) => `${row.kind}|${row.label}|${row.text}`)).toEqual([
      "article|Điều 1|Điều 1. Nguyên tắc",
      "clause|Điều 1, khoản 1|1. Công khai;",
      "point|Điều 1, khoản 1, điểm a|a) niêm yết;",
      "point|Điều 1, khoản 1, điểm b|b) đăng tải.",
      "clause|Điều 1, khoản 2|2. Minh bạch.",
      "list_item|Điều 1, khoản 2, đoạn 1|xe cứu thương;",
    ]);
    expect(report.numberedItems).toBe(4);
    expect(doc.content!.at(-1)!.type).toBe("bulletList");
  });

  it("keeps a table whole, with header cells, spans and the cells' own marks", () => {
    const { doc, rows } = rowsOf(
      '<table><thead><tr><th><p>Loại</p></th><th colspan="2"><p>Mức</p></th></tr></thead><tbody><tr><td><strong>Xe</strong></td><td>1</td><td>2</td></tr></tbody></table>',
    );
    const table = doc.content![0];
    expect(table.type).toBe("table");
    expect(table.content![0].content!.map((cell) => [cell.type, cell.attrs!.colspan])).toEqual([
      ["tableHeader", 1],
      ["tableHeader", 2],
    ]);
    expect(table.content![1].content![0].content![0].content).toEqual([{ type: "text", text: "Xe", marks: [{ type: "bold" }] }]);
    expect(rows.map((row) => [row.kind, row.text])).toEqual([["table", "Loại | Mức\nXe | 1 | 2"]]);
  });

  it("puts a footnote right after the block that refers to it, without mammoth's back link", () => {
    const html =
      '<p>Điều 1. Phạm vi</p><p>Luật này quy định<sup><a href="#footnote-2" id="footnote-ref-2">[1]</a></sup> về phí.</p><p>Đoạn sau.</p>' +
      '<ol><li id="footnote-2"><p> Theo Nghị quyết 90. <a href="#footnote-ref-2">↑</a></p></li></ol>';
    const { rows, report } = rowsOf(html);
    expect(rows.map((row) => `${row.kind}|${row.number ?? ""}|${row.label}|${row.text}`)).toEqual([
      "article|1|Điều 1|Điều 1. Phạm vi",
      "paragraph||Điều 1, đoạn 1|Luật này quy định[1] về phí.",
      "note|1|Điều 1, ghi chú 1|[1] Theo Nghị quyết 90.",
      "paragraph||Điều 1, đoạn 2|Đoạn sau.",
    ]);
    expect(report.notes).toBe(1);
  });

  it("leaves images out and says which, with their description and where they were", () => {
    const { rows, report } = rowsOf('<p>Điều 1. Sơ đồ</p><p>Xem hình <img src="#hinh-1" alt="" /> dưới đây.</p><p><img src="#hinh-2" /></p>');
    expect(rows.map((row) => row.text)).toEqual(["Điều 1. Sơ đồ", "Xem hình dưới đây."]);
    const withAlt = htmlToDraft('<p>Điều 1. Sơ đồ</p><p>Xem hình <img src="#hinh-1" /></p><p><img src="#hinh-2" /></p>', {
      images: [{ alt: null }, { alt: "Sơ đồ tổ chức" }],
    });
    expect(withAlt.report.images).toEqual([
      { index: 1, alt: null, near: "Xem hình", after: false },
      { index: 2, alt: "Sơ đồ tổ chức", near: "Xem hình", after: true },
    ]);
    expect(report.images).toHaveLength(2);
  });

  it("counts the blocks whose text was not NFC, and stores them NFC", () => {
    const decomposed = "Điều 64.".normalize("NFD");
    const { rows, report } = rowsOf(`<p>${decomposed}</p><p>Đã chuẩn.</p>`);
    expect(report.notNfc).toBe(1);
    expect(rows[0]).toMatchObject({ kind: "article", number: "64", text: "Điều 64." });
  });

  it("refuses a file with no text at all", () => {
    expect(() => htmlToDraft('<p></p><p>  </p><p><img src="#hinh-1" /></p>')).toThrow("Tài liệu không có chữ nào để nhập");
  });
});

describe("Markdown", () => {
  it("reads headings, marks, lists and tables, and never lets raw HTML through", () => {
    const md =
      "# Chương I. NHỮNG QUY ĐỊNH CHUNG\n\n## Điều 1. Phạm vi\n\nVăn bản **đậm** <script>alert(1)</script>.\n\n1. Khoản một;\n2. Khoản hai.\n\n| Loại | Mức |\n|---|---|\n| Xe | 1 |\n";
    const { rows, doc } = rowsOf(markdownToHtml(md));
    expect(rows.map((row) => `${row.kind}|${row.label}|${row.text}`)).toEqual([
      "chapter|Chương I|Chương I. NHỮNG QUY ĐỊNH CHUNG",
      "article|Chương I › Điều 1|Điều 1. Phạm vi",
      "paragraph|Chương I › Điều 1, đoạn 1|Văn bản đậm <script>alert(1)</script>.",
      "clause|Chương I › Điều 1, khoản 1|1. Khoản một;",
      "clause|Chương I › Điều 1, khoản 2|2. Khoản hai.",
      "table|Chương I › Điều 1, bảng 1|Loại | Mức\nXe | 1",
    ]);
    // The <script> is text in a text node, never an element.
    expect(JSON.stringify(doc)).not.toMatch(/"type":"script"/);
    expect(documentToBlocks(doc).find((row) => row.kind === "paragraph")!.html).toContain("&lt;script&gt;");
  });
});
