import { beforeAll, expect, it } from "vitest";
import { insertComment, isGroupGone } from "~/comments/comment-store.server.ts";
import { FLAGS } from "~/comments/flags.ts";
import { flushGroupCounts } from "~/comments/group-counts.server.ts";
import { settleGroup } from "~/comments/intake.server.ts";
import { createConsultationFromText } from "~/consultations/publish.server.ts";
import { decideComment } from "~/moderation/decisions.server.ts";
import { GROUP_MEMBERS_SHOWN, listGroups, parseQueueFilters } from "~/moderation/queue.server.ts";
import { contentHash } from "~/text/fold.ts";
import { fingerprint, isNearDuplicate } from "~/text/near-duplicate.ts";
import { plainComment, submitAccepted } from "../../support/comments.ts";
import { describeEachDatabase } from "../../support/test-db.ts";

// ADR 041: near-duplicate groups do not depend on the order or the timing of arrival.

const NOW = new Date("2026-11-26T08:00:00Z");
const DAY = 86_400_000;
const DRAFT = ["DỰ THẢO NHÓM", "Phần thứ nhất", "ĐÁNH GIÁ", ...[1, 2, 3, 4, 5, 6].map((i) => `${i}. Nội dung đánh giá thứ ${i} của dự thảo.`)].join("\n\n");

const BASE =
  "Đề nghị giữ nguyên tên gọi của xã chúng tôi vì đây là tên gọi gắn với lịch sử hình thành và phát triển của địa phương, người dân đã quen thuộc từ nhiều đời nay và có tình cảm sâu sắc với tên gọi này, nên cân nhắc kỹ trước khi thay đổi.";

/** BASE with the words at `at` (syllable positions) replaced. */
function edited(at: number[], word = "mới"): string {
  const words = BASE.split(" ");
  for (const i of at) words[i] = word;
  return words.join(" ");
}

describeEachDatabase("near-duplicate groups, whatever the order and timing", (ctx) => {
  let versionId: string;
  let keys: string[];
  let moderator: { id: string; name: string };
  let n = 0;
  const at = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000);

  const submit = (blockKey: string, text: string, minutes: number) => submitAccepted(ctx, "nhom", { blockKey, text }, ++n, at(minutes), "nhom");
  /** A comment stored without screening: what a submission racing others, or an older pipeline, left ungrouped. */
  const storeUngrouped = async (blockKey: string, text: string, minutes: number, groupId: string | null = null) => {
    n++;
    const id = `ungrouped-${n}`;
    await insertComment(
      ctx.sql,
      plainComment({
        id,
        consultationId: (await ctx.db.consultation.findUniqueOrThrow({ where: { slug: "nhom" } })).id,
        versionId,
        blockKey,
        originalText: text,
        authorName: "Phạm Thị Dung",
        contentHash: contentHash(text),
        createdAt: at(minutes),
        bands: fingerprint(text).bands,
        groupId,
      }),
    );
    return ctx.db.comment.findUniqueOrThrow({ where: { id } });
  };
  /** The row as it is now (a later comment may have grouped it). */
  const now = (row: { id: string }) => ctx.db.comment.findUniqueOrThrow({ where: { id: row.id } });
  const group = (id: string | null) => ctx.db.duplicateGroup.findUniqueOrThrow({ where: { id: id! } });
  const members = (groupId: string | null) => ctx.db.comment.findMany({ where: { groupId: groupId! }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });

  beforeAll(async () => {
    await createConsultationFromText(
      ctx.db,
      { slug: "nhom", status: "OPEN", opensAt: new Date(NOW.getTime() - DAY), closesAt: new Date(NOW.getTime() + DAY) },
      DRAFT,
    );
    const consultation = await ctx.db.consultation.findUniqueOrThrow({ where: { slug: "nhom" } });
    versionId = consultation.publishedVersionId!;
    keys = (await ctx.db.block.findMany({ where: { versionId, kind: "clause" }, orderBy: { position: "asc" } })).map((b) => b.key);
    moderator = await ctx.db.user.create({ data: { email: "nhom@example.vn", name: "Trần Thị Bình", role: "MODERATOR" }, select: { id: true, name: true } });
  });

  it("brings an earlier ungrouped copy into the group of a later comment that matches it", async () => {
    const sent = await submit(keys[0]!, BASE, 1);
    const second = await submit(keys[0]!, edited([5]), 2);
    const first = await now(sent);
    expect(second.groupId).toBeTruthy();
    expect(first.groupId).toBe(second.groupId);
    const left = await storeUngrouped(keys[0]!, edited([20]), 3); // missed: sent while the others were being stored
    expect(left.groupId).toBeNull();
    const later = await submit(keys[0]!, edited([30]), 4);
    expect(later.groupId).toBe(first.groupId);
    const brought = await ctx.db.comment.findUniqueOrThrow({ where: { id: left.id } });
    expect(brought.groupId).toBe(first.groupId);
    expect(brought.flags & FLAGS.NEAR_DUPLICATE).toBe(FLAGS.NEAR_DUPLICATE);
    await flushGroupCounts(ctx.sql, at(5));
    expect(await group(first.groupId)).toMatchObject({ representativeId: first.id, size: 4, pendingCount: 4, approvedCount: 0 });
  });

  it("starts a group with an ungrouped earlier copy and every other ungrouped match", async () => {
    const a = await storeUngrouped(keys[1]!, edited([3]), 10);
    const b = await storeUngrouped(keys[1]!, edited([12]), 11);
    const c = await submit(keys[1]!, BASE, 12);
    expect(c.groupId).toBeTruthy();
    expect((await members(c.groupId)).map((m) => m.id)).toEqual([a.id, b.id, c.id]);
    expect(await group(c.groupId)).toMatchObject({ representativeId: a.id, size: 3, pendingCount: 3 });
  });

  it("merges the two groups a bridging comment matches, keeping their decisions", async () => {
    // Two groups whose texts do not match each other (three words changed each side), and one text matching both.
    const left = edited([3, 19, 35], "khác");
    const right = edited([5, 21, 37], "thêm");
    expect(isNearDuplicate(left, right)).toBe(false);
    expect(isNearDuplicate(left, BASE) && isNearDuplicate(right, BASE)).toBe(true);
    const shareBand = (a: string, b: string) => fingerprint(a).bands.some((band, i) => band === fingerprint(b).bands[i]);
    expect(shareBand(left, BASE) && shareBand(right, BASE)).toBe(true); // the lookup finds both
    const sent = [await submit(keys[2]!, left, 20), await submit(keys[2]!, left, 21), await submit(keys[2]!, right, 22), await submit(keys[2]!, right, 23)];
    // As they are now: the second of each pair grouped the first.
    const [a1, a2, b1, b2] = await Promise.all(sent.map(now));
    expect(a1.groupId).toBe(a2.groupId);
    expect(b1.groupId).toBe(b2.groupId);
    expect(a1.groupId).not.toBe(b1.groupId);
    expect((await decideComment(ctx.sql, moderator, b1.id, { action: "approve" }, { now: at(24) })).ok).toBe(true);
    expect((await decideComment(ctx.sql, moderator, a1.id, { action: "reject", reason: "Trùng lặp" }, { now: at(25) })).ok).toBe(true);

    const bridge = await submit(keys[2]!, BASE, 26);
    expect(bridge.groupId).toBe(a1.groupId); // the earlier created group stays
    expect((await members(bridge.groupId)).map((m) => [m.id, m.status])).toEqual([
      [a1.id, "REJECTED"],
      [a2.id, "PENDING"],
      [b1.id, "APPROVED"],
      [b2.id, "PENDING"],
      [bridge.id, "PENDING"],
    ]);
    expect(await group(bridge.groupId)).toMatchObject({ representativeId: a1.id, publicCommentId: b1.id, size: 5, pendingCount: 3, approvedCount: 1 });
    expect(await ctx.db.duplicateGroup.findUnique({ where: { id: b1.groupId! } })).toBeNull();

    // The moderator's card lists the other members, oldest first, each marked against the representative.
    const card = (await listGroups(ctx.db, ctx.sql, parseQueueFilters(new URLSearchParams("view=groups")), at(27))).find((g) => g.id === bridge.groupId)!;
    expect(card.text).toBe(left);
    expect(card.members.map((m) => [m.id, m.status, m.same])).toEqual([
      [a2.id, "PENDING", true],
      [b1.id, "APPROVED", false],
      [b2.id, "PENDING", false],
      [bridge.id, "PENDING", false],
    ]);
    const marked = card.members.at(-1)!.diff;
    expect(marked.filter((d) => d.kind === "del").map((d) => d.text.trim())).toEqual(["khác", "khác", "khác"]);
    expect(marked.map((d) => (d.kind === "del" ? "" : d.text)).join("")).toBe(BASE);
    expect(card.moreMembers).toBe(0);
  });

  it("puts near-identical comments sent at the same moment into one group", async () => {
    for (const [round, key] of keys.slice(3).entries()) {
      const texts = [BASE, BASE, edited([7]), BASE.toUpperCase(), edited([15]), BASE.replaceAll(",", ""), edited([25]), BASE.normalize("NFD")].slice(
        0,
        5 + round,
      );
      const stored = await Promise.all(texts.map((text) => submit(key, text, 40 + round)));
      const groups = new Set((await ctx.db.comment.findMany({ where: { id: { in: stored.map((c) => c.id) } } })).map((c) => c.groupId));
      expect([...groups].filter(Boolean)).toHaveLength(1);
      expect(groups.has(null)).toBe(false);
      const [groupId] = [...groups];
      await flushGroupCounts(ctx.sql, at(50));
      expect(await group(groupId!)).toMatchObject({ size: texts.length, pendingCount: texts.length });
    }
  });

  it(`lists the first ${GROUP_MEMBERS_SHOWN} members of a large group on its card, and how many more`, async () => {
    const groupId = (await ctx.db.comment.findFirstOrThrow({ where: { blockKey: keys[3]!, groupId: { not: null } } })).groupId!;
    for (let i = 0; i < GROUP_MEMBERS_SHOWN + 3; i++) await storeUngrouped(keys[3]!, BASE, 60, groupId);
    await flushGroupCounts(ctx.sql, at(61));
    const size = (await group(groupId)).size;
    const card = (await listGroups(ctx.db, ctx.sql, parseQueueFilters(new URLSearchParams("view=groups")), at(61))).find((g) => g.id === groupId)!;
    expect(card.members).toHaveLength(GROUP_MEMBERS_SHOWN);
    expect(card.moreMembers).toBe(size - 1 - GROUP_MEMBERS_SHOWN);
    // The oldest members other than the representative, in order, with their dates; one wording marked once.
    const { representativeId } = await group(groupId);
    const oldest = await ctx.db.comment.findMany({
      where: { groupId, id: { not: representativeId } },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      take: GROUP_MEMBERS_SHOWN,
      select: { id: true, createdAt: true, originalText: true },
    });
    expect(card.members.map((m) => [m.id, m.createdAt.toISOString()])).toEqual(oldest.map((m) => [m.id, m.createdAt.toISOString()]));
    const texts = oldest.map((m) => m.originalText);
    card.members.forEach((m, i) => {
      const earlier = texts.indexOf(texts[i]!);
      if (m.same) expect([m.diff, m.repeats]).toEqual([[], null]);
      else if (earlier < i) expect([m.diff, m.repeats]).toEqual([[], earlier + 1]);
      else expect([m.diff.some((d) => d.kind !== "same"), m.repeats]).toEqual([true, null]);
    });
    // Most are copies of one text (BASE): its wording is shown once at most, the others say whose it is.
    expect(card.members.filter((m) => m.diff.length === 0).length).toBeGreaterThan(GROUP_MEMBERS_SHOWN / 2);
  });

  it("recognises an insert into a group merged away meanwhile, which writes nothing, so the submission screens again", async () => {
    const text = "Đề nghị làm rõ trách nhiệm của chính quyền xã khi để xảy ra lấn chiếm đất công";
    const error = await storeUngrouped(keys[2]!, text, 40, "nhom-da-gop-vao-nhom-khac").then(
      () => null,
      (e: unknown) => e,
    );
    expect(isGroupGone(error)).toBe(true);
    expect(isGroupGone(new Error("other"))).toBe(false);
    expect(await ctx.db.comment.count({ where: { originalText: text } })).toBe(0);
  });

  it("changes nothing when settling a comment whose matches are all in its group", async () => {
    const [one] = await members((await ctx.db.comment.findFirstOrThrow({ where: { blockKey: keys[0]!, groupId: { not: null } } })).groupId);
    const before = await group(one!.groupId);
    const settled = await settleGroup(ctx.sql, { ...one!, text: one!.originalText, stance: "AGREE" }, at(90));
    expect(settled).toBe(one!.groupId);
    expect(await group(one!.groupId)).toEqual(before);
  });
});
