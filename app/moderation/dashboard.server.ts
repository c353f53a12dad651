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

export async function queueHealth(db: Db, sql: SqlDriver, now = new Date()) {
  const today = startOfDayInVietnam(now);
  const seconds =
    sql.provider === "postgresql" ? `EXTRACT(EPOCH FROM ("decidedAt" - "createdAt"))` : `((julianday("decidedAt") - julianday("createdAt")) * 86400.0)`;
  const [pending, groups, decidedCount, byModerator, consultations] = await Promise.all([
    sql.all<{ consultationId: string; pending: number | string; oldest: unknown }>(
      `SELECT "consultationId", COUNT(*) AS "pending", MIN("createdAt") AS "oldest" FROM "Comment" WHERE "status" = 'PENDING' GROUP BY "consultationId"`,
      [],
    ),
    db.duplicateGroup.count({ where: { pendingCount: { gt: 1 } } }),
    db.comment.count({ where: { decidedAt: { gte: today } } }),
    sql.all<{ decidedById: string; status: string; n: number | string }>(
      `SELECT "decidedById", "status", COUNT(*) AS "n" FROM "Comment" WHERE "decidedAt" >= ? AND "decidedById" IS NOT NULL GROUP BY "decidedById", "status"`,
      [today],
    ),
    db.consultation.findMany({ select: { id: true, title: true } }),
  ]);
  // The median: the middle row of today's decisions ordered by their waiting time.
  const median = decidedCount
    ? (
        await sql.all<{ s: number | string }>(
          `SELECT ${seconds} AS "s" FROM "Comment" WHERE "decidedAt" >= ? ORDER BY 1 LIMIT 1 OFFSET ${Math.floor((decidedCount - 1) / 2)}`,
          [today],
        )
      )[0]
    : undefined;
  const titles = new Map(consultations.map((c) => [c.id, c.title]));
  const moderators = await db.user.findMany({ where: { id: { in: [...new Set(byModerator.map((r) => r.decidedById))] } }, select: { id: true, name: true } });
  const names = new Map(moderators.map((m) => [m.id, m.name]));
  const perModerator = new Map<string, { id: string; name: string; approved: number; rejected: number }>();
  for (const row of byModerator) {
    const entry = perModerator.get(row.decidedById) ?? { id: row.decidedById, name: names.get(row.decidedById) ?? "?", approved: 0, rejected: 0 };
    if (row.status === "APPROVED") entry.approved += Number(row.n);
    // A decision whose comment was later deleted at its author's request (DELETED) counts as neither.
    else if (row.status === "REJECTED") entry.rejected += Number(row.n);
    perModerator.set(row.decidedById, entry);
  }
  const perConsultation = pending
    .map((row) => ({ id: row.consultationId, title: titles.get(row.consultationId) ?? "?", pending: Number(row.pending), oldest: sqlDate(row.oldest) }))
    .sort((a, b) => b.pending - a.pending);
  const oldest = perConsultation.reduce<Date | null>((min, c) => (!min || c.oldest < min ? c.oldest : min), null);
  return {
    totalPending: perConsultation.reduce((sum, c) => sum + c.pending, 0),
    oldestPendingAgeMs: oldest ? now.getTime() - oldest.getTime() : null,
    perConsultation,
    pendingGroups: groups,
    decidedToday: decidedCount,
    medianDecisionMs: median ? Math.round(Number(median.s) * 1000) : null,
    perModerator: [...perModerator.values()].sort((a, b) => b.approved + b.rejected - (a.approved + a.rejected)),
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
