// Drafting in the browser tests: consultations put straight into the server's database through the
// domain functions (as the import and editor pages leave them), and taken away again afterwards.
import { randomBytes } from "node:crypto";
import { createConsultation } from "~/consultations/drafting/consultations.server.ts";
import { parseSettings } from "~/consultations/drafting/settings-form.ts";
import { importStructuredText } from "~/consultations/document/structured-text.ts";
import { createConsultationFromText } from "~/consultations/publish.server.ts";
import { publishWorkingCopy, replaceWorkingCopy, startWorkingCopy } from "~/consultations/working-copy.server.ts";
import type { Db } from "~/platform/db.server.ts";

const TEXT = [
  "DỰ THẢO NGHỊ QUYẾT THỬ NGHIỆM",
  "Phần thứ nhất",
  "MỤC TIÊU",
  "1. Phát triển kinh tế số ở mọi xã, phường.",
  "2. Đào tạo kỹ năng số cho người dân.",
].join("\n\n");

/** A DRAFT consultation with a published version and the times given (to the millisecond); its id and slug. */
export async function publishedDraftConsultation(db: Db, title: string, period: { opensAt: Date; closesAt: Date }) {
  const parsed = parseSettings({ title, kind: "RESOLUTION", commentCharLimit: "2000", acceptsOnline: "on", acceptsConference: "on" });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.fieldErrors));
  const created = await createConsultation(db, null, { ...parsed.settings, ...period });
  if (!created.ok) throw new Error(JSON.stringify(created.fieldErrors));
  const saved = await replaceWorkingCopy(db, {
    consultationId: created.id,
    title,
    content: importStructuredText(TEXT).doc,
    source: "text",
    actorId: null,
    baseRevision: null,
  });
  if (saved.status !== "saved") throw new Error(saved.status);
  await publishWorkingCopy(db, { versionId: saved.versionId, baseRevision: saved.revision, actorId: null });
  return { id: created.id, slug: parsed.settings.slug };
}

/** Removes the consultations (their versions, blocks, comments and answers go with them), their duplicate groups, audit and search outbox rows. */
export async function removeConsultations(db: Db, ids: string[]) {
  const versions = await db.documentVersion.findMany({ where: { consultationId: { in: ids } }, select: { id: true } });
  const comments = await db.comment.findMany({ where: { consultationId: { in: ids } }, select: { id: true } });
  const answers = await db.answer.findMany({ where: { consultationId: { in: ids } }, select: { id: true } });
  await db.searchOutbox.deleteMany({ where: { entityId: { in: [...versions, ...comments, ...answers].map((r) => r.id) } } });
  await db.auditEvent.deleteMany({ where: { subject: { in: ids.map((id) => `consultation:${id}`) } } });
  await db.comment.deleteMany({ where: { consultationId: { in: ids } } });
  await db.duplicateGroup.deleteMany({ where: { consultationId: { in: ids } } });
  await db.consultation.updateMany({ where: { id: { in: ids } }, data: { publishedVersionId: null } });
  await db.consultation.deleteMany({ where: { id: { in: ids } } });
}

/** A short law-style draft: a chapter, two articles, clauses. */
export const SMALL_LAW = [
  "DỰ THẢO LUẬT KIỂM THỬ TRÌNH SOẠN THẢO",
  "Chương I",
  "NHỮNG QUY ĐỊNH CHUNG",
  "Điều 1. Phạm vi điều chỉnh",
  "Luật này quy định việc lấy ý kiến nhân dân đối với dự thảo văn kiện.",
  "Điều 2. Đối tượng áp dụng",
  "1. Cơ quan, tổ chức có liên quan.",
  "2. Công dân Việt Nam ở trong và ngoài nước.",
].join("\n\n");

export function draftFixtures(db: Db) {
  const created: string[] = [];

  /** An open consultation with `text` published as version 1 and, unless told otherwise, a working copy of it. */
  async function createDraft(text = SMALL_LAW, { workingCopy = true, actorId = null as string | null } = {}) {
    const slug = `kiem-thu-soan-thao-${randomBytes(4).toString("hex")}`;
    const day = 86_400_000;
    const { consultation } = await createConsultationFromText(
      db,
      { slug, status: "OPEN", opensAt: new Date(Date.now() - day), closesAt: new Date(Date.now() + 30 * day) },
      text,
    );
    created.push(consultation.id);
    if (workingCopy) await startWorkingCopy(db, { consultationId: consultation.id, from: "published", actorId });
    return { id: consultation.id, slug, editorPath: `/quan-tri/du-thao/${consultation.id}/soan-thao` };
  }

  const cleanUp = () => removeConsultations(db, created);

  return { createDraft, cleanUp };
}
