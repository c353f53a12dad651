import { existsSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, expect, it } from "vitest";
import { parseReportFilters, type ReportFilters } from "~/reports/filters.ts";
import { draftName } from "~/reports/export/docx-report.ts";
import { findStoredFile, readStoredFile, writeStoredFile } from "~/files/stored-files.server.ts";
import {
  deleteExpiredExports,
  exportJobFor,
  MAX_RUNS,
  requestExport,
  requeueInterruptedJobs,
  RESTART_MESSAGE,
  runJob,
  runNextJob,
} from "~/reports/export/jobs.server.ts";
import { reportQuery, type Viewer } from "~/reports/query.server.ts";
import { loadStatistics } from "~/reports/statistics.server.ts";
import { loadThemes } from "~/reports/themes.server.ts";
import { statisticsPage } from "~/reports/page.server.ts";
import { themesPage } from "~/reports/themes-page.server.ts";
import { unzip } from "../../support/reports/unzip.ts";
import { createStaffUser, FORMULA_TEXT, seedReportFixture, type Fixture } from "../../support/reports/fixture.ts";
import { permissionsOf } from "~/staff/permissions.server.ts";
import type { StaffRole } from "~/staff/permissions.ts";
import { describeEachDatabase } from "../../support/test-db.ts";
import { CSV_BOM, csvRow } from "~/reports/export/cells.ts";
import { writeCsv } from "~/reports/export/files.server.ts";
import { opinionBatches, opinionColumns } from "~/reports/export/rows.server.ts";
import { vietnamDateTime } from "~/reports/export/tables.ts";

// Statistics, themes and exports on real SQLite and PostgreSQL, with the organization scope: the
// counts follow from tests/support/reports/fixture.ts (11 approved opinions: 4 online, 4 at
// conference A in district A's commune, 2 at conference B and 1 letter in district B).

describeEachDatabase("reports", (ctx) => {
  let f: Fixture;
  let admin: Viewer;
  let repA: Viewer;
  let repB: Viewer;
  let repHanoi: Viewer;
  let dir: string;

  beforeAll(async () => {
    f = await seedReportFixture(ctx.db);
    admin = await createStaffUser(ctx.db, "ADMIN", null, "Quản Trị Viên");
    repA = await createStaffUser(ctx.db, "ORG_REP", f.organizations.districtA, "Đại Diện Khu Vực A");
    repB = await createStaffUser(ctx.db, "ORG_REP", f.organizations.districtB, "Đại Diện Khu Vực B");
    repHanoi = await createStaffUser(ctx.db, "ORG_REP", f.organizations.hanoi, "Đại Diện Hà Nội");
    // Where files made before ADR 052 were kept (the retention test puts one there).
    dir = path.join(mkdtempSync(path.join(tmpdir(), "gopy-exports-")), "tep-xuat");
  });
  afterAll(() => rmSync(path.dirname(dir), { recursive: true, force: true }));

  const stats = async (viewer: Viewer, filters: Partial<ReportFilters> = {}) =>
    loadStatistics(ctx.db, ctx.sql, await reportQuery(ctx.db, viewer, f.consultationId, { status: "approved", ...filters }), f.versionId);

  it("counts the whole consultation for an administrator: totals, channels, stances", async () => {
    const s = await stats(admin);
    expect(s.total.total).toBe(11);
    expect(s.total.channels).toEqual({ ONLINE: 4, CONFERENCE: 6, LETTER: 1 });
    expect(s.total.stances).toEqual({ AGREE: 7, DISAGREE: 2, OTHER: 2 });
    expect(s.wholeDocument.total).toBe(1);
    expect(s.elsewhere.total).toBe(0);
  });

  it("counts per block and per section, with the stance split", async () => {
    const s = await stats(admin);
    const block = (key: string) => s.blocks.find((b) => b.key === key)!.split;
    expect(block(f.blocks.k1)).toMatchObject({ total: 4, stances: { AGREE: 3, DISAGREE: 1, OTHER: 0 }, channels: { ONLINE: 2, CONFERENCE: 2, LETTER: 0 } });
    expect(block(f.blocks.k2)).toMatchObject({ total: 2, stances: { AGREE: 0, DISAGREE: 1, OTHER: 1 } });
    expect(block(f.blocks.k3)).toMatchObject({ total: 4, stances: { AGREE: 3, DISAGREE: 0, OTHER: 1 }, channels: { ONLINE: 0, CONFERENCE: 3, LETTER: 1 } });
    const section = (key: string) => s.sections.find((x) => x.key === key)!.split;
    expect(section(f.sections.one).total).toBe(6);
    expect(section(f.sections.two).total).toBe(4);
    // Every block of the published version is on the heat map, commented or not.
    const published = await ctx.db.block.count({ where: { versionId: f.versionId } });
    expect(s.blocks).toHaveLength(published);
  });

  it("breaks down by province, organization (rolled up below the root), occupation, age group and Vietnam day", async () => {
    const s = await stats(admin);
    expect(s.localities.level).toBe("province");
    expect(s.localities.rows.map((r) => [r.label, r.split.total])).toEqual([
      ["Thành phố Hà Nội", 10],
      ["Thành phố Hồ Chí Minh", 1],
    ]);
    // The single top organization is the root: its child (Hà Nội) carries the whole subtree; online opinions apart.
    expect(s.organizations.map((r) => [r.label, r.split.total])).toEqual([
      ["Ủy ban Mặt trận Tổ quốc Việt Nam Thành phố Hà Nội", 7],
      ["Trực tuyến (không qua tổ chức)", 4],
    ]);
    expect(s.occupations.find((r) => r.key === "Nông dân")!.split.total).toBe(2);
    expect(s.occupations.at(-1)).toMatchObject({ key: "", label: "Không cho biết" });
    expect(s.ageGroups.find((r) => r.key === "18 - 30 tuổi")!.split.total).toBe(1);
    // 2026-11-20T18:30Z is 21 November in Viet Nam.
    const days = Object.fromEntries(s.days.map((d) => [d.day, d.split.total]));
    expect(days).toEqual({ "2026-11-20": 1, "2026-11-21": 3, "2026-11-22": 0, "2026-11-23": 4, "2026-11-24": 2, "2026-11-25": 1 });
  });

  it("filters by status, channel, province and commune, dates and organization", async () => {
    expect((await stats(admin, { status: "approved-pending" })).total.total).toBe(12);
    expect((await stats(admin, { status: "pending" })).total.total).toBe(1);
    expect((await stats(admin, { channel: "CONFERENCE" })).total.total).toBe(6);
    expect((await stats(admin, { channel: "LETTER" })).total.total).toBe(1);
    const hanoi = await stats(admin, { province: "01" });
    expect(hanoi.total.total).toBe(10);
    expect(hanoi.localities.level).toBe("commune");
    expect(hanoi.localities.rows.map((r) => [r.label, r.split.total])).toEqual([
      ["Phường Ba Đình", 5],
      ["Phường Bạch Mai", 3],
      ["Không cho biết", 2],
    ]);
    expect((await stats(admin, { province: "01", commune: "00292" })).total.total).toBe(3);
    // A commune of another province is dropped, not applied.
    expect((await stats(admin, { province: "79", commune: "00004" })).total.total).toBe(1);
    expect((await stats(admin, { from: "2026-11-21", to: "2026-11-21" })).total.total).toBe(3);
    expect((await stats(admin, { from: "2026-11-24" })).total.total).toBe(3);
    const districtB = await stats(admin, { org: f.organizations.districtB });
    expect(districtB.total.total).toBe(3);
    expect(districtB.organizations.map((r) => [r.label, r.split.total])).toEqual([["Ủy ban Mặt trận Tổ quốc khu vực Bạch Mai (trực tiếp)", 3]]);
  });

  it("a district representative sees only their district's opinions, whatever the filters ask", async () => {
    const a = await stats(repA);
    expect(a.total.total).toBe(4);
    expect(a.total.channels).toEqual({ ONLINE: 0, CONFERENCE: 4, LETTER: 0 });
    // Asking for the other district's organization is ignored: still district A only.
    const query = await reportQuery(ctx.db, repA, f.consultationId, { status: "approved", org: f.organizations.districtB });
    expect(query.filters.org).toBeUndefined();
    expect((await loadStatistics(ctx.db, ctx.sql, query, f.versionId)).total.total).toBe(4);
    const b = await stats(repB);
    expect(b.total.total).toBe(3);
    // The city's representative: the whole subtree plus the city's online opinions (not Hồ Chí Minh City's).
    expect((await stats(repHanoi)).total.total).toBe(10);
    // Themes follow the scope too.
    const themes = await loadThemes(ctx.sql, await reportQuery(ctx.db, repB, f.consultationId, { status: "approved" }), [f.blocks.k3]);
    expect(themes.sampled).toBe(1);
    const page = await statisticsPage(ctx.db, ctx.sql, repA, f.consultationId, { status: "approved" });
    expect(page!.choices.organizations.map((o) => o.id).sort()).toEqual([f.organizations.communeA, f.organizations.districtA].sort());
  });

  it("finds themes of a block: key phrases in their written form and clusters with quotes", async () => {
    const query = await reportQuery(ctx.db, admin, f.consultationId, { status: "approved" });
    const themes = await loadThemes(ctx.sql, query, [f.blocks.k3]);
    expect(themes.sampled).toBe(4);
    const phrase = themes.phrases.find((p) => p.key === "chuyen doi so");
    expect(phrase).toMatchObject({ text: "chuyển đổi số", count: 3 });
    expect(themes.clusters[0]!.count).toBe(3);
    expect(themes.clusters[0]!.quotes.length).toBeGreaterThan(1);
    const page = await themesPage(ctx.db, ctx.sql, admin, f.consultationId, { status: "approved" }, { section: f.sections.one });
    expect(page!.themes.sampled).toBe(6);
    expect(await themesPage(ctx.db, ctx.sql, admin, f.consultationId, { status: "approved" }, { block: "khongco" })).toBeNull();
  });

  async function exportFile(viewer: Viewer, format: "csv" | "xlsx" | "docx", filters: ReportFilters = { status: "approved" }) {
    const jobId = await requestExport(ctx.db, viewer, { consultationId: f.consultationId, format, filters }, { start: false });
    while (await runNextJob(ctx.db, ctx.sql, { files: ctx })) {
      // run every queued job
    }
    const job = await ctx.db.exportJob.findUniqueOrThrow({ where: { id: jobId } });
    expect(job.error).toBeNull();
    expect(job.status).toBe("DONE");
    expect(job.attempts).toBe(1);
    // The file is in the database (ADR 052), not on this server's disk.
    expect(job.filePath).toBeNull();
    const file = (await findStoredFile(ctx, job.fileId!))!;
    const bytes = await readStoredFile(ctx, file);
    expect(file.size).toBe(bytes.length);
    return { job, bytes };
  }

  it("exports CSV with a BOM, RFC 4180 quoting, neutralized formulas and only the representative's opinions", async () => {
    const { job, bytes } = await exportFile(repB, "csv");
    const text = bytes.toString("utf8");
    expect(text.startsWith("\uFEFF")).toBe(true);
    const lines = text.slice(1).split("\r\n").filter(Boolean);
    expect(lines).toHaveLength(1 + 3);
    expect(lines[0]).toContain('"Họ và tên (viết tắt)"');
    expect(lines[0]).not.toContain("Thư điện tử");
    expect(text).toContain(f.ids.b1!);
    expect(text).not.toContain(f.ids.a1!);
    expect(text).not.toContain(f.ids.o1!);
    // The letter's text starts with "=": written after an apostrophe, quotes doubled.
    expect(text).toContain(`"'${FORMULA_TEXT.replace(/"/g, '""')}"`);
    expect(text).toContain('"Lý V. P."');
    expect(job).toMatchObject({ done: 3, total: 3 });
    expect(job.fileName).toMatch(/^Ý kiến góp ý - BÁO CÁO CHÍNH TRỊ THỬ NGHIỆM - \d{4}-\d\d-\d\d\.csv$/);
  });

  it("writes the same CSV bytes whatever the pieces and chunks: the file as one string, row by row, 7-byte chunks", async () => {
    const { bytes } = await exportFile(admin, "csv");
    const query = await reportQuery(ctx.db, admin, f.consultationId, { status: "approved" });
    const columns = opinionColumns(true);
    const batches = (batchSize: number) => opinionBatches(ctx.db, ctx.sql, query, { seesPersonalData: true, publishedVersionId: f.versionId, batchSize });
    // The reference: the whole file built as one string, as the export wrote it a batch at a time before.
    let whole = CSV_BOM + csvRow(columns.map((c) => c.header));
    for await (const batch of batches(1_000)) {
      for (const row of batch) whole += csvRow(columns.map((c) => (row[c.key] instanceof Date ? vietnamDateTime(row[c.key] as Date) : (row[c.key] as string))));
    }
    expect(bytes.equals(Buffer.from(whole, "utf8"))).toBe(true);
    expect(whole.split("\r\n").filter(Boolean)).toHaveLength(1 + 11);
    // Every row its own write, batches of 2, chunks of 7 bytes (Vietnamese letters cut between chunks).
    let rows = 0;
    const small = await writeStoredFile(
      ctx,
      { kind: "test", contentType: "text/csv" },
      async (out) => {
        rows = await writeCsv(out, batches(2), columns, () => undefined, 1);
      },
      { chunkBytes: 7 },
    );
    expect(rows).toBe(11);
    expect(small.chunkCount).toBe(Math.ceil(bytes.length / 7));
    expect((await readStoredFile(ctx, small)).equals(bytes)).toBe(true);
  });

  it("exports Excel with the opinions sheet and the statistics sheets, read back with exceljs", async () => {
    const { bytes } = await exportFile(admin, "xlsx");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((w) => w.name)).toEqual([
      "Tổng hợp",
      "Theo phần, mục",
      "Theo đoạn",
      "Theo địa bàn",
      "Theo tổ chức",
      "Theo nghề nghiệp",
      "Theo độ tuổi",
      "Theo ngày",
      "Ý kiến",
    ]);
    // Every sheet prints on A4 landscape with its title and header rows on every page (issue 17).
    for (const sheet of workbook.worksheets) {
      expect(sheet.pageSetup, sheet.name).toMatchObject({
        paperSize: 9,
        orientation: "landscape",
        fitToWidth: 1,
        printTitlesRow: sheet.name === "Ý kiến" ? "1:1" : "1:2",
      });
    }
    const opinions = workbook.getWorksheet("Ý kiến")!;
    expect(opinions.rowCount).toBe(1 + 11);
    const header = (opinions.getRow(1).values as unknown[]).slice(1);
    expect(header).toContain("Họ và tên");
    expect(header).toContain("Thư điện tử");
    const textColumn = header.indexOf("Nội dung ý kiến") + 1;
    const emailColumn = header.indexOf("Thư điện tử") + 1;
    const rows = Array.from({ length: 11 }, (_, i) => opinions.getRow(i + 2));
    const letter = rows.find((r) => r.getCell(textColumn).value === FORMULA_TEXT)!;
    expect(letter).toBeDefined();
    expect(letter.getCell(textColumn).type).toBe(ExcelJS.ValueType.String);
    expect(letter.getCell(textColumn).formula).toBeUndefined();
    expect(rows.some((r) => r.getCell(emailColumn).value === "an@example.vn")).toBe(true);
    // Times are dates in Vietnam wall-clock time, shown day first.
    const time = opinions.getRow(2).getCell(1);
    expect(time.value).toEqual(new Date("2026-11-20T09:00:00Z")); // o1: 02:00 UTC = 09:00 in Viet Nam
    expect(time.numFmt).toBe("dd/mm/yyyy hh:mm");
    const summary = workbook.getWorksheet("Tổng hợp")!;
    expect(summary.getRow(3).values).toEqual([undefined, "Tất cả ý kiến", 11, 4, 6, 1, 7, 2, 2]);
  });

  it("exports the Word report: the administrative header, the Vietnamese title and the numbers", async () => {
    const { bytes, job } = await exportFile(repA, "docx");
    const files = unzip(bytes);
    const xml = files.get("word/document.xml")!.toString("utf8");
    const text = xml.replace(/<[^>]+>/g, "");
    expect(text).toContain("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
    expect(text).toContain("Độc lập - Tự do - Hạnh phúc");
    expect(text).toContain("BÁO CÁO");
    expect(text).toContain(`Tổng hợp ý kiến góp ý vào dự thảo ${draftName(f.title)}`);
    expect(text).toContain("ỦY BAN MẶT TRẬN TỔ QUỐC KHU VỰC BA ĐÌNH");
    expect(text).toContain("Số: …/BC-MTTQ");
    expect(text).toMatch(/Hà Nội, ngày \d\d tháng \d{1,2} năm \d{4}/);
    expect(text).toContain("1. Tổng số ý kiến: 4 ý kiến.");
    expect(text).toContain("PHỤ LỤC");
    expect(text).not.toContain("thu hút đầu tư"); // district B's opinions are not in district A's report
    expect(files.get("word/styles.xml")!.toString("utf8")).toContain('w:ascii="Times New Roman"');
    expect(job.fileName).toMatch(/^Báo cáo tổng hợp ý kiến - .* - \d{4}-\d\d-\d\d\.docx$/);
  });

  it("records every export in the audit log with the format and filters", async () => {
    const jobId = await requestExport(
      ctx.db,
      repA,
      { consultationId: f.consultationId, format: "csv", filters: parseReportFilters({ channel: "CONFERENCE" }) },
      { start: false },
    );
    const event = await ctx.db.auditEvent.findFirstOrThrow({ where: { action: "export", actorId: repA.id, note: { contains: jobId } } });
    expect(event.note).toContain("csv");
    expect(event.note).toContain("channel=CONFERENCE");
    expect(event.subject).toBe(`consultation:${f.consultationId}`);
    while (await runNextJob(ctx.db, ctx.sql, { files: ctx })) {
      // drain
    }
  });

  it("shows a job only to its requester or an administrator", async () => {
    const jobId = await requestExport(ctx.db, repA, { consultationId: f.consultationId, format: "csv", filters: { status: "approved" } }, { start: false });
    const withPermissions = async (viewer: Viewer) => ({ id: viewer.id, permissions: await permissionsOf(ctx.db, viewer.role as StaffRole) });
    expect(await exportJobFor(ctx.db, jobId, await withPermissions(repA))).not.toBeNull();
    expect(await exportJobFor(ctx.db, jobId, await withPermissions(admin))).not.toBeNull();
    expect(await exportJobFor(ctx.db, jobId, await withPermissions(repB))).toBeNull();
    await ctx.db.exportJob.delete({ where: { id: jobId } });
  });

  it("queues again a job its dead server left RUNNING (its half-written file deleted), and gives up after MAX_RUNS runs", async () => {
    const request = () => requestExport(ctx.db, admin, { consultationId: f.consultationId, format: "csv", filters: { status: "approved" } }, { start: false });
    const [left, tired] = [await request(), await request()];
    await ctx.db.exportJob.update({ where: { id: left }, data: { status: "RUNNING", runner: "dead-server", attempts: 1, done: 5 } });
    await ctx.db.exportJob.update({ where: { id: tired }, data: { status: "RUNNING", runner: "dead-server", attempts: MAX_RUNS } });
    const half = await writeStoredFile(ctx, { kind: "export", key: `export:${left}`, contentType: "text/csv" }, async (out) => void out.write("Ý kiến"));
    await ctx.db.storedFile.update({ where: { id: half.id }, data: { finishedAt: null } });
    // Its own running jobs are left alone.
    expect(await requeueInterruptedJobs(ctx, "dead-server")).toBe(0);
    expect(await requeueInterruptedJobs(ctx, "new-holder")).toBe(2);
    expect(await ctx.db.exportJob.findUniqueOrThrow({ where: { id: left } })).toMatchObject({ status: "QUEUED", runner: null, done: 0, attempts: 1 });
    expect(await ctx.db.exportJob.findUniqueOrThrow({ where: { id: tired } })).toMatchObject({ status: "FAILED", error: RESTART_MESSAGE });
    expect(await ctx.db.storedFile.count({ where: { key: `export:${left}` } })).toBe(0);
    while (await runNextJob(ctx.db, ctx.sql, { runner: "new-holder", files: ctx })) {
      // the left job is made again, from the start
    }
    const made = await ctx.db.exportJob.findUniqueOrThrow({ where: { id: left } });
    expect(made).toMatchObject({ status: "DONE", runner: "new-holder", attempts: 2, total: 11, done: 11 });
    expect(await ctx.db.storedFile.count({ where: { key: `export:${left}` } })).toBe(1);
  });

  it("a run whose job was taken by another server stops, writes nothing and leaves no file", async () => {
    const jobId = await requestExport(ctx.db, admin, { consultationId: f.consultationId, format: "csv", filters: { status: "approved" } }, { start: false });
    await ctx.db.exportJob.update({ where: { id: jobId }, data: { status: "RUNNING", runner: "the-new-holder", attempts: 2 } });
    await runJob(ctx.db, ctx.sql, jobId, { runner: "paused-old-holder", files: ctx });
    expect(await ctx.db.exportJob.findUniqueOrThrow({ where: { id: jobId } })).toMatchObject({
      status: "RUNNING",
      runner: "the-new-holder",
      fileId: null,
      error: null,
    });
    expect(await ctx.db.storedFile.count({ where: { key: `export:${jobId}` } })).toBe(0);
    await ctx.db.exportJob.delete({ where: { id: jobId } });
  });

  it("deletes export files after the retention period, keeps the job, and leaves newer files and other files alone", async () => {
    const old = await exportFile(admin, "csv");
    const recent = await exportFile(admin, "csv");
    const DAY = 24 * 60 * 60_000;
    await ctx.db.exportJob.update({ where: { id: old.job.id }, data: { finishedAt: new Date(Date.now() - 8 * DAY) } });
    // A file made before ADR 052, on this server's disk.
    mkdirSync(dir, { recursive: true });
    const legacy = await ctx.db.exportJob.create({
      data: {
        format: "csv",
        consultationId: f.consultationId,
        filters: "{}",
        requestedById: admin.id,
        status: "DONE",
        filePath: path.join(dir, "cu.csv"),
        finishedAt: new Date(Date.now() - 9 * DAY),
      },
    });
    writeFileSync(legacy.filePath!, "Ý kiến");
    const leftover = path.join(dir, "khongxongxx.part");
    const unrelated = path.join(dir, "ghi-chu.txt");
    writeFileSync(leftover, "dở dang");
    writeFileSync(unrelated, "không phải tệp xuất");
    const aWeekAgo = new Date(Date.now() - 8 * DAY);
    utimesSync(leftover, aWeekAgo, aWeekAgo);
    utimesSync(unrelated, aWeekAgo, aWeekAgo);

    expect(await deleteExpiredExports(ctx, new Date(), 7, dir)).toBe(2);
    expect(await findStoredFile(ctx, old.job.fileId!)).toBeNull();
    expect(await ctx.db.storedFileChunk.count({ where: { fileId: old.job.fileId! } })).toBe(0);
    expect(await findStoredFile(ctx, recent.job.fileId!)).not.toBeNull();
    expect(existsSync(legacy.filePath!)).toBe(false);
    expect(await ctx.db.exportJob.findUniqueOrThrow({ where: { id: legacy.id } })).toMatchObject({ filePath: null, fileId: null });
    expect(existsSync(leftover)).toBe(false);
    expect(existsSync(unrelated)).toBe(true);
    expect(await ctx.db.exportJob.findUniqueOrThrow({ where: { id: old.job.id } })).toMatchObject({
      status: "DONE",
      fileId: null,
      fileName: old.job.fileName,
    });
    expect(await deleteExpiredExports(ctx, new Date(), 7, dir)).toBe(0);
    rmSync(unrelated);
  });
});
