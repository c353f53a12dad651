import { randomBytes } from "node:crypto";
import { beforeAll, expect, it } from "vitest";
import { getCommentTarget } from "~/comments/comment-target.server.ts";
import { listPublishedComments } from "~/comments/public.server.ts";
import { getReceipt } from "~/comments/receipts.server.ts";
import { loadChanges } from "~/consultations/changes/changes.server.tsx";
import { readDraft, versionDiff } from "~/consultations/changes/versions.server.ts";
import { contentHash } from "~/text/fold.ts";
import { describeEachDatabase } from "../../support/test-db.ts";
import { newParagraph, openDraftFromText, publishRevision, textOf, withText } from "../../support/versions.ts";

// Reading a draft's versions on both databases: the current version with its "Đã sửa" marks, an earlier
// version read-only, what changed between them (kept, changed, new, removed, by block key), and the
// comments written on the earlier version saying so.

const DRAFT = [
  "DỰ THẢO NGHỊ QUYẾT THỬ PHIÊN BẢN",
  "Phần thứ nhất",
  "ĐÁNH GIÁ",
  "1. Kinh tế tăng trưởng khá.",
  "2. Văn hóa, xã hội có nhiều tiến bộ.",
  "3. Quốc phòng, an ninh được giữ vững.",
  "4. Đối ngoại được mở rộng.",
].join("\n\n");

describeEachDatabase("consultations: versions and what changed", (ctx) => {
  const slug = `phien-ban-${randomBytes(3).toString("hex")}`;
  let consultationId: string;
  let firstVersion: string;
  const keys = { edited: "", removed: "", kept: "", added: "" };
  let receiptToken: string;

  beforeAll(async () => {
    const { blocks, ...opened } = await openDraftFromText(ctx.db, slug, DRAFT);
    consultationId = opened.consultationId;
    firstVersion = opened.versionId;
    keys.edited = blocks.find((b) => b.text.startsWith("1."))!.key;
    keys.removed = blocks.find((b) => b.text.startsWith("3."))!.key;
    keys.kept = blocks.find((b) => b.text.startsWith("2."))!.key;
    receiptToken = randomBytes(24).toString("base64url");
    for (const blockKey of [keys.edited, keys.kept, keys.removed]) {
      const text = `Ý kiến về đoạn ${randomBytes(3).toString("hex")}`;
      await ctx.db.comment.create({
        data: {
          consultationId,
          versionId: firstVersion,
          blockKey,
          stance: "AGREE",
          originalText: text,
          status: "APPROVED",
          authorName: "Nguyễn Văn A",
          consentAt: new Date(),
          contentHash: contentHash(text),
          receiptToken: blockKey === keys.edited ? receiptToken : randomBytes(24).toString("base64url"),
        },
      });
    }
    const added = newParagraph("5. Xây dựng Đảng trong sạch, vững mạnh.");
    keys.added = added.attrs!.id as string;
    const number = await publishRevision(ctx.db, consultationId, (nodes) =>
      nodes
        .filter((n) => n.attrs?.id !== keys.removed)
        .map((n) => (n.attrs?.id === keys.edited ? withText(n, "1. Kinh tế tăng trưởng nhanh và bền vững.") : n))
        .concat(added),
    );
    expect(number).toBe(2);
    expect(textOf(added)).toContain("Xây dựng Đảng");
  });

  it("the draft's page is the latest version, lists both versions, marks the changed and new blocks, and knows the removed key", async () => {
    const page = (await readDraft(ctx.db, slug))!;
    expect(page.version.number).toBe(2);
    expect(page.versions.map((v) => v.number)).toEqual([1, 2]);
    expect(page.gone).toEqual({ [keys.removed]: 1 });
    expect(page.bodyHtml).toContain(`href="/du-thao/${slug}/thay-doi?tu=1&amp;den=2#p-${keys.edited}">Đã sửa so với bản số 1`);
    expect(page.bodyHtml).toContain(`href="/du-thao/${slug}/thay-doi?tu=1&amp;den=2#p-${keys.added}">Mới so với bản số 1`);
    expect(page.bodyHtml).not.toContain(`#p-${keys.kept}">Đã sửa`);
    expect(page.bodyHtml).not.toContain(`id="p-${keys.removed}"`);
    expect(page.bodyHtml).toContain(`<a href="?gop-y=${keys.kept}">Góp ý</a>`);
  });

  it("an earlier version is read at its number, without comment forms, its removed block included; an unknown number is nothing", async () => {
    const old = (await readDraft(ctx.db, slug, 1))!;
    expect(old.version.number).toBe(1);
    expect(old.currentVersion.number).toBe(2);
    expect(old.bodyHtml).toContain(`id="p-${keys.removed}"`);
    expect(old.bodyHtml).toContain("Kinh tế tăng trưởng khá.");
    expect(old.bodyHtml).not.toContain("gop-y");
    expect(old.gone).toEqual({ [keys.added]: 2 });
    // Its comment counts are those of the keys, wherever the comment was written.
    expect(old.approvedComments).toBe(3);
    expect(await readDraft(ctx.db, slug, 3)).toBeNull();
  });

  it("what changed: counts, the word diff as <ins>/<del>, runs of unchanged blocks collapsed; the pair's diff is computed once", async () => {
    const changes = (await loadChanges(ctx.db, slug, { trang: 1 }))!;
    expect(changes.from!.number).toBe(1);
    expect(changes.to.number).toBe(2);
    const blocks = await ctx.db.block.count({ where: { versionId: firstVersion } });
    expect(changes.counts).toEqual({ changed: 1, added: 1, removed: 1, kept: blocks - 2 });
    expect(changes.bodyHtml).toContain('<del><span class="visually-hidden">[Bỏ: </span>khá');
    expect(changes.bodyHtml).toContain('<ins><span class="visually-hidden">[Thêm: </span>nhanh và bền vững');
    expect(changes.bodyHtml).toContain(`id="p-${keys.removed}"`);
    expect(changes.bodyHtml).toContain(`href="/du-thao/${slug}/ban/1#p-${keys.removed}"`);
    expect(changes.bodyHtml).toMatch(/… \d+ đoạn không đổi …/);
    expect(await loadChanges(ctx.db, slug, { tu: 1, den: 2, trang: 1 })).toMatchObject({ counts: changes.counts });
    const second = await ctx.db.documentVersion.findFirstOrThrow({ where: { consultationId, number: 2 } });
    expect(versionDiff(ctx.db, firstVersion, second.id)).toBe(versionDiff(ctx.db, firstVersion, second.id));
  });

  it("unknown versions, the same version twice or a page past the end are not found; the first version alone has nothing to compare", async () => {
    expect(await loadChanges(ctx.db, slug, { tu: 7, trang: 1 })).toBeNull();
    expect(await loadChanges(ctx.db, slug, { den: 9, trang: 1 })).toBeNull();
    expect(await loadChanges(ctx.db, slug, { tu: 2, den: 2, trang: 1 })).toBeNull();
    expect(await loadChanges(ctx.db, slug, { trang: 2 })).toBeNull();
    expect(await loadChanges(ctx.db, "khong-co-du-thao-nay", { trang: 1 })).toBeNull();
    expect(await loadChanges(ctx.db, slug, { den: 1, trang: 1 })).toMatchObject({ from: null, counts: null, bodyHtml: "" });
  });

  it("comments written on version 1 say so, and whether their paragraph changed since; the receipt names the version", async () => {
    const edited = await listPublishedComments(ctx.db, consultationId, keys.edited, 1);
    expect(edited.comments.map((c) => c.writtenOn)).toEqual([{ number: 1, blockChanged: true }]);
    const kept = await listPublishedComments(ctx.db, consultationId, keys.kept, 1);
    expect(kept.comments.map((c) => c.writtenOn)).toEqual([{ number: 1, blockChanged: false }]);
    expect((await getReceipt(ctx.db, receiptToken))!.versionNumber).toBe(1);
  });

  it("the comments on a removed paragraph stay readable, but it takes no new ones", async () => {
    expect(await getCommentTarget(ctx.db, slug, keys.removed)).toBeNull();
    const target = (await getCommentTarget(ctx.db, slug, keys.removed, new Date(), { earlierVersions: true }))!;
    expect(target.blockGone).toBe(true);
    expect(target.block!.text).toContain("Quốc phòng");
    const removed = await listPublishedComments(ctx.db, consultationId, keys.removed, 1);
    expect(removed.comments.map((c) => c.writtenOn)).toEqual([{ number: 1, blockChanged: true }]);
  });
});
