import { randomBytes } from "node:crypto";
import { beforeAll, expect, it } from "vitest";
import { createConsultationFromText } from "~/consultations/publish.server.ts";
import { serveDraftFile } from "~/reports/draft-files/download.server.ts";
import { DRAFT_FILE_LAYOUT } from "~/reports/draft-files/draft-file.ts";
import { draftFile } from "~/reports/draft-files/files.server.ts";
import { docxText, pdfText, squeeze, VIETNAMESE_LETTERS } from "../../support/draft-files.ts";
import { describeEachDatabase } from "../../support/test-db.ts";
import { newParagraph, publishRevision } from "../../support/versions.ts";

// A published version downloaded as .docx and PDF on both databases (ADR 049): the title, the version and
// its date on the first page, every block's text with every Vietnamese letter, the headers of the answer,
// the file kept once per version and format in DraftFile.

const DAY = 86_400_000;
const LETTERS = `Mọi chữ cái tiếng Việt: ${VIETNAMESE_LETTERS.join(" ")}.`;
const DRAFT = [
  "DỰ THẢO LUẬT THỬ TẢI VỀ",
  "Chương I",
  "NHỮNG QUY ĐỊNH CHUNG",
  "Điều 1. Phạm vi điều chỉnh",
  "Luật này quy định về chế độ sở hữu đất đai, quyền hạn và trách nhiệm của Nhà nước đại diện chủ sở hữu toàn dân về đất đai.",
  "Điều 2. Đối tượng áp dụng",
  "1. Cơ quan nhà nước thực hiện quyền hạn và trách nhiệm đại diện chủ sở hữu toàn dân về đất đai.",
  "a) Người sử dụng đất;",
  "b) Các đối tượng khác có liên quan đến việc quản lý, sử dụng đất đai.",
  LETTERS,
].join("\n\n");

describeEachDatabase("reports: the draft as .docx and PDF", (ctx) => {
  const slug = `tai-ve-${randomBytes(3).toString("hex")}`;
  let blocks: { version: number; texts: string[] }[] = [];
  let v2Id = "";

  beforeAll(async () => {
    const now = Date.now();
    const { consultation } = await createConsultationFromText(
      ctx.db,
      { slug, status: "OPEN", opensAt: new Date(now - DAY), closesAt: new Date(now + 30 * DAY) },
      DRAFT,
    );
    await publishRevision(ctx.db, consultation.id, (top) => [...top, newParagraph("Điều 3. Khoản mới được bổ sung ở bản số hai, có chữ ỹ và Ỵ.")]);
    const versions = await ctx.db.documentVersion.findMany({
      where: { consultationId: consultation.id },
      orderBy: { number: "asc" },
      include: { blocks: { orderBy: { position: "asc" } } },
    });
    blocks = versions.map((v) => ({ version: v.number, texts: v.blocks.map((b) => b.text) }));
    v2Id = versions[1]!.id;
  }, 120_000);

  const get = (path: { number?: number; format: "docx" | "pdf" }, headers: Record<string, string> = {}) =>
    serveDraftFile(ctx.db, new Request(`http://localhost/x`, { headers }), slug, path.format, path.number);

  it("the current version as .docx: title, «Bản số 2, công bố ngày …», every block in order, with its headers", async () => {
    const response = await get({ format: "docx" });
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    expect(response.headers.get("Content-Disposition")).toMatch(
      /^attachment; filename="ban-so-2-du-thao-luat-thu-tai-ve-\d{4}-\d{2}-\d{2}\.docx"; filename\*=UTF-8''B%E1%BA%A3n%20s%E1%BB%91%202%20-%20/,
    );
    expect(response.headers.get("Cache-Control")).toBe("public, max-age=300");
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect(Number(response.headers.get("Content-Length"))).toBe(bytes.length);
    const text = squeeze(await docxText(bytes));
    expect(text).toContain(squeeze("DỰ THẢO LUẬT THỬ TẢI VỀ"));
    expect(text).toMatch(/Bảnsố2,côngbốngày\d{2}\/\d{2}\/\d{4}/);
    let at = 0;
    for (const block of blocks[1]!.texts) {
      const found = text.indexOf(squeeze(block), at);
      expect(found, block).toBeGreaterThan(at - 1);
      at = found;
    }
    expect(text).toContain(squeeze(LETTERS));
  });

  it("an earlier version as PDF: every Vietnamese letter comes back out of the file, pages numbered", async () => {
    const response = await get({ format: "pdf", number: 1 });
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("application/pdf");
    expect(response.headers.get("Cache-Control")).toBe("public, max-age=86400");
    const { text, pageTexts } = await pdfText(new Uint8Array(await response.arrayBuffer()));
    const flat = squeeze(text);
    expect(flat).toContain(squeeze("DỰ THẢO LUẬT THỬ TẢI VỀ"));
    expect(flat).toMatch(/Bảnsố1,côngbốngày\d{2}\/\d{2}\/\d{4}/);
    for (const block of blocks[0]!.texts) expect(flat, block).toContain(squeeze(block));
    for (const letter of VIETNAMESE_LETTERS) expect(flat, letter).toContain(letter);
    expect(flat).not.toContain("Khoảnmớiđượcbổsung");
    pageTexts.forEach((page, i) => expect(squeeze(page)).toContain(`Trang${i + 1}`));
  });

  it("the current version as PDF has version 2's new block", async () => {
    const { text } = await pdfText(new Uint8Array(await (await get({ format: "pdf" })).arrayBuffer()));
    expect(squeeze(text)).toContain(squeeze("Điều 3. Khoản mới được bổ sung ở bản số hai, có chữ ỹ và Ỵ."));
    expect(squeeze(text)).toMatch(/Bảnsố2,/);
  });

  it("is built once per version and format, kept in the database, and answered 304 to a matching ETag", async () => {
    const rows = await ctx.db.draftFile.findMany({ where: { versionId: v2Id }, select: { format: true, layout: true, size: true, createdAt: true } });
    expect(rows.map((r) => r.format).sort()).toEqual(["docx", "pdf"]);
    expect(rows.every((r) => r.layout === DRAFT_FILE_LAYOUT && r.size > 1000)).toBe(true);
    const before = rows.find((r) => r.format === "pdf")!.createdAt.getTime();
    const again = await draftFile(ctx.db, v2Id, "pdf");
    expect(again.size).toBe(rows.find((r) => r.format === "pdf")!.size);
    const after = await ctx.db.draftFile.findUniqueOrThrow({ where: { versionId_format: { versionId: v2Id, format: "pdf" } } });
    expect(after.createdAt.getTime()).toBe(before);

    const first = await get({ format: "pdf" });
    const etag = first.headers.get("ETag")!;
    expect(etag).toBe(`"${v2Id}-pdf-${DRAFT_FILE_LAYOUT}"`);
    const cached = await get({ format: "pdf" }, { "If-None-Match": etag });
    expect(cached.status).toBe(304);
    expect(await cached.text()).toBe("");
  });

  it("answers 404 in Vietnamese for a version that was never published and for an unknown draft", async () => {
    const missing = await get({ format: "pdf", number: 7 });
    expect(missing.status).toBe(404);
    expect(await missing.text()).toBe("Dự thảo không có bản số 7 đã công bố.");
    const unknown = await serveDraftFile(ctx.db, new Request("http://localhost/x"), `${slug}-khong-co`, "docx");
    expect(unknown.status).toBe(404);
  });
});
