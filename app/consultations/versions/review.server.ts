import type { JSONContent } from "@tiptap/core";
import { z } from "zod";
import type { Db } from "~/platform/db.server.ts";
import { formatDateTime } from "~/platform/format.ts";
import { wordDiff, type DiffSegment } from "~/text/word-diff.ts";
import { documentToBlocks } from "../document/blocks.ts";
import { blockChanges, changesLine, type BlockChanges } from "../document/changes.ts";
import { getWorkingCopy, publishWorkingCopy, saveMatchCorrection, type PublishResult } from "../working-copy.server.ts";
import { applyCorrection, isStoredMatchReport, type StoredMatch, type StoredMethod } from "./revision.server.ts";

// The review page of a revision (/quan-tri/du-thao/:id/doi-chieu): the working copy against the
// published version it revises, block by block by key — kept, changed (with the word diff), new,
// removed — each with its comments and, for an import, how it was matched; the team detaches a
// wrong match or attaches a new block to a removed one, and publishes from here (ADR 037).

export const reviewPath = (consultationId: string) => `/quan-tri/du-thao/${consultationId}/doi-chieu`;

export type ReviewStatus = "kept" | "changed" | "new" | "removed";

export interface ReviewItem {
  key: string;
  status: ReviewStatus;
  label: string;
  text: string;
  /** Changed blocks: old → new, syllable by syllable. */
  diff: DiffSegment[] | null;
  comments: number;
  method: StoredMethod | null;
  score: number | null;
}

export const METHOD_LABELS: Record<StoredMethod, string> = {
  exact: "cùng nội dung",
  similar: "nội dung gần giống",
  outline: "cùng vị trí trong bố cục",
  new: "không tìm thấy đoạn tương ứng",
  manual: "do người rà soát chỉnh",
};

export interface ReviewPage {
  consultation: { id: string; title: string };
  copy: { versionId: string; number: number; revision: number; updatedAt: string; imported: boolean } | null;
  basedOn: { id: string; number: number; current: boolean } | null;
  items: ReviewItem[];
  removed: ReviewItem[];
  counts: { kept: number; changed: number; new: number; removed: number };
  commentsOnRemoved: number;
  summary: string;
}

/** Comments per block key of a consultation, every status but DELETED (a count, no row read). */
export async function commentsPerBlock(db: Db, consultationId: string): Promise<Map<string, number>> {
  const groups = await db.comment.groupBy({
    by: ["blockKey"],
    where: { consultationId, status: { not: "DELETED" }, blockKey: { not: null } },
    _count: { _all: true },
  });
  return new Map(groups.map((g) => [g.blockKey!, g._count._all]));
}

export async function loadReview(db: Db, consultationId: string): Promise<ReviewPage | null> {
  const consultation = await db.consultation.findUnique({ where: { id: consultationId }, select: { id: true, title: true, publishedVersionId: true } });
  if (!consultation) return null;
  const copy = await getWorkingCopy(db, consultationId);
  const empty: ReviewPage = {
    consultation: { id: consultation.id, title: consultation.title },
    copy: null,
    basedOn: null,
    items: [],
    removed: [],
    counts: { kept: 0, changed: 0, new: 0, removed: 0 },
    commentsOnRemoved: 0,
    summary: "",
  };
  if (!copy) return empty;
  const copySummary = {
    versionId: copy.id,
    number: copy.number,
    revision: copy.revision,
    updatedAt: formatDateTime(copy.updatedAt),
    imported: copy.matchReport != null,
  };
  const basedOnId = copy.basedOnId;
  if (!basedOnId) return { ...empty, copy: copySummary };
  const [basedOn, oldBlocks, comments] = await Promise.all([
    db.documentVersion.findUniqueOrThrow({ where: { id: basedOnId }, select: { id: true, number: true } }),
    db.block.findMany({ where: { versionId: basedOnId }, orderBy: { position: "asc" }, select: { key: true, label: true, text: true } }),
    commentsPerBlock(db, consultationId),
  ]);
  const rows = documentToBlocks(copy.content as JSONContent, { html: false });
  const changes = blockChanges(oldBlocks, rows);
  const status = statusOf(changes);
  const old = new Map(oldBlocks.map((b) => [b.key, b]));
  const matches = new Map<string, StoredMatch>(isStoredMatchReport(copy.matchReport) ? copy.matchReport.blocks.map((b) => [b.key, b]) : []);
  const items = rows.map((row): ReviewItem => {
    const s = status.get(row.key)!;
    const match = matches.get(row.key);
    return {
      key: row.key,
      status: s,
      label: row.label,
      text: row.text,
      diff: s === "changed" ? wordDiff(old.get(row.key)!.text, row.text) : null,
      comments: comments.get(row.key) ?? 0,
      method: match?.method ?? null,
      score: match?.score ?? null,
    };
  });
  const removed = changes.removed.map((key): ReviewItem => {
    const block = old.get(key)!;
    return { key, status: "removed", label: block.label, text: block.text, diff: null, comments: comments.get(key) ?? 0, method: null, score: null };
  });
  const commentsOnRemoved = removed.reduce((sum, item) => sum + item.comments, 0);
  return {
    consultation: { id: consultation.id, title: consultation.title },
    copy: copySummary,
    basedOn: { id: basedOn.id, number: basedOn.number, current: consultation.publishedVersionId === basedOn.id },
    items,
    removed,
    counts: { kept: changes.kept.length, changed: changes.changed.length, new: changes.added.length, removed: changes.removed.length },
    commentsOnRemoved,
    summary:
      changesLine(changes) +
      (commentsOnRemoved > 0 ? ` — ${commentsOnRemoved.toLocaleString("vi-VN")} ý kiến trên các đoạn bị bỏ sẽ ở lại bản số ${basedOn.number}` : ""),
  };
}

function statusOf(changes: BlockChanges): Map<string, ReviewStatus> {
  const status = new Map<string, ReviewStatus>();
  for (const key of changes.kept) status.set(key, "kept");
  for (const key of changes.changed) status.set(key, "changed");
  for (const key of changes.added) status.set(key, "new");
  return status;
}

const KEY = z.string().min(1).max(100);
const REVISION = z.coerce.number().int().min(0).max(2_000_000_000);
const reviewForm = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("tach"), versionId: KEY, baseRevision: REVISION, key: KEY }),
  z.object({ intent: z.literal("gan"), versionId: KEY, baseRevision: REVISION, key: KEY, oldKey: KEY }),
  z.object({ intent: z.literal("cong-bo"), versionId: KEY, baseRevision: REVISION }),
]);

export type ReviewActionResult =
  { ok: true; redirectTo: string } | { ok: false; httpStatus: number; message: string } | { ok: "publish"; result: PublishResult };

/** The page's forms: detach a block, attach a new block to a removed one, publish (the review confirmed). */
export async function reviewAction(db: Db, input: { consultationId: string; form: FormData; actorId: string }, now = new Date()): Promise<ReviewActionResult> {
  const fields = Object.fromEntries([...input.form].filter(([, value]) => typeof value === "string").map(([k, v]) => [k, (v as string).normalize("NFC")]));
  const parsed = reviewForm.safeParse(fields);
  if (!parsed.success) return { ok: false, httpStatus: 400, message: "Yêu cầu không rõ: hãy dùng các nút trên trang." };
  const form = parsed.data;
  if (form.intent === "cong-bo") {
    const result = await publishWorkingCopy(
      db,
      { versionId: form.versionId, baseRevision: form.baseRevision, actorId: input.actorId, consultationId: input.consultationId, reviewConfirmed: true },
      now,
    );
    return { ok: "publish", result };
  }
  const copy = await getWorkingCopy(db, input.consultationId);
  if (!copy || copy.id !== form.versionId || !copy.basedOnId) {
    return { ok: false, httpStatus: 409, message: "Không còn bản làm việc này: có thể nó vừa được công bố hoặc thay. Hãy tải lại trang." };
  }
  if (copy.revision !== form.baseRevision) return stale();
  const oldKeys = new Set((await db.block.findMany({ where: { versionId: copy.basedOnId }, select: { key: true } })).map((b) => b.key));
  const copyKeys = new Set(documentToBlocks(copy.content as JSONContent, { html: false }).map((row) => row.key));
  const report = isStoredMatchReport(copy.matchReport) ? copy.matchReport : { basedOnId: copy.basedOnId, blocks: [], removed: [] };
  const corrected = applyCorrection(
    copy.content as JSONContent,
    report,
    form.intent === "tach" ? { kind: "detach", key: form.key } : { kind: "attach", key: form.key, oldKey: form.oldKey },
    { copyKeys, oldKeys },
  );
  if ("error" in corrected) return { ok: false, httpStatus: 409, message: `Chưa sửa được: ${corrected.error}` };
  const saved = await saveMatchCorrection(
    db,
    {
      versionId: copy.id,
      consultationId: input.consultationId,
      baseRevision: form.baseRevision,
      content: corrected.content,
      matchReport: corrected.report,
      actorId: input.actorId,
      note: corrected.note,
    },
    now,
  );
  if (saved.status === "saved") return { ok: true, redirectTo: `${reviewPath(input.consultationId)}?xong=${form.intent}` };
  return stale();
}

function stale(): ReviewActionResult {
  return {
    ok: false,
    httpStatus: 409,
    message: "Chưa sửa được: bản làm việc vừa được lưu lại sau khi trang này được mở, nên đối chiếu đã khác. Hãy tải lại trang rồi sửa lại.",
  };
}
