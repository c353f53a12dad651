import { beforeAll, describe, expect, it } from "vitest";
import { setDifficulty } from "~/comments/captcha.server.ts";
import { listPublishedComments } from "~/comments/public.server.ts";
import { getReceipt } from "~/comments/receipts.server.ts";
import { createConsultationFromText } from "~/consultations/publish.server.ts";
import { claimComment, claimGroup, decideComment, decideMany, releaseComment, type OnDecided } from "~/moderation/decisions.server.ts";
import { notifyAuthors } from "~/moderation/notify.server.ts";
import { listGroups, listQueue, parseQueueFilters } from "~/moderation/queue.server.ts";
import { FLAGS } from "~/comments/flags.ts";
import { flushGroupCounts, groupJoined, SETTLE_MS } from "~/comments/group-counts.server.ts";
import { queueHealth } from "~/moderation/dashboard.server.ts";
import { changeModerationSettings } from "~/moderation/settings.server.ts";
import { commentForm, submitAccepted } from "../../support/comments.ts";
import { describeEachDatabase } from "../../support/test-db.ts";
import { corpusParagraphs } from "../../unit/text/corpus.ts";

const NOW = new Date("2026-11-26T08:00:00Z");
const DAY = 86_400_000;
const DRAFT = [
  "DỰ THẢO KIỂM DUYỆT",
  "Phần thứ nhất",
  "ĐÁNH GIÁ",
  "1. Kinh tế tăng trưởng khá, quy mô được mở rộng.",
  "Phần thứ hai",
  "PHƯƠNG HƯỚNG",
  "1. Phát triển văn hóa, xã hội, bảo vệ môi trường.",
].join("\n\n");
const FLOOD = "Đề nghị giữ nguyên tên gọi của tỉnh và không sáp nhập xã chúng tôi vào phường bên cạnh vì khác biệt về phong tục.";

describeEachDatabase("moderation", (ctx) => {
  let consultationId: string;
  let firstKey: string;
  let secondKey: string;
  let mod1: { id: string; name: string };
  let mod2: { id: string; name: string };
  let n = 0;
  const at = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000);

  /** Submits through the real intake (screening, grouping) and returns the stored row. */
  const submit = (fields: Record<string, string>, minutes = n) => submitAccepted(ctx, "kiem-duyet", fields, ++n, at(minutes));
  const queue = (query: string, viewerId = mod1.id, now = at(60)) =>
    listQueue(ctx.db, ctx.sql, parseQueueFilters(new URLSearchParams(query)), { id: viewerId, seesContacts: false }, now);

  beforeAll(async () => {
    await setDifficulty(ctx.db, 2_000);
    await createConsultationFromText(
      ctx.db,
      { slug: "kiem-duyet", status: "OPEN", opensAt: new Date(NOW.getTime() - DAY), closesAt: new Date(NOW.getTime() + DAY) },
      DRAFT,
    );
    const consultation = await ctx.db.consultation.findUniqueOrThrow({ where: { slug: "kiem-duyet" } });
    consultationId = consultation.id;
    const clauses = await ctx.db.block.findMany({ where: { versionId: consultation.publishedVersionId!, kind: "clause" }, orderBy: { position: "asc" } });
    [firstKey, secondKey] = [clauses[0]!.key, clauses[1]!.key];
    mod1 = await ctx.db.user.create({ data: { email: "kd1@example.vn", name: "Trần Thị Bình", role: "MODERATOR" }, select: { id: true, name: true } });
    mod2 = await ctx.db.user.create({ data: { email: "kd2@example.vn", name: "Lê Văn Cường", role: "MODERATOR" }, select: { id: true, name: true } });
  });

  it("flags and groups comments as they are submitted", async () => {
    const submitted = await submit({ text: FLOOD, blockKey: firstKey });
    expect(submitted.groupId).toBeNull();
    const second = await submit({ text: FLOOD.normalize("NFD").replace("Đề nghị", "đề nghị"), blockKey: firstKey });
    const otherStance = await submit({ text: FLOOD, blockKey: firstKey, stance: "DISAGREE" });
    const third = await submit({ text: `${FLOOD} Xin cảm ơn.`.replace("phong tục", "phong tuc"), blockKey: firstKey });
    const elsewhere = await submit({ text: FLOOD, blockKey: secondKey });
    const link = await submit({ text: "Mời mọi người xem thêm tại www.example.com về vấn đề này nhé.", blockKey: secondKey });

    const first = await ctx.db.comment.findUniqueOrThrow({ where: { id: submitted.id } });
    expect(first.groupId).toBeTruthy();
    expect(second.groupId).toBe(first.groupId);
    expect(second.flags & FLAGS.NEAR_DUPLICATE).toBeTruthy();
    expect(first.flags & FLAGS.NEAR_DUPLICATE).toBe(0);
    expect(elsewhere.groupId).toBeNull(); // another block: not the same opinion
    expect(otherStance.groupId).toBeNull(); // another stance: not the same opinion either
    expect(link.flags & FLAGS.LINK).toBeTruthy();
    expect(third.groupId).toBe(first.groupId); // two words added, one unaccented: near-identical
    // Joining does not touch the group's row; its counters are recounted a moment later (or now).
    await flushGroupCounts(ctx.sql);
    const group = await ctx.db.duplicateGroup.findUniqueOrThrow({ where: { id: first.groupId! } });
    expect(group).toMatchObject({ representativeId: first.id, size: 3, pendingCount: 3, approvedCount: 0 });
    expect(first.sectionKey).toBeTruthy();
    expect(elsewhere.sectionKey).not.toBe(first.sectionKey);
  });

  it("recounts a joined group's counters by itself a moment after the join", async () => {
    const joined = await submit({ text: `${FLOOD} Trân trọng.`, blockKey: firstKey }, 90);
    const members = await ctx.db.comment.count({ where: { groupId: joined.groupId } });
    groupJoined(ctx.sql, joined.groupId!); // as the submission did: still one recount
    // At most a second after the join, or after the group's previous recount (test 1 flushed it just now).
    const counted = async () => (await ctx.db.duplicateGroup.findUniqueOrThrow({ where: { id: joined.groupId! } })).size === members;
    const deadline = Date.now() + 3 * SETTLE_MS;
    while (!(await counted()) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    const after = await ctx.db.duplicateGroup.findUniqueOrThrow({ where: { id: joined.groupId! } });
    expect(after).toMatchObject({ size: members, pendingCount: members });
  });

  it("lists the queue oldest first with the block's text, filters, and pages by cursor", async () => {
    const page = await queue("");
    expect(page.items.length).toBeGreaterThanOrEqual(5);
    const times = page.items.map((i) => new Date(i.createdAt).getTime());
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(page.items[0]!.block?.text).toContain("Kinh tế tăng trưởng khá");
    expect(page.items[0]!.author.email).toBeNull(); // this viewer may not see contacts
    expect(page.items[0]!.channel).toBe("ONLINE");

    const disagree = await queue("stance=DISAGREE");
    expect(disagree.items.every((i) => i.stance === "DISAGREE")).toBe(true);
    expect(disagree.items.length).toBeGreaterThanOrEqual(1);
    const links = await queue("flag=LINK");
    expect(links.items.map((i) => i.flags)).toEqual([expect.arrayContaining(["LINK"])]);
    const first = await ctx.db.comment.findFirstOrThrow({ where: { blockKey: firstKey }, orderBy: { createdAt: "asc" } });
    const section = await queue(`consultation=${consultationId}&section=${first.sectionKey}`);
    expect(section.items.length).toBeGreaterThan(0);
    expect(section.items.every((i) => i.blockKey === firstKey)).toBe(true);
    expect((await queue("age=24h")).items).toEqual([]);
    expect((await queue("age=24h", mod1.id, new Date(NOW.getTime() + 2 * DAY))).items.length).toBe(page.items.length);

    // Newest first, and the cursor continues exactly where the page ended.
    const newest = await queue("order=newest");
    expect(newest.items[0]!.id).toBe(page.items.at(-1)!.id);
    const rows = await ctx.db.comment.findMany({
      where: { status: "PENDING" },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: { id: true, createdAt: true },
    });
    const cursor = `${rows[1]!.createdAt.toISOString()}|${rows[1]!.id}`;
    expect((await queue(`after=${encodeURIComponent(cursor)}`)).items.map((i) => i.id)).toEqual(rows.slice(2).map((r) => r.id));
    // Hostile filters are dropped, not errors.
    expect((await queue("stance=';DROP TABLE&flag=x&after=zzz&status=HACK")).items.length).toBe(page.items.length);
  });

  it("lets one of two racing moderators claim an item; the other sees who holds it", async () => {
    const target = (await queue("")).items[0]!;
    const results = await Promise.all([claimComment(ctx.sql, mod1, target.id, at(60)), claimComment(ctx.sql, mod2, target.id, at(60))]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const loser = results.findIndex((r) => !r.ok);
    const winner = loser === 0 ? mod2 : mod1;
    expect(results[loser]!.ok ? "" : results[loser]!.message).toContain(winner.name);

    const seenByOther = (await queue("", loser === 0 ? mod1.id : mod2.id)).items.find((i) => i.id === target.id)!;
    expect(seenByOther.claim).toMatchObject({ byMe: false, by: winner.name });
    // The other cannot decide it while the claim holds; after it expires they can claim it.
    const other = loser === 0 ? mod1 : mod2;
    expect((await decideComment(ctx.sql, other, target.id, { action: "approve" }, { now: at(61) })).ok).toBe(false);
    expect((await claimComment(ctx.sql, other, target.id, at(75))).ok).toBe(true);
    await releaseComment(ctx.sql, other, target.id, at(75));
    expect((await queue("", winner.id, at(76))).items.find((i) => i.id === target.id)!.claim).toBeNull();
  });

  it("applies one of two racing decisions and tells the other who decided", async () => {
    const target = (await ctx.db.comment.findFirstOrThrow({ where: { status: "PENDING", groupId: null }, orderBy: { createdAt: "asc" } })).id;
    const results = await Promise.all([
      decideComment(ctx.sql, mod1, target, { action: "approve" }, { now: at(80) }),
      decideComment(ctx.sql, mod2, target, { action: "reject", reason: "Không liên quan đến nội dung dự thảo" }, { now: at(80) }),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const refused = results.find((r) => !r.ok)!;
    expect(refused.ok ? "" : refused.message).toMatch(/đã được (Trần Thị Bình|Lê Văn Cường) (duyệt|từ chối)/);
    const events = await ctx.db.auditEvent.findMany({ where: { commentId: target, action: { in: ["approve", "reject"] } } });
    expect(events).toHaveLength(1);
  });

  it("rejects with a reason and edits before approving, keeping the original for staff and author", async () => {
    const [a, b] = await ctx.db.comment.findMany({ where: { status: "PENDING", groupId: null }, orderBy: { createdAt: "asc" }, take: 2 });
    const reject = await decideComment(
      ctx.sql,
      mod1,
      a!.id,
      { action: "reject", reason: "Quảng cáo, đường dẫn không phù hợp: có đường dẫn quảng cáo" },
      { now: at(90) },
    );
    expect(reject.ok).toBe(true);
    expect(await getReceipt(ctx.db, a!.receiptToken)).toMatchObject({
      status: "rejected",
      rejectReason: "Quảng cáo, đường dẫn không phù hợp: có đường dẫn quảng cáo",
    });

    const edited = "Đề nghị giữ nguyên tên gọi của tỉnh.";
    expect((await decideComment(ctx.sql, mod1, b!.id, { action: "edit", text: edited }, { now: at(91) })).ok).toBe(true);
    const receipt = await getReceipt(ctx.db, b!.receiptToken);
    expect(receipt).toMatchObject({ status: "edited", publishedText: edited, originalText: b!.originalText });
    const event = await ctx.db.auditEvent.findFirstOrThrow({ where: { commentId: b!.id, action: "edit" } });
    expect(event).toMatchObject({ actorId: mod1.id, before: b!.originalText, after: edited });
    const published = await listPublishedComments(ctx.db, consultationId, b!.blockKey, 1);
    expect(published.comments.find((c) => c.id === b!.id)?.text).toBe(edited);
  });

  it("decides a whole group at once, records it for each member, queues emails, and shows it once", async () => {
    for (let i = 0; i < 4; i++) await submit({ text: FLOOD, blockKey: firstKey }, 100 + i);
    await flushGroupCounts(ctx.sql); // what a moderator sees a second later
    const [group] = await listGroups(ctx.db, ctx.sql, parseQueueFilters(new URLSearchParams("view=groups")), at(110));
    expect(group!.pending).toBeGreaterThanOrEqual(4);
    expect((await claimGroup(ctx.sql, mod2, group!.id, at(110))).ok).toBe(true);
    const blocked = await decideMany(ctx.sql, mod1, { groupId: group!.id }, { action: "approve" }, { now: at(111) });
    expect(blocked.ok ? "" : blocked.message).toContain("Lê Văn Cường");

    const onDecided = notifyAuthors({ publicUrl: "https://gopy.example.vn" });
    const result = await decideMany(ctx.sql, mod2, { groupId: group!.id }, { action: "approve" }, { now: at(112), onDecided });
    expect(result).toMatchObject({ ok: true, changed: group!.pending });
    const members = await ctx.db.comment.findMany({ where: { groupId: group!.id } });
    expect(members.every((m) => m.status === "APPROVED" && m.decidedById === mod2.id)).toBe(true);
    const audit = await ctx.db.auditEvent.findMany({ where: { groupId: group!.id, action: "bulk-approve" } });
    expect(audit).toHaveLength(group!.pending);
    expect(new Set(audit.map((e) => e.commentId))).toEqual(new Set(members.map((m) => m.id)));
    expect(new Set(audit.map((e) => e.id)).size).toBe(audit.length);
    for (const event of audit) expect(event).toMatchObject({ actorId: mod2.id, createdAt: at(112), before: null, after: null, subject: null, note: null });
    const mails = await ctx.db.notification.findMany({ where: { commentId: { in: members.map((m) => m.id) } } });
    expect(mails).toHaveLength(group!.pending);
    expect(mails[0]!.text).toContain("https://gopy.example.vn/y-kien/");
    const after = await ctx.db.duplicateGroup.findUniqueOrThrow({ where: { id: group!.id } });
    expect(after).toMatchObject({ pendingCount: 0, approvedCount: members.length, claimedById: null });

    const published = await listPublishedComments(ctx.db, consultationId, firstKey, 1);
    const shown = published.comments.filter((c) => members.some((m) => m.id === c.id));
    expect(shown).toHaveLength(1);
    expect(shown[0]!.similar).toBe(members.length - 1);
    expect(published.stances.AGREE + published.stances.DISAGREE + published.stances.OTHER).toBeGreaterThanOrEqual(members.length);
    // The group has no pending members left: it leaves the group view.
    expect((await listGroups(ctx.db, ctx.sql, parseQueueFilters(new URLSearchParams("view=groups")), at(113))).find((g) => g.id === group!.id)).toBeUndefined();
  });

  it("bulk-decides a selection, skipping what someone else decided first", async () => {
    const a = await submit({ text: "Cần có chính sách hỗ trợ nông dân chuyển đổi số trong sản xuất nông nghiệp.", blockKey: secondKey }, 120);
    const b = await submit({ text: "Nên tăng đầu tư cho y tế cơ sở ở vùng sâu, vùng xa trong nhiệm kỳ tới.", blockKey: secondKey }, 121);
    await decideComment(ctx.sql, mod2, a.id, { action: "approve" }, { now: at(122) });
    const result = await decideMany(
      ctx.sql,
      mod1,
      { ids: [a.id, b.id] },
      { action: "reject", reason: "Không liên quan đến nội dung dự thảo" },
      { now: at(123) },
    );
    expect(result).toMatchObject({ ok: true, changed: 1, skipped: 1 });
    expect(result.message).toContain("1 ý kiến đã được người khác xử lý trước");
    expect((await ctx.db.comment.findUniqueOrThrow({ where: { id: a.id } })).status).toBe("APPROVED");
    expect((await ctx.db.comment.findUniqueOrThrow({ where: { id: b.id } })).status).toBe("REJECTED");
    expect(await ctx.db.auditEvent.findMany({ where: { commentId: b.id, action: "bulk-reject" } })).toEqual([
      expect.objectContaining({ actorId: mod1.id, groupId: null, before: null, after: "Không liên quan đến nội dung dự thảo", createdAt: at(123) }),
    ]);
  });
  it("reports queue health: pending per consultation, oldest wait, median decision time, decisions per moderator", async () => {
    await submit({ text: "Đề nghị bổ sung nội dung về phát triển du lịch cộng đồng ở vùng cao.", blockKey: secondKey }, 125);
    const health = await queueHealth(ctx.db, ctx.sql, at(130));
    const pending = await ctx.db.comment.count({ where: { consultationId, status: "PENDING" } });
    expect(pending).toBeGreaterThan(0);
    expect(health.perConsultation.find((c) => c.id === consultationId)).toMatchObject({ pending });
    const oldest = await ctx.db.comment.findFirstOrThrow({ where: { status: "PENDING" }, orderBy: { consentAt: "asc" } });
    expect(health.oldestPendingAgeMs).toBe(at(130).getTime() - oldest.consentAt.getTime());
    const decided = await ctx.db.comment.findMany({
      where: { decidedAt: { not: null }, decidedById: { not: null }, status: { in: ["APPROVED", "REJECTED"] } },
      select: { id: true, consentAt: true, decidedAt: true, decidedById: true },
    });
    expect(health.decidedToday).toBe(decided.length);
    const bulk = new Set(
      (await ctx.db.auditEvent.findMany({ where: { action: { in: ["bulk-approve", "bulk-reject"] } }, select: { commentId: true } })).map((e) => e.commentId),
    );
    const waits = decided
      .filter((c) => !bulk.has(c.id))
      .map((c) => c.decidedAt!.getTime() - c.consentAt.getTime())
      .sort((a, b) => a - b);
    expect(health.medianOf).toBe(waits.length);
    expect(health.medianDecisionMs).toBe(waits[Math.floor((waits.length - 1) / 2)]);
    const byMod2 = decided.filter((c) => c.decidedById === mod2.id).length;
    const row = health.perModerator.find((m) => m.id === mod2.id)!;
    expect(row.approved + row.rejected).toBe(byMod2);
  });

  it("lets an administrator change the profanity list and the reasons, on the record", async () => {
    const form = (fields: Record<string, string>) => commentForm(fields);
    expect(await changeModerationSettings(ctx.db, mod1.id, form({ intent: "profanity", words: "# thử\nđồ tồi\n\nđồ tồi" }))).toMatchObject({ ok: true });
    const flagged = await submit({ text: "Ý kiến này thật là đồ tồi, không chấp nhận được về mặt nội dung.", blockKey: secondKey }, 140);
    expect(flagged.flags & FLAGS.PROFANITY).toBeTruthy();
    expect(await changeModerationSettings(ctx.db, mod1.id, form({ intent: "reason-add", label: "  Thiếu   thông tin  " }))).toMatchObject({ ok: true });
    expect(await ctx.db.rejectReason.findUnique({ where: { label: "Thiếu thông tin" } })).toBeTruthy();
    expect(await changeModerationSettings(ctx.db, mod1.id, form({ intent: "reason-add", label: "Thiếu thông tin" }))).toMatchObject({
      ok: false,
      values: { label: "Thiếu thông tin" },
    });
    expect(await changeModerationSettings(ctx.db, mod1.id, form({ intent: "captcha", difficulty: "12" }))).toMatchObject({ ok: false });
    expect(await ctx.db.auditEvent.count({ where: { actorId: mod1.id, action: "settings" } })).toBe(2);
  });

  it("lists published comments newest first, or the opinion more people sent first, page by page", async () => {
    const SAME_THREE = "Đề nghị bổ sung chỉ tiêu về tỷ lệ hộ gia đình được dùng nước sạch ở nông thôn vào mục tiêu của nhiệm kỳ.";
    const SAME_TWO = "Cần nói rõ nguồn vốn để xây dựng hệ thống thủy lợi phục vụ vùng trồng lúa chất lượng cao.";
    const singles = corpusParagraphs()
      .filter((p) => p.length >= 80 && p.length <= 1500 && !/^(Phần|Chương|Điều|[IVX]+\.)/.test(p))
      .slice(0, 21);
    const three = [await submit({ text: SAME_THREE, blockKey: secondKey }, 200), await submit({ text: SAME_THREE, blockKey: secondKey }, 201)];
    const two = [await submit({ text: SAME_TWO, blockKey: secondKey }, 202), await submit({ text: SAME_TWO, blockKey: secondKey }, 203)];
    for (const [i, text] of singles.entries()) {
      const single = await submit({ text, blockKey: secondKey }, 204 + i);
      expect(single.groupId).toBeNull();
      expect((await decideComment(ctx.sql, mod1, single.id, { action: "approve" }, { now: at(230) })).ok).toBe(true);
    }
    three.push(await submit({ text: SAME_THREE, blockKey: secondKey }, 226)); // the newest of them all
    for (const group of [three, two]) {
      const members = await ctx.db.comment.findMany({ where: { id: { in: group.map((c) => c.id) } } });
      expect(new Set(members.map((c) => c.groupId)).size).toBe(1); // the first joined when the second came
      expect((await decideMany(ctx.sql, mod1, { groupId: members[0]!.groupId! }, { action: "approve" }, { now: at(231) })).ok).toBe(true);
    }
    await flushGroupCounts(ctx.sql); // the joins' own recount, before the database closes

    const everyPage = async (order: "newest" | "supported") => {
      const first = await listPublishedComments(ctx.db, consultationId, secondKey, 1, order);
      const rest = [];
      for (let page = 2; page <= first.pages; page++) rest.push(...(await listPublishedComments(ctx.db, consultationId, secondKey, page, order)).comments);
      return { first, all: [...first.comments, ...rest] };
    };
    const newest = await everyPage("newest");
    const supported = await everyPage("supported");
    expect(supported.first.pages).toBeGreaterThan(1);
    expect(supported.first.comments).toHaveLength(20);
    // The same comments either way, each once: the orders only arrange them.
    expect(supported.all.map((c) => c.id).sort()).toEqual(newest.all.map((c) => c.id).sort());
    expect(new Set(supported.all.map((c) => c.id)).size).toBe(supported.all.length);
    // Newest first: the third copy of SAME_THREE was sent last, but its group is shown by one member.
    expect(newest.all.map((c) => new Date(c.createdAt).getTime())).toEqual(newest.all.map((c) => new Date(c.createdAt).getTime()).sort((a, b) => b - a));
    // Supported first: the opinion three people sent, then the one two sent, then the rest newest first.
    expect(supported.all.slice(0, 2).map((c) => [c.text, c.similar])).toEqual([
      [SAME_THREE, 2],
      [SAME_TWO, 1],
    ]);
    const rest = supported.all.slice(2);
    expect(rest.every((c) => !c.similar)).toBe(true);
    expect(rest.map((c) => c.id)).toEqual(newest.all.filter((c) => !c.similar).map((c) => c.id));
  });

  it("decides a large group in parts: a failed part leaves its members pending, the next decision takes them, counts stay exact", async () => {
    const text = "Kiến nghị tăng phụ cấp cho cán bộ y tế thôn bản vì công việc vất vả, thu nhập thấp và nhiều người đã nghỉ việc.";
    for (let i = 0; i < 5; i++) await submit({ text, blockKey: firstKey }, 300 + i);
    await flushGroupCounts(ctx.sql);
    const [{ groupId }] = await ctx.db.comment.findMany({ where: { originalText: text }, select: { groupId: true }, take: 1 });
    expect(await ctx.db.comment.count({ where: { groupId, status: "PENDING" } })).toBe(5);

    // Parts of two (2, 2, 1); the second part to reach its emails fails and no part starts after it: the parts
    // committed stay decided (on PostgreSQL, two at once, which ones depends on timing), each with its audit rows;
    // the failed part's members are pending.
    let calls = 0;
    const failing: OnDecided = async () => {
      if (++calls === 2) throw new Error("hộp thư hỏng");
    };
    await expect(decideMany(ctx.sql, mod1, { groupId: groupId! }, { action: "approve" }, { now: at(306), onDecided: failing, groupPart: 2 })).rejects.toThrow(
      "hộp thư hỏng",
    );
    const approved = await ctx.db.comment.count({ where: { groupId, status: "APPROVED" } });
    expect(approved).toBeGreaterThanOrEqual(2);
    expect(approved).toBeLessThanOrEqual(4);
    expect(await ctx.db.auditEvent.count({ where: { groupId, action: "bulk-approve" } })).toBe(approved);
    expect(await ctx.db.duplicateGroup.findUniqueOrThrow({ where: { id: groupId! } })).toMatchObject({ pendingCount: 5 - approved, approvedCount: approved });

    // Parts of one, two at once on PostgreSQL: each part recounts the group after the others' commits.
    const result = await decideMany(ctx.sql, mod1, { groupId: groupId! }, { action: "approve" }, { now: at(307), groupPart: 1 });
    expect(result).toMatchObject({ ok: true, changed: 5 - approved, skipped: 0 });
    const members = await ctx.db.comment.findMany({ where: { groupId } });
    expect(members.map((m) => m.status)).toEqual(Array(5).fill("APPROVED"));
    const audit = await ctx.db.auditEvent.findMany({ where: { groupId, action: "bulk-approve" } });
    expect(new Set(audit.map((e) => e.commentId))).toEqual(new Set(members.map((m) => m.id)));
    expect(await ctx.db.duplicateGroup.findUniqueOrThrow({ where: { id: groupId! } })).toMatchObject({
      size: 5,
      pendingCount: 0,
      approvedCount: 5,
      claimedById: null,
    });
  });
});

describe("queue filters", () => {
  it("drop malformed values instead of failing", () => {
    expect(parseQueueFilters(new URLSearchParams("status=X&order=sideways&view=all&flag=LINK"))).toMatchObject({
      status: "PENDING",
      order: "oldest",
      view: "items",
      flag: "LINK",
    });
  });
});
