import type { JSONContent } from "@tiptap/core";
import { describe, expect, it } from "vitest";
import { DocumentImportError } from "~/consultations/document/errors";
import { importStructuredText } from "~/consultations/document/structured-text";
import { readConstitution, REPORT_TEXT } from "./fixtures";

function headings(doc: JSONContent, kind?: string): JSONContent[] {
  return (doc.content ?? []).filter((node) => node.type === "heading" && (!kind || node.attrs?.kind === kind));
}

function textOf(node: JSONContent): string {
  return node.text ?? (node.content ?? []).map(textOf).join("");
}

function allBlocks(node: JSONContent): JSONContent[] {
  const own = node.type === "heading" || node.type === "paragraph" ? [node] : [];
  return [...own, ...(node.content ?? []).flatMap(allBlocks)];
}

function importError(input: string | Uint8Array): DocumentImportError {
  try {
    importStructuredText(input);
  } catch (error) {
    expect(error).toBeInstanceOf(DocumentImportError);
    return error as DocumentImportError;
  }
  throw new Error("expected a DocumentImportError");
}

describe("importStructuredText on the 2013 Constitution", () => {
  const imported = importStructuredText(readConstitution());

  it("finds 11 Chương and all 120 Điều, in order, decomposed headings included", () => {
    expect(imported.stats.chapters).toBe(11);
    expect(imported.stats.articles).toBe(120);
    const numbers = headings(imported.doc, "article").map((node) => Number(node.attrs?.number));
    expect(numbers).toEqual(Array.from({ length: 120 }, (_, i) => i + 1));
    const texts = headings(imported.doc, "article").map(textOf);
    for (const n of [64, 65, 66, 67, 68, 115, 116]) expect(texts).toContain(`Điều ${n}.`);
  });

  it("counts the other blocks", () => {
    expect(imported.stats).toMatchObject({ parts: 0, sections: 0, clauses: 244, points: 0, listItems: 0 });
    expect(imported.stats.paragraphs).toBeGreaterThan(0);
  });

  it("merges the all-caps line after a bare Chương into its title", () => {
    const chapters = headings(imported.doc, "chapter").map(textOf);
    expect(chapters[0]).toBe("Chương I. CHẾ ĐỘ CHÍNH TRỊ");
    expect(chapters[4]).toBe("Chương V. QUỐC HỘI");
    expect(chapters[10]).toBe("Chương XI. HIỆU LỰC CỦA HIẾN PHÁP VÀ VIỆC SỬA ĐỔI HIẾN PHÁP");
  });

  it("does not merge the line after Điều N. (it is the article body)", () => {
    const first = imported.doc.content!.findIndex((node) => node.attrs?.kind === "article");
    expect(textOf(imported.doc.content![first])).toBe("Điều 1.");
    expect(imported.doc.content![first + 1]).toMatchObject({ type: "paragraph", attrs: { kind: "paragraph" } });
  });

  it("takes the title from the last all-caps run before the structure, without LỜI NÓI ĐẦU", () => {
    expect(imported.title).toBe("HIẾN PHÁP NƯỚC CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
  });

  it("produces NFC text, no rule lines, and a short unique id on every block", () => {
    const blocks = allBlocks(imported.doc);
    for (const block of blocks) {
      const text = textOf(block);
      expect(text).toBe(text.normalize("NFC"));
      expect(text).not.toMatch(/^-+$/);
      expect(block.attrs?.id).toMatch(/^[a-z0-9]{10}$/);
    }
    expect(new Set(blocks.map((block) => block.attrs?.id)).size).toBe(blocks.length);
  });

  it("levels headings by structure: Chương 2, Điều 4, plain headings one below", () => {
    expect(headings(imported.doc, "chapter")[0].attrs?.level).toBe(2);
    expect(headings(imported.doc, "article")[0].attrs?.level).toBe(4);
    const signature = headings(imported.doc, "heading").find((node) => textOf(node) === "CHỦ TỊCH QUỐC HỘI");
    expect(signature?.attrs?.level).toBe(5);
  });
});

describe("importStructuredText on a report-style draft", () => {
  const { doc, stats, title } = importStructuredText(REPORT_TEXT);
  const nodes = doc.content!;

  it("recognises Phần thứ …, roman sections, clauses, points and list items", () => {
    expect(title).toBe("BÁO CÁO CHÍNH TRỊ");
    expect(stats).toEqual({
      parts: 2,
      chapters: 0,
      sections: 2,
      articles: 0,
      clauses: 2,
      points: 2,
      paragraphs: 4,
      listItems: 2,
      headings: 1,
      tables: 0,
      notes: 0,
    });
    expect(headings(doc, "part").map((node) => [textOf(node), node.attrs?.number, node.attrs?.level])).toEqual([
      ["Phần thứ nhất. ĐÁNH GIÁ TÌNH HÌNH", "thứ nhất", 1],
      ["Phần thứ hai: Phương hướng", "thứ hai", 1],
    ]);
    expect(headings(doc, "section").map((node) => [textOf(node), node.attrs?.number, node.attrs?.level])).toEqual([
      ["I. KẾT QUẢ ĐẠT ĐƯỢC", "I", 3],
      ["II. HẠN CHẾ", "II", 3],
    ]);
  });

  it("keeps numbers in the text and in attrs", () => {
    const clause = nodes.find((node) => node.attrs?.kind === "clause");
    expect(clause).toMatchObject({ attrs: { number: "1" } });
    expect(textOf(clause!)).toBe("1. Kinh tế tăng trưởng khá.");
    const point = nodes.find((node) => node.attrs?.kind === "point");
    expect(point).toMatchObject({ attrs: { number: "a" } });
    expect(textOf(point!)).toBe("a) Tăng trưởng GDP bình quân 6%.");
  });

  it("groups consecutive list items into one bullet list, markers removed", () => {
    const lists = nodes.filter((node) => node.type === "bulletList");
    expect(lists).toHaveLength(1);
    expect(lists[0].content!.map((item) => item.type)).toEqual(["listItem", "listItem"]);
    const paragraphs = lists[0].content!.map((item) => item.content![0]);
    expect(paragraphs.map(textOf)).toEqual(["Xuất khẩu tăng.", "Thu hút đầu tư tăng."]);
    expect(paragraphs.every((p) => p.type === "paragraph" && p.attrs?.kind === "list_item")).toBe(true);
  });
});

describe("importStructuredText line rules", () => {
  it("reads a sentence starting with «Điều 5 của» as body, not as a heading", () => {
    const { stats } = importStructuredText("Điều 1. Phạm vi\nĐiều 5 của Luật này quy định chi tiết.");
    expect(stats.articles).toBe(1);
    expect(stats.paragraphs).toBe(1);
  });

  it("accepts keywords in capitals and Mục with a title on the same line", () => {
    const { doc } = importStructuredText("CHƯƠNG II\nNHỮNG QUY ĐỊNH CHUNG\nMục 1. Phạm vi\nĐIỀU 3: Đối tượng");
    expect(doc.content!.map((node) => [node.attrs?.kind, node.attrs?.number, textOf(node)])).toEqual([
      ["chapter", "II", "CHƯƠNG II. NHỮNG QUY ĐỊNH CHUNG"],
      ["section", "1", "Mục 1. Phạm vi"],
      ["article", "3", "ĐIỀU 3: Đối tượng"],
    ]);
  });

  it("does not read «Phần lớn» or «Mục lục» as headings", () => {
    expect(importError("Phần lớn người dân đồng tình.\nMục lục").code).toBe("no-structure");
  });

  it("has no title when no all-caps heading comes right before the structure", () => {
    expect(importStructuredText("Chương I\nĐiều 1.\nNội dung.").title).toBeNull();
  });
});

describe("importStructuredText input handling", () => {
  const encode = (text: string) => new TextEncoder().encode(text);

  it("refuses empty and whitespace-only input", () => {
    for (const input of ["", "   \n\t\n  ", new Uint8Array(0), "-------\n***"]) {
      const error = importError(input);
      expect(error.code).toBe("empty");
      expect(error.message).toContain("Tệp không có nội dung");
    }
  });

  it("refuses binary bytes (NUL) and text full of control characters", () => {
    const zip = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0x08, 0x00]);
    for (const input of [zip, "Điều 1.\u0000abc", "Điều 1." + "\u0001\u0002".repeat(10)]) {
      const error = importError(input);
      expect(error.code).toBe("binary");
      expect(error.message).toContain("không phải văn bản thuần");
    }
  });

  it("refuses bytes that are not UTF-8, saying how to fix it", () => {
    // "Điều 1." in Windows-1258: 0xD0 alone is not valid UTF-8.
    const error = importError(new Uint8Array([0xd0, 0x69, 0xea, 0xd2, 0x75, 0x20, 0x31, 0x2e]));
    expect(error.code).toBe("encoding");
    expect(error.message).toMatch(/^Tệp không phải mã UTF-8/);
    expect(error.message).toContain("lưu với mã hóa UTF-8");
  });

  it("refuses UTF-16 with a byte order mark", () => {
    const utf16 = new Uint8Array([0xff, 0xfe, ...Array.from("Điều 1.").flatMap((c) => [c.charCodeAt(0) & 0xff, c.charCodeAt(0) >> 8])]);
    const error = importError(utf16);
    expect(error.code).toBe("encoding");
    expect(error.message).toContain("UTF-16");
  });

  it("refuses text without Phần / Chương / Mục / Điều", () => {
    const error = importError("Một đoạn văn.\nMột đoạn khác.");
    expect(error.code).toBe("no-structure");
    expect(error.message).toContain("Không nhận ra cấu trúc văn bản: cần có tiêu đề Phần / Chương / Mục / Điều");
  });

  it("refuses input over 5 MB", () => {
    expect(importError(new Uint8Array(5 * 1024 * 1024 + 1).fill(0x41)).code).toBe("too-large");
    expect(importError("A".repeat(5 * 1024 * 1024 + 1)).code).toBe("too-large");
  });

  it("strips a UTF-8 BOM, zero-width and bidi characters", () => {
    const bytes = encode("\uFEFFĐiều\u200B 1.\u200D\nNội\u2060 dung \u202Bđây\u202C.\uFEFF");
    const { doc } = importStructuredText(bytes);
    expect(doc.content!.map(textOf)).toEqual(["Điều 1.", "Nội dung đây."]);
  });

  it("handles CRLF and CR line ends, tabs and repeated spaces", () => {
    const { doc } = importStructuredText("Chương I\r\nCHẾ ĐỘ\r\n\r\nĐiều 1.\rNội  dung\t\tmột.  \r\n");
    expect(doc.content!.map(textOf)).toEqual(["Chương I. CHẾ ĐỘ", "Điều 1.", "Nội dung một."]);
  });

  it("normalises decomposed marks to NFC before recognising headings", () => {
    const decomposed = "Điều 1.\nNội dung.".normalize("NFD");
    expect(decomposed).not.toBe(decomposed.normalize("NFC"));
    const { doc, stats } = importStructuredText(decomposed);
    expect(stats.articles).toBe(1);
    expect(doc.content!.map(textOf)).toEqual(["Điều 1.", "Nội dung."]);
  });
});
