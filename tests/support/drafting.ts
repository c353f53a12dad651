// Consultations for the drafting tests: settings as the form gives them, and a DRAFT with a published
// version as the import and editor pages leave it.
import { createConsultation } from "~/consultations/drafting/consultations.server.ts";
import { parseSettings, settingsValues, type DraftSettings, type SettingsValues } from "~/consultations/drafting/settings-form.ts";
import { importStructuredText } from "~/consultations/document/structured-text.ts";
import { publishWorkingCopy, replaceWorkingCopy } from "~/consultations/working-copy.server.ts";
import type { Db } from "~/platform/db.server.ts";

export const NOW = new Date("2026-12-06T03:00:00Z"); // 10:00 in Viet Nam
const HOUR = 3_600_000;
export const at = (hours: number) => new Date(NOW.getTime() + hours * HOUR);
export const TEXT = ["DỰ THẢO THỬ", "Phần thứ nhất", "ĐÁNH GIÁ", "1. Kinh tế tăng trưởng khá.", "2. Văn hóa, xã hội có nhiều tiến bộ."].join("\n\n");

export function settings(overrides: Partial<SettingsValues> = {}): DraftSettings {
  const parsed = parseSettings({
    title: "Dự thảo Nghị quyết về chuyển đổi số",
    slug: "",
    summary: "",
    issuingBody: "Ủy ban nhân dân tỉnh Hòa Sơn",
    kind: "RESOLUTION",
    opensAt: "",
    closesAt: "",
    commentCharLimit: "1500",
    acceptsOnline: "on",
    acceptsConference: "on",
    acceptsLetter: "",
    ...overrides,
  });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.fieldErrors));
  return parsed.settings;
}

/** A DRAFT consultation with a published version, as the import and editor pages leave it. */
export async function publishedDraft(db: Db, actor: { id: string } | null, overrides: Partial<SettingsValues>, now = NOW) {
  const created = await createConsultation(db, actor, settings(overrides), now);
  if (!created.ok) throw new Error(JSON.stringify(created.fieldErrors));
  const imported = importStructuredText(TEXT);
  const saved = await replaceWorkingCopy(
    db,
    { consultationId: created.id, title: "Dự thảo", content: imported.doc, source: "text", actorId: actor?.id ?? null, baseRevision: null },
    now,
  );
  if (saved.status !== "saved") throw new Error(saved.status);
  await publishWorkingCopy(db, { versionId: saved.versionId, baseRevision: saved.revision, actorId: actor?.id ?? null }, now);
  return created.id;
}

/** Settings times in the form's words (Viet Nam's time). */
export const vn = (date: Date) => settingsValues({ ...settings(), opensAt: date, closesAt: null }).opensAt!;
