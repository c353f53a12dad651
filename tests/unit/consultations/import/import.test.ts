import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { documentToBlocks } from "~/consultations/document/blocks.ts";
import { importStructuredText } from "~/consultations/document/structured-text.ts";
import { checkDocxPackage } from "~/consultations/import/docx-package.server.ts";
import { checkAgainstSchema, importDraftFile, IMPORT_LIMITS, type DraftImport } from "~/consultations/import/import.server.ts";
import { FileRefused } from "~/files/refusal.ts";
import {
  compoundFile,
  deflated,
  deflateRepeated,
  DOCUMENT_END,
  DOCUMENT_START,
  documentArchive,
  documentBomb,
  wordParagraph,
} from "../../../support/hostile-files.ts";

// The importer on real Word files (tests/fixtures/docx/, made by LibreOffice and the docx package)
// and on hostile ones built here: what it finds, and each refusal in Vietnamese, quickly.

const FIXTURES = path.resolve(import.meta.dirname, "../../../fixtures/docx");
const fixture = (name: string) => ({ name, bytes: new Uint8Array(readFileSync(path.join(FIXTURES, name))) });
const CONSTITUTION_TEXT = readFileSync(path.resolve(import.meta.dirname, "../../../../prisma/demo/hien-phap-2013.txt"));

function ok(result: DraftImport) {
  if (!result.ok) throw new Error(`refused: ${result.message}`);
  checkAgainstSchema(result.draft.doc);
  return result.draft;
}
async function refused(file: { name: string; bytes: Uint8Array }): Promise<string> {
  const result = await importDraftFile(file);
  if (result.ok) throw new Error("accepted");
  return result.message;
}
const warningCodes = (draft: { preview: { warnings: { code: string }[] } }) => draft.preview.warnings.map((group) => group.code);

describe("real Word files", () => {
  it("finds the Constitution's 11 Chương and 120 Điều in LibreOffice's .docx, block for block as from its text", async () => {
    const draft = ok(await importDraftFile(fixture("hien-phap-2013.docx")));
    expect(draft.format).toBe("docx");
    expect(draft.preview.counts).toMatchObject({ chapters: 11, articles: 120, parts: 0, sections: 0, tables: 0 });
    expect(draft.preview.title).toBe("HIẾN PHÁP NƯỚC CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
    const fromText = documentToBlocks(importStructuredText(CONSTITUTION_TEXT).doc, { html: false });
    const fromWord = documentToBlocks(draft.doc, { html: false });
    const shape = (rows: typeof fromText) => rows.map((row) => [row.kind, row.number, row.level, row.label, row.text]);
    expect(shape(fromWord)).toEqual(shape(fromText));
    // The 45 decomposed lines of the corpus are fixed and said; no numbering warning on the real text.
    expect(draft.preview.warnings.map((group) => [group.code, group.total])).toEqual([["not-nfc", 1]]);
    expect(draft.preview.warnings[0].items[0].message).toMatch(/^45 đoạn .* đã chuẩn hóa về NFC\.$/);
    // The outline: 6 plain headings before the chapters, then the chapters with their articles.
    const chapters = draft.preview.outline.filter((node) => node.kind === "chapter");
    expect(chapters).toHaveLength(11);
    expect(chapters.reduce((sum, chapter) => sum + chapter.children.length, 0)).toBe(120);
  });

  it("reads Word's heading styles, a table, bold, italic and a footnote", async () => {
    const draft = ok(await importDraftFile(fixture("tieu-de-va-bang.docx")));
    const rows = documentToBlocks(draft.doc);
    expect(rows.map((row) => `${row.kind}|${row.level}|${row.label}`)).toEqual([
      "heading|1|Quốc hội",
      "heading|1|Luật phí sử dụng đường bộ",
      "chapter|2|Chương I",
      "article|4|Chương I › Điều 1",
      "paragraph|5|Chương I › Điều 1, đoạn 1",
      "note|5|Chương I › Điều 1, ghi chú 1",
      "article|4|Chương I › Điều 2",
      "paragraph|5|Chương I › Điều 2, đoạn 1",
      "table|5|Chương I › Điều 2, bảng 1",
      "chapter|2|Chương II",
      "article|4|Chương II › Điều 3",
      "paragraph|5|Chương II › Điều 3, đoạn 1",
      // Heading 2 like the Chương: beside them, not inside Điều 3 or Chương II.
      "heading|2|Phụ lục",
      "paragraph|3|Phụ lục › đoạn 1",
    ]);
    expect(rows[4].html).toContain("<strong>phí sử dụng đường bộ</strong>");
    expect(rows[4].html).toContain("<em>mức phí</em>");
    expect(rows[5].text).toBe("[1] Theo Nghị quyết số 90/2026/QH15 của Quốc hội.");
    expect(rows[8].text).toBe(
      "Loại phương tiện | Mức phí (đồng/tháng)\nXe mô tô hai bánh | 20.000\nXe ô tô dưới 10 chỗ ngồi | 130.000\nXe tải trên 10 tấn | 1.040.000",
    );
    expect(rows[8].html).toMatch(/^<table [^>]*><tbody><tr><th /);
    expect(draft.preview.title).toBe("LUẬT PHÍ SỬ DỤNG ĐƯỜNG BỘ");
    expect(draft.preview.counts).toMatchObject({ chapters: 2, articles: 3, tables: 1, notes: 1, headings: 3 });
    expect(draft.preview.warnings).toEqual([]);
  });

  it("turns Word's numbered lists (numPr) into khoản and điểm, and says so", async () => {
    const draft = ok(await importDraftFile(fixture("danh-sach-danh-so.docx")));
    const rows = documentToBlocks(draft.doc, { html: false });
    expect(rows.filter((row) => row.kind === "clause" || row.kind === "point").map((row) => `${row.label}|${row.text}`)).toEqual([
      "Chương I › Điều 1, khoản 1|1. Công khai, minh bạch về mức phí và cách thu;",
      "Chương I › Điều 1, khoản 1, điểm a|a) niêm yết tại nơi thu phí;",
      "Chương I › Điều 1, khoản 1, điểm b|b) đăng trên cổng thông tin điện tử của cơ quan thu.",
      "Chương I › Điều 1, khoản 2|2. Không thu trùng với các khoản phí khác;",
      "Chương I › Điều 1, khoản 3|3. Bảo đảm thuận tiện cho người nộp phí.",
    ]);
    expect(rows.filter((row) => row.kind === "list_item").map((row) => row.text)).toEqual([
      "xe cứu thương;",
      "xe chữa cháy;",
      "xe chuyên dùng phục vụ quốc phòng, an ninh.",
    ]);
    expect(warningCodes(draft)).toEqual(["numbered-list"]);
  });

  it("warns of what a person should look at before saving: numbering, empty headings, long and unaccented paragraphs, images", async () => {
    const draft = ok(await importDraftFile(fixture("tieu-de-title-va-canh-bao.docx")));
    expect(draft.preview.title).toBe("DỰ THẢO LUẬT ĐƯỜNG BỘ (SỬA ĐỔI)");
    const messages = Object.fromEntries(draft.preview.warnings.map((group) => [group.code, group.items.map((item) => `${item.where ?? ""}: ${item.message}`)]));
    expect(messages["numbering-gap"]).toEqual(["Chương I › Điều 3: Điều 3 đứng sau Điều 1: thiếu Điều 2."]);
    expect(messages["numbering-repeat"]).toEqual(["Chương II (2): Chương II xuất hiện lần nữa (đã có Chương II ở trên)."]);
    expect(messages["no-diacritics"]).toEqual([expect.stringContaining("«Trong Luat nay, cac tu ngu")]);
    expect(messages["long-paragraph"]).toEqual([expect.stringContaining("Chương II › Điều 4, đoạn 1: Đoạn dài 2.719 ký tự")]);
    expect(messages["empty-heading"]).toEqual([expect.stringContaining("Một dòng kiểu tiêu đề không có chữ")]);
    expect(messages.image).toEqual([
      ": Hình 1 («Sơ đồ mạng lưới đường bộ»), sau đoạn «Luật này quy định về kết cấu hạ tầng đường bộ.», không được nhập: trang dự thảo chỉ đăng chữ. Nếu hình có nội dung cần lấy ý kiến, hãy diễn đạt bằng lời trong dự thảo.",
    ]);
  });

  it("imports Markdown and plain text too", async () => {
    const md = ok(await importDraftFile({ name: "du-thao.md", bytes: Buffer.from("# Chương I. CHUNG\n\n## Điều 1. Phạm vi\n\nVăn bản.\n") }));
    expect(md.format).toBe("markdown");
    expect(md.preview.counts).toMatchObject({ chapters: 1, articles: 1, paragraphs: 1 });
    const text = ok(await importDraftFile({ name: "hien-phap.txt", bytes: CONSTITUTION_TEXT }));
    expect(text.format).toBe("text");
    expect(text.preview.counts).toMatchObject({ chapters: 11, articles: 120 });
    expect(text.preview.warnings.map((group) => group.items[0].message)).toEqual([expect.stringMatching(/^45 đoạn/)]);
  });
});

describe("bad files", () => {
  it("refuses each of the issue's bad files in Vietnamese, saying what to do", async () => {
    expect(await refused(fixture("word-97-2003.doc"))).toContain("Tệp Word 97-2003 (.doc) không được hỗ trợ");
    expect(await refused({ name: "du-thao.docx", bytes: fixture("word-97-2003.doc").bytes })).toContain("(.doc) không được hỗ trợ");
    expect(await refused(fixture("co-macro.docm"))).toContain("Tệp Word có macro (.docm) không được nhận");
    expect(await refused({ name: "du-thao.docx", bytes: fixture("co-macro.docm").bytes })).toContain("có macro");
    expect(await refused(fixture("bi-cat-ngang.docx"))).toContain("chưa tải lên hết");
    expect(await refused(fixture("khong-co-chu.docx"))).toContain("Tài liệu không có chữ nào để nhập");
    expect(await refused(fixture("pdf-doi-ten.docx"))).toBe(
      "Tệp này là tệp PDF, không phải loại tệp dự thảo được nhận. Vui lòng tải lên dự thảo dạng Word (.docx), Markdown (.md) hoặc văn bản thuần (.txt).",
    );
    expect(await refused({ name: "du-thao.docx", bytes: Buffer.from("Chương I. Đây là văn bản thuần đổi tên.") })).toContain(
      "có tên .docx nhưng nội dung không phải tài liệu Word",
    );
    expect(await refused({ name: "ma-hoa.docx", bytes: compoundFile(["EncryptionInfo", "EncryptedPackage"]) })).toContain("Tệp Word được đặt mật khẩu");
    expect(await refused({ name: "trong.docx", bytes: new Uint8Array() })).toContain("Tệp tải lên trống");
    expect(
      await refused({
        name: "bang-tinh.docx",
        bytes: documentArchive(deflated(DOCUMENT_START + DOCUMENT_END), {
          mainType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
        }),
      }),
    ).toContain("bảng tính Excel");
  });

  it("refuses a file over the upload limit before reading it", async () => {
    const big = new Uint8Array(IMPORT_LIMITS.maxFileBytes + 1);
    big.set([0x50, 0x4b, 0x03, 0x04]);
    expect(await refused({ name: "lon.docx", bytes: big })).toMatch(/^Tệp quá lớn \(10\.0 MB\): tối đa 10 MB/);
  });

  it("refuses zip bombs and lying headers before mammoth sees them, quickly", async () => {
    const started = Date.now();
    // 300 MB declared: refused from the directory alone.
    expect(await refused({ name: "bom.docx", bytes: documentBomb(300) })).toContain("khi giải nén quá lớn");
    // The same inflating past a header that declares 2 KB: stopped at 2 KB.
    expect(await refused({ name: "bom.docx", bytes: documentBomb(300, { declaredSize: 2_000 }) })).toContain("kích thước ghi bên trong tệp không khớp");
    // 40 MB of honest XML: past the part cap.
    expect(await refused({ name: "bom.docx", bytes: documentBomb(40) })).toContain("khi giải nén quá lớn (tối đa 32 MB)");
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it("refuses a document with more elements than mammoth's memory allows, before converting it", async () => {
    const document = deflateRepeated([{ data: DOCUMENT_START }, { data: wordParagraph("Một."), times: 40_000 }, { data: DOCUMENT_END }]);
    const message = await refused({ name: "nhieu.docx", bytes: documentArchive(document) });
    expect(message).toContain("quá phức tạp để đọc (hơn 100.000 thành phần định dạng)");
  });

  it("refuses a DOCTYPE (entity expansion) in any part", async () => {
    const withDoctype = `<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY a "aaaaaaaaaa">]>${DOCUMENT_START.slice(DOCUMENT_START.indexOf("<w:document"))}${wordParagraph("&a;")}${DOCUMENT_END}`;
    const error = await checkDocxPackage(documentArchive(deflated(withDoctype))).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FileRefused);
  });

  it("gives mammoth a bounded heap: a document past it is refused, the process lives on", async () => {
    const document = deflateRepeated([{ data: DOCUMENT_START }, { data: wordParagraph("Đoạn văn ngắn."), times: 30_000 }, { data: DOCUMENT_END }]);
    const result = await importDraftFile(
      { name: "nang.docx", bytes: documentArchive(document) },
      { ...IMPORT_LIMITS, mammoth: { heapMb: 16, timeMs: 30_000 } },
    );
    expect(result).toEqual({ ok: false, message: expect.stringContaining("cần quá nhiều bộ nhớ để đọc") });
  });
});
