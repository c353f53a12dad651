import { describe, expect, it } from "vitest";
import { draftCover, draftFileName, draftPieces, runsText } from "~/reports/draft-files/draft-file.ts";
import { draftFilePath } from "~/reports/draft-files/paths.ts";

// The pieces both files are written from, the first page's words and the file's name (ADR 049).

const p = (text: string, attrs: Record<string, unknown> = {}, marks?: { type: string }[]) => ({
  type: "paragraph",
  attrs,
  content: [{ type: "text", text, ...(marks ? { marks } : {}) }],
});

describe("draftCover", () => {
  it("says the version and its publication day in Vietnam's time on the first page", () => {
    // 20:00 UTC on 4 March is 03:00 on 5 March in Hà Nội.
    const cover = draftCover({ title: "Dự thảo Luật Đất đai (sửa đổi)", number: 2, publishedAt: new Date("2026-03-04T20:00:00Z") });
    expect(cover).toEqual({ title: "Dự thảo Luật Đất đai (sửa đổi)", versionLine: "Bản số 2, công bố ngày 05/03/2026" });
  });

  it("normalizes a decomposed title to NFC", () => {
    const decomposed = "Hiến pháp".normalize("NFD");
    expect(draftCover({ title: decomposed, number: 1, publishedAt: null }).title).toBe("Hiến pháp".normalize("NFC"));
  });
});

describe("draftFileName", () => {
  it("names the version, the title with its diacritics and the day of publication", () => {
    const version = { title: "Dự thảo Báo cáo chính trị: Đại hội XIV", number: 3, publishedAt: new Date("2026-03-04T20:00:00Z") };
    expect(draftFileName(version, "pdf")).toBe("Bản số 3 - Dự thảo Báo cáo chính trị Đại hội XIV - 2026-03-05.pdf");
    expect(draftFileName(version, "docx")).toMatch(/\.docx$/);
  });
});

describe("draftFilePath", () => {
  it("is the draft's address for the current version and the version's own for an earlier one", () => {
    expect(draftFilePath("luat-dat-dai", "docx")).toBe("/du-thao/luat-dat-dai/tai-ve.docx");
    expect(draftFilePath("luat-dat-dai", "pdf", 1)).toBe("/du-thao/luat-dat-dai/ban/1/tai-ve.pdf");
  });
});

describe("draftPieces", () => {
  it("keeps headings with their level, runs with bold and italic, lists with markers, tables, and leaves empty paragraphs out", () => {
    const pieces = draftPieces({
      type: "doc",
      content: [
        { type: "heading", attrs: { level: 2, kind: "chapter" }, content: [{ type: "text", text: "Chương I. QUY ĐỊNH CHUNG" }] },
        {
          type: "paragraph",
          attrs: { kind: "clause" },
          content: [
            { type: "text", text: "1. Nhà nước " },
            { type: "text", text: "bảo đảm", marks: [{ type: "bold" }] },
            { type: "hardBreak" },
            { type: "text", text: "quyền", marks: [{ type: "italic" }] },
          ],
        },
        p("   "),
        {
          type: "orderedList",
          attrs: { start: 3 },
          content: [
            { type: "listItem", content: [p("Thứ ba"), p("Tiếp theo của mục ba")] },
            { type: "listItem", content: [p("Thứ tư"), { type: "bulletList", content: [{ type: "listItem", content: [p("Gạch đầu dòng")] }] }] },
          ],
        },
        {
          type: "table",
          content: [
            {
              type: "tableRow",
              content: [
                { type: "tableHeader", content: [p("Chỉ tiêu")] },
                { type: "tableHeader", content: [p("Mức")] },
              ],
            },
            {
              type: "tableRow",
              content: [
                { type: "tableCell", content: [p("Tăng trưởng"), p("bình quân")] },
                { type: "tableCell", content: [p("7%")] },
              ],
            },
          ],
        },
      ],
    });
    expect(pieces.map((piece) => piece.type)).toEqual(["heading", "paragraph", "paragraph", "paragraph", "paragraph", "paragraph", "table"]);
    expect(pieces[0]).toMatchObject({ type: "heading", level: 2, kind: "chapter" });
    expect(pieces[1]).toEqual({
      type: "paragraph",
      kind: "clause",
      runs: [{ text: "1. Nhà nước " }, { text: "bảo đảm", bold: true }, { text: "\n" }, { text: "quyền", italic: true }],
    });
    const lists = pieces.slice(2, 6).map((piece) => (piece.type === "paragraph" ? [piece.list, runsText(piece.runs)] : null));
    expect(lists).toEqual([
      [{ marker: "3.", depth: 1 }, "Thứ ba"],
      [{ marker: "", depth: 1 }, "Tiếp theo của mục ba"],
      [{ marker: "4.", depth: 1 }, "Thứ tư"],
      [{ marker: "–", depth: 2 }, "Gạch đầu dòng"],
    ]);
    const table = pieces[6]!;
    expect(table.type === "table" && table.rows.map((row) => [row.header, row.cells.map(runsText)])).toEqual([
      [true, ["Chỉ tiêu", "Mức"]],
      [false, ["Tăng trưởng\nbình quân", "7%"]],
    ]);
  });
});
