// Drafting in the browser tests: sign a staff member in through the real page, put a consultation with
// a published version straight into the server's database (as the import and editor pages leave it),
// and take the test's consultations away again.
import type { Page } from "playwright-core";
import { createConsultation } from "~/consultations/drafting/consultations.server.ts";
import { parseSettings } from "~/consultations/drafting/settings-form.ts";
import { importStructuredText } from "~/consultations/document/structured-text.ts";
import { publishWorkingCopy, replaceWorkingCopy } from "~/consultations/working-copy.server.ts";
import type { Db } from "~/platform/db.server.ts";
import { baseUrl, STAFF_PASSWORD, type TestStaff } from "./staff-support.ts";

/** Signs in on /dang-nhap?next=… and waits for the page asked for (its h1). */
export async function signInPage(page: Page, who: TestStaff, next: string, heading: string | RegExp) {
  await page.goto(`${baseUrl}/dang-nhap?next=${encodeURIComponent(next)}`);
  await page.getByLabel("Thư điện tử").fill(who.email);
  await page.getByLabel("Mật khẩu").fill(STAFF_PASSWORD);
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  await page.getByRole("heading", { level: 1, name: heading }).waitFor();
}

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

/** Removes the consultations (their versions, blocks and comments go with them), their audit and search outbox rows. */
export async function removeConsultations(db: Db, ids: string[]) {
  const versions = await db.documentVersion.findMany({ where: { consultationId: { in: ids } }, select: { id: true } });
  const comments = await db.comment.findMany({ where: { consultationId: { in: ids } }, select: { id: true } });
  await db.searchOutbox.deleteMany({ where: { entityId: { in: [...versions, ...comments].map((r) => r.id) } } });
  // The working copy's rows name the consultation by its bare id, the drafting pages' by "consultation:<id>".
  await db.auditEvent.deleteMany({ where: { subject: { in: [...ids, ...ids.map((id) => `consultation:${id}`)] } } });
  await db.comment.deleteMany({ where: { consultationId: { in: ids } } });
  await db.consultation.updateMany({ where: { id: { in: ids } }, data: { publishedVersionId: null } });
  await db.consultation.deleteMany({ where: { id: { in: ids } } });
}
