import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, expect, it } from "vitest";
import { writeResponseDocx } from "~/reports/response/docx.server.ts";
import { deleteExpiredStoredFiles, findStoredFile, readStoredFile, SUPERSEDED_GRACE_MS } from "~/files/stored-files.server.ts";
import { responseReportFile } from "~/reports/response/files.server.ts";
import { loadAnswerOpinions, loadOverview, loadReportPage, reportConsultationBySlug, type ReportConsultation } from "~/reports/response/report.server.ts";
import { RESPONSE_COLUMNS, writeResponseXlsx } from "~/reports/response/xlsx.server.ts";
import { createConsultationFromText } from "~/consultations/publish.server.ts";
import { createAnswer, createGroup, publishCopy } from "../../support/answers.ts";
import { unzip } from "../../support/reports/unzip.ts";
import { seedReportFixture, type Fixture } from "../../support/reports/fixture.ts";
import { describeEachDatabase } from "../../support/test-db.ts";

// The public response report on both databases, over the reports' fixture (11 approved opinions) plus
// one opinion written on version 2: answers per section, a near-duplicate group shown once, filters by
// version and disposition, and the .docx and .xlsx read back.

describeEachDatabase("response report", (ctx) => {
  let f: Fixture;
  let c: ReportConsultation;
  let dir: string;
  const answers: Record<string, string> = {};
  const ALL = { version: null, disposition: null };

  beforeAll(async () => {
    f = await seedReportFixture(ctx.db);
    dir = mkdtempSync(path.join(tmpdir(), "gopy-response-"));
    const v2 = await publishCopy(ctx.db, f.consultationId, (text, key) => (key === f.blocks.k3 ? `${text} Bổ sung chỉ tiêu chuyển đổi số cấp xã.` : text));
    const later = await ctx.db.comment.create({
      data: {
        consultationId: f.consultationId,
        versionId: v2.id,
        blockKey: f.blocks.k3,
        sectionKey: f.sections.two,
        stance: "AGREE",
        originalText: "Bản mới đã nêu chỉ tiêu cấp xã, đề nghị thêm cấp phường.",
        publishedText: "Bản mới đã nêu chỉ tiêu cấp xã, đề nghị bổ sung cấp phường.",
        status: "APPROVED",
        authorName: "Trịnh Văn Quang",
        provinceCode: "01",
        consentAt: new Date("2026-12-01T02:00:00Z"),
        contentHash: `v2-${f.run}`,
        receiptToken: `v2-${f.run}`,
        createdAt: new Date("2026-12-01T02:00:00Z"),
      },
    });
    const group = await createGroup(ctx.db, f.consultationId, f.blocks.k1, [f.ids.b1!, f.ids.b2!]);
    const { ids } = f;
    answers.adopted = await createAnswer(ctx.db, {
      consultationId: f.consultationId,
      commentIds: [ids.o1!, ids.o2!, ids.b1!, ids.b2!],
      disposition: "ADOPTED",
      explanation: "Tiếp thu, bổ sung số liệu tăng trưởng và thu hút đầu tư.",
      sectionKey: f.sections.one,
      groupId: group,
    });
    answers.explained = await createAnswer(ctx.db, {
      consultationId: f.consultationId,
      commentIds: [ids.a1!, ids.a2!, ids.a3!, ids.l1!],
      disposition: "EXPLAINED",
      explanation: "Chỉ tiêu cấp xã thuộc kế hoạch của địa phương, không đưa vào báo cáo chính trị.",
      sectionKey: f.sections.two,
    });
    answers.already = await createAnswer(ctx.db, {
      consultationId: f.consultationId,
      commentIds: [ids.o4!],
      disposition: "ALREADY_IN_DRAFT",
      explanation: "Dự thảo đã thể hiện.",
      sectionKey: null,
    });
    // Only a pending opinion: nothing public, the answer is not listed.
    answers.pending = await createAnswer(ctx.db, {
      consultationId: f.consultationId,
      commentIds: [ids.o5!],
      disposition: "ADOPTED",
      explanation: "Ý kiến chưa duyệt.",
      sectionKey: f.sections.one,
    });
    answers.partly = await createAnswer(ctx.db, {
      consultationId: f.consultationId,
      commentIds: [later.id],
      disposition: "PARTLY_ADOPTED",
      explanation: "Tiếp thu một phần: bổ sung cấp xã.",
      sectionKey: f.sections.two,
      versionId: v2.id,
      blockKeys: [f.blocks.k3],
    });
    c = (await reportConsultationBySlug(ctx.db, f.slug))!;
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it("counts opinions per disposition, overall and per section in document order, and what is unanswered", async () => {
    const o = (await loadOverview(ctx.db, ctx.sql, c, ALL))!;
    expect(o.total).toEqual({ ADOPTED: 4, PARTLY_ADOPTED: 1, EXPLAINED: 4, ALREADY_IN_DRAFT: 1, total: 10 });
    expect(o.answers).toBe(4);
    // o3 and a4 are approved and unanswered.
    expect(o.unanswered).toBe(2);
    expect(o.sections.map((s) => [s.key, s.counts.total, s.answers])).toEqual([
      [f.sections.one, 4, 1],
      [f.sections.two, 5, 2],
      [null, 1, 1],
    ]);
    expect(o.sections[1]!.counts).toMatchObject({ EXPLAINED: 4, PARTLY_ADOPTED: 1 });
  });

  it("shows each answer with its first opinions, a near-duplicate group once, and links to the changed paragraph", async () => {
    const page = (await loadReportPage(ctx.db, ctx.sql, c, ALL, 1))!;
    expect(page.pages).toBe(1);
    const adopted = page.sections[0]!.list.find((a) => a.id === answers.adopted)!;
    expect(adopted.dispositionLabel).toBe("Tiếp thu");
    expect(adopted.entries.map((e) => [e.opinion.id, e.similar])).toEqual([
      [f.ids.o1, 0],
      [f.ids.o2, 0],
      [f.ids.b1, 1],
    ]);
    expect(adopted.more).toBe(0);
    expect(adopted.entries[1]!.opinion.byline).toBe("Trần T. B. N., Thành phố Hà Nội");
    const explained = page.sections[1]!.list.find((a) => a.id === answers.explained)!;
    expect(explained.entries).toHaveLength(3);
    expect(explained.more).toBe(1);
    const partly = page.sections[1]!.list.find((a) => a.id === answers.partly)!;
    expect(partly.entries[0]!.opinion.text).toBe("Bản mới đã nêu chỉ tiêu cấp xã, đề nghị bổ sung cấp phường.");
    expect(partly.entries[0]!.opinion.versionNumber).toBe(2);
    expect(partly.changed).toEqual([
      expect.objectContaining({
        versionNumber: 2,
        href: `/du-thao/${f.slug}/ban/2#p-${f.blocks.k3}`,
        diffHref: `/du-thao/${f.slug}/thay-doi#p-${f.blocks.k3}`,
      }),
    ]);
    expect(page.sections.flatMap((s) => s.list.map((a) => a.id))).not.toContain(answers.pending);
  });

  it("filters by the version the opinions were written on and by disposition", async () => {
    const v1 = (await loadOverview(ctx.db, ctx.sql, c, { version: 1, disposition: null }))!;
    expect(v1.total.total).toBe(9);
    expect(v1.total.PARTLY_ADOPTED).toBe(0);
    const v2 = (await loadOverview(ctx.db, ctx.sql, c, { version: 2, disposition: null }))!;
    expect(v2.total).toMatchObject({ total: 1, PARTLY_ADOPTED: 1 });
    expect(v2.unanswered).toBe(0);
    const explained = (await loadReportPage(ctx.db, ctx.sql, c, { version: null, disposition: "EXPLAINED" }, 1))!;
    expect(explained.sections.flatMap((s) => s.list.map((a) => a.id))).toEqual([answers.explained]);
    expect(await loadOverview(ctx.db, ctx.sql, c, { version: 7, disposition: null })).toBeNull();
  });

  it("lists every opinion of one answer, and never answers of another consultation", async () => {
    const list = (await loadAnswerOpinions(ctx.db, ctx.sql, c, ALL, answers.explained!, 1))!;
    expect(list.total).toBe(4);
    expect(list.opinions.map((o) => o.id)).toEqual([f.ids.a1, f.ids.a2, f.ids.a3, f.ids.l1]);
    await createConsultationFromText(ctx.db, { slug: `khac-${f.run}`, status: "OPEN" }, "DỰ THẢO KHÁC\n\nChương I. QUY ĐỊNH CHUNG\n\nĐiều 1. Phạm vi");
    const other = (await reportConsultationBySlug(ctx.db, `khac-${f.run}`))!;
    expect(await loadAnswerOpinions(ctx.db, ctx.sql, other, ALL, answers.explained!, 1)).toBeNull();
  });

  it("is not public for a consultation still in draft", async () => {
    await createConsultationFromText(ctx.db, { slug: `nhap-${f.run}`, status: "DRAFT" }, "DỰ THẢO NHÁP\n\nChương I. QUY ĐỊNH CHUNG\n\nĐiều 1. Phạm vi");
    expect(await reportConsultationBySlug(ctx.db, `nhap-${f.run}`)).toBeNull();
  });

  it("writes the .docx in the administrative layout with every answer and its opinions", async () => {
    const file = path.join(dir, "bao-cao.docx");
    expect(await writeResponseDocx(ctx.db, ctx.sql, c, ALL, file, new Date("2026-12-05T03:00:00Z"))).toBe(10);
    const xml = unzip(readFileSync(file)).get("word/document.xml")!.toString("utf8");
    const text = xml.replace(/<[^>]+>/g, "");
    for (const expected of [
      "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
      "Độc lập - Tự do - Hạnh phúc",
      "Hà Nội, ngày 05 tháng 12 năm 2026",
      "Tiếp thu, giải trình ý kiến góp ý vào dự thảo",
      "Tiếp thu một phần: bổ sung cấp xã.",
      "Chỉ tiêu cấp xã thuộc kế hoạch của địa phương",
      "Ngô V. M.",
      " và 1 ý kiến tương tự",
      "Ý kiến chung về toàn bộ dự thảo",
      "Tiếp thu: 4 ý kiến.",
    ]) {
      expect(text).toContain(expected);
    }
    // The group's second member is not listed; the pending opinion is nowhere.
    expect(text).not.toContain("Dương T. N.");
    expect(text).not.toContain("Ý kiến còn chờ duyệt");
    // The formula text is text.
    expect(text).toContain('=HYPERLINK("http://vi-du.example/x"');
    // A header row repeated on every page, and one row per answer (4) plus the sections (3).
    expect(xml.match(/<w:tblHeader\/>/g)).toHaveLength(1);
  });

  it("writes the .xlsx: one row per opinion, frozen header, A4 landscape with the header repeated", async () => {
    const file = path.join(dir, "bao-cao.xlsx");
    expect(await writeResponseXlsx(ctx.db, ctx.sql, c, ALL, file)).toBe(10);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getRow(1).values).toEqual([undefined, ...RESPONSE_COLUMNS.map((col) => col.header)]);
    expect(sheet.rowCount).toBe(11);
    expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect(sheet.pageSetup).toMatchObject({ orientation: "landscape", paperSize: 9, printTitlesRow: "1:1" });
    const rows = sheet.getSheetValues().slice(2) as unknown[][];
    const dung = rows.find((r) => r[5] === "Dương T. N., Phường Bạch Mai, Thành phố Hà Nội")!;
    expect(dung.slice(1, 9)).toEqual([
      "Phần thứ nhất. ĐÁNH GIÁ KẾT QUẢ NHIỆM KỲ",
      "Phần thứ nhất › 1",
      "Tán thành, đề nghị nêu thêm kết quả thu hút đầu tư nước ngoài.",
      undefined,
      "Dương T. N., Phường Bạch Mai, Thành phố Hà Nội",
      "Tiếp thu",
      "Tiếp thu, bổ sung số liệu tăng trưởng và thu hút đầu tư.",
      1,
    ]);
  });

  it("builds a public file once per state of the answers, in the database: the same file again, a new one after an answer changes", async () => {
    const first = await responseReportFile(ctx, ctx.sql, c, ALL, "docx");
    const [again, concurrent] = await Promise.all([responseReportFile(ctx, ctx.sql, c, ALL, "docx"), responseReportFile(ctx, ctx.sql, c, ALL, "docx")]);
    expect(again.file.id).toBe(first.file.id);
    expect(concurrent.file.id).toBe(first.file.id);
    expect(first.name).toMatch(/^Báo cáo tiếp thu, giải trình - .*\.docx$/);
    expect(await ctx.db.storedFile.count({ where: { kind: "response-report" } })).toBe(1);
    await ctx.db.answer.update({ where: { id: answers.already! }, data: { explanation: "Dự thảo đã thể hiện tại đoạn mở đầu." } });
    const next = await responseReportFile(ctx, ctx.sql, c, ALL, "docx");
    expect(next.file.id).not.toBe(first.file.id);
    // The older state's file stays a few minutes for downloads under way, then housekeeping deletes it.
    const old = await ctx.db.storedFile.findUniqueOrThrow({ where: { id: first.file.id } });
    expect(old.expiresAt!.getTime()).toBeLessThanOrEqual(Date.now() + SUPERSEDED_GRACE_MS);
    expect(await deleteExpiredStoredFiles(ctx, new Date(Date.now() + SUPERSEDED_GRACE_MS + 1000))).toBe(1);
    expect(await findStoredFile(ctx, first.file.id)).toBeNull();
    expect(
      unzip(await readStoredFile(ctx, next.file))
        .get("word/document.xml")!
        .toString("utf8"),
    ).toContain("Dự thảo đã thể hiện tại đoạn mở đầu.");
  });
});
