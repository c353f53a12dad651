import { beforeAll, expect, it } from "vitest";
import { documentsForComments } from "@search/documents.server.ts";
import { setDifficulty } from "~/comments/captcha.server.ts";
import { listPublishedComments } from "~/comments/public.server.ts";
import { RateLimiter, readLimits, readSupportLimits } from "~/platform/rate-limit.server.ts";
import { supportOpinion } from "~/comments/supports.server.ts";
import { getReceipt } from "~/comments/receipts.server.ts";
import { submitComment } from "~/comments/submit.server.ts";
import { createConsultationFromText } from "~/consultations/publish.server.ts";
import { queueHealth } from "~/moderation/dashboard.server.ts";
import { decideComment } from "~/moderation/decisions.server.ts";
import { flushGroupCounts } from "~/comments/group-counts.server.ts";
import { notifyAuthors } from "~/moderation/notify.server.ts";
import { findOpinions } from "~/personal-data/find.server.ts";
import { parseContact, type ActionRequest, type Contact } from "~/personal-data/request-form.ts";
import { handleRequest } from "~/personal-data/requests.server.ts";
import { housekeeping } from "~/jobs/housekeeping.server.ts";
import { countOpinions } from "~/reports/export/rows.server.ts";
import { reportQuery } from "~/reports/query.server.ts";
import { loadStatistics } from "~/reports/statistics.server.ts";
import { commentForm, VALID_FIELDS } from "../../support/comments.ts";
import { describeEachDatabase } from "../../support/test-db.ts";

// Personal-data requests (Decree 13/2023, ADR 027) on real SQLite and PostgreSQL: finding a person's
// opinions by email or phone however it was stored, export, correction, anonymization, deletion, and
// the retention sweep with an injected clock.

const NOW = new Date("2026-11-26T08:00:00Z");
const DAY = 86_400_000;
const DRAFT = [
  "DỰ THẢO DỮ LIỆU CÁ NHÂN",
  "Phần thứ nhất",
  "ĐÁNH GIÁ",
  "1. Kinh tế tăng trưởng khá, quy mô được mở rộng.",
  "2. Văn hóa, xã hội có bước phát triển.",
].join("\n\n");
const PHONE: Contact = { kind: "phone", value: "0912345678" };
const SAME_TEXT = "Đề nghị giữ nguyên tên gọi của xã chúng tôi vì gắn với lịch sử và phong tục lâu đời của địa phương.";

describeEachDatabase("personal-data requests", (ctx) => {
  let consultationId: string;
  let versionId: string;
  let blockKey: string;
  let admin: { id: string; name: string };
  let n = 0;

  const submit = async (fields: Record<string, string>, slug = "du-lieu") => {
    n++;
    const result = await submitComment(
      ctx.db,
      slug,
      commentForm({ ...VALID_FIELDS, email: `khac${n}@example.vn`, text: `${VALID_FIELDS.text} Ý kiến số ${n}.`, ...fields }),
      {
        clientAddress: `198.51.100.${n}`,
        sql: ctx.sql,
        now: new Date(NOW.getTime() + n * 60_000),
        limiter: new RateLimiter(),
        limits: readLimits({}),
      },
    );
    if (result.status !== "accepted") throw new Error(`not accepted: ${JSON.stringify(result)}`);
    return ctx.db.comment.findUniqueOrThrow({ where: { receiptToken: result.receiptToken } });
  };
  const approve = (id: string) =>
    decideComment(ctx.sql, admin, id, { action: "approve" }, { now: NOW, onDecided: notifyAuthors({ publicUrl: "https://gopy.example.vn" }) });
  const act = (request: { action: ActionRequest["action"]; contact: Contact; ids: string[]; name?: string; email?: string; phone?: string }) =>
    handleRequest(ctx.sql, admin, { reason: "Theo đơn yêu cầu ngày 02/12/2026 của người góp ý", ...request } as ActionRequest, NOW);
  const outboxFor = async (id: string) => ctx.db.searchOutbox.count({ where: { kind: "comment", entityId: id } });
  const auditOf = (id: string, action: string) => ctx.db.auditEvent.findMany({ where: { commentId: id, action } });

  beforeAll(async () => {
    await setDifficulty(ctx.db, 2_000);
    await createConsultationFromText(
      ctx.db,
      { slug: "du-lieu", status: "OPEN", opensAt: new Date(NOW.getTime() - DAY), closesAt: new Date(NOW.getTime() + 30 * DAY) },
      DRAFT,
    );
    const consultation = await ctx.db.consultation.findUniqueOrThrow({ where: { slug: "du-lieu" } });
    consultationId = consultation.id;
    versionId = consultation.publishedVersionId!;
    blockKey = (await ctx.db.block.findFirstOrThrow({ where: { versionId, kind: "clause" }, orderBy: { position: "asc" } })).key;
    admin = await ctx.db.user.create({ data: { email: "qtv@example.vn", name: "Phạm Thu Hà", role: "ADMIN" }, select: { id: true, name: true } });
  });

  it("finds every opinion given with a phone, however it was typed or stored, online and at a conference", async () => {
    const online = await submit({ phone: "0912 345 678", email: "", blockKey });
    const stored = await submit({ phone: "+84 912 345 678", email: "" });
    // Rows stored before phones were normalized keep their old spelling.
    await ctx.db.comment.update({ where: { id: stored.id }, data: { authorPhone: "+84 912 345 678" } });
    const dotted = await submit({ phone: "0912345678", email: "" });
    await ctx.db.comment.update({ where: { id: dotted.id }, data: { authorPhone: "0912.345.678" } });
    const organization = await ctx.db.organization.create({ data: { name: "Ủy ban MTTQ phường Ba Đình", level: "COMMUNE" } });
    const conference = await ctx.db.conference.create({
      data: { consultationId, organizationId: organization.id, channel: "CONFERENCE", title: "Hội nghị cử tri phường Ba Đình", heldOn: NOW },
    });
    const atConference = await ctx.db.comment.create({
      data: {
        consultationId,
        versionId,
        blockKey,
        stance: "OTHER",
        originalText: "Ý kiến tại hội nghị về quy mô kinh tế của địa phương.",
        authorName: "Lê Thị Mai",
        authorPhone: "(091) 234-5678",
        consentAt: NOW,
        contentHash: "hoi-nghi-1",
        receiptToken: "hoi-nghi-1",
        channel: "CONFERENCE",
        conferenceId: conference.id,
        organizationId: organization.id,
      },
    });
    await submit({ phone: "0987654321", email: "" });

    for (const typed of ["0912345678", "+84 912 345 678", "84.912.345.678"]) {
      const { opinions, more } = await findOpinions(ctx.sql, parseContact(typed)!);
      expect(new Set(opinions.map((o) => o.id)), typed).toEqual(new Set([online.id, stored.id, dotted.id, atConference.id]));
      expect(more).toBe(false);
    }
    const found = (await findOpinions(ctx.sql, PHONE)).opinions;
    const first = found.find((o) => o.id === online.id)!;
    expect(first).toMatchObject({
      consultationTitle: "DỰ THẢO DỮ LIỆU CÁ NHÂN",
      blockLabel: expect.stringContaining("1"),
      status: "PENDING",
      channel: "ONLINE",
      authorName: "Nguyễn Văn An",
    });
    expect(first.locality).toEqual(["Phường Ba Đình", "Thành phố Hà Nội"]);
    expect(found.find((o) => o.id === atConference.id)).toMatchObject({
      channel: "CONFERENCE",
      conferenceTitle: "Hội nghị cử tri phường Ba Đình",
      organizationName: "Ủy ban MTTQ phường Ba Đình",
    });

    const byEmail = await submit({ email: "Binh.Tran@Example.vn", name: "Trần Thị Bình" });
    await ctx.db.comment.update({ where: { id: byEmail.id }, data: { authorEmail: " Binh.Tran@Example.vn" } });
    expect((await findOpinions(ctx.sql, parseContact("binh.tran@example.VN")!)).opinions.map((o) => o.id)).toEqual([byEmail.id]);
  });

  it("exports everything held on the person, emails included, and audits it without copying the contact", async () => {
    const comment = await submit({
      email: "xuat@example.vn",
      phone: "0977111222",
      occupation: "Nông dân",
      ageGroup: "31 - 45 tuổi",
      onBehalfOf: "Hội Nông dân xã",
    });
    await approve(comment.id);
    // The opinion was supported (đồng tình) by the person, leaving this email as typed with capitals,
    // and by someone else with another email.
    const supportWith = (commentId: string, address: string, contact: string) =>
      supportOpinion(ctx.db, "du-lieu", commentForm({ comment: commentId, contact }), {
        clientAddress: address,
        sql: ctx.sql,
        now: new Date(NOW.getTime() + 3_600_000),
        limiter: new RateLimiter(),
        limits: readSupportLimits({}),
      });
    expect((await supportWith(comment.id, "203.0.113.7", " Xuat@Example.vn ")).status).toBe("supported");
    expect((await supportWith(comment.id, "203.0.113.9", "ai-do@example.vn")).status).toBe("supported");
    const contact = parseContact("xuat@example.vn")!;
    const result = await act({ action: "export", contact, ids: [comment.id] });
    expect(result.ok).toBe(true);
    const document = result.ok ? result.document! : null;
    expect(document!["Số ý kiến"]).toBe(1);
    expect(document!["Ý kiến"][0]).toMatchObject({
      "Mã ý kiến": comment.id,
      "Họ và tên": "Nguyễn Văn An",
      "Thư điện tử": "xuat@example.vn",
      "Số điện thoại": "0977111222",
      "Nơi sinh sống": "Phường Ba Đình, Thành phố Hà Nội",
      "Nghề nghiệp": "Nông dân",
      "Độ tuổi": "31 - 45 tuổi",
      "Thay mặt": "Hội Nông dân xã",
      "Trạng thái": "Đã duyệt",
      "Nội dung đã gửi": comment.originalText,
    });
    const emails = document!["Thư điện tử đã gửi hoặc chờ gửi"];
    expect(emails).toHaveLength(1);
    expect(emails[0]).toMatchObject({ "Gửi đến": "xuat@example.vn", "Trạng thái": "Đang chờ gửi" });
    const supports = document!["Đồng tình với ý kiến (đã để lại thông tin liên hệ này)"];
    expect(supports).toEqual([
      {
        "Mã ý kiến": comment.id,
        "Đợt lấy ý kiến": expect.any(String),
        "Ý kiến được đồng tình": comment.originalText,
        Lúc: expect.objectContaining({ ISO: expect.any(String) }),
      },
    ]);
    expect(JSON.stringify(supports)).not.toContain("ai-do@example.vn");

    const [event] = await auditOf(comment.id, "personal-data-export");
    expect(event).toMatchObject({ actorId: admin.id, note: "Theo đơn yêu cầu ngày 02/12/2026 của người góp ý" });
    expect(JSON.stringify(event)).not.toMatch(/xuat@example|0977111222/);

    // An id given with another contact is not touched, whatever the form claimed.
    expect(await act({ action: "export", contact: PHONE, ids: [comment.id] })).toEqual({ ok: false, message: expect.stringContaining("Vui lòng tra cứu lại") });
  });

  it("corrects name, email and phone; emails not sent yet follow; the search index is told", async () => {
    const comment = await submit({ email: "sai@example.vn", name: "Nguyễn Văn Sai" });
    await approve(comment.id);
    const before = await outboxFor(comment.id);
    const result = await act({
      action: "correct",
      contact: parseContact("sai@example.vn")!,
      ids: [comment.id],
      name: "Nguyễn Văn Đúng",
      email: "dung@example.vn",
      phone: "0933444555",
    });
    expect(result).toMatchObject({ ok: true, changed: 1, contact: "dung@example.vn" });
    expect(await ctx.db.comment.findUniqueOrThrow({ where: { id: comment.id } })).toMatchObject({
      authorName: "Nguyễn Văn Đúng",
      authorEmail: "dung@example.vn",
      authorPhone: "0933444555",
    });
    expect((await ctx.db.notification.findFirstOrThrow({ where: { commentId: comment.id } })).to).toBe("dung@example.vn");
    expect(await outboxFor(comment.id)).toBe(before + 1);
    const [event] = await auditOf(comment.id, "personal-data-correct");
    expect(event!.after).toBe("họ và tên, thư điện tử, số điện thoại");
    expect(JSON.stringify(event)).not.toMatch(/sai@example|dung@example|0933444555|Nguyễn Văn/);
  });

  it("anonymizes: the text stays as «Ẩn danh» with its province, contacts, commune, receipt link and emails go", async () => {
    const comment = await submit({ email: "an-danh@example.vn", phone: "0944555666", onBehalfOf: "Chi hội phụ nữ", blockKey });
    await approve(comment.id);
    const before = await outboxFor(comment.id);
    expect(await act({ action: "anonymize", contact: parseContact("0944 555 666")!, ids: [comment.id] })).toMatchObject({ ok: true, changed: 1 });
    const row = await ctx.db.comment.findUniqueOrThrow({ where: { id: comment.id } });
    expect(row).toMatchObject({
      authorName: "Ẩn danh",
      authorEmail: null,
      authorPhone: null,
      communeCode: null,
      onBehalfOf: null,
      sourceHash: null,
      provinceCode: "01",
      status: "APPROVED",
    });
    expect(row.originalText).toBe(comment.originalText);
    expect(row.receiptToken).not.toBe(comment.receiptToken);
    expect(await getReceipt(ctx.db, comment.receiptToken)).toBeNull();
    expect(await ctx.db.notification.count({ where: { commentId: comment.id } })).toBe(0);
    expect(await outboxFor(comment.id)).toBe(before + 1);

    const listed = await listPublishedComments(ctx.db, consultationId, blockKey, 1);
    expect(listed.comments.find((c) => c.id === comment.id)?.byline).toBe("Ẩn danh, Thành phố Hà Nội");
    const { upsert } = await documentsForComments(ctx.db, [comment.id]);
    expect(upsert[0]!.byline).toBe("Ẩn danh, Thành phố Hà Nội");
    expect(await auditOf(comment.id, "personal-data-anonymize")).toHaveLength(1);
  });

  it("deletes: gone from public pages, search, statistics and exports; its near-duplicate group recounted; audit history kept", async () => {
    const admins = { id: admin.id, role: "ADMIN", organizationId: null };
    const counted = async () => {
      const query = await reportQuery(ctx.db, admins, consultationId, { status: "approved" });
      return { statistics: (await loadStatistics(ctx.db, ctx.sql, query, versionId)).total.total, export: await countOpinions(ctx.sql, query) };
    };
    const first = await submit({ email: "giu-lai@example.vn", text: SAME_TEXT, blockKey });
    const gone = await submit({ email: "xoa@example.vn", text: SAME_TEXT, blockKey });
    await flushGroupCounts(ctx.sql, NOW);
    const kept = await ctx.db.comment.findUniqueOrThrow({ where: { id: first.id } });
    expect(gone.groupId).not.toBeNull();
    expect(gone.groupId).toBe(kept.groupId);
    // The deleted one is the member the public page shows for the group.
    await approve(gone.id);
    await approve(kept.id);
    const groupBefore = await ctx.db.duplicateGroup.findUniqueOrThrow({ where: { id: gone.groupId! } });
    expect(groupBefore).toMatchObject({ publicCommentId: gone.id, approvedCount: 2, size: 2 });
    const before = await counted();
    const outboxBefore = await outboxFor(gone.id);

    expect(await act({ action: "delete", contact: parseContact("xoa@example.vn")!, ids: [gone.id] })).toMatchObject({ ok: true, changed: 1 });

    const row = await ctx.db.comment.findUniqueOrThrow({ where: { id: gone.id } });
    expect(row).toMatchObject({ status: "DELETED", originalText: "", authorName: "", authorEmail: null, provinceCode: null, communeCode: null, groupId: null });
    expect(await counted()).toEqual({ statistics: before.statistics - 1, export: before.export - 1 });
    const listed = await listPublishedComments(ctx.db, consultationId, blockKey, 1);
    expect(listed.comments.map((c) => c.id)).toContain(kept.id);
    expect(listed.comments.map((c) => c.id)).not.toContain(gone.id);
    expect(await ctx.db.duplicateGroup.findUniqueOrThrow({ where: { id: gone.groupId! } })).toMatchObject({
      publicCommentId: kept.id,
      representativeId: kept.id,
      approvedCount: 1,
      size: 1,
    });
    expect(await documentsForComments(ctx.db, [gone.id])).toEqual({ upsert: [], remove: [`c_${gone.id}`] });
    expect(await outboxFor(gone.id)).toBe(outboxBefore + 1);
    expect(await getReceipt(ctx.db, gone.receiptToken)).toBeNull();
    expect(await findOpinions(ctx.sql, parseContact("xoa@example.vn")!)).toEqual({ opinions: [], more: false });
    // Today's dashboard: the moderator's approval of a since-deleted opinion is not counted as a rejection.
    const mine = (await queueHealth(ctx.db, ctx.sql, NOW)).perModerator.find((m) => m.id === admin.id)!;
    expect(mine).toMatchObject({ approved: 4, rejected: 0 });
    // The moderation history stays, with the deletion and its reason.
    expect((await ctx.db.auditEvent.findMany({ where: { commentId: gone.id }, orderBy: { createdAt: "asc" } })).map((e) => e.action)).toEqual([
      "approve",
      "personal-data-delete",
    ]);
    expect((await auditOf(gone.id, "personal-data-delete"))[0]).toMatchObject({ before: "APPROVED", note: "Theo đơn yêu cầu ngày 02/12/2026 của người góp ý" });
  });

  it("clears contact details once a consultation closed more than PERSONAL_DATA_RETENTION_DAYS ago, audited as a system action", async () => {
    await createConsultationFromText(
      ctx.db,
      { slug: "da-dong", status: "OPEN", opensAt: new Date(NOW.getTime() - 60 * DAY), closesAt: new Date(NOW.getTime() + DAY) },
      DRAFT,
    );
    const closed = await submit({ email: "cu@example.vn", phone: "0966777888" }, "da-dong");
    const closing = await ctx.db.consultation.update({ where: { slug: "da-dong" }, data: { closesAt: new Date(NOW.getTime() - 40 * DAY), status: "CLOSED" } });
    const open = await submit({ email: "moi@example.vn" });
    const run = (days: number | null, now = NOW) => housekeeping(ctx.db, now, { sql: ctx.sql, retentionDays: days });

    expect((await run(null)).contacts).toBe(0);
    expect((await run(60)).contacts).toBe(0);
    expect((await ctx.db.comment.findUniqueOrThrow({ where: { id: closed.id } })).authorEmail).toBe("cu@example.vn");

    expect((await run(30)).contacts).toBe(1);
    expect(await ctx.db.comment.findUniqueOrThrow({ where: { id: closed.id } })).toMatchObject({
      authorEmail: null,
      authorPhone: null,
      sourceHash: null,
      authorName: "Nguyễn Văn An",
    });
    expect((await ctx.db.comment.findUniqueOrThrow({ where: { id: open.id } })).authorEmail).toBe("moi@example.vn");
    const events = await ctx.db.auditEvent.findMany({ where: { action: "personal-data-retention" } });
    expect(events).toEqual([expect.objectContaining({ actorId: null, subject: `consultation:${closing.id}`, after: "1 ý kiến" })]);
    // Nothing left to clear: the next hourly sweep changes nothing.
    expect((await run(30, new Date(NOW.getTime() + 3_600_000))).contacts).toBe(0);
  });
});
