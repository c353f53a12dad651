import { z } from "zod";
import { formatDate, formatTime } from "~/platform/format.ts";
import type { Db } from "~/platform/db.server.ts";
import type { SqlDriver } from "~/platform/sql.server.ts";
import { checkDocumentJson, MAX_DOCUMENT_BYTES } from "../document/validate.ts";
import { saveWorkingCopy } from "../working-copy.server.ts";
import type { SaveAnswer } from "./autosave.ts";

// The editor's autosave, behind its resource route: the form it posts is checked (zod), the document
// checked against the schema (document/validate.ts), then saved with one conditional write on the
// revision it was loaded from. A stale revision is a conflict that names who saved, and when.

const saveForm = z.object({
  versionId: z.string().min(1).max(64),
  baseRevision: z.coerce.number().int().min(0).max(2_000_000_000),
  // Characters ≤ bytes: the byte size is checked with the document.
  document: z.string().min(1).max(MAX_DOCUMENT_BYTES),
});

const RELOAD = "Phần bạn vừa sửa chưa được lưu và vẫn còn ở đây: hãy tải về bản của bạn, rồi tải lại trang để xem bản mới.";

/** "14:05" today, "14:05 ngày 05/12/2026" another day (Vietnam's time). */
export function whenSaid(at: Date, now: Date): string {
  return formatDate(at) === formatDate(now) ? formatTime(at) : `${formatTime(at)} ngày ${formatDate(at)}`;
}

/** The person who last wrote the working copy, for the conflict message. */
export async function conflictMessage(db: Db, who: { updatedById: string | null; updatedAt: Date; source?: string }, now: Date) {
  const user = who.updatedById ? await db.user.findUnique({ where: { id: who.updatedById }, select: { name: true } }) : null;
  const name = user?.name ?? "một người khác";
  const what = who.source && who.source !== "editor" ? "thay bằng bản nhập từ tệp" : "lưu";
  return `Bản làm việc vừa được ${name} ${what} lúc ${whenSaid(who.updatedAt, now)}.`;
}

/** The autosave: `db` reads (names, for a conflict), `sql` writes the document (working-copy.server.ts). */
export async function saveFromEditor(
  db: Db,
  sql: SqlDriver,
  input: { consultationId: string; form: FormData; actorId: string },
  now: Date = new Date(),
): Promise<{ httpStatus: number; answer: SaveAnswer }> {
  const fields = saveForm.safeParse({
    versionId: input.form.get("versionId"),
    baseRevision: input.form.get("baseRevision"),
    document: input.form.get("document"),
  });
  if (!fields.success) {
    const tooLarge = fields.error.issues.some((issue) => issue.path[0] === "document" && issue.code === "too_big");
    return tooLarge
      ? { httpStatus: 413, answer: { status: "invalid", message: `Văn bản quá lớn (tối đa ${MAX_DOCUMENT_BYTES / 1024 / 1024} MB).` } }
      : { httpStatus: 400, answer: { status: "invalid", message: "Yêu cầu lưu thiếu thông tin (bản làm việc, lần lưu hoặc nội dung). Hãy tải lại trang." } };
  }
  const checked = checkDocumentJson(fields.data.document);
  if (!checked.ok) return { httpStatus: 400, answer: { status: "invalid", message: `Chưa lưu được: ${checked.message}` } };

  const result = await saveWorkingCopy(
    sql,
    {
      versionId: fields.data.versionId,
      baseRevision: fields.data.baseRevision,
      content: checked.doc,
      actorId: input.actorId,
      consultationId: input.consultationId,
    },
    now,
  );
  if (result.status === "saved") {
    return { httpStatus: 200, answer: { status: "saved", revision: result.revision, message: `Đã lưu lúc ${formatTime(result.updatedAt)}` } };
  }
  if (result.status === "missing") {
    return {
      httpStatus: 409,
      answer: { status: "missing", message: `Bản làm việc này không còn để lưu: nó vừa được công bố hoặc thay bằng bản khác. ${RELOAD}` },
    };
  }
  const source = await db.documentVersion.findUnique({ where: { id: fields.data.versionId }, select: { source: true } });
  return {
    httpStatus: 409,
    answer: { status: "conflict", revision: result.revision, message: `${await conflictMessage(db, { ...result, source: source?.source }, now)} ${RELOAD}` },
  };
}
