import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, expect, it } from "vitest";
import { listPublishedComments } from "~/comments/public.server.ts";
import { getReceipt } from "~/comments/receipts.server.ts";
import { submitComment } from "~/comments/submit.server.ts";
import { createConsultationFromText } from "~/consultations/publish.server.ts";
import { decideComment } from "~/moderation/decisions.server.ts";
import { listQueue, parseQueueFilters } from "~/moderation/queue.server.ts";
import { findOpinions } from "~/personal-data/find.server.ts";
import { handleRequest } from "~/personal-data/requests.server.ts";
import type { ActionRequest } from "~/personal-data/request-form.ts";
import { RateLimiter, readLimits } from "~/platform/rate-limit.server.ts";
import { opinionBatches, opinionColumns } from "~/reports/export/rows.server.ts";
import { writeCsv, writeXlsx } from "~/reports/export/files.server.ts";
import { parseReportFilters } from "~/reports/filters.ts";
import { reportQuery } from "~/reports/query.server.ts";
import { writeResponseDocx } from "~/reports/response/docx.server.ts";
import { reportConsultationBySlug } from "~/reports/response/report.server.ts";
import { writeResponseXlsx } from "~/reports/response/xlsx.server.ts";
import { createAnswer } from "../../support/answers.ts";
import { commentForm, VALID_FIELDS } from "../../support/comments.ts";
import { unzip } from "../../support/reports/unzip.ts";
import { describeEachDatabase } from "../../support/test-db.ts";

// "Đề xuất sửa thành" (ADR 047) on both databases: what is stored (only a changed wording, never on a
// whole-draft comment), and every place the opinion goes carrying it: the queue, the public list, the
// author's page, the exports, the response report, the personal-data requests.

const NOW = new Date("2026-11-26T08:00:00Z");
const DAY = 86_400_000;
const PARAGRAPH = "Kinh tế tăng trưởng khá, quy mô được mở rộng.";
const DRAFT = ["DỰ THẢO ĐỀ XUẤT", "Phần thứ nhất", "ĐÁNH GIÁ", `1. ${PARAGRAPH}`, "2. Văn hóa, xã hội có nhiều tiến bộ."].join("\n\n");
const PROPOSED = "Kinh tế tăng trưởng nhanh và bền vững, quy mô được mở rộng.";

describeEachDatabase("proposing new wording", (ctx) => {
  let consultationId: string;
  let key: string;
  let text: string;
  let admin: { id: string; name: string };
  let dir: string;
  let n = 0;
  const submit = async (fields: Record<string, string | undefined>) =>
    submitComment(ctx.db, "de-xuat", commentForm({ ...VALID_FIELDS, email: `de-xuat${++n}@example.vn`, text: `${VALID_FIELDS.text} Lần ${n}.`, ...fields }), {
      clientAddress: `198.51.100.${n}`,
      sql: ctx.sql,
      now: new Date(NOW.getTime() + n * 60_000),
      limiter: new RateLimiter(),
      limits: readLimits({}),
    });
  const stored = async (fields: Record<string, string | undefined>) => {
    const result = await submit(fields);
    if (result.status !== "accepted") throw new Error(`not accepted: ${JSON.stringify(result)}`);
    return ctx.db.comment.findUniqueOrThrow({ where: { receiptToken: result.receiptToken } });
  };

  beforeAll(async () => {
    await createConsultationFromText(
      ctx.db,
      { slug: "de-xuat", status: "OPEN", opensAt: new Date(NOW.getTime() - DAY), closesAt: new Date(NOW.getTime() + DAY) },
      DRAFT,
    );
    const consultation = await ctx.db.consultation.findUniqueOrThrow({ where: { slug: "de-xuat" } });
    consultationId = consultation.id;
    const block = await ctx.db.block.findFirstOrThrow({ where: { versionId: consultation.publishedVersionId!, kind: "clause" }, orderBy: { position: "asc" } });
    key = block.key;
    text = block.text;
    admin = await ctx.db.user.create({ data: { email: "bt@example.vn", name: "Trần Minh Châu", role: "ADMIN" }, select: { id: true, name: true } });
    dir = mkdtempSync(path.join(tmpdir(), "gopy-proposal-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("stores a changed wording of the paragraph, in NFC, and shows it to the author as a diff", async () => {
    expect(text).toContain(PARAGRAPH);
    const row = await stored({ blockKey: key, proposal: text.replace(PARAGRAPH, PROPOSED).normalize("NFD") });
    expect(row.proposedText).toBe(text.replace(PARAGRAPH, PROPOSED));
    const receipt = await getReceipt(ctx.db, row.receiptToken);
    expect(receipt?.proposal?.text).toBe(row.proposedText);
    expect(receipt?.proposal?.diff?.filter((s) => s.kind !== "same")).toEqual([
      { kind: "del", text: "khá" },
      { kind: "ins", text: "nhanh và bền vững" },
    ]);
  });

  it("keeps no proposal when the prefilled wording comes back unchanged (other spacing, decomposed letters) or empty", async () => {
    const reflowed = `  ${text.normalize("NFD").replace(/ /g, "  \n")} `;
    expect((await stored({ blockKey: key, proposal: reflowed })).proposedText).toBeNull();
    expect((await stored({ blockKey: key, proposal: "" })).proposedText).toBeNull();
    expect((await stored({ blockKey: key })).proposedText).toBeNull();
  });

  it("compares a passage's proposal with the passage, not the paragraph", async () => {
    const start = text.indexOf("tăng trưởng khá");
    const quote = "tăng trưởng khá";
    const same = await stored({ blockKey: key, quote, quoteStart: String(start), quoteEnd: String(start + quote.length), proposal: quote });
    expect(same.proposedText).toBeNull();
    const row = await stored({ blockKey: key, quote, quoteStart: String(start), quoteEnd: String(start + quote.length), proposal: "tăng trưởng nhanh" });
    expect(row).toMatchObject({ quote, proposedText: "tăng trưởng nhanh" });
    expect((await getReceipt(ctx.db, row.receiptToken))?.proposal?.diff).toEqual([
      { kind: "same", text: "tăng trưởng " },
      { kind: "del", text: "khá" },
      { kind: "ins", text: "nhanh" },
    ]);
  });

  it("refuses a proposal on a whole-draft comment, and one over the length limit, keeping nothing", async () => {
    const before = await ctx.db.comment.count();
    const whole = await submit({ proposal: "Toàn bộ dự thảo nên viết lại." });
    expect(whole).toMatchObject({ status: "invalid", fieldErrors: { proposal: expect.stringContaining("không phải toàn văn") } });
    const long = await submit({ blockKey: key, proposal: "Rất dài. ".repeat(1_200) });
    expect(long).toMatchObject({ status: "invalid", fieldErrors: { proposal: expect.stringContaining("tối đa 10.000 ký tự") } });
    expect(await ctx.db.comment.count()).toBe(before);
  });

  it("carries the proposal to the queue, the public list, the exports and the response report", async () => {
    const row = await stored({ blockKey: key, proposal: PROPOSED, email: "xuat@example.vn" });
    const queue = await listQueue(ctx.db, ctx.sql, parseQueueFilters(new URLSearchParams(`comment=${row.id}`)), { id: admin.id, seesContacts: false }, NOW);
    expect(queue.items[0]?.proposal).toMatchObject({ text: PROPOSED, diff: expect.arrayContaining([{ kind: "ins", text: "nhanh và bền vững" }]) });

    expect((await decideComment(ctx.sql, admin, row.id, { action: "approve" }, { now: NOW })).ok).toBe(true);
    const list = await listPublishedComments(ctx.db, consultationId, key, 1);
    const listed = list.comments.find((c) => c.id === row.id)!;
    expect(listed.proposal?.text).toBe(PROPOSED);
    // The diff without what it takes out is the proposal itself.
    expect(
      listed.proposal?.diff
        ?.filter((s) => s.kind !== "del")
        .map((s) => s.text)
        .join(""),
    ).toBe(PROPOSED);

    const query = await reportQuery(ctx.db, { id: admin.id, role: "ADMIN", organizationId: null }, consultationId, parseReportFilters({}));
    const columns = opinionColumns(false);
    const batches = () => opinionBatches(ctx.db, ctx.sql, query, { seesPersonalData: false, publishedVersionId: null });
    await writeCsv(path.join(dir, "y-kien.csv"), batches(), columns, async () => {});
    const csv = readFileSync(path.join(dir, "y-kien.csv"), "utf8");
    expect(csv).toContain("Đề xuất sửa thành");
    expect(csv).toContain(PROPOSED);
    await writeXlsx(path.join(dir, "y-kien.xlsx"), [], batches(), columns, async () => {});
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(path.join(dir, "y-kien.xlsx"));
    const sheet = workbook.getWorksheet("Ý kiến")!;
    const header = sheet.getRow(1).values as unknown[];
    const values = (sheet.getSheetValues().slice(2) as unknown[][]).map((r) => r[header.indexOf("Đề xuất sửa thành")]);
    expect(values).toContain(PROPOSED);
    expect(sheet.pageSetup).toMatchObject({ orientation: "landscape", paperSize: 9, printTitlesRow: "1:1" });

    await createAnswer(ctx.db, {
      consultationId,
      commentIds: [row.id],
      disposition: "ADOPTED",
      explanation: "Tiếp thu, sửa câu chữ.",
      sectionKey: row.sectionKey,
    });
    const consultation = (await reportConsultationBySlug(ctx.db, "de-xuat"))!;
    const filters = { version: null, disposition: null };
    await writeResponseXlsx(ctx.db, ctx.sql, consultation, filters, path.join(dir, "bao-cao.xlsx"));
    const report = new ExcelJS.Workbook();
    await report.xlsx.readFile(path.join(dir, "bao-cao.xlsx"));
    const reportSheet = report.worksheets[0]!;
    const reportHeader = reportSheet.getRow(1).values as unknown[];
    expect(reportSheet.getRow(2).getCell(reportHeader.indexOf("Đề xuất sửa thành")).value).toBe(PROPOSED);
    await writeResponseDocx(ctx.db, ctx.sql, consultation, filters, path.join(dir, "bao-cao.docx"));
    const xml = unzip(readFileSync(path.join(dir, "bao-cao.docx")))
      .get("word/document.xml")!
      .toString("utf8");
    expect(xml).toContain("Đề xuất sửa thành: ");
    // The words taken out struck through, the new ones underlined.
    expect(xml).toMatch(/<w:strike\/>[^]*?<w:t xml:space="preserve">khá<\/w:t>/);
    expect(xml).toMatch(/<w:u w:val="single"\/><\/w:rPr><w:t xml:space="preserve">nhanh và bền vững<\/w:t>/);
  });

  it("finds, exports and erases the proposal with the author's other personal data", async () => {
    const row = await stored({ blockKey: key, proposal: PROPOSED, email: "rieng@example.vn" });
    const contact = { kind: "email" as const, value: "rieng@example.vn" };
    const found = await findOpinions(ctx.sql, contact);
    expect(found.opinions.map((o) => o.proposedText)).toEqual([PROPOSED]);
    const request = (action: ActionRequest["action"]) =>
      handleRequest(ctx.sql, admin, { action, contact, ids: [row.id], reason: "Theo đơn yêu cầu ngày 02/12/2026 của người góp ý" } as ActionRequest, NOW);
    const exported = await request("export");
    expect(JSON.stringify(exported)).toContain(`"Đề xuất sửa thành":"${PROPOSED}"`);
    // Anonymized, the text stays (ADR 027) and so does the proposal: it holds no contact.
    expect((await request("anonymize")).ok).toBe(true);
    expect((await ctx.db.comment.findUniqueOrThrow({ where: { id: row.id } })).proposedText).toBe(PROPOSED);
  });

  it("erases the proposal when the author's opinion is deleted", async () => {
    const row = await stored({ blockKey: key, proposal: PROPOSED, email: "xoa@example.vn" });
    const result = await handleRequest(
      ctx.sql,
      admin,
      {
        action: "delete",
        contact: { kind: "email", value: "xoa@example.vn" },
        ids: [row.id],
        reason: "Theo đơn yêu cầu ngày 02/12/2026 của người góp ý",
      } as ActionRequest,
      NOW,
    );
    expect(result.ok).toBe(true);
    expect(await ctx.db.comment.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({ status: "DELETED", originalText: "", proposedText: null });
  });
});
