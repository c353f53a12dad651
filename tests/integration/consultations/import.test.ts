import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { handleImportAction, loadImportPage, type ImportOutcome } from "~/consultations/import/import-page.server.ts";
import { previewStore } from "~/consultations/import/preview-store.server.ts";
import { getWorkingCopy, saveWorkingCopy } from "~/consultations/working-copy.server.ts";
import { describeEachDatabase } from "../../support/test-db.ts";

// The import page's functions on both databases: upload → preview kept server-side → save as the
// working copy with the revision the person saw; a working copy saved meanwhile is a conflict and is
// not overwritten; a bad file or a stale preview stores nothing.

const FIXTURES = path.resolve(import.meta.dirname, "../../fixtures/docx");
const NOW = new Date("2026-12-06T09:00:00Z");
const dir = mkdtempSync(path.join(tmpdir(), "gopy-import-it-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function uploadForm(name: string, bytes: Buffer) {
  const form = new FormData();
  form.set("intent", "tai-len");
  form.set("file", new File([new Uint8Array(bytes)], name));
  return form;
}
function saveForm(fields: Record<string, string>) {
  const form = new FormData();
  form.set("intent", "luu");
  for (const [name, value] of Object.entries(fields)) form.set(name, value);
  return form;
}
const tokenOf = (outcome: ImportOutcome) => {
  if (!("redirect" in outcome)) throw new Error(JSON.stringify(outcome));
  return new URL(outcome.redirect, "http://x").searchParams.get("ban")!;
};

describeEachDatabase("draft import", (ctx) => {
  const store = previewStore(path.join(dir, String(Math.random()).slice(2)));
  let consultation: { id: string; title: string };
  let editor: { id: string };
  let other: { id: string };

  beforeAll(async () => {
    consultation = await ctx.db.consultation.create({
      data: { slug: `nhap-${Date.now()}`, title: "Dự thảo Luật Phí đường bộ" },
      select: { id: true, title: true },
    });
    editor = await ctx.db.user.create({ data: { email: `bst-${Date.now()}@example.vn`, name: "Lê Thị Soạn", role: "EDITOR" } });
    other = await ctx.db.user.create({ data: { email: `bst2-${Date.now()}@example.vn`, name: "Phạm Văn Sửa", role: "EDITOR" } });
  });

  it("uploads the Constitution, shows its preview, saves it as the first working copy", async () => {
    const outcome = await handleImportAction(
      ctx.db,
      store,
      editor,
      consultation,
      uploadForm("hien-phap-2013.docx", readFileSync(path.join(FIXTURES, "hien-phap-2013.docx"))),
      { now: NOW },
    );
    const token = tokenOf(outcome);
    expect(await getWorkingCopy(ctx.db, consultation.id)).toBeNull(); // nothing stored before the save

    const page = await loadImportPage(ctx.db, store, editor, consultation, new URL(`http://x/?ban=${token}`));
    expect(page.workingCopy).toBeNull();
    expect(page.preview?.preview.counts).toMatchObject({ chapters: 11, articles: 120 });
    // Another person, or the same token under another consultation, sees no preview.
    expect((await loadImportPage(ctx.db, store, other, consultation, new URL(`http://x/?ban=${token}`))).preview).toBeNull();

    const saved = await handleImportAction(ctx.db, store, editor, consultation, saveForm({ token, baseRevision: "" }), { now: NOW });
    expect(saved).toEqual({ redirect: `/quan-tri/du-thao/${consultation.id}/nhap?da-luu=1` });
    const copy = (await getWorkingCopy(ctx.db, consultation.id))!;
    expect(copy).toMatchObject({ revision: 1, source: "docx", updatedById: editor.id, title: consultation.title });
    expect(JSON.stringify(copy.content)).toContain("Điều 120.");
    const audit = await ctx.db.auditEvent.findFirst({ where: { action: "draft-import", subject: `consultation:${consultation.id}` } });
    expect(audit).toMatchObject({ actorId: editor.id, after: "docx", note: "Nhập từ tệp «hien-phap-2013.docx»" });
    // The preview is gone once saved: saving it twice is impossible.
    const again = await handleImportAction(ctx.db, store, editor, consultation, saveForm({ token, baseRevision: "1", replace: "on" }));
    expect(again).toMatchObject({ status: 400, answer: { error: expect.stringContaining("đã hết hạn hoặc đã được lưu") } });
  });

  it("asks to confirm replacing a working copy, and replaces it with the revision the person saw", async () => {
    const token = tokenOf(
      await handleImportAction(ctx.db, store, editor, consultation, uploadForm("bang.docx", readFileSync(path.join(FIXTURES, "tieu-de-va-bang.docx")))),
    );
    const page = await loadImportPage(ctx.db, store, editor, consultation, new URL(`http://x/?ban=${token}`));
    expect(page.workingCopy).toMatchObject({ revision: 1, updatedBy: "Lê Thị Soạn", source: "docx" });

    const unconfirmed = await handleImportAction(ctx.db, store, editor, consultation, saveForm({ token, baseRevision: "1" }));
    expect(unconfirmed).toMatchObject({ status: 400, answer: { fieldErrors: { replace: expect.stringContaining("xác nhận thay thế") } } });
    expect((await getWorkingCopy(ctx.db, consultation.id))!.revision).toBe(1);

    const replaced = await handleImportAction(ctx.db, store, editor, consultation, saveForm({ token, baseRevision: "1", replace: "on" }));
    expect(replaced).toEqual({ redirect: `/quan-tri/du-thao/${consultation.id}/nhap?da-luu=2` });
    const copy = (await getWorkingCopy(ctx.db, consultation.id))!;
    expect(copy.revision).toBe(2);
    expect(JSON.stringify(copy.content)).toContain("Xe tải trên 10 tấn");
  });

  it("does not overwrite a working copy saved after the preview was shown: a conflict naming who and when", async () => {
    const token = tokenOf(
      await handleImportAction(ctx.db, store, editor, consultation, uploadForm("ds.docx", readFileSync(path.join(FIXTURES, "danh-sach-danh-so.docx")))),
    );
    const seen = (await loadImportPage(ctx.db, store, editor, consultation, new URL(`http://x/?ban=${token}`))).workingCopy!.revision;
    const copy = (await getWorkingCopy(ctx.db, consultation.id))!;
    // Meanwhile, a colleague saves the working copy in the editor.
    const edited = await saveWorkingCopy(
      ctx.sql,
      { versionId: copy.id, baseRevision: copy.revision, content: copy.content, actorId: other.id },
      new Date("2026-12-06T09:30:00Z"),
    );
    expect(edited.status).toBe("saved");

    const outcome = await handleImportAction(ctx.db, store, editor, consultation, saveForm({ token, baseRevision: String(seen), replace: "on" }));
    expect(outcome).toMatchObject({
      status: 409,
      answer: { conflict: true, error: expect.stringContaining("vừa được Phạm Văn Sửa lưu lúc 16:30 06/12/2026 (lần sửa 3)") },
    });
    const after = (await getWorkingCopy(ctx.db, consultation.id))!;
    expect(after).toMatchObject({ revision: 3, source: "editor", updatedById: other.id });
    // The preview is still there: with the revision now shown, the person can confirm again.
    const page = await loadImportPage(ctx.db, store, editor, consultation, new URL(`http://x/?ban=${token}`));
    expect(page.preview).not.toBeNull();
    expect(await handleImportAction(ctx.db, store, editor, consultation, saveForm({ token, baseRevision: "3", replace: "on" }))).toEqual({
      redirect: `/quan-tri/du-thao/${consultation.id}/nhap?da-luu=4`,
    });
  });

  it("stores nothing for a bad file, and answers in Vietnamese", async () => {
    const files = readdirSync(FIXTURES).filter((name) =>
      /^(word-97-2003\.doc|co-macro\.docm|bi-cat-ngang\.docx|khong-co-chu\.docx|pdf-doi-ten\.docx)$/.test(name),
    );
    expect(files).toHaveLength(5);
    const before = (await getWorkingCopy(ctx.db, consultation.id))!.revision;
    for (const name of files) {
      const outcome = await handleImportAction(ctx.db, store, editor, consultation, uploadForm(name, readFileSync(path.join(FIXTURES, name))));
      expect(outcome).toMatchObject({
        status: 400,
        answer: { intent: "tai-len", fileName: name, error: expect.stringMatching(/^(Tệp|Tài liệu|Không đọc được)/) },
      });
    }
    expect((await getWorkingCopy(ctx.db, consultation.id))!.revision).toBe(before);
    const noFile = await handleImportAction(ctx.db, store, editor, consultation, uploadForm("", Buffer.alloc(0)));
    expect(noFile).toMatchObject({ status: 400, answer: { error: expect.stringContaining("Vui lòng chọn tệp dự thảo") } });
  });
});
