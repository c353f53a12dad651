import { randomBytes } from "node:crypto";
import type { JSONContent } from "@tiptap/core";
import { beforeAll, expect, it } from "vitest";
import { documentToBlocks } from "~/consultations/document/blocks.ts";
import { importStructuredText } from "~/consultations/document/structured-text.ts";
import { createConsultationFromText, publishVersion } from "~/consultations/publish.server.ts";
import { blockCatalog } from "~/consultations/versions/catalog.server.ts";
import { prepareRevision } from "~/consultations/versions/revision.server.ts";
import { commentsPerBlock, loadReview, reviewAction } from "~/consultations/versions/review.server.ts";
import { getWorkingCopy, publishWorkingCopy, replaceWorkingCopy, startWorkingCopy } from "~/consultations/working-copy.server.ts";
import type { Db } from "~/platform/db.server.ts";
import { opinionBatches } from "~/reports/export/rows.server.ts";
import { reportQuery } from "~/reports/query.server.ts";
import { addBlockComment } from "../../support/comments.ts";
import { describeEachDatabase } from "../../support/test-db.ts";

// A revision imported from a file (every block id new) is matched to version 1, reviewed, corrected
// and published as version 2: comments stay attached to kept and edited blocks, those on the removed
// block stay counted and labelled; a copy of a version no longer published is refused.

const NOW = new Date("2026-12-06T02:00:00Z");
const V1 = [
  "DỰ THẢO LUẬT THỬ NGHIỆM",
  "Chương I",
  "NHỮNG QUY ĐỊNH CHUNG",
  "Điều 1. Phạm vi điều chỉnh",
  "Luật này quy định về việc lấy ý kiến nhân dân đối với dự thảo văn kiện của Đảng và Nhà nước.",
  "Điều 2. Đối tượng áp dụng",
  "1. Cơ quan, tổ chức, cá nhân có liên quan đến việc lấy ý kiến nhân dân.",
  "2. Công dân Việt Nam ở trong nước và ở nước ngoài.",
  "Điều 3. Giải thích từ ngữ",
  "Đoạn này sẽ bị bỏ ở bản sửa đổi vì không còn cần thiết cho việc áp dụng.",
].join("\n\n");
// Kept: headings, Điều 1's text, khoản 1; edited: khoản 2; removed: Điều 3's paragraph; new: a khoản 3.
const V2 = [
  "DỰ THẢO LUẬT THỬ NGHIỆM",
  "Chương I",
  "NHỮNG QUY ĐỊNH CHUNG",
  "Điều 1. Phạm vi điều chỉnh",
  "Luật này quy định về việc lấy ý kiến nhân dân đối với dự thảo văn kiện của Đảng và Nhà nước.",
  "Điều 2. Đối tượng áp dụng",
  "1. Cơ quan, tổ chức, cá nhân có liên quan đến việc lấy ý kiến nhân dân.",
  "2. Công dân Việt Nam ở trong nước và người Việt Nam định cư ở nước ngoài.",
  "3. Tổ chức quốc tế có văn phòng đại diện tại Việt Nam được mời góp ý.",
  "Điều 3. Giải thích từ ngữ",
].join("\n\n");

const addComment = (db: Db, consultationId: string, versionId: string, blockKey: string, status: "APPROVED" | "PENDING" | "DELETED" = "APPROVED") =>
  addBlockComment(db, { consultationId, versionId, blockKey, status, now: NOW });

const form = (fields: Record<string, string | number>) => {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.set(k, String(v));
  return data;
};

describeEachDatabase("revisions: matching, review, publishing version 2", (ctx) => {
  let consultationId: string;
  let v1: string;
  let actorId: string;
  let v1Blocks: { key: string; text: string; label: string }[];
  const keyOf = (start: string) => v1Blocks.find((b) => b.text.startsWith(start))!.key;

  beforeAll(async () => {
    const slug = `phien-ban-${randomBytes(3).toString("hex")}`;
    const { consultation } = await createConsultationFromText(ctx.db, { slug, status: "OPEN" }, V1);
    consultationId = consultation.id;
    v1 = consultation.versions[0].id;
    actorId = (await ctx.db.user.create({ data: { email: `bt-${slug}@example.vn`, name: "Lê Văn Bình", role: "EDITOR" } })).id;
    v1Blocks = await ctx.db.block.findMany({ where: { versionId: v1 }, orderBy: { position: "asc" }, select: { key: true, text: true, label: true } });
    // Comments: 2 on Điều 1's text, 1 on khoản 2 (+1 deleted, not counted), 3 on the paragraph to be removed (one pending).
    for (let i = 0; i < 2; i++) await addComment(ctx.db, consultationId, v1, keyOf("Luật này"));
    await addComment(ctx.db, consultationId, v1, keyOf("2. Công dân"));
    await addComment(ctx.db, consultationId, v1, keyOf("2. Công dân"), "DELETED");
    await addComment(ctx.db, consultationId, v1, keyOf("Đoạn này"));
    await addComment(ctx.db, consultationId, v1, keyOf("Đoạn này"));
    await addComment(ctx.db, consultationId, v1, keyOf("Đoạn này"), "PENDING");
  });

  it("imports the revision matched to version 1: kept, changed, new and removed, with comment counts", async () => {
    const doc = importStructuredText(V2).doc;
    const revision = (await prepareRevision(ctx.db, consultationId, doc))!;
    expect(revision.basedOnId).toBe(v1);
    const saved = await replaceWorkingCopy(ctx.db, { consultationId, title: "Dự thảo", source: "docx", actorId, baseRevision: null, ...revision }, NOW);
    expect(saved.status).toBe("saved");
    const review = (await loadReview(ctx.db, consultationId))!;
    expect(review.counts).toEqual({ kept: v1Blocks.length - 2, changed: 1, new: 1, removed: 1 });
    const changed = review.items.find((i) => i.status === "changed")!;
    expect(changed).toMatchObject({ key: keyOf("2. Công dân"), comments: 1, method: "similar" });
    expect(changed.diff!.some((s) => s.kind === "ins" && s.text.includes("người"))).toBe(true);
    expect(review.items.find((i) => i.text.startsWith("Luật này"))).toMatchObject({ status: "kept", comments: 2, method: "exact" });
    expect(review.removed.map((i) => [i.key, i.comments])).toEqual([[keyOf("Đoạn này"), 3]]);
    expect(review.summary).toBe(`${v1Blocks.length - 2} giữ nguyên, 1 sửa, 1 mới, 1 bỏ — 3 ý kiến trên các đoạn bị bỏ sẽ ở lại bản số 1`);
  });

  it("corrects a match: detach a changed block, attach it back; a stale revision is refused", async () => {
    const copy = (await getWorkingCopy(ctx.db, consultationId))!;
    const key = keyOf("2. Công dân");
    const detached = await reviewAction(
      ctx.db,
      { consultationId, actorId, form: form({ intent: "tach", versionId: copy.id, baseRevision: copy.revision, key }) },
      NOW,
    );
    expect(detached.ok).toBe(true);
    let review = (await loadReview(ctx.db, consultationId))!;
    expect(review.counts).toMatchObject({ changed: 0, new: 2, removed: 2 });
    const fresh = review.items.find((i) => i.text.startsWith("2. Công dân"))!;
    expect(fresh).toMatchObject({ status: "new", method: "manual", comments: 0 });

    const refused = await reviewAction(
      ctx.db,
      { consultationId, actorId, form: form({ intent: "gan", versionId: copy.id, baseRevision: copy.revision, key: fresh.key, oldKey: key }) },
      NOW,
    );
    expect(refused).toMatchObject({ ok: false, httpStatus: 409 });
    const current = (await getWorkingCopy(ctx.db, consultationId))!;
    const attached = await reviewAction(
      ctx.db,
      { consultationId, actorId, form: form({ intent: "gan", versionId: copy.id, baseRevision: current.revision, key: fresh.key, oldKey: key }) },
      NOW,
    );
    expect(attached.ok).toBe(true);
    review = (await loadReview(ctx.db, consultationId))!;
    expect(review.counts).toMatchObject({ changed: 1, new: 1, removed: 1 });
    expect(review.items.find((i) => i.key === key)).toMatchObject({ status: "changed", method: "manual", comments: 1 });
  });

  it("publishes version 2 only once the review is confirmed; every comment still counted, the removed block's labelled", async () => {
    const before = await commentsPerBlock(ctx.db, consultationId);
    const copy = (await getWorkingCopy(ctx.db, consultationId))!;
    expect(await publishWorkingCopy(ctx.db, { versionId: copy.id, baseRevision: copy.revision, actorId, consultationId }, NOW)).toEqual({
      status: "unreviewed",
    });
    const published = await reviewAction(
      ctx.db,
      { consultationId, actorId, form: form({ intent: "cong-bo", versionId: copy.id, baseRevision: copy.revision }) },
      NOW,
    );
    expect(published).toMatchObject({ ok: "publish", result: { status: "published", number: 2 } });
    expect(await commentsPerBlock(ctx.db, consultationId)).toEqual(before);
    const audit = await ctx.db.auditEvent.findFirst({
      where: { action: "draft-publish", subject: `consultation:${consultationId}` },
      orderBy: { createdAt: "desc" },
    });
    expect(audit?.note).toContain(`${v1Blocks.length - 2} giữ nguyên, 1 sửa, 1 mới, 1 bỏ`);

    const catalog = await blockCatalog(ctx.db, consultationId);
    expect(catalog.get(keyOf("Đoạn này"))).toMatchObject({ current: false, versionNumber: 1, removedIn: 2 });
    expect(catalog.get(keyOf("2. Công dân"))).toMatchObject({
      current: true,
      versionNumber: 2,
      text: "2. Công dân Việt Nam ở trong nước và người Việt Nam định cư ở nước ngoài.",
    });

    const query = await reportQuery(ctx.db, { id: actorId, role: "ADMIN", organizationId: null }, consultationId, { status: "approved-pending" } as never);
    const rows = [];
    for await (const batch of opinionBatches(ctx.db, ctx.sql, query, { seesPersonalData: true, publishedVersionId: null })) rows.push(...batch);
    expect(rows).toHaveLength(6);
    const removedLabel = v1Blocks.find((b) => b.key === keyOf("Đoạn này"))!.label;
    expect(rows.filter((r) => r.blockLabel === `${removedLabel} (đã bỏ ở bản số 2)`)).toHaveLength(3);
  });

  it("refuses to publish a copy of a version that is no longer the published one, and writes nothing", async () => {
    const started = await startWorkingCopy(ctx.db, { consultationId, from: "published", actorId }, NOW);
    expect(started.status).toBe("saved");
    const copy = (await getWorkingCopy(ctx.db, consultationId))!;
    const v2 = (await ctx.db.consultation.findUniqueOrThrow({ where: { id: consultationId } })).publishedVersionId!;
    expect(copy.basedOnId).toBe(v2);
    // Someone publishes another version in between (written directly, as another path would).
    const other = await ctx.db.documentVersion.create({
      data: { consultationId, number: copy.number + 1, title: "Khác", content: copy.content as object, status: "DRAFT" },
    });
    await publishVersion(ctx.db, other.id);
    const blocksBefore = await ctx.db.block.count();
    const result = await publishWorkingCopy(ctx.db, { versionId: copy.id, baseRevision: copy.revision, actorId, consultationId }, NOW);
    expect(result).toEqual({ status: "stale", publishedNumber: copy.number + 1 });
    expect(await ctx.db.block.count()).toBe(blocksBefore);
    expect((await ctx.db.documentVersion.findUniqueOrThrow({ where: { id: copy.id } })).status).toBe("DRAFT");
    expect(documentToBlocks(copy.content as JSONContent, { html: false }).length).toBeGreaterThan(0);
  });
});
