import { randomUUID } from "node:crypto";
import { announce } from "@search/outbox/outbox.server.ts";
import { appendAudit } from "~/audit/audit.server.ts";
import { setCommentAnswer, type AnsweredComment } from "~/comments/comment-store.server.ts";
import { config } from "~/platform/config.server.ts";
import type { Db } from "~/platform/db.server.ts";
import { formatCount } from "~/platform/format.ts";
import { fieldErrorsOf, type FieldErrors } from "~/platform/forms.ts";
import { invalidatePages } from "~/platform/page-cache.server.ts";
import { enumCast, inList, type SqlDriver, type SqlTx } from "~/platform/sql.server.ts";
import type { QueueConfig } from "~/notifications/outbox.server.ts";
import type { Permission } from "~/staff/permissions.ts";
import { answerInputSchema, correctionSchema, type AnswerInput, type AnswerTarget, type AnswerText } from "./answer-input.ts";
import { DISPOSITION_LABELS } from "./dispositions.ts";
import { queueAnswerEmails } from "./notify.server.ts";
import { themeCommentIds } from "./themes.server.ts";

// Recording and correcting the drafting team's answers (tiếp thu, giải trình). An opinion has at most
// one answer (Comment.answerId); answering it again moves it, only when the person confirms. Everything
// an answer changes commits together in one transaction on the driver (ADR 039): the Answer row (this
// module is its one writer), the opinions' answerId (comment-store.server.ts), the recount of answers
// that lost opinions, the audit row, the search outbox and the authors' emails.

export interface AnswerActor {
  id: string;
  permissions: ReadonlySet<Permission>;
}

export type AnswerResult =
  | { ok: true; answerId: string; answered: number; skipped: number; moved: number; message: string }
  | { ok: false; message: string; fieldErrors: FieldErrors; answeredElsewhere?: number };

export interface AnswerOptions {
  now?: Date;
  /** Where emails are queued from; default config().mail (null: SMTP not configured, nothing queued). */
  mail?: QueueConfig;
}

const NOT_ALLOWED = "Bạn không có quyền trả lời ý kiến (cần quyền tiếp thu, giải trình).";

/** A refusal found inside the transaction: it rolls back, and the person reads the message. */
class Refusal extends Error {
  constructor(
    message: string,
    readonly field = "form",
    readonly answeredElsewhere?: number,
  ) {
    super(message);
  }
}

const refused = (error: Refusal): AnswerResult => ({
  ok: false,
  message: error.message,
  fieldErrors: { [error.field]: error.message },
  ...(error.answeredElsewhere ? { answeredElsewhere: error.answeredElsewhere } : {}),
});

const invalid = (fieldErrors: FieldErrors): AnswerResult => ({
  ok: false,
  message: "Chưa ghi được câu trả lời: hãy xem lại các mục được đánh dấu.",
  fieldErrors,
});

/** Records one answer for one opinion, a selection, a near-duplicate group or a theme. */
export async function recordAnswer(db: Db, sql: SqlDriver, actor: AnswerActor, input: unknown, options: AnswerOptions = {}): Promise<AnswerResult> {
  if (!actor.permissions.has("answers.manage")) return { ok: false, message: NOT_ALLOWED, fieldErrors: { form: NOT_ALLOWED } };
  const parsed = answerInputSchema.safeParse(input);
  if (!parsed.success) return invalid(fieldErrorsOf(parsed.error));
  const answer = parsed.data;
  const now = options.now ?? new Date();
  const mail = options.mail === undefined ? config().mail : options.mail;
  try {
    const consultation = await db.consultation.findUnique({ where: { id: answer.consultationId }, select: { id: true, slug: true, title: true } });
    if (!consultation) throw new Refusal("Không tìm thấy dự thảo này.");
    await checkBlocks(db, consultation.id, answer);
    const target = await resolveTarget(db, sql, answer);
    const answerId = randomUUID();
    const outcome = await sql.transaction(async (tx) => {
      const seen = await coverage(tx, answer, target);
      if (seen.approved === 0) {
        throw new Refusal(
          seen.skipped
            ? `Không có ý kiến nào để trả lời: ${formatCount(seen.skipped)} ý kiến chưa được duyệt đăng hoặc không được đăng; chỉ trả lời ý kiến đã đăng.`
            : "Không có ý kiến đã đăng nào để trả lời.",
        );
      }
      if (seen.elsewhere > 0 && !answer.replace) {
        throw new Refusal(
          `${formatCount(seen.elsewhere)} ý kiến đã có câu trả lời khác. Hãy đánh dấu «Thay câu trả lời cũ» để chuyển các ý kiến này sang câu trả lời mới, hoặc bỏ chọn chúng.`,
          "replace",
          seen.elsewhere,
        );
      }
      await tx.run(
        `INSERT INTO "Answer" ("id", "consultationId", "disposition", "explanation", "scope", "groupId", "theme", "versionId", "blockKeys", "sectionKey",
           "commentCount", "revision", "createdById", "updatedById", "createdAt", "updatedAt")
         VALUES (?, ?, ${enumCast(tx, "Disposition")}, ?, ${enumCast(tx, "AnswerScope")}, ?, ?, ?, ?, NULL, 0, 1, ?, ?, ?, ?)`,
        [
          answerId,
          consultation.id,
          answer.disposition,
          answer.explanation,
          answer.target.scope,
          answer.target.scope === "GROUP" ? answer.target.groupId : null,
          answer.target.scope === "THEME" ? answer.target.phrase : null,
          answer.versionId,
          JSON.stringify(answer.blockKeys),
          actor.id,
          actor.id,
          now,
          now,
        ],
      );
      const answered = await setCommentAnswer(tx, target, { consultationId: consultation.id, answerId, replace: answer.replace }, now);
      const sections = new Set(answered.map((c) => c.sectionKey));
      const sectionKey = sections.size === 1 ? [...sections][0]! : null;
      await tx.run(`UPDATE "Answer" SET "commentCount" = ?, "sectionKey" = ? WHERE "id" = ?`, [answered.length, sectionKey, answerId]);
      const previous = [...seen.previous.keys()];
      if (previous.length) await recount(tx, previous, now);
      const moved = seen.elsewhere;
      await appendAudit(
        tx,
        {
          action: "answer",
          actorId: actor.id,
          groupId: answer.target.scope === "GROUP" ? answer.target.groupId : null,
          commentId: answer.target.scope === "COMMENT" ? answer.target.commentId : null,
          subject: `answer:${answerId}`,
          after: answer.explanation,
          note: `${DISPOSITION_LABELS[answer.disposition]}; ${formatCount(answered.length)} ý kiến${moved ? `; chuyển ${formatCount(moved)} ý kiến từ câu trả lời cũ` : ""}`,
        },
        now,
      );
      await announce(tx, "answer", [answerId, ...previous], now);
      await queueAnswerEmails(tx, answered, { consultation, disposition: answer.disposition, explanation: answer.explanation, corrected: false }, mail, now);
      return { answered: answered.length, moved, skipped: seen.skipped };
    });
    invalidatePages();
    const message =
      `Đã ghi câu trả lời «${DISPOSITION_LABELS[answer.disposition]}» cho ${formatCount(outcome.answered)} ý kiến.` +
      (outcome.moved ? ` ${formatCount(outcome.moved)} ý kiến được chuyển từ câu trả lời cũ.` : "") +
      (outcome.skipped ? ` Bỏ qua ${formatCount(outcome.skipped)} ý kiến chưa được đăng.` : "");
    return { ok: true, answerId, ...outcome, message };
  } catch (error) {
    if (error instanceof Refusal) return refused(error);
    throw error;
  }
}

/** Corrects an answer's disposition, explanation or blocks; the earlier text is kept (AnswerRevision). */
export async function correctAnswer(
  db: Db,
  sql: SqlDriver,
  actor: AnswerActor,
  answerId: string,
  input: unknown,
  options: AnswerOptions = {},
): Promise<AnswerResult> {
  if (!actor.permissions.has("answers.manage")) return { ok: false, message: NOT_ALLOWED, fieldErrors: { form: NOT_ALLOWED } };
  const parsed = correctionSchema.safeParse(input);
  if (!parsed.success) return invalid(fieldErrorsOf(parsed.error));
  const next = parsed.data;
  const now = options.now ?? new Date();
  const mail = options.mail === undefined ? config().mail : options.mail;
  try {
    const current = await db.answer.findUnique({ where: { id: answerId }, include: { consultation: { select: { id: true, slug: true, title: true } } } });
    if (!current) throw new Refusal("Không tìm thấy câu trả lời này.");
    await checkBlocks(db, current.consultationId, next);
    if (current.revision !== next.revision) throw new Refusal(STALE);
    await sql.transaction(async (tx) => {
      // The revision named by the form, or nobody's: someone corrected in between and this form did not see it.
      const changed = await tx.run(
        `UPDATE "Answer" SET "disposition" = ${enumCast(tx, "Disposition")}, "explanation" = ?, "versionId" = ?, "blockKeys" = ?, "revision" = "revision" + 1,
           "updatedById" = ?, "updatedAt" = ?
         WHERE "id" = ? AND "revision" = ?`,
        [next.disposition, next.explanation, next.versionId, JSON.stringify(next.blockKeys), actor.id, now, answerId, next.revision],
      );
      if (changed !== 1) throw new Refusal(STALE);
      await tx.run(
        `INSERT INTO "AnswerRevision" ("id", "answerId", "revision", "disposition", "explanation", "versionId", "blockKeys", "editedById", "createdAt")
         VALUES (?, ?, ?, ${enumCast(tx, "Disposition")}, ?, ?, ?, ?, ?)`,
        [randomUUID(), answerId, current.revision, current.disposition, current.explanation, current.versionId, current.blockKeys, actor.id, now],
      );
      await appendAudit(
        tx,
        {
          action: "answer-correct",
          actorId: actor.id,
          subject: `answer:${answerId}`,
          before: `${DISPOSITION_LABELS[current.disposition]}: ${current.explanation}`,
          after: `${DISPOSITION_LABELS[next.disposition]}: ${next.explanation}`,
          note: `Lần sửa ${current.revision}; ${formatCount(current.commentCount)} ý kiến`,
        },
        now,
      );
      await announce(tx, "answer", answerId, now);
      const covered = await tx.all<AnsweredComment>(
        `SELECT "id", "sectionKey", "authorName", "authorEmail", "mayContact", "receiptToken", "originalText" FROM "Comment" WHERE "answerId" = ?`,
        [answerId],
      );
      await queueAnswerEmails(
        tx,
        covered.map((c) => ({ ...c, mayContact: Boolean(c.mayContact) })),
        { consultation: current.consultation, disposition: next.disposition, explanation: next.explanation, corrected: true },
        mail,
        now,
      );
    });
    invalidatePages();
    return { ok: true, answerId, answered: current.commentCount, skipped: 0, moved: 0, message: "Đã sửa câu trả lời; nội dung cũ được lưu trong lịch sử." };
  } catch (error) {
    if (error instanceof Refusal) return refused(error);
    throw error;
  }
}

const STALE = "Câu trả lời này vừa được người khác sửa. Hãy tải lại trang để xem bản mới rồi sửa lại; nội dung bạn gõ vẫn ở dưới.";

/** The version must be a published version of the same consultation, and every block key one of its blocks. */
async function checkBlocks(db: Db, consultationId: string, text: Pick<AnswerText, "versionId" | "blockKeys">): Promise<void> {
  if (!text.versionId) return;
  const version = await db.documentVersion.findUnique({ where: { id: text.versionId }, select: { consultationId: true, status: true, number: true } });
  if (!version || version.consultationId !== consultationId || version.status !== "PUBLISHED") {
    throw new Refusal("Phiên bản đã chọn không phải là một phiên bản đã công bố của dự thảo này.", "versionId");
  }
  if (!text.blockKeys.length) return;
  const found = await db.block.count({ where: { versionId: text.versionId, key: { in: text.blockKeys } } });
  const missing = text.blockKeys.length - found;
  if (missing > 0) throw new Refusal(`${formatCount(missing)} đoạn đã chọn không có trong phiên bản số ${version.number}.`, "blockKeys");
}

/** The opinions a target names, as comment-store's setCommentAnswer takes them. */
async function resolveTarget(db: Db, sql: SqlDriver, answer: AnswerInput): Promise<{ ids: string[] } | { groupId: string }> {
  const target: AnswerTarget = answer.target;
  if (target.scope === "COMMENT") return { ids: [target.commentId] };
  if (target.scope === "SELECTION") return { ids: target.commentIds };
  if (target.scope === "GROUP") {
    const group = await db.duplicateGroup.findUnique({ where: { id: target.groupId }, select: { consultationId: true } });
    if (!group) throw new Refusal("Không tìm thấy nhóm ý kiến này.");
    if (group.consultationId !== answer.consultationId) throw new Refusal("Nhóm ý kiến này thuộc dự thảo khác; không ghi gì.");
    return { groupId: target.groupId };
  }
  const ids = await themeCommentIds(sql, answer.consultationId, target.sectionKey, target.phrase);
  if (!ids.length) throw new Refusal("Không có ý kiến đã đăng nào thuộc chủ đề này.");
  return { ids };
}

/** What the target holds, read inside the transaction: approved opinions, those already answered (by answer), the others. */
async function coverage(tx: SqlTx, answer: AnswerInput, target: { ids: string[] } | { groupId: string }) {
  const previous = new Map<string, number>();
  let approved = 0;
  let skipped = 0;
  const count = (row: { status: string; answerId: string | null; n: number | string }) => {
    const n = Number(row.n);
    if (row.status !== "APPROVED") {
      if (row.status !== "DELETED") skipped += n;
      return;
    }
    approved += n;
    if (row.answerId) previous.set(row.answerId, (previous.get(row.answerId) ?? 0) + n);
  };
  if ("groupId" in target) {
    const rows = await tx.all<{ status: string; answerId: string | null; n: number | string }>(
      `SELECT "status", "answerId", COUNT(*) AS "n" FROM "Comment" WHERE "groupId" = ? GROUP BY "status", "answerId"`,
      [target.groupId],
    );
    rows.forEach(count);
  } else {
    const which = inList(tx, `"id"`, target.ids);
    const rows = await tx.all<{ consultationId: string; status: string; answerId: string | null; n: number | string }>(
      `SELECT "consultationId", "status", "answerId", COUNT(*) AS "n" FROM "Comment" WHERE ${which.sql} GROUP BY "consultationId", "status", "answerId"`,
      [which.param],
    );
    if (rows.some((r) => r.consultationId !== answer.consultationId)) throw new Refusal("Có ý kiến thuộc dự thảo khác; không ghi gì.");
    const found = rows.reduce((sum, r) => sum + Number(r.n), 0);
    if (found < target.ids.length) throw new Refusal(`Không tìm thấy ${formatCount(target.ids.length - found)} ý kiến đã chọn; không ghi gì.`);
    rows.forEach(count);
  }
  const elsewhere = [...previous.values()].reduce((a, b) => a + b, 0);
  return { approved, skipped, elsewhere, previous };
}

/** Answers that lost opinions to a new one: their count again, from the opinions that still point to them. */
async function recount(tx: SqlTx, answerIds: string[], now: Date): Promise<void> {
  const which = inList(tx, `"id"`, answerIds);
  await tx.run(
    `UPDATE "Answer" SET "commentCount" = (SELECT COUNT(*) FROM "Comment" c WHERE c."answerId" = "Answer"."id"), "updatedAt" = ? WHERE ${which.sql}`,
    [now, which.param],
  );
}
