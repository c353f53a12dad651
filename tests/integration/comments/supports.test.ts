import { beforeAll, expect, it } from "vitest";
import { listPublishedComments } from "~/comments/public.server.ts";
import { supportOpinion, type SupportContext } from "~/comments/supports.server.ts";
import { createConsultationFromText } from "~/consultations/publish.server.ts";
import { decideComment } from "~/moderation/decisions.server.ts";
import { clearExpiredContacts } from "~/personal-data/retention.server.ts";
import { RateLimiter, readSupportLimits } from "~/platform/rate-limit.server.ts";
import { commentForm, solvedCaptcha, submitAccepted } from "../../support/comments.ts";
import { describeEachDatabase } from "../../support/test-db.ts";

// ADR 046: supporting (đồng tình) a published opinion: one per opinion per source, limits, a group's
// supports are the group's (merges included), closed consultations refuse, "most supported first".

// Three hours ago: the tests' clock stays before the real one, which the captcha's expiry is checked against.
const NOW = new Date(Math.floor(Date.now() / 60_000) * 60_000 - 3 * 60 * 60_000);
const DAY = 86_400_000;
const DRAFT = ["DỰ THẢO ĐỒNG TÌNH", "Phần thứ nhất", "ĐÁNH GIÁ", ...[1, 2, 3, 4, 5, 6].map((i) => `${i}. Nội dung đánh giá thứ ${i} của dự thảo.`)].join(
  "\n\n",
);

const BASE =
  "Đề nghị giữ nguyên tên gọi của xã chúng tôi vì đây là tên gọi gắn với lịch sử hình thành và phát triển của địa phương, người dân đã quen thuộc từ nhiều đời nay và có tình cảm sâu sắc với tên gọi này, nên cân nhắc kỹ trước khi thay đổi.";
function edited(at: number[], word = "mới"): string {
  const words = BASE.split(" ");
  for (const i of at) words[i] = word;
  return words.join(" ");
}
/** Opinions that are no near-duplicates of one another. */
const OTHERS = [
  "Đề nghị làm rõ trách nhiệm của chính quyền cơ sở trong việc thực hiện nội dung này.",
  "Cần bổ sung chỉ tiêu về bảo vệ môi trường và ứng phó biến đổi khí hậu ở vùng ven biển.",
  "Nên đơn giản hóa thủ tục hành chính cho người dân khi đăng ký đất đai lần đầu.",
  "Tôi tán thành nội dung phát triển giáo dục nghề nghiệp cho thanh niên nông thôn.",
  "Đề nghị tăng đầu tư cho y tế dự phòng tại các trạm y tế xã miền núi.",
  "Cần có chính sách hỗ trợ người cao tuổi sống một mình ở các đô thị lớn.",
  "Nên quy định rõ thời hạn trả lời kiến nghị của cử tri trong vòng ba mươi ngày.",
  "Đề nghị ưu tiên phát triển giao thông công cộng thay cho mở rộng đường nội đô.",
  "Cần khuyến khích doanh nghiệp nhỏ ứng dụng chuyển đổi số bằng ưu đãi thuế hợp lý.",
  "Tôi đề nghị bảo tồn các làng nghề truyền thống gắn với phát triển du lịch cộng đồng.",
];
const OTHER = (i: number) => OTHERS[i - 1]!;

describeEachDatabase("supports of published opinions", (ctx) => {
  let keys: string[];
  let closedKey: string;
  let moderator: { id: string; name: string };
  let n = 0;
  const at = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000);
  const limits = () => readSupportLimits({});

  /** A comment sent and approved on block `key`. */
  const published = async (key: string, text: string, minutes: number, slug = "dong-tinh") => {
    const row = await submitAccepted(ctx, slug, { blockKey: key, text }, ++n, at(minutes), "dt");
    expect((await decideComment(ctx.sql, moderator, row.id, { action: "approve" }, { now: at(minutes) })).ok).toBe(true);
    return ctx.db.comment.findUniqueOrThrow({ where: { id: row.id } });
  };
  const support = (commentId: string, address: string, extra: Record<string, string> = {}, options: Partial<SupportContext> = {}, slug = "dong-tinh") =>
    supportOpinion(ctx.db, slug, commentForm({ comment: commentId, ...extra }), {
      clientAddress: address,
      sql: ctx.sql,
      now: at(100),
      limiter: new RateLimiter(),
      limits: limits(),
      ...options,
    });
  const group = (id: string | null) => ctx.db.duplicateGroup.findUniqueOrThrow({ where: { id: id! } });

  beforeAll(async () => {
    for (const slug of ["dong-tinh", "da-dong"]) {
      await createConsultationFromText(
        ctx.db,
        { slug, status: "OPEN", opensAt: new Date(NOW.getTime() - DAY), closesAt: new Date(NOW.getTime() + DAY) },
        DRAFT.replace("ĐỒNG TÌNH", slug.toUpperCase()),
      );
    }
    const consultation = await ctx.db.consultation.findUniqueOrThrow({ where: { slug: "dong-tinh" } });
    keys = (await ctx.db.block.findMany({ where: { versionId: consultation.publishedVersionId!, kind: "clause" }, orderBy: { position: "asc" } })).map(
      (b) => b.key,
    );
    const closed = await ctx.db.consultation.findUniqueOrThrow({ where: { slug: "da-dong" } });
    closedKey = (await ctx.db.block.findFirstOrThrow({ where: { versionId: closed.publishedVersionId!, kind: "clause" } })).key;
    moderator = await ctx.db.user.create({
      data: { email: "dongtinh@example.vn", name: "Trần Thị Bình", role: "MODERATOR" },
      select: { id: true, name: true },
    });
  });

  it("counts one support per opinion per source, and says plainly when it was already counted", async () => {
    const c = await published(keys[0]!, OTHER(1), 1);
    expect(await support(c.id, "203.0.113.1")).toEqual({ status: "supported", count: 1 });
    expect(await support(c.id, "203.0.113.1")).toEqual({ status: "already", count: 1 });
    expect(await support(c.id, "203.0.113.2", { contact: "Ban.Doc@Example.vn" })).toEqual({ status: "supported", count: 2 });
    expect((await ctx.db.comment.findUniqueOrThrow({ where: { id: c.id } })).supportCount).toBe(2);
    const rows = await ctx.db.support.findMany({ where: { commentId: c.id } });
    expect(rows).toHaveLength(2);
    // Hashes only: no address, no contact.
    expect(JSON.stringify(rows)).not.toMatch(/203\.0\.113|ban\.doc|example/i);
    expect(rows[0]!.sourceHash).not.toBe(rows[1]!.sourceHash);
    expect(rows.filter((r) => r.contactHash !== null)).toHaveLength(1);
    expect(rows.every((r) => r.withScript === false)).toBe(true);
  });

  it("uses a captcha solution once, and refuses a forged one", async () => {
    const c = await published(keys[0]!, OTHER(2), 2);
    const captcha = await solvedCaptcha(ctx.db, "dong-tinh");
    expect(await support(c.id, "203.0.113.10", { captcha })).toEqual({ status: "supported", count: 1 });
    expect((await ctx.db.support.findFirstOrThrow({ where: { commentId: c.id } })).withScript).toBe(true);
    expect(await support(c.id, "203.0.113.11", { captcha })).toMatchObject({ status: "refused" });
    expect(await support(c.id, "203.0.113.12", { captcha: "bm90IGEgc29sdXRpb24=" })).toMatchObject({ status: "refused" });
    // A solution for another draft is refused here.
    expect(await support(c.id, "203.0.113.13", { captcha: await solvedCaptcha(ctx.db, "da-dong") })).toMatchObject({ status: "refused" });
    expect(await ctx.db.support.count({ where: { commentId: c.id } })).toBe(1);
  });

  it("limits supports per address and per contact (any spelling), without counting a repeat", async () => {
    const comments = [await published(keys[1]!, OTHER(3), 3), await published(keys[1]!, OTHER(4), 4), await published(keys[1]!, OTHER(5), 5)];
    const limiter = new RateLimiter();
    const small = { ...limits(), address: { max: 2, windowMs: 600_000 }, contact: { max: 1, windowMs: 600_000 } };
    const options = { limiter, limits: small };
    expect(await support(comments[0]!.id, "203.0.113.20", {}, options)).toMatchObject({ status: "supported" });
    expect(await support(comments[0]!.id, "203.0.113.20", {}, options)).toMatchObject({ status: "already" });
    expect(await support(comments[1]!.id, "203.0.113.20", {}, options)).toMatchObject({ status: "supported" });
    expect(await support(comments[2]!.id, "203.0.113.20", {}, options)).toMatchObject({ status: "rate-limited" });
    expect(await support(comments[0]!.id, "203.0.113.21", { contact: "+84 912 345 678" }, options)).toMatchObject({ status: "supported" });
    expect(await support(comments[1]!.id, "203.0.113.22", { contact: "0912.345.678" }, options)).toMatchObject({ status: "rate-limited" });
    expect(await support(comments[1]!.id, "203.0.113.23", { contact: "không phải liên hệ" }, options)).toMatchObject({
      status: "invalid",
      fieldErrors: { contact: expect.stringContaining("không hợp lệ") },
    });
    expect(await ctx.db.support.count({ where: { commentId: { in: comments.map((c) => c.id) } } })).toBe(3);
  });

  it("refuses opinions that are not published, and closed consultations", async () => {
    const pending = await submitAccepted(ctx, "dong-tinh", { blockKey: keys[1]!, text: OTHER(6) }, ++n, at(6), "dt");
    expect(await support(pending.id, "203.0.113.30")).toEqual({ status: "not-found" });
    expect(await support("khong-co-y-kien", "203.0.113.30")).toEqual({ status: "not-found" });
    const closedOne = await published(closedKey, OTHER(7), 7, "da-dong");
    // Another consultation's opinion is not this one's.
    expect(await support(closedOne.id, "203.0.113.30")).toEqual({ status: "not-found" });
    await ctx.db.consultation.update({ where: { slug: "da-dong" }, data: { status: "CLOSED", closesAt: at(50) } });
    expect(await support(closedOne.id, "203.0.113.30", {}, {}, "da-dong")).toEqual({ status: "closed" });
    expect(await ctx.db.support.count({ where: { commentId: { in: [pending.id, closedOne.id] } } })).toBe(0);
  });

  it("counts a group's supporters once for the group, whichever member they support; a new group starts with its first member's", async () => {
    const first = await published(keys[2]!, BASE, 10);
    expect(await support(first.id, "203.0.113.40")).toMatchObject({ status: "supported", count: 1 });
    expect(await support(first.id, "203.0.113.41")).toMatchObject({ status: "supported", count: 2 });
    const second = await published(keys[2]!, edited([5]), 11);
    expect(second.groupId).toBeTruthy();
    expect((await ctx.db.comment.findUniqueOrThrow({ where: { id: first.id } })).groupId).toBe(second.groupId);
    expect((await group(second.groupId)).supportCount).toBe(2);
    // The same source on the other member: already counted for the group.
    expect(await support(second.id, "203.0.113.40")).toEqual({ status: "already", count: 2 });
    expect(await support(second.id, "203.0.113.42")).toEqual({ status: "supported", count: 3 });
    const list = await listPublishedComments(ctx.db, first.consultationId, keys[2]!, 1);
    expect(list.comments).toHaveLength(1);
    expect(list.comments[0]).toMatchObject({ id: first.id, similar: 1, supporters: 3 });
  });

  it("keeps the counts right when a bridging comment merges two supported groups", async () => {
    const left = edited([3, 19, 35], "khác");
    const right = edited([5, 21, 37], "thêm");
    const a = [await published(keys[3]!, left, 20), await published(keys[3]!, left, 21)];
    const b = [await published(keys[3]!, right, 22), await published(keys[3]!, right, 23)];
    const [ga, gb] = [(await ctx.db.comment.findUniqueOrThrow({ where: { id: a[0]!.id } })).groupId, b[1]!.groupId];
    expect(ga && gb && ga !== gb).toBeTruthy();
    await support(a[0]!.id, "203.0.113.50");
    await support(a[1]!.id, "203.0.113.51");
    await support(b[0]!.id, "203.0.113.50"); // the same person supported both, before they were one opinion
    await support(b[1]!.id, "203.0.113.52");
    expect([(await group(ga)).supportCount, (await group(gb)).supportCount]).toEqual([2, 2]);
    const bridge = await submitAccepted(ctx, "dong-tinh", { blockKey: keys[3]!, text: BASE }, ++n, at(24), "dt");
    expect(bridge.groupId).toBe(ga);
    expect(await ctx.db.duplicateGroup.findUnique({ where: { id: gb! } })).toBeNull();
    expect((await group(ga)).supportCount).toBe(3);
    expect(await support(b[1]!.id, "203.0.113.51")).toEqual({ status: "already", count: 3 });
    expect(await support(b[1]!.id, "203.0.113.53")).toEqual({ status: "supported", count: 4 });
  });

  it("ranks 'most supported first' by those who sent the opinion and those who support it", async () => {
    const key = keys[4]!;
    const grouped = [await published(key, edited([8], "kỹ"), 30), await published(key, edited([9], "kỹ"), 31)]; // 2 people
    const supported = await published(key, OTHER(8), 32); // 1 + 2 supporters = 3 people
    const plain = await published(key, OTHER(9), 33); // 1 person, newest
    const one = await published(key, OTHER(10), 29); // 1 + 1 supporter = 2 people, older than the group
    await support(supported.id, "203.0.113.60");
    await support(supported.id, "203.0.113.61");
    await support(one.id, "203.0.113.62");
    const { comments } = await listPublishedComments(ctx.db, supported.consultationId, key, 1, "supported");
    expect(comments.map((c) => c.id)).toEqual([supported.id, grouped[0]!.id, one.id, plain.id]);
    expect(comments.map((c) => c.supporters)).toEqual([2, 0, 1, 0]);
    const newest = await listPublishedComments(ctx.db, supported.consultationId, key, 1, "newest");
    expect(newest.comments.map((c) => c.id)).toEqual([plain.id, supported.id, grouped[0]!.id, one.id]);
  });

  it("clears the supports' hashes with the contacts once the retention ran out; the supports still count", async () => {
    const closed = await ctx.db.consultation.findUniqueOrThrow({ where: { slug: "da-dong" } });
    const c = await ctx.db.comment.findFirstOrThrow({ where: { consultationId: closed.id, status: "APPROVED" } });
    await ctx.db.support.create({ data: { id: "giu-lai", consultationId: closed.id, commentId: c.id, sourceHash: "h", contactHash: "k" } });
    await clearExpiredContacts(ctx.sql, new Date(at(60).getTime() + 30 * DAY), 30);
    expect(await ctx.db.support.findUniqueOrThrow({ where: { id: "giu-lai" } })).toMatchObject({ sourceHash: null, contactHash: null });
    const open = await ctx.db.consultation.findUniqueOrThrow({ where: { slug: "dong-tinh" } });
    expect(await ctx.db.support.count({ where: { consultationId: open.id, sourceHash: null } })).toBe(0);
  });
});
