import ExcelJS from "exceljs";
import { beforeAll, expect, it } from "vitest";
import { createConsultationFromText } from "~/consultations/publish.server.ts";
import { conferenceFormSchema } from "~/conferences/conference-form.ts";
import { createConference, getConference, listConferences, type ConferenceDetails } from "~/conferences/conferences.server.ts";
import { buildTemplate } from "~/conferences/template.server.ts";
import { addOpinion, uploadOpinions } from "~/conferences/upload.server.ts";
import { FLAGS } from "~/comments/flags.ts";
import { commentScopeSql, commentScopeWhere, scopeFor } from "~/organizations/scope.server.ts";
import { createOrganization } from "~/organizations/tree.server.ts";
import { decideComment } from "~/moderation/decisions.server.ts";
import { statisticsPage } from "~/reports/page.server.ts";
import { describeEachDatabase } from "../../support/test-db.ts";

const NOW = new Date("2026-11-26T08:00:00Z");
const DRAFT = [
  "DỰ THẢO HỘI NGHỊ",
  "Phần thứ nhất",
  "ĐÁNH GIÁ",
  "I. KẾT QUẢ",
  "1. Kinh tế tăng trưởng khá.",
  "Đoạn hai của mục một.",
  "Phần thứ hai",
  "PHƯƠNG HƯỚNG",
  "1. Phát triển bền vững, bảo vệ môi trường.",
].join("\n\n");
const LONG = "Đề nghị bổ sung chỉ tiêu về tỷ lệ hộ nghèo đa chiều giảm bình quân mỗi năm và làm rõ giải pháp cho các xã vùng cao phía Tây của tỉnh.";

const csv = (lines: string[], name = "y-kien.csv") => ({ name, bytes: new TextEncoder().encode(`\uFEFF${lines.join("\r\n")}\r\n`) });
const HEADER = "Vị trí trong dự thảo,Quan điểm,Nội dung ý kiến,Người góp ý,Ngày góp ý";

describeEachDatabase("conferences", (ctx) => {
  const users = {} as Record<"admin" | "repA" | "repB" | "repNone", { id: string; role: string; organizationId: string | null }>;
  const orgs = {} as Record<"province" | "districtA" | "communeA" | "districtB", string>;
  let consultationId: string;
  let conferenceA: ConferenceDetails;

  const newConference = async (user: (typeof users)["admin"], organizationId: string, title = "Hội nghị lấy ý kiến Nhân dân") => {
    const input = conferenceFormSchema.parse({
      consultationId,
      organizationId,
      channel: "CONFERENCE",
      title,
      heldOn: "20/11/2026",
      place: "Hội trường",
      attendees: "120",
      chairperson: "Trần Văn Chủ",
      note: "",
    });
    return createConference(ctx.db, user, input, NOW);
  };
  const commentsOf = (conferenceId: string) => ctx.db.comment.findMany({ where: { conferenceId }, orderBy: { originalText: "asc" } });

  beforeAll(async () => {
    const { consultation } = await createConsultationFromText(ctx.db, { slug: "hoi-nghi", status: "OPEN", commentCharLimit: 300 }, DRAFT);
    consultationId = consultation.id;
    const admin = await ctx.db.user.create({ data: { email: "admin@example.vn", name: "Quản trị", role: "ADMIN" } });
    const make = async (name: string, level: "PROVINCE" | "DISTRICT" | "COMMUNE", parentId: string | null, localityCode: string | null = null) => {
      const result = await createOrganization(ctx.db, admin, { name, code: null, level, kind: "MTTQ", parentId, localityCode });
      if (!result.ok) throw new Error(JSON.stringify(result));
      return result.id;
    };
    orgs.province = await make("Ủy ban MTTQ tỉnh Tuyên Quang", "PROVINCE", null, "08");
    orgs.districtA = await make("Ủy ban MTTQ huyện A", "DISTRICT", orgs.province);
    orgs.communeA = await make("Ủy ban MTTQ xã A1", "COMMUNE", orgs.districtA);
    orgs.districtB = await make("Ủy ban MTTQ huyện B", "DISTRICT", orgs.province);
    users.admin = { id: admin.id, role: "ADMIN", organizationId: null };
    for (const [key, organizationId] of [
      ["repA", orgs.districtA],
      ["repB", orgs.districtB],
      ["repNone", null],
    ] as const) {
      const user = await ctx.db.user.create({ data: { email: `${key}@example.vn`, name: key, role: "ORG_REP", organizationId } });
      users[key] = { id: user.id, role: "ORG_REP", organizationId };
    }
  });

  it("lets a representative record for their organization and those below it only", async () => {
    const own = await newConference(users.repA, orgs.communeA, "Hội nghị xã A1");
    expect(own.ok).toBe(true);
    const other = await newConference(users.repA, orgs.districtB);
    expect(other).toMatchObject({ ok: false, fieldErrors: { organizationId: expect.stringContaining("trực thuộc") } });
    expect(await newConference(users.repNone, orgs.districtA)).toMatchObject({ ok: false });
    const created = await newConference(users.repA, orgs.districtA, "Hội nghị huyện A");
    if (!created.ok) throw new Error("not created");
    conferenceA = (await getConference(ctx.db, users.repA, created.id))!;
    expect(conferenceA).toMatchObject({ title: "Hội nghị huyện A", attendees: 120, channel: "CONFERENCE" });
    expect(conferenceA.heldOn.toISOString()).toBe("2026-11-20T05:00:00.000Z");
    // Another district's representative neither sees nor opens it.
    expect(await getConference(ctx.db, users.repB, created.id)).toBeNull();
    expect((await listConferences(ctx.db, users.repB)).rows).toEqual([]);
    expect((await listConferences(ctx.db, users.repA)).rows.map((r) => r.title).sort()).toEqual(["Hội nghị huyện A", "Hội nghị xã A1"]);
    expect(await ctx.db.auditEvent.count({ where: { action: "conference-create" } })).toBe(2);
    expect(await newConference(users.repA, orgs.districtA, "Hội nghị ngày mai").then(() => null)).toBeNull();
    const future = conferenceFormSchema.parse({
      consultationId,
      organizationId: orgs.districtA,
      channel: "LETTER",
      title: "Thư",
      heldOn: "2027-01-01",
      place: "",
      attendees: "",
      chairperson: "",
      note: "",
    });
    expect(await createConference(ctx.db, users.repA, future, NOW)).toMatchObject({ ok: false, fieldErrors: { heldOn: expect.stringContaining("chưa đến") } });
  });

  it("imports nothing from a file with a bad row, and says which row and why", async () => {
    const file = csv([
      HEADER,
      `Phần thứ nhất › Mục I › đoạn 1,Tán thành,"${LONG}",,`,
      `phan thu nhat > muc i > doan 2,Không tán thành,Chưa đánh giá đúng nguyên nhân hạn chế.,Lê Thị Hoa,21/11/2026`,
      `Phần thứ nhất › Mục I › đoạn 9,Ủng hộ,,,31/02/2026`,
      `Toàn văn,Ý kiến khác,=HYPERLINK("http://x"),,2026-11-19`,
    ]);
    const result = await uploadOpinions(ctx.db, ctx.sql, users.repA, conferenceA, file, { validOnly: false, now: NOW });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.validRows).toBe(3);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]!.line).toBe(4);
    const messages = result.errors[0]!.messages.join("\n");
    expect(messages).toContain("Thiếu «Nội dung ý kiến»");
    expect(messages).toContain("Quan điểm «Ủng hộ» không hợp lệ");
    expect(messages).toContain("Có phải: «Phần thứ nhất › I › 1 › đoạn 1»");
    expect(messages).toContain("Ngày «31/02/2026» không đọc được");
    expect(await ctx.db.comment.count({ where: { conferenceId: conferenceA.id } })).toBe(0);
    expect(await ctx.db.searchOutbox.count({ where: { kind: "comment" } })).toBe(0);
  });

  it("imports the valid rows only when asked, then refuses to store them twice", async () => {
    const lines = [
      HEADER,
      `Phần thứ nhất › Mục I › đoạn 1,Tán thành,"${LONG}",,`,
      `Phần thứ nhất › Mục I › đoạn 1,tán thành,"${LONG.replace("bình quân", "bình quân hằng năm")}",,`,
      `Phần thứ nhất › Mục I › đoạn 9,Tán thành,Nội dung,,`,
      `Toàn văn,Ý kiến khác,=HYPERLINK("http://x"),,2026-11-19`,
    ];
    const result = await uploadOpinions(ctx.db, ctx.sql, users.repA, conferenceA, csv(lines), { validOnly: true, now: NOW });
    expect(result).toMatchObject({ ok: true, imported: 3, skipped: [{ line: 4 }], alreadyIn: [] });
    const stored = await commentsOf(conferenceA.id);
    expect(stored).toHaveLength(3);
    for (const c of stored) {
      expect(c).toMatchObject({ channel: "CONFERENCE", organizationId: orgs.districtA, status: "PENDING", provinceCode: "08", consultationId });
      expect(c.receiptToken).toMatch(/^[A-Za-z0-9_-]{32}$/);
    }
    const formula = stored.find((c) => c.originalText.startsWith("="))!;
    expect(formula).toMatchObject({
      originalText: '=HYPERLINK("http://x")',
      blockKey: null,
      authorName: "Hội nghị huyện A – Ủy ban MTTQ huyện A",
      stance: "OTHER",
    });
    expect(formula.createdAt.toISOString()).toBe("2026-11-19T05:00:00.000Z");
    // The two near-identical rows of the file were grouped by moderation's screening.
    const grouped = stored.filter((c) => c.blockKey !== null);
    expect(grouped[0]!.groupId).not.toBeNull();
    expect(grouped[0]!.groupId).toBe(grouped[1]!.groupId);
    expect(grouped.every((c) => (c.flags & FLAGS.NEAR_DUPLICATE) !== 0 || c.groupId)).toBe(true);
    expect(grouped.every((c) => c.sectionKey !== null)).toBe(true);
    expect(await ctx.db.searchOutbox.count({ where: { entityId: { in: stored.map((c) => c.id) } } })).toBe(3);
    const audit = await ctx.db.auditEvent.findFirst({ where: { action: "conference-import" } });
    expect(audit).toMatchObject({ actorId: users.repA.id, subject: `conference:${conferenceA.id}` });
    expect(audit!.note).toContain("bỏ qua 1 dòng lỗi");

    // The corrected whole file, as it is (no box ticked): the fixed row alone goes in, and the three rows
    // already stored are named, not refused.
    lines[3] = `Phần thứ nhất › Mục I › đoạn 2,Tán thành,Nội dung đã sửa,,`;
    const again = await uploadOpinions(ctx.db, ctx.sql, users.repA, conferenceA, csv(lines), { validOnly: false, now: NOW });
    expect(again).toEqual({ ok: true, imported: 1, skipped: [], alreadyIn: [2, 3, 5] });
    expect(await ctx.db.comment.count({ where: { conferenceId: conferenceA.id } })).toBe(4);
    // Once more: nothing new, nothing stored twice, and that is not an error.
    const same = await uploadOpinions(ctx.db, ctx.sql, users.repA, conferenceA, csv(lines), { validOnly: false, now: NOW });
    expect(same).toEqual({ ok: true, imported: 0, skipped: [], alreadyIn: [2, 3, 4, 5] });
    expect(await ctx.db.comment.count({ where: { conferenceId: conferenceA.id } })).toBe(4);
    // The same opinion twice in a file counts twice: a file with one more copy of a stored row stores that copy only.
    const twice = await uploadOpinions(ctx.db, ctx.sql, users.repA, conferenceA, csv([...lines, lines[4]!]), { validOnly: false, now: NOW });
    expect(twice).toMatchObject({ ok: true, imported: 1, alreadyIn: [2, 3, 4, 5] });
    expect(await ctx.db.comment.count({ where: { conferenceId: conferenceA.id } })).toBe(5);
  });

  it("keeps conference opinions inside the organization's scope", async () => {
    const repA = await scopeFor(ctx.db, users.repA);
    const repB = await scopeFor(ctx.db, users.repB);
    const province = await scopeFor(ctx.db, { role: "ORG_REP", organizationId: orgs.province });
    const count = (where: object) => ctx.db.comment.count({ where: { consultationId, ...where } });
    expect(await count(commentScopeWhere(repA))).toBe(5);
    expect(await count(commentScopeWhere(repB))).toBe(0);
    expect(await count(commentScopeWhere(province))).toBe(5);
    const sqlB = commentScopeSql(repB, `"Comment"`);
    const rows = await ctx.sql.all<{ n: number | string }>(`SELECT COUNT(*) AS "n" FROM "Comment" WHERE ${sqlB.sql}`, sqlB.params);
    expect(Number(rows[0]!.n)).toBe(0);
  });

  it("tells a representative on the statistics page how many of their opinions still wait for moderation", async () => {
    const waiting = async (viewer: { id: string; role: string; organizationId: string | null }) =>
      (await statisticsPage(ctx.db, ctx.sql, viewer, consultationId, { status: "approved" }))!.waiting;
    expect(await waiting(users.repA)).toBe(5);
    expect(await waiting(users.repB)).toBe(0);
    expect(await waiting(users.repNone)).toBeNull();
    expect(await waiting(users.admin)).toBe(5);
    const first = await ctx.db.comment.findFirstOrThrow({ where: { conferenceId: conferenceA.id }, orderBy: { originalText: "asc" } });
    expect(await decideComment(ctx.sql, { ...users.admin, name: "Quản trị" }, first.id, { action: "approve" }, { now: NOW })).toMatchObject({ ok: true });
    expect(await waiting(users.repA)).toBe(4);
    expect(await waiting(users.admin)).toBe(4);
  });

  it("reads the template's .xlsx: formulas by their saved result, dates in every form, text as text", async () => {
    const blocks = await ctx.db.block.findMany({ where: { versionId: conferenceA.consultation.publishedVersionId! }, orderBy: { position: "asc" } });
    const template = await buildTemplate({ consultationTitle: "Dự thảo", blocks, charLimit: 300 });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(template as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet("Ý kiến")!;
    // Rows 2.. already hold the template's drop-down lists: fill them in as a person would.
    sheet.getRow(2).values = [
      "Phần thứ hai › đoạn 1",
      "Tán thành",
      "+84 là mã điện thoại, không phải công thức",
      "Nguyễn Văn Bình",
      new Date(Date.UTC(2026, 10, 18)),
    ];
    sheet.getRow(3).values = [
      "Phần thứ hai › đoạn 1",
      "Không tán thành",
      { formula: 'CONCAT("Nội dung ","từ công thức")', result: "Nội dung từ công thức" },
      "",
      46343,
    ];
    sheet.getRow(4).values = ["Phần thứ hai › đoạn 1", "Ý kiến khác", { formula: "A1&B1" }, "", "18/11/2026"];
    sheet.getRow(5).values = ["Phần thứ hai › đoạn 1", "Ý kiến khác", "@mọi người cùng góp ý", "", "1/9/2026"];
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
    const conference = await newConference(users.admin, orgs.districtB, "Hội nghị huyện B");
    if (!conference.ok) throw new Error("not created");
    const details = (await getConference(ctx.db, users.admin, conference.id))!;
    const refused = await uploadOpinions(ctx.db, ctx.sql, users.admin, details, { name: "mau.xlsx", bytes }, { validOnly: false, now: NOW });
    expect(refused).toMatchObject({ ok: false, validRows: 3, errors: [{ line: 4, messages: [expect.stringContaining("Ô C4 là công thức chưa có kết quả")] }] });
    const result = await uploadOpinions(ctx.db, ctx.sql, users.admin, details, { name: "mau.xlsx", bytes }, { validOnly: true, now: NOW });
    expect(result).toMatchObject({ ok: true, imported: 3 });
    const stored = await commentsOf(conference.id);
    expect(stored.map((c) => [c.originalText, c.createdAt.toISOString().slice(0, 10), c.authorName])).toEqual([
      ["+84 là mã điện thoại, không phải công thức", "2026-11-18", "Nguyễn Văn Bình"],
      ["@mọi người cùng góp ý", "2026-09-01", "Hội nghị huyện B – Ủy ban MTTQ huyện B"],
      ["Nội dung từ công thức", "2026-11-17", "Hội nghị huyện B – Ủy ban MTTQ huyện B"],
    ]);
  });

  it("refuses renamed binaries, wrong headers and 100,000 rows with one clear message, storing nothing", async () => {
    const before = await ctx.db.comment.count();
    const upload = (file: { name: string; bytes: Uint8Array }) => uploadOpinions(ctx.db, ctx.sql, users.repA, conferenceA, file, { validOnly: true, now: NOW });
    const png = { name: "y-kien.xlsx", bytes: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]) };
    expect(await upload(png)).toMatchObject({ ok: false, formError: expect.stringContaining("không phải bảng tính") });
    const zip = { name: "y-kien.xlsx", bytes: new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0, 8, 0]) };
    expect(await upload(zip)).toMatchObject({ ok: false, formError: expect.stringContaining("Không đọc được tệp Excel") });
    const latin = { name: "y-kien.csv", bytes: new Uint8Array([...new TextEncoder().encode("Quan \u0111i"), 0xea, 0x6d, 0x0d, 0x0a]) };
    expect(await upload(latin)).toMatchObject({ ok: false, formError: expect.stringContaining("UTF-8") });
    expect(await upload(csv(["Đoạn,Ý kiến", "a,b"]))).toMatchObject({
      ok: false,
      formError: expect.stringContaining("«Vị trí trong dự thảo», «Quan điểm», «Nội dung ý kiến»"),
    });
    const huge = ["Vị trí trong dự thảo,Quan điểm,Nội dung ý kiến"];
    for (let i = 0; i < 100_000; i++) huge.push(`Toàn văn,Tán thành,Ý kiến số ${i}`);
    expect(await upload(csv(huge))).toMatchObject({ ok: false, formError: expect.stringContaining("tối đa 20.000 ý kiến") });
    expect(await ctx.db.comment.count()).toBe(before);
  });

  it("takes one opinion typed in the page, refusing a block of another draft and text over the limit", async () => {
    const ok = await addOpinion(
      ctx.db,
      ctx.sql,
      users.repA,
      conferenceA,
      { blockKey: null, stance: "AGREE", text: "Tán thành toàn bộ dự thảo.", authorName: null },
      NOW,
    );
    expect(ok).toEqual({ ok: true });
    expect(
      await addOpinion(ctx.db, ctx.sql, users.repA, conferenceA, { blockKey: "khong-co", stance: "AGREE", text: "Nội dung", authorName: null }, NOW),
    ).toMatchObject({
      ok: false,
      fieldErrors: { blockKey: expect.any(String) },
    });
    expect(
      await addOpinion(ctx.db, ctx.sql, users.repA, conferenceA, { blockKey: null, stance: "AGREE", text: "x".repeat(301), authorName: null }, NOW),
    ).toMatchObject({
      ok: false,
      fieldErrors: { text: expect.stringContaining("300") },
    });
    const typed = await ctx.db.comment.findFirstOrThrow({ where: { conferenceId: conferenceA.id, originalText: "Tán thành toàn bộ dự thảo." } });
    expect(typed.createdAt.toISOString()).toBe("2026-11-20T05:00:00.000Z");
    expect(await ctx.db.auditEvent.count({ where: { action: "conference-opinion", commentId: typed.id } })).toBe(1);
  });
});
