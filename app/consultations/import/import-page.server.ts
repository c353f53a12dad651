import { z } from "zod";
import type { Db } from "~/platform/db.server.ts";
import { fieldErrorsOf, formFields } from "~/platform/forms.ts";
import { formatDateTime } from "~/platform/format.ts";
import { prepareRevision } from "../versions/revision.server.ts";
import { getWorkingCopy, replaceWorkingCopy } from "../working-copy.server.ts";
import { FORMAT_NAMES, importDraftFile, IMPORT_LIMITS, type ImportLimits } from "./import.server.ts";
import type { DraftPreview } from "./outline.ts";
import type { PreviewStore } from "./preview-store.server.ts";
import { DRAFT_REFUSALS } from "./refusals.ts";

// The import page of a consultation (/quan-tri/du-thao/:id/nhap), as plain functions the route calls:
// upload → the preview kept server-side (preview-store) → save it as the working copy, naming the
// working copy's revision the person saw; a working copy saved meanwhile is a conflict, not overwritten.

export const importPath = (consultationId: string) => `/quan-tri/du-thao/${consultationId}/nhap`;

export interface WorkingCopySummary {
  revision: number;
  updatedAt: string;
  updatedBy: string | null;
  source: string;
}

export interface ImportPageData {
  consultation: { id: string; title: string };
  workingCopy: WorkingCopySummary | null;
  preview: { token: string; fileName: string; format: string; preview: DraftPreview } | null;
  /** A preview address that no longer leads to one (saved, expired, or someone else's). */
  previewGone: boolean;
}

export type ImportAnswer =
  | { intent: "tai-len"; ok: false; error: string; fileName: string | null }
  | { intent: "luu"; ok: false; error: string; fieldErrors: Record<string, string>; conflict: boolean };

export type ImportOutcome = { redirect: string } | { status: 400 | 409; answer: ImportAnswer };

async function nameOf(db: Db, userId: string | null): Promise<string | null> {
  if (!userId) return null;
  return (await db.user.findUnique({ where: { id: userId }, select: { name: true } }))?.name ?? null;
}

async function workingCopySummary(db: Db, consultationId: string): Promise<WorkingCopySummary | null> {
  const copy = await getWorkingCopy(db, consultationId);
  if (!copy) return null;
  return { revision: copy.revision, updatedAt: copy.updatedAt.toISOString(), updatedBy: await nameOf(db, copy.updatedById), source: copy.source };
}

export async function findConsultation(db: Db, id: string) {
  return db.consultation.findUnique({ where: { id }, select: { id: true, title: true } });
}

export async function loadImportPage(
  db: Db,
  store: PreviewStore,
  user: { id: string },
  consultation: { id: string; title: string },
  url: URL,
): Promise<ImportPageData> {
  const token = url.searchParams.get("ban");
  const stored = token ? await store.load(token, { userId: user.id, consultationId: consultation.id }) : null;
  return {
    consultation,
    workingCopy: await workingCopySummary(db, consultation.id),
    preview: stored ? { token: stored.token, fileName: stored.draft.fileName, format: FORMAT_NAMES[stored.draft.format], preview: stored.draft.preview } : null,
    previewGone: token !== null && !stored,
  };
}

const saveSchema = z.object({
  token: z.string().regex(/^[0-9a-f]{48}$/, "Bản xem trước không hợp lệ; hãy tải tệp lên lại."),
  baseRevision: z
    .string()
    .regex(/^\d{0,9}$/, "Số lần sửa không hợp lệ; hãy tải lại trang.")
    .transform((value) => (value === "" ? null : Number(value))),
  replace: z.string().optional(),
});
const SAVE_FIELDS = ["token", "baseRevision", "replace"] as const;

export async function handleImportAction(
  db: Db,
  store: PreviewStore,
  user: { id: string },
  consultation: { id: string; title: string },
  formData: FormData,
  { limits = IMPORT_LIMITS, now = new Date() }: { limits?: ImportLimits; now?: Date } = {},
): Promise<ImportOutcome> {
  if (formData.get("intent") === "luu") return save(db, store, user, consultation, formData, now);
  const file = formData.get("file");
  if (!(file instanceof File) || (file.size === 0 && file.name === "")) {
    return { status: 400, answer: { intent: "tai-len", ok: false, error: DRAFT_REFUSALS.noFile, fileName: null } };
  }
  const imported = await importDraftFile({ name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) }, limits);
  if (!imported.ok) return { status: 400, answer: { intent: "tai-len", ok: false, error: imported.message, fileName: file.name.normalize("NFC") } };
  const token = await store.save({ userId: user.id, consultationId: consultation.id, draft: imported.draft });
  return { redirect: `${importPath(consultation.id)}?ban=${token}` };
}

async function save(
  db: Db,
  store: PreviewStore,
  user: { id: string },
  consultation: { id: string; title: string },
  formData: FormData,
  now: Date,
): Promise<ImportOutcome> {
  const fail = (status: 400 | 409, error: string, fieldErrors: Record<string, string> = {}, conflict = false): ImportOutcome => ({
    status,
    answer: { intent: "luu", ok: false, error, fieldErrors, conflict },
  });
  const parsed = saveSchema.safeParse(formFields(formData, SAVE_FIELDS));
  if (!parsed.success) return fail(400, "Chưa lưu được: biểu mẫu không hợp lệ.", fieldErrorsOf(parsed.error));
  const { token, baseRevision, replace } = parsed.data;
  const stored = await store.load(token, { userId: user.id, consultationId: consultation.id });
  if (!stored) return fail(400, "Bản xem trước đã hết hạn hoặc đã được lưu. Hãy tải tệp lên lại.");
  if (baseRevision !== null && replace !== "on") {
    return fail(400, "Chưa lưu được: dự thảo đã có bản làm việc.", { replace: "Hãy đánh dấu ô này để xác nhận thay thế bản làm việc hiện có." });
  }
  const { draft } = stored;
  // A revision of a published version: matched blocks take the old keys, so their comments stay (ADR 037).
  const revision = await prepareRevision(db, consultation.id, draft.doc);
  const result = await replaceWorkingCopy(
    db,
    {
      consultationId: consultation.id,
      title: consultation.title,
      content: revision?.content ?? draft.doc,
      source: draft.format,
      actorId: user.id,
      baseRevision,
      note: `Nhập từ tệp «${draft.fileName}»`,
      ...(revision ? { basedOnId: revision.basedOnId, matchReport: revision.matchReport } : {}),
    },
    now,
  );
  if (result.status === "saved") {
    await store.remove(token);
    if (revision) return { redirect: `/quan-tri/du-thao/${consultation.id}/doi-chieu?da-nhap=${result.revision}` };
    return { redirect: `${importPath(consultation.id)}?da-luu=${result.revision}` };
  }
  if (result.status === "conflict") {
    const who = (await nameOf(db, result.updatedById)) ?? "người khác";
    return fail(
      409,
      `Chưa lưu: bản làm việc vừa được ${who} lưu lúc ${formatDateTime(result.updatedAt)} (lần sửa ${result.revision}), sau khi trang này được mở. ` +
        "Bản xem trước vẫn còn đây: nếu vẫn muốn thay bằng tệp này, hãy đánh dấu xác nhận rồi lưu lại.",
      {},
      true,
    );
  }
  return fail(
    409,
    "Chưa lưu: bản làm việc bạn thấy đã được công bố hoặc không còn nữa. Trang đã được cập nhật; hãy lưu lại nếu vẫn muốn dùng tệp này.",
    {},
    true,
  );
}
