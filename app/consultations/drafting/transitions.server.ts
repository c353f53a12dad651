import { announce } from "@search/outbox/outbox.server.ts";
import { appendAudit } from "~/audit/audit.server.ts";
import type { Prisma } from "~/generated/sqlite/client.ts";
import type { Db } from "~/platform/db.server.ts";
import { formatDateTime } from "~/platform/format.ts";
import type { StoredStatus } from "../status.ts";
import { consultationSubject } from "./consultations.server.ts";
import { forgetPublicState } from "./public-state.server.ts";
import { closeProblem, extendProblem, openProblem, reasonProblem, scheduledStatus, scheduleProblem, type Snapshot } from "./rules.ts";

// Changes of state (ADR 034). Each is ONE conditional write: the row changes only while its status and
// revision are still those just read, so two people (or a person and the background job, or two app
// processes) racing for the same change cannot both apply it; the loser is told what happened. The audit
// row commits with the change. Leaving DRAFT makes the published version searchable (its outbox row).

export type TransitionResult = { ok: true; status: StoredStatus } | { ok: false; message: string; field?: "reason" | "until" } | { ok: false; missing: true };

type Actor = { id: string } | null;

const SNAPSHOT = {
  id: true,
  slug: true,
  title: true,
  status: true,
  opensAt: true,
  closesAt: true,
  publishedVersionId: true,
  firstPublicAt: true,
  revision: true,
} as const;
type Row = Snapshot & { id: string; slug: string; title: string; revision: number };

type Decision =
  | { problem: string; field?: "reason" | "until" }
  | {
      status: StoredStatus;
      data: Prisma.ConsultationUpdateManyMutationInput;
      audit: { action: string; before?: string; after?: string; note?: string }[];
    };

const RACED =
  "Đợt lấy ý kiến vừa được thay đổi cùng lúc (bởi người khác hoặc theo lịch), nên thao tác của bạn chưa được thực hiện. Hãy xem trạng thái mới bên dưới rồi thử lại nếu vẫn cần.";

const period = (c: { opensAt: Date | null; closesAt: Date | null }) => `từ ${formatDateTime(c.opensAt)} đến ${formatDateTime(c.closesAt)}`;
const state = (status: StoredStatus, closesAt: Date | null) => JSON.stringify({ status, closesAt: closesAt?.toISOString() ?? null });

async function transition(db: Db, id: string, actor: Actor, now: Date, decide: (row: Row) => Decision): Promise<TransitionResult> {
  // Read and decided outside the transaction: the write below applies only to the row as read (its
  // status and revision), and a transaction that starts with its write takes SQLite's lock at once.
  const row = (await db.consultation.findUnique({ where: { id }, select: SNAPSHOT })) as Row | null;
  if (!row) return { ok: false, missing: true };
  const decision = decide(row);
  if ("problem" in decision) return { ok: false, message: decision.problem, field: decision.field };
  const result = await db.$transaction(async (tx): Promise<TransitionResult> => {
    const { count } = await tx.consultation.updateMany({
      where: { id, status: row.status, revision: row.revision },
      data: { ...decision.data, status: decision.status, revision: { increment: 1 } },
    });
    if (count !== 1) return { ok: false, message: RACED };
    await appendAudit(
      tx,
      decision.audit.map((a) => ({ ...a, actorId: actor?.id ?? null, subject: consultationSubject(id) })),
      now,
    );
    // Search leaves DRAFT consultations out; from now on it must hold this one's published version.
    if (row.status === "DRAFT" && row.publishedVersionId) await announce(tx, "version", row.publishedVersionId, now);
    return { ok: true, status: decision.status };
  });
  if (result.ok) forgetPublicState(db);
  return result;
}

/** «Lên lịch»: DRAFT → SCHEDULED, or straight to OPEN when the opening time has come. The slug is frozen from now on. */
export function scheduleConsultation(db: Db, actor: Actor, id: string, now = new Date()) {
  return transition(db, id, actor, now, (row) => {
    const problem = scheduleProblem(row, now);
    if (problem) return { problem };
    const status = scheduledStatus(row, now);
    const audit = [{ action: "draft-schedule", before: "DRAFT", after: "SCHEDULED", note: `Lấy ý kiến ${period(row)}` }];
    if (status === "OPEN") audit.push({ action: "draft-open", before: "SCHEDULED", after: "OPEN", note: "Mở ngay khi lên lịch vì thời điểm bắt đầu đã đến" });
    return { status, data: { firstPublicAt: row.firstPublicAt ?? now }, audit };
  });
}

/** «Mở ngay»: a draft or a scheduled consultation opens now (its opening time becomes now). */
export function openConsultationNow(db: Db, actor: Actor, id: string, now = new Date()) {
  return transition(db, id, actor, now, (row) => {
    const problem = openProblem(row, now);
    if (problem) return { problem };
    const planned = row.opensAt ? ` (dự kiến trước đó: ${formatDateTime(row.opensAt)})` : "";
    return {
      status: "OPEN",
      data: { opensAt: now, firstPublicAt: row.firstPublicAt ?? now },
      audit: [{ action: "draft-open", before: row.status, after: "OPEN", note: `Mở ngay${planned}; kết thúc ${formatDateTime(row.closesAt)}` }],
    };
  });
}

/** «Kết thúc sớm»: an open consultation closes now; the reason goes to the audit log. */
export function closeConsultationEarly(db: Db, actor: Actor, id: string, reason: string, now = new Date()) {
  return transition(db, id, actor, now, (row) => {
    const problem = closeProblem(row, now);
    if (problem) return { problem };
    const bad = reasonProblem(reason);
    if (bad) return { problem: bad, field: "reason" };
    return {
      status: "CLOSED",
      data: { closesAt: now },
      audit: [{ action: "draft-close", before: state(row.status, row.closesAt), after: state("CLOSED", now), note: reason }],
    };
  });
}

/**
 * «Gia hạn»: the closing moves to `until` (after now and after the current closing); a closed consultation
 * opens again. The reason goes to the audit log.
 */
export function extendConsultation(db: Db, actor: Actor, id: string, until: Date, reason: string, now = new Date()) {
  return transition(db, id, actor, now, (row) => {
    const problem = extendProblem(row, until, now);
    if (problem) return { problem, field: problem.startsWith("Thời điểm") ? "until" : undefined };
    const bad = reasonProblem(reason);
    if (bad) return { problem: bad, field: "reason" };
    const reopened = row.status === "CLOSED" || (row.closesAt !== null && row.closesAt <= now);
    return {
      status: "OPEN",
      data: { closesAt: until },
      audit: [
        {
          action: "draft-extend",
          before: state(row.status, row.closesAt),
          after: state("OPEN", until),
          note: reopened ? `${reason} (mở lại sau khi đã kết thúc)` : reason,
        },
      ],
    };
  });
}
