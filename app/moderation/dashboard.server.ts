import type { Db } from "~/platform/db.server.ts";
import { sqlDate, type SqlDriver } from "~/platform/sql.server.ts";

// Queue health for the dashboard: what waits (per consultation, and for how long), how fast
// decisions come today, and who made them.

/** Midnight in Vietnam (UTC+7, no daylight saving) of the day `now` falls in, as an instant. */
export function startOfDayInVietnam(now: Date): Date {
  const offset = 7 * 3_600_000;
  const local = now.getTime() + offset;
  return new Date(local - (local % 86_400_000) - offset);
}

/**
 * When an opinion reached the platform: `consentAt`, set on arrival for every channel (the form's
 * submission; the moment a conference or letter opinion was typed in or imported). `createdAt` is the
 * opinion's own date, for a conference opinion the day it was given, which may be days earlier: an
 * opinion entered a minute ago has waited a minute (ADR 043).
 */
const RECEIVED = `"consentAt"`;

/** Decisions made by hand one at a time: by someone, and not in a bulk (selection or group) action. */
const ONE_BY_ONE = `"decidedById" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "AuditEvent" a WHERE a."commentId" = "Comment"."id" AND a."action" IN ('bulk-approve', 'bulk-reject'))`;

export async function queueHealth(db: Db, sql: SqlDriver, now = new Date()) {
  const today = startOfDayInVietnam(now);
  const seconds =
    sql.provider === "postgresql" ? `EXTRACT(EPOCH FROM ("decidedAt" - ${RECEIVED}))` : `((julianday("decidedAt") - julianday(${RECEIVED})) * 86400.0)`;
  const [pending, groups, byModerator, consultations, handCount] = await Promise.all([
    sql.all<{ consultationId: string; pending: number | string; oldest: unknown }>(
      `SELECT "consultationId", COUNT(*) AS "pending", MIN(${RECEIVED}) AS "oldest" FROM "Comment" WHERE "status" = 'PENDING' GROUP BY "consultationId"`,
      [],
    ),
    db.duplicateGroup.count({ where: { pendingCount: { gt: 1 } } }),
    // Today's decisions are the decisions people made today: those imported already decided (no one
    // decided them) are not, and one whose comment was later erased at its author's request (DELETED) no longer shows.
    sql.all<{ decidedById: string; status: string; bulk: number | string; n: number | string }>(
      `SELECT "decidedById", "status", CASE WHEN ${ONE_BY_ONE} THEN 0 ELSE 1 END AS "bulk", COUNT(*) AS "n" FROM "Comment"
       WHERE "decidedAt" >= ? AND "decidedById" IS NOT NULL AND "status" IN ('APPROVED', 'REJECTED') GROUP BY "decidedById", "status", 3`,
      [today],
    ),
    db.consultation.findMany({ select: { id: true, title: true } }),
    sql.all<{ n: number | string }>(`SELECT COUNT(*) AS "n" FROM "Comment" WHERE "decidedAt" >= ? AND "status" IN ('APPROVED', 'REJECTED') AND ${ONE_BY_ONE}`, [
      today,
    ]),
  ]);
  // The median: the middle row of today's one-by-one decisions ordered by their waiting time.
  const medianOf = Number(handCount[0]?.n ?? 0);
  const median = medianOf
    ? (
        await sql.all<{ s: number | string }>(
          `SELECT ${seconds} AS "s" FROM "Comment" WHERE "decidedAt" >= ? AND "status" IN ('APPROVED', 'REJECTED') AND ${ONE_BY_ONE}
           ORDER BY 1 LIMIT 1 OFFSET ${Math.floor((medianOf - 1) / 2)}`,
          [today],
        )
      )[0]
    : undefined;
  const titles = new Map(consultations.map((c) => [c.id, c.title]));
  const moderators = await db.user.findMany({ where: { id: { in: [...new Set(byModerator.map((r) => r.decidedById))] } }, select: { id: true, name: true } });
  const names = new Map(moderators.map((m) => [m.id, m.name]));
  const perModerator = new Map<string, { id: string; name: string; approved: number; rejected: number; bulk: number }>();
  for (const row of byModerator) {
    const entry = perModerator.get(row.decidedById) ?? { id: row.decidedById, name: names.get(row.decidedById) ?? "?", approved: 0, rejected: 0, bulk: 0 };
    const n = Number(row.n);
    if (row.status === "APPROVED") entry.approved += n;
    else entry.rejected += n;
    if (Number(row.bulk)) entry.bulk += n;
    perModerator.set(row.decidedById, entry);
  }
  const perConsultation = pending
    .map((row) => ({ id: row.consultationId, title: titles.get(row.consultationId) ?? "?", pending: Number(row.pending), oldest: sqlDate(row.oldest) }))
    .sort((a, b) => b.pending - a.pending);
  const oldest = perConsultation.reduce<Date | null>((min, c) => (!min || c.oldest < min ? c.oldest : min), null);
  const moderatorRows = [...perModerator.values()].sort((a, b) => b.approved + b.rejected - (a.approved + a.rejected));
  return {
    totalPending: perConsultation.reduce((sum, c) => sum + c.pending, 0),
    oldestPendingAgeMs: oldest ? Math.max(0, now.getTime() - oldest.getTime()) : null,
    perConsultation,
    pendingGroups: groups,
    /** The sum of perModerator's approved and rejected: the same rows. */
    decidedToday: moderatorRows.reduce((sum, m) => sum + m.approved + m.rejected, 0),
    medianDecisionMs: median ? Math.round(Number(median.s) * 1000) : null,
    /** How many decisions the median is taken over (today's one-by-one decisions). */
    medianOf,
    perModerator: moderatorRows,
  };
}

/** "3 giờ 5 phút", "2 ngày 4 giờ", "45 giây": a duration as Vietnamese readers say it. */
export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  const days = Math.floor(s / 86_400);
  const hours = Math.floor((s % 86_400) / 3_600);
  const minutes = Math.floor((s % 3_600) / 60);
  if (days) return hours ? `${days} ngày ${hours} giờ` : `${days} ngày`;
  if (hours) return minutes ? `${hours} giờ ${minutes} phút` : `${hours} giờ`;
  if (minutes) return `${minutes} phút`;
  return `${s} giây`;
}
