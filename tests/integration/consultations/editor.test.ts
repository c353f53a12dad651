import { randomBytes } from "node:crypto";
import type { JSONContent } from "@tiptap/core";
import { beforeAll, expect, it } from "vitest";
import { approvedCountsByBlock, getPublishedDocument } from "~/consultations/consultations.server.ts";
import { editorAction, editorPage } from "~/consultations/editor/page.server.ts";
import { saveFromEditor } from "~/consultations/editor/save.server.ts";
import { createConsultationFromText } from "~/consultations/publish.server.ts";
import { getWorkingCopy, publishWorkingCopy, startWorkingCopy } from "~/consultations/working-copy.server.ts";
import type { Db } from "~/platform/db.server.ts";
import { contentHash } from "~/text/fold.ts";
import { describeEachDatabase } from "../../support/test-db.ts";

// The editor's server side on both databases: autosave through saveFromEditor (the resource route's
// whole work), conflicts on a stale revision, starting a working copy from the published version, and
// publishing it as a second version that keeps block keys, comments and the search outbox right.

const NOW = new Date("2026-12-06T02:00:00Z"); // 09:00 in Hà Nội
const LATER = new Date("2026-12-06T02:05:00Z");
const DRAFT = [
  "DỰ THẢO LUẬT THỬ NGHIỆM",
  "Chương I",
  "NHỮNG QUY ĐỊNH CHUNG",
  "Điều 1. Phạm vi điều chỉnh",
  "Luật này quy định về việc lấy ý kiến nhân dân đối với dự thảo văn kiện.",
  "Điều 2. Đối tượng áp dụng",
  "1. Cơ quan, tổ chức có liên quan.",
  "2. Công dân Việt Nam.",
].join("\n\n");

type Blocks = { id: string; text: string }[];

function blocksOf(doc: JSONContent): Blocks {
  if (doc.type === "heading" || doc.type === "paragraph") return [{ id: doc.attrs!.id as string, text: (doc.content ?? []).map((t) => t.text).join("") }];
  return (doc.content ?? []).flatMap(blocksOf);
}

/** The document with the text of the block `id` replaced. */
function edited(doc: JSONContent, id: string, text: string): JSONContent {
  if ((doc.type === "heading" || doc.type === "paragraph") && doc.attrs?.id === id) return { ...doc, content: [{ type: "text", text }] };
  return doc.content ? { ...doc, content: doc.content.map((child) => edited(child, id, text)) } : doc;
}

function saveForm(fields: { versionId: string; baseRevision: number | string; document: string | JSONContent }) {
  const form = new FormData();
  form.set("versionId", fields.versionId);
  form.set("baseRevision", String(fields.baseRevision));
  form.set("document", typeof fields.document === "string" ? fields.document : JSON.stringify(fields.document));
  return form;
}

async function addApprovedComment(db: Db, consultationId: string, versionId: string, blockKey: string) {
  const text = `Ý kiến về đoạn ${randomBytes(3).toString("hex")}`;
  await db.comment.create({
    data: {
      consultationId,
      versionId,
      blockKey,
      stance: "AGREE",
      originalText: text,
      status: "APPROVED",
      authorName: "Nguyễn Văn A",
      consentAt: NOW,
      contentHash: contentHash(text),
      receiptToken: randomBytes(24).toString("base64url"),
    },
  });
}

describeEachDatabase("the working-copy editor", (ctx) => {
  let consultationId: string;
  let slug: string;
  let firstVersion: string;
  const users = { an: "", binh: "" };

  beforeAll(async () => {
    slug = `soan-thao-${randomBytes(3).toString("hex")}`;
    const { consultation } = await createConsultationFromText(ctx.db, { slug, status: "OPEN" }, DRAFT);
    consultationId = consultation.id;
    firstVersion = consultation.versions[0].id;
    users.an = (await ctx.db.user.create({ data: { email: `an-${slug}@example.vn`, name: "Phạm Thị An", role: "EDITOR" } })).id;
    users.binh = (await ctx.db.user.create({ data: { email: `binh-${slug}@example.vn`, name: "Lê Văn Bình", role: "ADMIN" } })).id;
  });

  it("has no working copy at first; the page offers to start from the published version", async () => {
    const page = await editorPage(ctx.db, consultationId, NOW);
    expect(page?.workingCopy).toBeNull();
    expect(page?.published).toMatchObject({ number: 1, blocks: 7 });
    expect(await editorPage(ctx.db, "khong-co")).toBeNull();
  });

  it("starts a working copy from the published version with the same block ids, once", async () => {
    const form = new FormData();
    form.set("intent", "bat-dau");
    form.set("tu", "ban-cong-bo");
    const path = `/quan-tri/du-thao/${consultationId}/soan-thao`;
    expect(await editorAction(ctx.db, { consultationId, form, actorId: users.an, path }, NOW)).toEqual({ ok: true, redirectTo: `${path}?xong=bat-dau` });
    // A second person pressing the same button meanwhile gets the copy that exists.
    expect(await editorAction(ctx.db, { consultationId, form, actorId: users.binh, path }, NOW)).toEqual({ ok: true, redirectTo: `${path}?xong=da-co` });
    const copy = (await getWorkingCopy(ctx.db, consultationId))!;
    const published = await ctx.db.documentVersion.findUniqueOrThrow({ where: { id: firstVersion } });
    expect(copy).toMatchObject({ number: 2, revision: 1, source: "editor", updatedById: users.an });
    expect(blocksOf(copy.content)).toEqual(blocksOf(published.content as JSONContent));
    const audit = await ctx.db.auditEvent.findFirstOrThrow({ where: { action: "draft-import", subject: `consultation:${consultationId}` } });
    expect(audit).toMatchObject({ actorId: users.an, note: "Bản làm việc mới, chép từ phiên bản 1 đang công bố" });
    const page = (await editorPage(ctx.db, consultationId, NOW))!;
    expect(page.workingCopy).toMatchObject({ versionId: copy.id, revision: 1 });
    expect(page.workingCopy!.lastSaved).toMatch(/bởi Phạm Thị An \(sửa trong trình soạn thảo\)/);
    expect(page.workingCopy!.readOnlyHtml).toContain("Luật này quy định về việc lấy ý kiến nhân dân");
  });

  it("saves an edit with the revision it was loaded from; the text is stored cleaned (NFC)", async () => {
    const copy = (await getWorkingCopy(ctx.db, consultationId))!;
    const target = blocksOf(copy.content).find((b) => b.text.startsWith("Luật này"))!;
    const decomposed = "Luật này quy định việc lấy y\u0301 kiến nhân dân về dự thảo văn kiện, sửa lần một.";
    const form = saveForm({ versionId: copy.id, baseRevision: copy.revision, document: edited(copy.content, target.id, decomposed) });
    const saved = await saveFromEditor(ctx.db, ctx.sql, { consultationId, form, actorId: users.an }, NOW);
    expect(saved).toEqual({ httpStatus: 200, answer: { status: "saved", revision: 2, message: "Đã lưu lúc 09:00" } });
    const after = (await getWorkingCopy(ctx.db, consultationId))!;
    // Written by a raw statement, read back by Prisma as it writes them: time, author, source, JSON.
    expect(after).toMatchObject({ revision: 2, updatedAt: NOW, updatedById: users.an, source: "editor" });
    expect(typeof after.content).toBe("object");
    expect(blocksOf(after.content).find((b) => b.id === target.id)!.text).toBe(decomposed.normalize("NFC"));
    expect(blocksOf(after.content).map((b) => b.id)).toEqual(blocksOf(copy.content).map((b) => b.id));
  });

  it("a save from a stale revision is a conflict naming who saved and when, and changes nothing", async () => {
    const copy = (await getWorkingCopy(ctx.db, consultationId))!;
    const target = blocksOf(copy.content).find((b) => b.text.startsWith("2. Công dân"))!;
    const form = saveForm({ versionId: copy.id, baseRevision: 1, document: edited(copy.content, target.id, "2. Bản cũ đè lên.") });
    const answer = await saveFromEditor(ctx.db, ctx.sql, { consultationId, form, actorId: users.binh }, LATER);
    expect(answer.httpStatus).toBe(409);
    expect(answer.answer).toMatchObject({ status: "conflict", revision: 2 });
    expect(answer.answer.message).toMatch(/^Bản làm việc vừa được Phạm Thị An lưu lúc 09:00\. Phần bạn vừa sửa chưa được lưu/);
    const after = (await getWorkingCopy(ctx.db, consultationId))!;
    expect(after.revision).toBe(2);
    expect(JSON.stringify(after.content)).toBe(JSON.stringify(copy.content));
  });

  it("two saves from the same revision at the same time: one is saved, the other is a conflict", async () => {
    const copy = (await getWorkingCopy(ctx.db, consultationId))!;
    const target = blocksOf(copy.content).find((b) => b.text.startsWith("1. Cơ quan"))!;
    const send = (text: string, actorId: string) =>
      saveFromEditor(
        ctx.db,
        ctx.sql,
        { consultationId, form: saveForm({ versionId: copy.id, baseRevision: copy.revision, document: edited(copy.content, target.id, text) }), actorId },
        LATER,
      );
    const answers = await Promise.all([send("1. Cơ quan (bản của An).", users.an), send("1. Cơ quan (bản của Bình).", users.binh)]);
    expect(answers.map((a) => a.answer.status).sort()).toEqual(["conflict", "saved"]);
    const winner = answers.findIndex((a) => a.answer.status === "saved");
    const after = (await getWorkingCopy(ctx.db, consultationId))!;
    expect(after.revision).toBe(copy.revision + 1);
    expect(blocksOf(after.content).find((b) => b.id === target.id)!.text).toBe(winner === 0 ? "1. Cơ quan (bản của An)." : "1. Cơ quan (bản của Bình).");
  });

  it("refuses a bad document, an incomplete form, or another consultation's working copy, changing nothing", async () => {
    const copy = (await getWorkingCopy(ctx.db, consultationId))!;
    const bad = await saveFromEditor(
      ctx.db,
      ctx.sql,
      {
        consultationId,
        form: saveForm({ versionId: copy.id, baseRevision: copy.revision, document: '{"type":"doc","content":[{"type":"image"}]}' }),
        actorId: users.an,
      },
      LATER,
    );
    expect(bad).toMatchObject({ httpStatus: 400, answer: { status: "invalid", message: expect.stringMatching(/^Chưa lưu được: .*«image»/) } });
    const broken = await saveFromEditor(
      ctx.db,
      ctx.sql,
      { consultationId, form: saveForm({ versionId: copy.id, baseRevision: copy.revision, document: "{không phải JSON" }), actorId: users.an },
      LATER,
    );
    expect(broken.answer.message).toMatch(/JSON hỏng/);
    const incomplete = new FormData();
    incomplete.set("versionId", copy.id);
    expect((await saveFromEditor(ctx.db, ctx.sql, { consultationId, form: incomplete, actorId: users.an }, LATER)).httpStatus).toBe(400);
    const other = await createConsultationFromText(ctx.db, { slug: `${slug}-khac` }, DRAFT);
    const elsewhere = await saveFromEditor(
      ctx.db,
      ctx.sql,
      { consultationId: other.consultation.id, form: saveForm({ versionId: copy.id, baseRevision: copy.revision, document: copy.content }), actorId: users.an },
      LATER,
    );
    expect(elsewhere).toMatchObject({ httpStatus: 409, answer: { status: "missing" } });
    expect((await getWorkingCopy(ctx.db, consultationId))!.revision).toBe(copy.revision);
  });

  it("publishing from a stale revision publishes nothing and says who saved", async () => {
    const copy = (await getWorkingCopy(ctx.db, consultationId))!;
    const form = new FormData();
    for (const [k, v] of Object.entries({ intent: "cong-bo", versionId: copy.id, baseRevision: String(copy.revision - 1) })) form.set(k, v);
    const result = await editorAction(ctx.db, { consultationId, form, actorId: users.an, path: "/p" }, LATER);
    expect(result).toMatchObject({
      ok: false,
      httpStatus: 409,
      message: expect.stringMatching(/^Chưa công bố: Bản làm việc vừa được (Phạm Thị An|Lê Văn Bình) lưu lúc 09:05\./),
    });
    expect((await ctx.db.documentVersion.findUniqueOrThrow({ where: { id: copy.id } })).status).toBe("DRAFT");
  });

  it("publishes the working copy as version 2: new text on the public page, same keys, comments on version 1 still counted", async () => {
    const v1Blocks = await ctx.db.block.findMany({ where: { versionId: firstVersion }, orderBy: { position: "asc" } });
    const kept = v1Blocks.find((b) => b.text.startsWith("Điều 2."))!;
    await addApprovedComment(ctx.db, consultationId, firstVersion, kept.key);
    await addApprovedComment(ctx.db, consultationId, firstVersion, kept.key);
    const outboxBefore = await ctx.db.searchOutbox.count({ where: { kind: "version" } });
    const before = await getPublishedDocument(ctx.db, slug, LATER);
    expect(before!.version.number).toBe(1);

    const copy = (await getWorkingCopy(ctx.db, consultationId))!;
    const form = new FormData();
    for (const [k, v] of Object.entries({ intent: "cong-bo", versionId: copy.id, baseRevision: String(copy.revision) })) form.set(k, v);
    const path = `/quan-tri/du-thao/${consultationId}/soan-thao`;
    expect(await editorAction(ctx.db, { consultationId, form, actorId: users.binh, path }, LATER)).toEqual({
      ok: true,
      redirectTo: `${path}?xong=cong-bo&phien-ban=2`,
    });

    const consultation = await ctx.db.consultation.findUniqueOrThrow({ where: { id: consultationId } });
    expect(consultation.publishedVersionId).toBe(copy.id);
    const v2Blocks = await ctx.db.block.findMany({ where: { versionId: copy.id }, orderBy: { position: "asc" } });
    expect(v2Blocks.map((b) => b.key)).toEqual(v1Blocks.map((b) => b.key));
    expect(await ctx.db.block.count({ where: { versionId: firstVersion } })).toBe(v1Blocks.length);
    expect(await ctx.db.searchOutbox.count({ where: { kind: "version", entityId: copy.id } })).toBe(1);
    expect(await ctx.db.searchOutbox.count({ where: { kind: "version" } })).toBe(outboxBefore + 1);
    const audit = await ctx.db.auditEvent.findFirstOrThrow({ where: { action: "draft-publish", subject: `consultation:${consultationId}` } });
    expect(audit).toMatchObject({ actorId: users.binh, after: "v2", note: `${v2Blocks.length} khối: 5 giữ nguyên, 2 sửa, 0 mới, 0 bỏ`, createdAt: LATER });

    const page = await getPublishedDocument(ctx.db, slug, LATER);
    expect(page!.version.number).toBe(2);
    expect(page!.bodyHtml).toContain("sửa lần một");
    expect(page!.bodyHtml).not.toContain("Luật này quy định về việc lấy ý kiến nhân dân");
    expect((await approvedCountsByBlock(ctx.db, consultationId)).blocks.get(kept.key)?.total).toBe(2);
    expect(page!.approvedComments).toBe(2);
    expect(await getWorkingCopy(ctx.db, consultationId)).toBeNull();
    // A save still on its way from the editor finds nothing to save.
    const late = await saveFromEditor(
      ctx.db,
      ctx.sql,
      { consultationId, form: saveForm({ versionId: copy.id, baseRevision: copy.revision, document: copy.content }), actorId: users.an },
      LATER,
    );
    expect(late).toMatchObject({ httpStatus: 409, answer: { status: "missing" } });
  });

  it("a third version from the second: publish and a save racing never leave blocks that differ from the stored text", async () => {
    await startWorkingCopy(ctx.db, { consultationId, from: "published", actorId: users.an }, LATER);
    const copy = (await getWorkingCopy(ctx.db, consultationId))!;
    expect(copy.number).toBe(3);
    const target = blocksOf(copy.content).find((b) => b.text.startsWith("2. Công dân"))!;
    const [published, saved] = await Promise.all([
      publishWorkingCopy(ctx.db, { versionId: copy.id, baseRevision: copy.revision, actorId: users.binh }, LATER),
      saveFromEditor(
        ctx.db,
        ctx.sql,
        {
          consultationId,
          form: saveForm({
            versionId: copy.id,
            baseRevision: copy.revision,
            document: edited(copy.content, target.id, "2. Công dân Việt Nam ở trong và ngoài nước."),
          }),
          actorId: users.an,
        },
        LATER,
      ),
    ]);
    const version = await ctx.db.documentVersion.findUniqueOrThrow({ where: { id: copy.id }, include: { blocks: { orderBy: { position: "asc" } } } });
    if (published.status === "published") {
      expect(saved.answer.status).toBe("missing");
      expect(version.status).toBe("PUBLISHED");
      expect(version.blocks.map((b) => b.text)).toEqual(
        blocksOf(version.content as JSONContent)
          .filter((b) => b.text !== "")
          .map((b) => b.text),
      );
    } else {
      expect(published.status).toBe("conflict");
      expect(saved.answer.status).toBe("saved");
      expect(version.status).toBe("DRAFT");
      expect(version.blocks).toEqual([]);
    }
  });

  it("an empty working copy cannot be published", async () => {
    const other = await createConsultationFromText(ctx.db, { slug: `${slug}-trong` }, DRAFT);
    await startWorkingCopy(ctx.db, { consultationId: other.consultation.id, from: "empty", actorId: users.an }, LATER);
    const copy = (await getWorkingCopy(ctx.db, other.consultation.id))!;
    expect(blocksOf(copy.content)).toEqual([{ id: expect.stringMatching(/^[a-z0-9]{10}$/), text: "" }]);
    expect(await publishWorkingCopy(ctx.db, { versionId: copy.id, baseRevision: copy.revision, actorId: users.an }, LATER)).toEqual({
      status: "invalid",
      message: "Bản làm việc chưa có nội dung nào để công bố.",
    });
  });
});
