import { beforeAll, expect, it } from "vitest";
import { createConsultationFromText } from "~/consultations/publish.server.ts";
import { conferenceFormSchema } from "~/conferences/conference-form.ts";
import { createConference, getConference } from "~/conferences/conferences.server.ts";
import { addOpinion } from "~/conferences/upload.server.ts";
import { seedComments } from "~/comments/comment-store.server.ts";
import { contentHash } from "~/text/fold.ts";
import { decideComment, decideMany } from "~/moderation/decisions.server.ts";
import { queueHealth } from "~/moderation/dashboard.server.ts";
import { createOrganization } from "~/organizations/tree.server.ts";
import { describeEachDatabase } from "../../support/test-db.ts";

// The dashboard's figures agree with each other and with time (issue 16, item 5).

const NOW = new Date("2026-11-26T08:00:00Z"); // 15:00 in Viet Nam
const MINUTE = 60_000;
const at = (minutes: number) => new Date(NOW.getTime() + minutes * MINUTE);
const DRAFT = ["DỰ THẢO TỔNG QUAN", "Phần thứ nhất", "ĐÁNH GIÁ", "1. Kinh tế tăng trưởng khá.", "2. Văn hóa, xã hội có bước phát triển."].join("\n\n");
const TEXTS = [
  "Đề nghị bổ sung chỉ tiêu về tỷ lệ hộ nghèo đa chiều giảm bình quân mỗi năm.",
  "Cần làm rõ giải pháp phát triển hạ tầng giao thông cho các xã vùng cao.",
  "Nên tăng đầu tư cho y tế cơ sở ở vùng sâu, vùng xa trong nhiệm kỳ tới.",
  "Đề nghị nêu rõ trách nhiệm người đứng đầu khi chậm giải ngân vốn đầu tư công.",
  "Cần có chính sách hỗ trợ nông dân chuyển đổi số trong sản xuất nông nghiệp.",
  "Đề nghị bổ sung nội dung về phát triển du lịch cộng đồng ở vùng cao.",
];

describeEachDatabase("dashboard", (ctx) => {
  let admin: { id: string; name: string };
  let moderator: { id: string; name: string };
  let ids: string[] = [];

  beforeAll(async () => {
    const { consultation } = await createConsultationFromText(ctx.db, { slug: "tong-quan", status: "OPEN" }, DRAFT);
    admin = await ctx.db.user.create({ data: { email: "qt@example.vn", name: "Nguyễn Quản Trị", role: "ADMIN" }, select: { id: true, name: true } });
    moderator = await ctx.db.user.create({ data: { email: "kd@example.vn", name: "Trần Kiểm Duyệt", role: "MODERATOR" }, select: { id: true, name: true } });
    const org = await createOrganization(ctx.db, admin, {
      name: "Ủy ban MTTQ tỉnh Tuyên Quang",
      code: null,
      level: "PROVINCE",
      kind: "MTTQ",
      parentId: null,
      localityCode: "08",
    });
    if (!org.ok) throw new Error(JSON.stringify(org));
    const input = conferenceFormSchema.parse({
      consultationId: consultation.id,
      organizationId: org.id,
      channel: "CONFERENCE",
      title: "Hội nghị lấy ý kiến Nhân dân",
      heldOn: "20/11/2026",
      place: "Hội trường",
      attendees: "80",
      chairperson: "Trần Văn Chủ",
      note: "",
    });
    const created = await createConference(ctx.db, { id: admin.id, role: "ADMIN", organizationId: null }, input, at(-120));
    if (!created.ok) throw new Error(JSON.stringify(created));
    const conference = (await getConference(ctx.db, { id: admin.id, role: "ADMIN", organizationId: null }, created.id))!;
    // Six opinions of a conference held six days ago, typed in over the last two hours.
    for (const [i, text] of TEXTS.entries()) {
      const added = await addOpinion(ctx.db, ctx.sql, admin, conference, { blockKey: null, stance: "OTHER", text, authorName: null }, at(-120 + i * 10));
      expect(added.ok).toBe(true);
    }
    ids = (await ctx.db.comment.findMany({ where: { conferenceId: conference.id }, orderBy: { consentAt: "asc" }, select: { id: true } })).map((c) => c.id);
    // Opinions imported already approved (the demonstration's): decided, by nobody, today.
    const { publishedVersionId: versionId } = await ctx.db.consultation.findUniqueOrThrow({ where: { id: consultation.id } });
    await seedComments(
      ctx.db,
      [0, 1, 2].map((i) => ({
        consultationId: consultation.id,
        versionId: versionId!,
        stance: "AGREE" as const,
        originalText: `Ý kiến mẫu số ${i + 1} đã được duyệt sẵn.`,
        status: "APPROVED" as const,
        authorName: "Người mẫu",
        consentAt: at(-600),
        contentHash: contentHash(`mẫu ${i}`),
        receiptToken: `mau-${i}-${ctx.provider}`,
        createdAt: at(-600),
        decidedAt: at(-5),
      })),
    );
  });

  it("counts a conference opinion's wait from when it was entered, not from the conference day", async () => {
    const health = await queueHealth(ctx.db, ctx.sql, at(0));
    expect(health.totalPending).toBe(6);
    // The first was typed in two hours ago: it has waited two hours, not six days.
    expect(health.oldestPendingAgeMs).toBe(120 * MINUTE);
    expect(health.perConsultation[0]!.oldest.getTime()).toBe(at(-120).getTime());
  });

  it("adds decisions per moderator up to today's total, and takes the median over decisions made one by one", async () => {
    // By hand: waits of 30, 40 and 50 minutes (entered at -120, -110, -100).
    await decideComment(ctx.sql, moderator, ids[0]!, { action: "approve" }, { now: at(-90) });
    await decideComment(ctx.sql, moderator, ids[1]!, { action: "reject", reason: "Không liên quan đến nội dung dự thảo" }, { now: at(-70) });
    await decideComment(ctx.sql, admin, ids[2]!, { action: "approve" }, { now: at(-50) });
    // In bulk, a minute after the last was entered: waits of 81, 71 and 61 minutes... not decisions weighed one by one.
    const bulk = await decideMany(ctx.sql, admin, { ids: ids.slice(3) }, { action: "approve" }, { now: at(1) });
    expect(bulk).toMatchObject({ ok: true, changed: 3 });

    const health = await queueHealth(ctx.db, ctx.sql, at(2));
    expect(health.totalPending).toBe(0);
    const sum = health.perModerator.reduce((total, m) => total + m.approved + m.rejected, 0);
    expect(health.decidedToday).toBe(6);
    expect(sum).toBe(health.decidedToday);
    expect(health.perModerator).toEqual([
      { id: admin.id, name: admin.name, approved: 4, rejected: 0, bulk: 3 },
      { id: moderator.id, name: moderator.name, approved: 1, rejected: 1, bulk: 0 },
    ]);
    // The median of 30, 40 and 50 minutes (the imported ones and the bulk ones left out).
    expect(health.medianDecisionMs).toBe(40 * MINUTE);
    expect(health.medianOf).toBe(3);
  });
});
