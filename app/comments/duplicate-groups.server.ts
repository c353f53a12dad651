import type { Prisma } from "~/generated/sqlite/client.ts";
import type { Db } from "~/platform/db.server.ts";
import { inList, type SqlDriver, type SqlStep, type SqlTx } from "~/platform/sql.server.ts";

// The one module that writes DuplicateGroup (ADR 008): a group started by screening with the
// submission that found it, a moderator's claim, the recount of its counters from its members
// (group-counts.server.ts schedules those), and what a deleted member leaves behind. Driver SQL:
// these statements run inside the hot tables' transactions.

/**
 * The condition "free for this moderator" of a claimable row (a comment or a group): not claimed,
 * claimed by them, or the claim ran out. Its parameters: the moderator's id, then now.
 */
export const CLAIMABLE = `("claimedById" IS NULL OR "claimedById" = ? OR "claimedUntil" < ?)`;

/** A new group of two: a new comment and `representativeId`, the earlier one it matched. */
export interface NewGroup {
  id: string;
  consultationId: string;
  blockKey: string | null;
  representativeId: string;
  /** The representative's status: it counts among the pending or the approved members. */
  representativeStatus: string;
}

/** The statement that starts a group, committed with the comment that found it (comment-store.server.ts). */
export function startGroupStep(group: NewGroup, now: Date): SqlStep {
  const approved = group.representativeStatus === "APPROVED";
  return {
    sql: `INSERT INTO "DuplicateGroup" ("id", "consultationId", "blockKey", "representativeId", "size", "pendingCount", "approvedCount", "publicCommentId", "createdAt", "updatedAt")
            VALUES (?, ?, ?, ?, 2, ?, ?, ?, ?, ?)`,
    params: [
      group.id,
      group.consultationId,
      group.blockKey,
      group.representativeId,
      group.representativeStatus === "PENDING" ? 2 : 1,
      approved ? 1 : 0,
      approved ? group.representativeId : null,
      now,
      now,
    ],
  };
}

/**
 * The statement after a new group's representative joined it (startGroupStep, then the join): the group
 * starts with the representative's supporters (the new comment is pending: it has none). Run after the
 * join, which waits for a support of the representative being counted, so that one is not missed.
 */
export function startedGroupSupportsStep(group: Pick<NewGroup, "id" | "representativeId">): SqlStep {
  return {
    sql: `UPDATE "DuplicateGroup" SET "supportCount" = (SELECT m."supportCount" FROM "Comment" m WHERE m."id" = ?) WHERE "id" = ?`,
    params: [group.representativeId, group.id],
  };
}

/**
 * One more supporter of a group (supports.server.ts, after its member's row was counted and locked):
 * the group's count now, or undefined when the group is gone (merged away meanwhile).
 */
export async function countGroupSupporter(tx: SqlTx, groupId: string): Promise<number | undefined> {
  const rows = await tx.all<{ supportCount: number | string }>(
    `UPDATE "DuplicateGroup" SET "supportCount" = "supportCount" + 1 WHERE "id" = ? RETURNING "supportCount"`,
    [groupId],
  );
  return rows.length ? Number(rows[0]!.supportCount) : undefined;
}

/**
 * Recounts groups' supporters from their members' supports: one per source, whichever member it
 * supported (a source that supported two groups before they merged counts once); a support whose
 * source hash the retention cleared counts as its own source. After a merge or a member's deletion.
 */
export async function recountGroupSupports(tx: SqlTx, groupIds: readonly string[]): Promise<void> {
  if (!groupIds.length) return;
  const which = inList(tx, `"id"`, groupIds);
  await tx.run(
    `UPDATE "DuplicateGroup" SET "supportCount" = (
       SELECT COUNT(DISTINCT COALESCE(s."sourceHash", s."id")) FROM "Support" s JOIN "Comment" m ON m."id" = s."commentId" WHERE m."groupId" = "DuplicateGroup"."id"
     ) WHERE ${which.sql}`,
    [which.param],
  );
}

/** A group row whose counters the caller recounts once its members are in (a merge, intake.server.ts settleGroup). */
export async function createGroupRow(
  tx: SqlTx,
  group: { id: string; consultationId: string; blockKey: string | null; representativeId: string },
  now: Date,
): Promise<void> {
  await tx.run(
    `INSERT INTO "DuplicateGroup" ("id", "consultationId", "blockKey", "representativeId", "size", "pendingCount", "approvedCount", "createdAt", "updatedAt")
     VALUES (?, ?, ?, ?, 0, 0, 0, ?, ?)`,
    [group.id, group.consultationId, group.blockKey, group.representativeId, now, now],
  );
}

/** The earliest created of these groups (ties: the smallest id), or null when none exists. */
export async function earliestGroup(tx: SqlTx, groupIds: readonly string[]): Promise<string | null> {
  if (!groupIds.length) return null;
  const which = inList(tx, `"id"`, groupIds);
  const rows = await tx.all<{ id: string }>(`SELECT "id" FROM "DuplicateGroup" WHERE ${which.sql} ORDER BY "createdAt", "id" LIMIT 1`, [which.param]);
  return rows[0]?.id ?? null;
}

/**
 * After a merge moved the members of `merged` into `target`: those groups go; the target's
 * representative becomes its earliest member and the member the public sees its earliest approved
 * one (chosen the same whatever order the members came in); its counters are recounted.
 */
export async function mergedGroupSettled(tx: SqlTx, target: string, merged: readonly string[], now: Date): Promise<void> {
  if (merged.length) {
    const gone = inList(tx, `"id"`, merged);
    await tx.run(`DELETE FROM "DuplicateGroup" WHERE ${gone.sql}`, [gone.param]);
  }
  const member = `FROM "Comment" m WHERE m."groupId" = "DuplicateGroup"."id"`;
  await tx.run(
    `UPDATE "DuplicateGroup" SET
       "representativeId" = COALESCE((SELECT m."id" ${member} ORDER BY m."createdAt", m."id" LIMIT 1), "representativeId"),
       "publicCommentId" = (SELECT m."id" ${member} AND m."status" = 'APPROVED' ORDER BY m."createdAt", m."id" LIMIT 1)
     WHERE "id" = ?`,
    [target],
  );
  await recountGroups(tx, [target], now);
  await recountGroupSupports(tx, [target]);
}

/** Takes a group with pending members for a moderator until `until`; 0 when someone else holds it or none is pending. */
export function claimGroupRow(tx: SqlTx, groupId: string, actorId: string, until: Date, now: Date): Promise<number> {
  return tx.run(`UPDATE "DuplicateGroup" SET "claimedById" = ?, "claimedUntil" = ? WHERE "id" = ? AND "pendingCount" > 0 AND ${CLAIMABLE}`, [
    actorId,
    until,
    groupId,
    actorId,
    now,
  ]);
}

/**
 * After members `ids` left `groups` (deleted, comment-store.server.ts eraseComments): the member the
 * public sees and the representative are chosen again, a group left empty goes, the rest are recounted.
 */
export async function afterMembersLeft(tx: SqlTx, groups: readonly string[], ids: readonly string[], now: Date): Promise<void> {
  if (!groups.length) return;
  const group = inList(tx, `"id"`, groups);
  const gone = inList(tx, `"publicCommentId"`, ids);
  await tx.run(`UPDATE "DuplicateGroup" SET "publicCommentId" = NULL WHERE ${gone.sql}`, [gone.param]);
  const firstMember = `(SELECT m."id" FROM "Comment" m WHERE m."groupId" = "DuplicateGroup"."id" ORDER BY m."createdAt", m."id" LIMIT 1)`;
  const representative = inList(tx, `"representativeId"`, ids);
  await tx.run(`UPDATE "DuplicateGroup" SET "representativeId" = COALESCE(${firstMember}, "representativeId") WHERE ${group.sql} AND ${representative.sql}`, [
    group.param,
    representative.param,
  ]);
  await tx.run(`DELETE FROM "DuplicateGroup" WHERE ${group.sql} AND NOT EXISTS (SELECT 1 FROM "Comment" m WHERE m."groupId" = "DuplicateGroup"."id")`, [
    group.param,
  ]);
  await recountGroups(tx, groups, now);
  await recountGroupSupports(tx, groups);
}

/** Recomputes groups' counters from their members (one pass over them), and picks the approved member the public sees. */
export async function recountGroups(tx: SqlTx | SqlDriver, groupIds: readonly string[], now: Date): Promise<{ id: string; size: number }[]> {
  if (!groupIds.length) return [];
  // Given the driver (the periodic recount), the lock below must hold until the UPDATE: one transaction.
  if (tx.provider === "postgresql" && "transaction" in tx) return tx.transaction((inner) => recountGroups(inner, groupIds, now));
  const which = inList(tx, `c."groupId"`, groupIds);
  // The first approved member, from the group's approved members (the (groupId, status) index; PostgreSQL's
  // OFFSET 0 keeps the ORDER BY … LIMIT 1 outside): left to itself PostgreSQL walked the ("status", "createdAt")
  // index over every approved comment of the database for a group with none approved (1.6 s a recount at 1 M rows).
  if (tx.provider === "postgresql") {
    // The rows locked first, by a statement of their own: the UPDATE below then counts with a snapshot taken
    // after any transaction that held them committed (a group decided in parts at once, ADR 068). Left to the
    // UPDATE, a waiting statement would write the counts of the snapshot it started with.
    const groups = inList(tx, `"id"`, groupIds);
    await tx.all(`SELECT "id" FROM "DuplicateGroup" WHERE ${groups.sql} ORDER BY "id" FOR UPDATE`, [groups.param]);
  }
  const fence = tx.provider === "postgresql" ? " OFFSET 0" : "";
  const firstApproved = `SELECT a."id" FROM (SELECT m."id", m."createdAt" FROM "Comment" m WHERE m."groupId" = "DuplicateGroup"."id" AND m."status" = 'APPROVED'${fence}) AS a
       ORDER BY a."createdAt", a."id" LIMIT 1`;
  const counted = await tx.all<{ id: string; size: number | string }>(
    `UPDATE "DuplicateGroup" SET
       "size" = counted."size",
       "pendingCount" = counted."pending",
       "approvedCount" = counted."approved",
       "publicCommentId" = COALESCE("publicCommentId", (${firstApproved})),
       "claimedById" = CASE WHEN counted."pending" = 0 THEN NULL ELSE "claimedById" END,
       "updatedAt" = ?
     FROM (
       SELECT c."groupId" AS "groupId", COUNT(*) AS "size",
         SUM(CASE WHEN c."status" = 'PENDING' THEN 1 ELSE 0 END) AS "pending",
         SUM(CASE WHEN c."status" = 'APPROVED' THEN 1 ELSE 0 END) AS "approved"
       FROM "Comment" c WHERE ${which.sql} GROUP BY c."groupId"
     ) AS counted
     WHERE "DuplicateGroup"."id" = counted."groupId"
     RETURNING "DuplicateGroup"."id" AS "id", "DuplicateGroup"."size" AS "size"`,
    [now, which.param],
  );
  return counted.map((row) => ({ id: row.id, size: Number(row.size) }));
}

/** The demonstration's group (`npm run db:seed`, app/demo/consultations.server.ts), through Prisma: usable in a batch transaction. */
export function seedGroup(db: Pick<Db, "duplicateGroup">, group: Prisma.DuplicateGroupUncheckedCreateInput) {
  return db.duplicateGroup.create({ data: group });
}
