import type { JSONContent } from "@tiptap/core";
import { z } from "zod";
import type { Db } from "~/platform/db.server.ts";
import { formatDateTime } from "~/platform/format.ts";
import { renderDocumentHtml } from "../document/blocks.ts";
import { publicStatus, STATUS_LABEL } from "../status.ts";
import { consultationPath } from "../urls.ts";
import { getWorkingCopy, publishWorkingCopy, startWorkingCopy, type PublishResult } from "../working-copy.server.ts";
import { conflictMessage } from "./save.server.ts";

// What the editor page shows: the consultation, its working copy (as JSON for the editor and as HTML
// to read without JavaScript) and the version readers see now.

const SOURCE_LABEL: Record<string, string> = {
  docx: "nhập từ tệp Word (.docx)",
  markdown: "nhập từ tệp Markdown",
  text: "nhập từ tệp văn bản",
  editor: "sửa trong trình soạn thảo",
  seed: "dữ liệu mẫu",
};

export async function editorPage(db: Db, consultationId: string, now = new Date()) {
  const consultation = await db.consultation.findUnique({
    where: { id: consultationId },
    select: {
      id: true,
      slug: true,
      title: true,
      status: true,
      opensAt: true,
      closesAt: true,
      publishedVersion: { select: { number: true, publishedAt: true, _count: { select: { blocks: true } } } },
    },
  });
  if (!consultation) return null;
  const copy = await getWorkingCopy(db, consultationId);
  const editorName = copy?.updatedById ? (await db.user.findUnique({ where: { id: copy.updatedById }, select: { name: true } }))?.name : null;
  const published = consultation.publishedVersion;
  const status = publicStatus(consultation, now);
  return {
    consultation: {
      id: consultation.id,
      title: consultation.title,
      status: STATUS_LABEL[status],
      publicPath: status === "draft" ? null : consultationPath(consultation.slug),
    },
    published: published ? { number: published.number, publishedAt: formatDateTime(published.publishedAt), blocks: published._count.blocks } : null,
    workingCopy: copy
      ? {
          versionId: copy.id,
          number: copy.number,
          title: copy.title,
          revision: copy.revision,
          contentJson: JSON.stringify(copy.content),
          readOnlyHtml: renderDocumentHtml(copy.content as JSONContent),
          /** An imported revision: publishing asks to confirm its matches were reviewed (ADR 037). */
          needsReview: copy.matchReport != null,
          revises: copy.basedOnId !== null,
          lastSaved: `Lưu lần cuối lúc ${formatDateTime(copy.updatedAt)}${editorName ? ` bởi ${editorName}` : ""} (${SOURCE_LABEL[copy.source] ?? copy.source}).`,
        }
      : null,
  };
}

const actionForm = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("bat-dau"), tu: z.enum(["ban-cong-bo", "trong"]) }),
  z.object({
    intent: z.literal("cong-bo"),
    versionId: z.string().min(1).max(64),
    baseRevision: z.coerce.number().int().min(0).max(2_000_000_000),
    daXemDoiChieu: z.literal("on").optional(),
  }),
]);

export type EditorActionResult = { ok: true; redirectTo: string } | { ok: false; httpStatus: number; message: string };

/** The page's two forms: start a working copy (from the published version or empty), publish it. */
export async function editorAction(
  db: Db,
  input: { consultationId: string; form: FormData; actorId: string; path: string },
  now = new Date(),
): Promise<EditorActionResult> {
  const parsed = actionForm.safeParse(Object.fromEntries([...input.form].filter(([, value]) => typeof value === "string")));
  if (!parsed.success) return { ok: false, httpStatus: 400, message: "Yêu cầu không rõ: hãy dùng các nút trên trang." };
  const form = parsed.data;
  if (form.intent === "bat-dau") {
    const result = await startWorkingCopy(
      db,
      { consultationId: input.consultationId, from: form.tu === "ban-cong-bo" ? "published" : "empty", actorId: input.actorId },
      now,
    );
    if (result.status === "missing") return { ok: false, httpStatus: 404, message: "Đợt lấy ý kiến này chưa có bản nào đang công bố để chép." };
    // "conflict": someone created it first; the page shows theirs.
    return { ok: true, redirectTo: `${input.path}?xong=${result.status === "saved" ? "bat-dau" : "da-co"}` };
  }
  const result = await publishWorkingCopy(
    db,
    {
      versionId: form.versionId,
      baseRevision: form.baseRevision,
      actorId: input.actorId,
      consultationId: input.consultationId,
      reviewConfirmed: form.daXemDoiChieu === "on",
    },
    now,
  );
  return publishOutcome(db, result, input.path, now);
}

/** What a publish attempt answers, for the editor page and the review page alike. */
export async function publishOutcome(db: Db, result: PublishResult, path: string, now = new Date()): Promise<EditorActionResult> {
  switch (result.status) {
    case "published":
      return { ok: true, redirectTo: `${path}?xong=cong-bo&phien-ban=${result.number}` };
    case "stale":
      return {
        ok: false,
        httpStatus: 409,
        message:
          `Chưa công bố: đã có bản mới hơn được công bố${result.publishedNumber ? ` (phiên bản ${result.publishedNumber})` : ""} sau khi bản làm việc này được tạo. ` +
          "Bản làm việc này sửa từ một phiên bản cũ; hãy tạo bản làm việc mới từ bản đang công bố (hoặc nhập lại tệp) rồi công bố.",
      };
    case "unreviewed":
      return {
        ok: false,
        httpStatus: 400,
        message:
          "Chưa công bố: bản này được nhập từ tệp và đối chiếu với bản đang công bố. Hãy xem lại trang đối chiếu rồi đánh dấu «Tôi đã xem lại đối chiếu».",
      };
    case "missing":
      return { ok: false, httpStatus: 409, message: "Không còn bản làm việc này để công bố: có thể nó vừa được công bố. Hãy tải lại trang." };
    case "invalid":
      return { ok: false, httpStatus: 400, message: `Chưa công bố được: ${result.message}` };
    case "conflict":
      return {
        ok: false,
        httpStatus: 409,
        message: `Chưa công bố: ${await conflictMessage(db, result, now)} Hãy tải lại trang, đọc lại bản mới rồi công bố.`,
      };
  }
}
