// Consultations made for a browser test straight in the server's database through the domain functions
// (as the import would leave them), and removed afterwards with their versions and blocks.
import { randomBytes } from "node:crypto";
import { createConsultationFromText } from "~/consultations/publish.server.ts";
import { startWorkingCopy } from "~/consultations/working-copy.server.ts";
import type { Db } from "~/platform/db.server.ts";

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

  async function cleanUp() {
    await db.consultation.updateMany({ where: { id: { in: created } }, data: { publishedVersionId: null } });
    await db.consultation.deleteMany({ where: { id: { in: created } } });
  }

  return { createDraft, cleanUp };
}
