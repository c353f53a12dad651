import { deleteExpiredStoredFiles } from "~/files/stored-files.server.ts";
import { config } from "~/platform/config.server.ts";
import { getDb } from "~/platform/db.server.ts";
import { pruneNotifications } from "~/notifications/outbox.server.ts";
import { deleteExpiredExports } from "~/reports/export/jobs.server.ts";
import { pruneOutbox } from "@search/outbox/outbox.server.ts";
import { clearExpiredContacts, personalDataRetentionDays } from "~/personal-data/retention.server.ts";
import { getSql, type SqlDriver } from "~/platform/sql.server.ts";

// What the app deletes by itself, 10 s after start and then hourly, in one process at a time (the
// holder of the "housekeeping" lease, ADR 029): export files past their retention (ADR 020), other stored
// files past their expiry and unfinished ones a dead writer left (ADR 052), emails sent more than
// 30 days ago, search outbox rows applied more than a day ago, and contact details of opinions whose
// consultation closed more than PERSONAL_DATA_RETENTION_DAYS ago, when that is set (ADR 027).

const HOUR_MS = 60 * 60_000;

export async function housekeeping(
  db = getDb(),
  now = new Date(),
  options: { sql?: SqlDriver; retentionDays?: number | null } = {},
): Promise<{ exports: number; files: number; notifications: number; outbox: number; contacts: number }> {
  const files = { db };
  const sharedCursor = config().search.engine === "meilisearch";
  const retentionDays = options.retentionDays === undefined ? personalDataRetentionDays() : options.retentionDays;
  const [exports, storedFiles, notifications, outbox] = await Promise.all([
    deleteExpiredExports(files, now),
    deleteExpiredStoredFiles(files, now),
    pruneNotifications(db, now.getTime()),
    pruneOutbox(db, { sharedCursor, now: now.getTime() }),
  ]);
  // After the others: on SQLite a Prisma write waiting for the driver's transaction would block the
  // process it runs in.
  const contacts = retentionDays === null ? 0 : await clearExpiredContacts(options.sql ?? getSql(), now, retentionDays);
  return { exports, files: storedFiles, notifications, outbox, contacts };
}

/** 10 s after the call, then hourly; in the process holding the "housekeeping" lease (app/background.server.ts). */
export function startHousekeeping(): { stop(): void } {
  const sweep = () => {
    housekeeping().catch((error) => console.error("Dọn dẹp định kỳ không thành công", error));
  };
  const first = setTimeout(sweep, 10_000);
  const hourly = setInterval(sweep, HOUR_MS);
  first.unref();
  hourly.unref();
  return {
    stop() {
      clearTimeout(first);
      clearInterval(hourly);
    },
  };
}
