import { appendAudit as audit } from "~/audit/audit.server.ts";
import { invalidatePages } from "~/platform/page-cache.server.ts";
import { chunked } from "~/platform/chunks.ts";
import { claimCommentRow, decideCommentRows, pendingGroupMembers, releaseCommentRow, type DecidedComment } from "~/comments/comment-store.server.ts";
import { sqlDate, type SqlDriver, type SqlTx } from "~/platform/sql.server.ts";
import { claimGroupRow, recountGroups } from "~/comments/duplicate-groups.server.ts";
import { announce, announceStatusChanges } from "@search/outbox/outbox.server.ts";
import { formatCount, formatDateTime } from "~/platform/format.ts";

// Claims and decisions. Every change is one conditional UPDATE ("still pending, and not claimed by
// someone else") inside a transaction that also appends the audit rows, recounts the touched
// near-duplicate groups and queues the authors' emails: two moderators racing for one comment
// cannot both win, and a refused decision changes nothing.

export const CLAIM_MS = 10 * 60_000;
/** Most comments one bulk request may name (a whole group goes by its id, without this limit). */
export const MAX_SELECTION = 500;

export interface Actor {
  id: string;
  name: string;
}

export type Decision = { action: "approve" } | { action: "edit"; text: string } | { action: "reject"; reason: string };

/** What the moderation code hands to whoever sends the authors' emails, inside the transaction. */
export type { DecidedComment };
export type OnDecided = (tx: SqlTx, decided: DecidedComment[], decision: Decision, now: Date) => Promise<void>;

export type ModerationResult = { ok: true; changed: number; skipped: number; message: string } | { ok: false; message: string };

/** Takes a pending comment for a while, so other moderators see it as taken. */
export async function claimComment(sql: SqlDriver, actor: Actor, commentId: string, now = new Date()): Promise<ModerationResult> {
  const changed = await sql.transaction(async (tx) => {
    const n = await claimCommentRow(tx, commentId, actor.id, new Date(now.getTime() + CLAIM_MS), now);
    if (n) await audit(tx, [{ action: "claim", actorId: actor.id, commentId }], now);
    return n;
  });
  return changed ? { ok: true, changed, skipped: 0, message: "Bạn đang xử lý ý kiến này." } : { ok: false, message: await whyNot(sql, commentId, actor, now) };
}

export async function releaseComment(sql: SqlDriver, actor: Actor, commentId: string, now = new Date()): Promise<ModerationResult> {
  const changed = await sql.transaction(async (tx) => {
    const n = await releaseCommentRow(tx, commentId, actor.id);
    if (n) await audit(tx, [{ action: "release", actorId: actor.id, commentId }], now);
    return n;
  });
  return { ok: true, changed, skipped: 0, message: "Đã trả lại ý kiến cho hàng chờ." };
}

/** Takes a whole near-duplicate group. */
export async function claimGroup(sql: SqlDriver, actor: Actor, groupId: string, now = new Date()): Promise<ModerationResult> {
  const changed = await sql.transaction(async (tx) => {
    const n = await claimGroupRow(tx, groupId, actor.id, new Date(now.getTime() + CLAIM_MS), now);
    if (n) await audit(tx, [{ action: "claim", actorId: actor.id, groupId }], now);
    return n;
  });
  if (changed) return { ok: true, changed, skipped: 0, message: "Bạn đang xử lý nhóm ý kiến này." };
  const holder = await groupHolder(sql, groupId, actor, now);
  return { ok: false, message: holder ?? "Nhóm này không còn ý kiến chờ duyệt." };
}

/** Approves, edits and approves, or rejects one comment. */
export async function decideComment(
  sql: SqlDriver,
  actor: Actor,
  commentId: string,
  decision: Decision,
  options: { now?: Date; onDecided?: OnDecided } = {},
): Promise<ModerationResult> {
  const now = options.now ?? new Date();
  const decided = await sql.transaction((tx) => apply(tx, actor, { ids: [commentId] }, decision, now, options.onDecided));
  if (!decided.length) return { ok: false, message: await whyNot(sql, commentId, actor, now) };
  invalidatePages();
  return { ok: true, changed: 1, skipped: 0, message: DONE[decision.action](1) };
}

/** Approves or rejects many comments at once: a selection, or every pending member of a group. */
export async function decideMany(
  sql: SqlDriver,
  actor: Actor,
  target: { ids: string[] } | { groupId: string },
  decision: Exclude<Decision, { action: "edit" }>,
  options: { now?: Date; onDecided?: OnDecided; groupPart?: number } = {},
): Promise<ModerationResult> {
  const now = options.now ?? new Date();
  if ("ids" in target && (target.ids.length === 0 || target.ids.length > MAX_SELECTION)) {
    return { ok: false, message: target.ids.length ? `Mỗi lần chỉ xử lý tối đa ${MAX_SELECTION} ý kiến đã chọn.` : "Chưa chọn ý kiến nào." };
  }
  if ("groupId" in target) {
    const holder = await groupHolder(sql, target.groupId, actor, now);
    if (holder) return { ok: false, message: holder };
  }
  const requested = "ids" in target ? target.ids.length : null;
  const decided =
    "groupId" in target
      ? await decideGroupInParts(sql, actor, target.groupId, decision, now, options)
      : await sql.transaction((tx) => apply(tx, actor, target, decision, now, options.onDecided, true));
  if (decided.length) invalidatePages();
  const skipped = requested === null ? 0 : requested - decided.length;
  if (!decided.length) return { ok: false, message: "Không có ý kiến nào được xử lý: các ý kiến đã được quyết định hoặc đang do người khác xử lý." };
  const message = DONE[decision.action](decided.length) + (skipped ? ` ${formatCount(skipped)} ý kiến đã được người khác xử lý trước nên không thay đổi.` : "");
  return { ok: true, changed: decided.length, skipped, message };
}

/** Members of a group one transaction decides (ADR 068). */
export const GROUP_PART = 20_000;
/** Parts decided at once: PostgreSQL gives each its own backend (a core each); SQLite writes one at a time. */
const PARTS_AT_ONCE = { postgresql: 2, sqlite: 1 } as const;

/**
 * Every pending member of a group, decided in parts of `GROUP_PART` (ADR 068): each part is one transaction
 * (its members' rows, audit rows, emails, search entries and the group's recount), so a part that fails leaves
 * its members pending for the next decision and never half-decided. On PostgreSQL two parts run at once.
 */
async function decideGroupInParts(
  sql: SqlDriver,
  actor: Actor,
  groupId: string,
  decision: Exclude<Decision, { action: "edit" }>,
  now: Date,
  options: { onDecided?: OnDecided; groupPart?: number },
): Promise<DecidedComment[]> {
  const parts = chunked(await pendingGroupMembers(sql, groupId, actor.id, now), options.groupPart ?? GROUP_PART);
  const decided: DecidedComment[] = [];
  let next = 0;
  let failure: unknown = null;
  const worker = async () => {
    while (next < parts.length && failure === null) {
      const ids = parts[next++]!;
      try {
        decided.push(...(await sql.transaction((tx) => apply(tx, actor, { ids }, decision, now, options.onDecided, true))));
      } catch (error) {
        failure ??= error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARTS_AT_ONCE[sql.provider], parts.length) }, worker));
  if (failure !== null) {
    // The parts already committed stay decided (each with its audit rows and recount); the page shows the error.
    if (decided.length) invalidatePages();
    throw failure;
  }
  return decided;
}

/** What a decision on `n` comments says it did (also read back from the address after a plain form post). */
export const DONE = {
  approve: (n: number) => (n === 1 ? "Đã duyệt và đăng ý kiến." : `Đã duyệt ${formatCount(n)} ý kiến.`),
  edit: () => "Đã biên tập và đăng ý kiến; bản gốc vẫn được lưu.",
  reject: (n: number) => (n === 1 ? "Đã từ chối ý kiến." : `Đã từ chối ${formatCount(n)} ý kiến.`),
} satisfies Record<Decision["action"], (n: number) => string>;

async function apply(
  tx: SqlTx,
  actor: Actor,
  target: { ids: string[] } | { groupId: string },
  decision: Decision,
  now: Date,
  onDecided: OnDecided | undefined,
  bulk = false,
): Promise<DecidedComment[]> {
  const decided = await decideCommentRows(
    tx,
    target,
    {
      status: decision.action === "reject" ? "REJECTED" : "APPROVED",
      publishedText: decision.action === "edit" ? decision.text : null,
      rejectReason: decision.action === "reject" ? decision.reason : null,
      actorId: actor.id,
    },
    now,
  );
  if (!decided.length) return decided;
  const action = bulk ? `bulk-${decision.action}` : decision.action;
  await audit(
    tx,
    decided.map((c) => ({
      action,
      actorId: actor.id,
      commentId: c.id,
      groupId: c.groupId,
      before: decision.action === "edit" ? c.originalText : null,
      after: decision.action === "edit" ? decision.text : decision.action === "reject" ? decision.reason : null,
    })),
    now,
  );
  // The search index learns of the decisions through its outbox, committed with them: an edit changes
  // the text, an approval or a rejection only the status.
  const ids = decided.map((c) => c.id);
  if (decision.action === "edit") await announce(tx, "comment", ids, now);
  else await announceStatusChanges(tx, ids, now);
  await onDecided?.(tx, decided, decision, now);
  // Last: the group's row is the one a group's parts decided at once share, so each part holds it only
  // from here to its commit (and two parts cannot wait for each other).
  const groups = [...new Set(decided.flatMap((c) => (c.groupId ? [c.groupId] : [])))];
  if (groups.length) await recountGroups(tx, groups, now);
  return decided;
}

/** Why a decision on a comment was not applied, in words for the moderator. */
async function whyNot(sql: SqlDriver, commentId: string, actor: Actor, now: Date): Promise<string> {
  const [row] = await sql.all<{
    status: string;
    decidedAt: unknown;
    decider: string | null;
    claimedById: string | null;
    claimedUntil: unknown;
    holder: string | null;
  }>(
    `SELECT c."status", c."decidedAt", d."name" AS "decider", c."claimedById", c."claimedUntil", h."name" AS "holder"
     FROM "Comment" c LEFT JOIN "User" d ON d."id" = c."decidedById" LEFT JOIN "User" h ON h."id" = c."claimedById"
     WHERE c."id" = ?`,
    [commentId],
  );
  if (!row) return "Không tìm thấy ý kiến này.";
  if (row.status !== "PENDING") {
    const verb = row.status === "APPROVED" ? "duyệt" : "từ chối";
    return `Ý kiến này đã được ${row.decider ?? "người khác"} ${verb} lúc ${formatDateTime(sqlDate(row.decidedAt))}; quyết định của bạn không được áp dụng.`;
  }
  if (row.claimedById && row.claimedById !== actor.id && sqlDate(row.claimedUntil) >= now) {
    return `Ý kiến này đang do ${row.holder ?? "người khác"} xử lý (đến ${formatDateTime(sqlDate(row.claimedUntil))}).`;
  }
  return "Không thể xử lý ý kiến này lúc này, vui lòng thử lại.";
}

async function groupHolder(sql: SqlDriver, groupId: string, actor: Actor, now: Date): Promise<string | null> {
  const [row] = await sql.all<{ claimedById: string | null; claimedUntil: unknown; holder: string | null }>(
    `SELECT g."claimedById", g."claimedUntil", h."name" AS "holder" FROM "DuplicateGroup" g LEFT JOIN "User" h ON h."id" = g."claimedById" WHERE g."id" = ?`,
    [groupId],
  );
  if (!row) return "Không tìm thấy nhóm ý kiến này.";
  if (row.claimedById && row.claimedById !== actor.id && sqlDate(row.claimedUntil) >= now) {
    return `Nhóm ý kiến này đang do ${row.holder ?? "người khác"} xử lý (đến ${formatDateTime(sqlDate(row.claimedUntil))}).`;
  }
  return null;
}
