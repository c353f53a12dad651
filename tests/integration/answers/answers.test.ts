import { beforeAll, expect, it } from "vitest";
import { correctAnswer, recordAnswer, type AnswerActor } from "~/answers/answers.server.ts";
import { answerProgress, listOpinions, parseOpinionFilters } from "~/answers/progress.server.ts";
import { setDifficulty } from "~/comments/captcha.server.ts";
import { getReceipt } from "~/comments/receipts.server.ts";
import { submitComment } from "~/comments/submit.server.ts";
import { sectionOfBlocks } from "~/consultations/sections.ts";
import { decideComment } from "~/moderation/decisions.server.ts";
import { RateLimiter, readLimits } from "~/platform/rate-limit.server.ts";
import { createConsultationFromText } from "~/consultations/publish.server.ts";
import type { Permission } from "~/staff/permissions.ts";
import { seedOpinions } from "../../../bench/answers-data.ts";
import { commentForm, VALID_FIELDS } from "../../support/comments.ts";
import { describeEachDatabase } from "../../support/test-db.ts";

const NOW = new Date("2026-12-01T08:00:00Z");
const MAIL = { publicUrl: "https://gopy.example.vn" };
const DRAFT = [
  "DỰ THẢO TIẾP THU",
  "Phần thứ nhất",
  "ĐÁNH GIÁ",
  "1. Kinh tế tăng trưởng khá, quy mô được mở rộng.",
  "Phần thứ hai",
  "PHƯƠNG HƯỚNG",
  "1. Phát triển văn hóa, xã hội, bảo vệ môi trường.",
].join("\n\n");

describeEachDatabase("answers", (ctx) => {
  let consultationId: string;
  let versionId: string;
  let otherConsultationId: string;
  let otherVersionId: string;
  const keys: { block: string; section: string }[] = [];
  let editor: AnswerActor;
  let moderator: AnswerActor;

  const actor = (id: string, ...permissions: Permission[]): AnswerActor => ({ id, permissions: new Set(permissions) });
  const answerInput = (target: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
    consultationId,
    disposition: "ADOPTED",
    explanation: "Ban soạn thảo xin tiếp thu, đã bổ sung vào đoạn tương ứng.",
    target,
    ...extra,
  });
  const opinions = (n: number, options: Partial<Parameters<typeof seedOpinions>[1]> = {}, at = 0) =>
    seedOpinions(ctx.db, {
      consultationId,
      versionId,
      blockKey: keys[0]!.block,
      sectionKey: keys[0]!.section,
      count: n,
      from: new Date(NOW.getTime() - 86_400_000 + at * 60_000),
      ...options,
    });
  const record = (input: unknown, who = editor, mail: typeof MAIL | null = null) => recordAnswer(ctx.db, ctx.sql, who, input, { now: NOW, mail });
  const answers = () => ctx.db.answer.count();

  beforeAll(async () => {
    for (const [slug, text] of [
      ["tiep-thu", DRAFT],
      ["tiep-thu-khac", DRAFT.replace("TIẾP THU", "KHÁC")],
    ] as const) {
      await createConsultationFromText(ctx.db, { slug, status: "CLOSED" }, text);
    }
    const consultation = await ctx.db.consultation.findUniqueOrThrow({ where: { slug: "tiep-thu" } });
    consultationId = consultation.id;
    versionId = consultation.publishedVersionId!;
    const other = await ctx.db.consultation.findUniqueOrThrow({ where: { slug: "tiep-thu-khac" } });
    otherConsultationId = other.id;
    otherVersionId = other.publishedVersionId!;
    const blocks = await ctx.db.block.findMany({ where: { versionId }, orderBy: { position: "asc" } });
    const sectionOf = sectionOfBlocks(blocks);
    for (const b of blocks.filter((b) => b.kind === "clause")) keys.push({ block: b.key, section: sectionOf.get(b.key)! });
    expect(keys).toHaveLength(2);
    expect(keys[0]!.section).not.toBe(keys[1]!.section);
    const users = await Promise.all(
      ["bts@example.vn", "kd@example.vn"].map((email, i) =>
        ctx.db.user.create({ data: { email, name: i ? "Lê Văn Cường" : "Trần Thị Bình", role: i ? "MODERATOR" : "EDITOR" }, select: { id: true } }),
      ),
    );
    editor = actor(users[0]!.id, "answers.view", "answers.manage");
    moderator = actor(users[1]!.id, "answers.view");
  });

  it("answers one opinion: the row, the opinion's answer, the audit row and the search outbox", async () => {
    const { ids } = await opinions(1);
    const result = await record(answerInput({ scope: "COMMENT", commentId: ids[0] }, { versionId, blockKeys: [keys[0]!.block] }));
    expect(result).toMatchObject({ ok: true, answered: 1, skipped: 0, moved: 0 });
    if (!result.ok) return;
    const answer = await ctx.db.answer.findUniqueOrThrow({ where: { id: result.answerId } });
    expect(answer).toMatchObject({ scope: "COMMENT", disposition: "ADOPTED", commentCount: 1, revision: 1, sectionKey: keys[0]!.section, versionId });
    expect(JSON.parse(answer.blockKeys)).toEqual([keys[0]!.block]);
    const comment = await ctx.db.comment.findUniqueOrThrow({ where: { id: ids[0] } });
    expect(comment.answerId).toBe(result.answerId);
    expect(comment.answeredAt?.toISOString()).toBe(NOW.toISOString());
    const audit = await ctx.db.auditEvent.findFirstOrThrow({ where: { subject: `answer:${result.answerId}` } });
    expect(audit).toMatchObject({ action: "answer", actorId: editor.id, commentId: ids[0] });
    expect(audit.note).toContain("Tiếp thu; 1 ý kiến");
    expect(await ctx.db.searchOutbox.count({ where: { kind: "answer", entityId: result.answerId } })).toBe(1);
  });

  it("answers a selection across two sections (the whole draft's section), skipping a pending opinion", async () => {
    const first = await opinions(2, {}, 10);
    const second = await opinions(1, { blockKey: keys[1]!.block, sectionKey: keys[1]!.section }, 12);
    const pending = await opinions(1, { status: "PENDING" }, 13);
    const result = await record(answerInput({ scope: "SELECTION", commentIds: [...first.ids, ...second.ids, ...pending.ids] }, { disposition: "EXPLAINED" }));
    expect(result).toMatchObject({ ok: true, answered: 3, skipped: 1 });
    if (!result.ok) return;
    expect(result.message).toContain("Bỏ qua 1 ý kiến chưa được đăng");
    const answer = await ctx.db.answer.findUniqueOrThrow({ where: { id: result.answerId } });
    expect(answer).toMatchObject({ commentCount: 3, sectionKey: null, scope: "SELECTION", disposition: "EXPLAINED" });
    expect((await ctx.db.comment.findUniqueOrThrow({ where: { id: pending.ids[0] } })).answerId).toBeNull();
  });

  it("answers every approved member of a 300-member group, and the progress counts them", async () => {
    const before = await answerProgress(ctx.db, ctx.sql, consultationId, { kind: "all" });
    const { groupId, ids } = await opinions(300, { group: true, blockKey: keys[1]!.block, sectionKey: keys[1]!.section }, 20);
    const started = Date.now();
    const result = await record(answerInput({ scope: "GROUP", groupId }, { disposition: "PARTLY_ADOPTED" }));
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(result).toMatchObject({ ok: true, answered: 300 });
    if (!result.ok) return;
    expect(await ctx.db.comment.count({ where: { groupId, answerId: result.answerId } })).toBe(300);
    const answer = await ctx.db.answer.findUniqueOrThrow({ where: { id: result.answerId } });
    expect(answer).toMatchObject({ scope: "GROUP", groupId, commentCount: 300, sectionKey: keys[1]!.section });
    const after = await answerProgress(ctx.db, ctx.sql, consultationId, { kind: "all" });
    const section = (p: typeof after) => p.sections.find((s) => s.sectionKey === keys[1]!.section)!;
    expect(section(after).total - section(before).total).toBe(300);
    expect(section(after).answered - section(before).answered).toBe(300);
    expect(after.all.total).toBe(await ctx.db.comment.count({ where: { consultationId, status: "APPROVED" } }));
    expect(after.all.answered).toBe(await ctx.db.comment.count({ where: { consultationId, status: "APPROVED", answerId: { not: null } } }));
    // The list shows the group once, with its size, its answer and its supporters (the group's, not the shown member's).
    await ctx.db.duplicateGroup.update({ where: { id: groupId! }, data: { supportCount: 12 } });
    await ctx.db.comment.update({ where: { id: ids[0] }, data: { supportCount: 3 } });
    const [alone] = await opinions(1, { blockKey: keys[1]!.block, sectionKey: keys[1]!.section }, 30).then((r) => r.ids);
    await ctx.db.comment.update({ where: { id: alone }, data: { supportCount: 5 } });
    const page = await listOpinions(ctx.db, ctx.sql, consultationId, parseOpinionFilters(new URLSearchParams(`section=${keys[1]!.section}`)), { kind: "all" });
    const shown = page.items.filter((i) => i.group?.id === groupId);
    expect(shown).toHaveLength(1);
    expect(shown[0]!.id).toBe(ids[0]);
    expect(shown[0]!.group).toMatchObject({ size: 300, answered: 300 });
    expect(shown[0]!.supporters).toBe(12);
    expect(page.items.find((i) => i.id === alone)?.supporters).toBe(5);
    expect(shown[0]!.answer).toMatchObject({ disposition: "PARTLY_ADOPTED", commentCount: 300 });
    const unanswered = await listOpinions(ctx.db, ctx.sql, consultationId, parseOpinionFilters(new URLSearchParams("state=chua-tra-loi")), { kind: "all" });
    expect(unanswered.items.every((i) => i.answer === null)).toBe(true);
  });

  it("answers a theme: the approved opinions whose text holds the key phrase", async () => {
    const matching = await opinions(3, { text: "Cần đẩy mạnh ứng dụng khoa học công nghệ trong nông nghiệp ở vùng cao." }, 30);
    const notMatching = await opinions(2, { text: "Đề nghị làm rõ trách nhiệm người đứng đầu trong phòng chống tham nhũng." }, 33);
    const result = await record(
      answerInput({ scope: "THEME", sectionKey: keys[0]!.section, phrase: "khoa hoc cong nghe" }, { disposition: "ALREADY_IN_DRAFT" }),
    );
    expect(result).toMatchObject({ ok: true, answered: 3 });
    if (!result.ok) return;
    expect(await ctx.db.comment.count({ where: { id: { in: matching.ids }, answerId: result.answerId } })).toBe(3);
    expect(await ctx.db.comment.count({ where: { id: { in: notMatching.ids }, answerId: null } })).toBe(2);
    expect(await ctx.db.answer.findUniqueOrThrow({ where: { id: result.answerId } })).toMatchObject({ scope: "THEME", theme: "khoa hoc cong nghe" });
  });

  it("refuses, writing nothing: a made-up disposition, another consultation's opinion, pending opinions, a block not in the version, a moderator", async () => {
    const { ids } = await opinions(1, {}, 40);
    const elsewhere = await seedOpinions(ctx.db, { consultationId: otherConsultationId, versionId: otherVersionId, count: 1 });
    const pending = await opinions(2, { status: "PENDING" }, 41);
    const count = await answers();
    const bad = await record(answerInput({ scope: "COMMENT", commentId: ids[0] }, { disposition: "IGNORED" }));
    expect(bad).toMatchObject({ ok: false });
    if (!bad.ok) expect(bad.fieldErrors.disposition).toContain("Tiếp thu");
    const empty = await record(answerInput({ scope: "COMMENT", commentId: ids[0] }, { explanation: "  " }));
    expect(empty.ok || empty.fieldErrors.explanation).toBe("Hãy viết nội dung tiếp thu hoặc giải trình.");
    const other = await record(answerInput({ scope: "SELECTION", commentIds: [ids[0], elsewhere.ids[0]] }));
    expect(other).toMatchObject({ ok: false, message: "Có ý kiến thuộc dự thảo khác; không ghi gì." });
    const notPublished = await record(answerInput({ scope: "SELECTION", commentIds: pending.ids }));
    expect(notPublished.ok).toBe(false);
    expect(notPublished.ok || notPublished.message).toContain("2 ý kiến chưa được duyệt đăng");
    const block = await record(answerInput({ scope: "COMMENT", commentId: ids[0] }, { versionId, blockKeys: [keys[0]!.block, "khongco"] }));
    expect(block.ok || block.fieldErrors.blockKeys).toBe("1 đoạn đã chọn không có trong phiên bản số 1.");
    const version = await record(answerInput({ scope: "COMMENT", commentId: ids[0] }, { versionId: otherVersionId, blockKeys: [] }));
    expect(version.ok || version.fieldErrors.versionId).toContain("không phải là một phiên bản đã công bố của dự thảo này");
    const notAllowed = await record(answerInput({ scope: "COMMENT", commentId: ids[0] }), moderator);
    expect(notAllowed.ok || notAllowed.message).toContain("không có quyền");
    expect(await answers()).toBe(count);
    expect((await ctx.db.comment.findUniqueOrThrow({ where: { id: ids[0] } })).answerId).toBeNull();
  });

  it("moves opinions answered before only when confirmed, and recounts the old answer", async () => {
    const { ids } = await opinions(3, {}, 50);
    const first = await record(answerInput({ scope: "SELECTION", commentIds: ids }));
    if (!first.ok) throw new Error(first.message);
    const extra = await opinions(1, {}, 53);
    const again = await record(answerInput({ scope: "SELECTION", commentIds: [ids[0], extra.ids[0]] }, { disposition: "EXPLAINED" }));
    expect(again).toMatchObject({ ok: false, answeredElsewhere: 1 });
    expect(again.ok || again.message).toContain("1 ý kiến đã có câu trả lời khác");
    expect((await ctx.db.comment.findUniqueOrThrow({ where: { id: extra.ids[0] } })).answerId).toBeNull();
    const moved = await record(answerInput({ scope: "SELECTION", commentIds: [ids[0], extra.ids[0]] }, { disposition: "EXPLAINED", replace: true }));
    expect(moved).toMatchObject({ ok: true, answered: 2, moved: 1 });
    if (!moved.ok) return;
    expect(await ctx.db.answer.findUniqueOrThrow({ where: { id: first.answerId } })).toMatchObject({ commentCount: 2 });
    expect(await ctx.db.answer.findUniqueOrThrow({ where: { id: moved.answerId } })).toMatchObject({ commentCount: 2 });
    expect((await ctx.db.comment.findUniqueOrThrow({ where: { id: ids[0] } })).answerId).toBe(moved.answerId);
  });

  it("corrects an answer keeping its history, and refuses a correction made on an old revision", async () => {
    const { ids } = await opinions(2, {}, 60);
    const created = await record(answerInput({ scope: "SELECTION", commentIds: ids }));
    if (!created.ok) throw new Error(created.message);
    const correction = {
      revision: 1,
      disposition: "PARTLY_ADOPTED",
      explanation: "Tiếp thu một phần: giữ chỉ tiêu, bỏ đề xuất lập quỹ riêng.",
      versionId,
      blockKeys: [keys[0]!.block],
    };
    const corrected = await correctAnswer(ctx.db, ctx.sql, editor, created.answerId, correction, { now: NOW, mail: null });
    expect(corrected.ok).toBe(true);
    const answer = await ctx.db.answer.findUniqueOrThrow({ where: { id: created.answerId }, include: { revisions: true } });
    expect(answer).toMatchObject({ revision: 2, disposition: "PARTLY_ADOPTED", explanation: correction.explanation, commentCount: 2 });
    expect(answer.revisions).toHaveLength(1);
    expect(answer.revisions[0]).toMatchObject({
      revision: 1,
      disposition: "ADOPTED",
      explanation: "Ban soạn thảo xin tiếp thu, đã bổ sung vào đoạn tương ứng.",
      editedById: editor.id,
    });
    const audit = await ctx.db.auditEvent.findFirstOrThrow({ where: { subject: `answer:${created.answerId}`, action: "answer-correct" } });
    expect(audit.before).toContain("Tiếp thu: Ban soạn thảo xin tiếp thu");
    expect(audit.after).toContain("Tiếp thu một phần: Tiếp thu một phần");
    const stale = await correctAnswer(ctx.db, ctx.sql, editor, created.answerId, { ...correction, explanation: "Bản cũ." }, { now: NOW, mail: null });
    expect(stale.ok || stale.message).toContain("vừa được người khác sửa");
    expect((await ctx.db.answer.findUniqueOrThrow({ where: { id: created.answerId } })).explanation).toBe(correction.explanation);
  });

  it("queues an email per opinion only with an email, the author's consent and SMTP; corrections too", async () => {
    const consenting = await opinions(2, { email: "dong.y@example.vn", mayContact: true }, 70);
    const silent = await opinions(1, { email: "khong.dong.y@example.vn", mayContact: false }, 72);
    const noEmail = await opinions(1, { mayContact: true }, 73);
    const all = [...consenting.ids, ...silent.ids, ...noEmail.ids];
    const withoutSmtp = await record(answerInput({ scope: "SELECTION", commentIds: [consenting.ids[0]] }));
    if (!withoutSmtp.ok) throw new Error(withoutSmtp.message);
    expect(await ctx.db.notification.count({ where: { commentId: consenting.ids[0] } })).toBe(0);
    const result = await record(answerInput({ scope: "SELECTION", commentIds: all }, { replace: true }), editor, MAIL);
    if (!result.ok) throw new Error(result.message);
    const rows = await ctx.db.notification.findMany({ where: { commentId: { in: all } } });
    expect(rows.map((r) => r.commentId).sort()).toEqual([...consenting.ids].sort());
    expect(rows[0]!.to).toBe("dong.y@example.vn");
    expect(rows[0]!.subject).toContain("Ban soạn thảo đã trả lời góp ý của bạn");
    expect(rows[0]!.text).toContain("Ban soạn thảo đã trả lời: Tiếp thu");
    expect(rows[0]!.text).toContain("https://gopy.example.vn/du-thao/tiep-thu/tiep-thu-giai-trinh");
    const corrected = await correctAnswer(
      ctx.db,
      ctx.sql,
      editor,
      result.answerId,
      { revision: 1, disposition: "EXPLAINED", explanation: "Giải trình: nội dung đã có ở Phần thứ hai." },
      { now: NOW, mail: MAIL },
    );
    expect(corrected.ok).toBe(true);
    const afterCorrection = await ctx.db.notification.findMany({ where: { commentId: { in: all }, subject: { contains: "đã sửa câu trả lời" } } });
    expect(afterCorrection).toHaveLength(2);
  });

  it("keeps the author's consent from the form (only with an email) and shows the answer on the status link", async () => {
    await setDifficulty(ctx.db, 2_000);
    await createConsultationFromText(
      ctx.db,
      { slug: "tiep-thu-mo", status: "OPEN", opensAt: new Date(NOW.getTime() - 86_400_000), closesAt: new Date(NOW.getTime() + 86_400_000) },
      DRAFT,
    );
    const submit = async (fields: Record<string, string | undefined>, n: number) => {
      const result = await submitComment(ctx.db, "tiep-thu-mo", commentForm({ ...VALID_FIELDS, ...fields }), {
        clientAddress: `198.51.100.${n}`,
        sql: ctx.sql,
        now: NOW,
        limiter: new RateLimiter(),
        limits: readLimits({}),
      });
      if (result.status !== "accepted") throw new Error(JSON.stringify(result));
      return ctx.db.comment.findUniqueOrThrow({ where: { receiptToken: result.receiptToken } });
    };
    const consenting = await submit({ mayContact: "on", email: "tra.loi@example.vn", text: "Đề nghị làm rõ lộ trình tinh gọn bộ máy ở cấp xã." }, 1);
    const phoneOnly = await submit({ mayContact: "on", email: undefined, phone: "0912345678", text: "Đề nghị làm rõ chế độ cho cán bộ dôi dư." }, 2);
    const unticked = await submit({ email: "khong.tick@example.vn", text: "Đề nghị bổ sung chính sách nhà ở xã hội." }, 3);
    expect([consenting.mayContact, phoneOnly.mayContact, unticked.mayContact]).toEqual([true, false, false]);
    await decideComment(ctx.sql, { id: editor.id, name: "Trần Thị Bình" }, consenting.id, { action: "approve" }, { now: NOW });
    expect((await getReceipt(ctx.db, consenting.receiptToken))?.answer).toBeNull();
    const result = await recordAnswer(
      ctx.db,
      ctx.sql,
      editor,
      {
        consultationId: consenting.consultationId,
        disposition: "EXPLAINED",
        explanation: "Lộ trình đã nêu ở Phần thứ hai.",
        target: { scope: "COMMENT", commentId: consenting.id },
      },
      { now: NOW, mail: MAIL },
    );
    expect(result.ok).toBe(true);
    const receipt = await getReceipt(ctx.db, consenting.receiptToken);
    expect(receipt?.answer).toMatchObject({ disposition: "EXPLAINED", explanation: "Lộ trình đã nêu ở Phần thứ hai." });
    expect(receipt?.answer?.answeredAt?.toISOString()).toBe(NOW.toISOString());
    expect(await ctx.db.notification.count({ where: { commentId: consenting.id, to: "tra.loi@example.vn", subject: { contains: "đã trả lời" } } })).toBe(1);
  });
});
