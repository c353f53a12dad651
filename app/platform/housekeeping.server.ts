import { getDb } from "./db.server.ts";
import { pruneNotifications } from "~/notifications/outbox.server.ts";
import { deleteExpiredExports } from "~/reports/export/jobs.server.ts";
import { pruneOutbox } from "@search/indexer.server.ts";
import { readSearchConfig } from "@search/runtime.server.ts";

// What the app deletes by itself, in each process, 10 s after start and then hourly (several processes
// doing it at once is harmless): export files past their retention (ADR 020), emails sent more than
// 30 days ago, search outbox rows applied more than a day ago.

const HOUR_MS = 60 * 60_000;

export async function housekeeping(db = getDb(), now = new Date()): Promise<{ exports: number; notifications: number; outbox: number }> {
  const sharedCursor = readSearchConfig().engine === "meilisearch";
  const [exports, notifications, outbox] = await Promise.all([
    deleteExpiredExports(db, now),
    pruneNotifications(db, now.getTime()),
    pruneOutbox(db, { sharedCursor, now: now.getTime() }),
  ]);
  return { exports, notifications, outbox };
}

/** Once per process. */
export function startHousekeeping(): void {
  const globalForHousekeeping = globalThis as unknown as { __housekeeping?: boolean };
  if (globalForHousekeeping.__housekeeping) return;
  globalForHousekeeping.__housekeeping = true;
  const sweep = () => {
    housekeeping().catch((error) => console.error("Dọn dẹp định kỳ không thành công", error));
  };
  setTimeout(sweep, 10_000).unref();
  setInterval(sweep, HOUR_MS).unref();
}
