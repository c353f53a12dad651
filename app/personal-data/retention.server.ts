import { appendAudit } from "~/audit/audit.server.ts";
import { clearContacts } from "~/comments/comment-store.server.ts";
import { clearSupportHashes } from "~/comments/supports.server.ts";
import { inList, type SqlDriver } from "~/platform/sql.server.ts";
import { buildConfig, config } from "~/platform/config.server.ts";

// Contact details are kept while the consultation runs and for PERSONAL_DATA_RETENTION_DAYS after it
// closes (unset: kept), so the organizers can reach an author about their opinion while they write the
// report. Then the hourly housekeeping clears them: email, phone and the keyed hash of the sender's
// address. The opinion, its author's name (shown shortened) and locality stay. The supports (đồng tình)
// of those consultations lose their keyed hashes of address and contact, and still count. ADR 027, 046.

const DAY_MS = 24 * 60 * 60_000;
/** A consultation (`k`) closed before the cutoff (its two parameters): its closing date, or the last change of one closed by hand without one. */
const CLOSED_BEFORE = `(k."closesAt" < ? OR (k."closesAt" IS NULL AND k."status" = 'CLOSED' AND k."updatedAt" < ?))`;
const BATCH = 1_000;

/** PERSONAL_DATA_RETENTION_DAYS, or null when unset (contacts are kept); checked at start (app/platform/config.server.ts). */
export function personalDataRetentionDays(source?: Record<string, string | undefined>): number | null {
  return (source ? buildConfig(source) : config()).retention.personalDataDays;
}

/**
 * Clears the contact details of opinions whose consultation closed more than `days` ago (its closing
 * date; a consultation closed by hand without one, from when it was last changed). In batches, each
 * one transaction with one audit row per consultation (a system action: no actor). Returns how many
 * opinions were cleared.
 */
export async function clearExpiredContacts(sql: SqlDriver, now: Date, days: number): Promise<number> {
  const cutoff = new Date(now.getTime() - days * DAY_MS);
  await clearExpiredSupportHashes(sql, now, days, cutoff);
  let cleared = 0;
  for (;;) {
    const batch = await sql.transaction(async (tx) => {
      const rows = await tx.all<{ id: string; consultationId: string }>(
        `SELECT c."id", c."consultationId" FROM "Comment" c JOIN "Consultation" k ON k."id" = c."consultationId"
         WHERE ${CLOSED_BEFORE}
           AND (c."authorEmail" IS NOT NULL OR c."authorPhone" IS NOT NULL OR c."sourceHash" IS NOT NULL)
         LIMIT ${BATCH}`,
        [cutoff, cutoff],
      );
      if (!rows.length) return 0;
      const ids = rows.map((r) => r.id);
      await clearContacts(tx, ids, now);
      // Emails about them hold the address too; the consultation is long over, none is still useful.
      const about = inList(tx, `"commentId"`, ids);
      await tx.run(`DELETE FROM "Notification" WHERE ${about.sql}`, [about.param]);
      const perConsultation = new Map<string, number>();
      for (const r of rows) perConsultation.set(r.consultationId, (perConsultation.get(r.consultationId) ?? 0) + 1);
      await appendAudit(
        tx,
        [...perConsultation].map(([id, n]) => ({
          action: "personal-data-retention",
          actorId: null,
          subject: `consultation:${id}`,
          after: `${n} ý kiến`,
          note: `Hết thời hạn lưu giữ ${days} ngày sau khi kết thúc lấy ý kiến (PERSONAL_DATA_RETENTION_DAYS)`,
        })),
        now,
      );
      return rows.length;
    });
    cleared += batch;
    if (batch < BATCH) return cleared;
  }
}

/** The supports' hashes of the consultations past their retention, one transaction and one audit row per consultation. */
async function clearExpiredSupportHashes(sql: SqlDriver, now: Date, days: number, cutoff: Date): Promise<void> {
  const expired = await sql.all<{ id: string }>(
    `SELECT k."id" FROM "Consultation" k WHERE ${CLOSED_BEFORE}
       AND EXISTS (SELECT 1 FROM "Support" s WHERE s."consultationId" = k."id" AND (s."sourceHash" IS NOT NULL OR s."contactHash" IS NOT NULL))`,
    [cutoff, cutoff],
  );
  for (const { id } of expired) {
    await sql.transaction(async (tx) => {
      const n = await clearSupportHashes(tx, [id]);
      await appendAudit(
        tx,
        [
          {
            action: "personal-data-retention",
            actorId: null,
            subject: `consultation:${id}`,
            after: `${n} lượt đồng tình`,
            note: `Hết thời hạn lưu giữ ${days} ngày sau khi kết thúc lấy ý kiến (PERSONAL_DATA_RETENTION_DAYS)`,
          },
        ],
        now,
      );
    });
  }
}
