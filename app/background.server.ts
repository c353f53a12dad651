import { startSearchIndexer } from "@search/runtime.server.ts";
import { consultationScheduleJob } from "~/consultations/drafting/schedule.server.ts";
import { settleLeftoverGroupCounts } from "~/comments/group-counts.server.ts";
import { startNotificationWorker } from "~/notifications/outbox.server.ts";
import { config } from "~/platform/config.server.ts";
import { includeDemoLocalitiesIfSeeded } from "~/demo/organizations.server.ts";
import { getDb, type Db } from "~/platform/db.server.ts";
import { startHousekeeping } from "~/jobs/housekeeping.server.ts";
import { runJobs, type BackgroundJob, type JobRunner, type RunnerOptions } from "~/platform/job-runner.server.ts";
import { redisClient } from "~/platform/redis.server.ts";
import { singleton } from "~/platform/singleton.server.ts";
import { startExportWorker } from "~/reports/export/jobs.server.ts";

// The app's background work, started once per process by the HTTP server (server/index.js, through
// build.entry.module) — never as a side effect of importing a module or from a loader. ADR 029:
// - search-indexer: every process (the embedded engine keeps an index per process, so each one must
//   follow the outbox itself; with Meilisearch the consumers share a cursor, ADR 015);
// - notifications, exports, housekeeping, group-recounts, consultation-schedule (opening and closing
//   consultations at their time, ADR 034): one process at a time, under a lease in the database, taken
//   over by another process when the holder stops or dies.

export function backgroundJobs(db: Db = getDb()): BackgroundJob[] {
  const mail = config().mail;
  return [
    { name: "search-indexer", leased: false, start: () => startSearchIndexer() },
    // Without SMTP settings nothing is queued, so nothing is sent.
    ...(mail ? [{ name: "notifications", leased: true, start: () => startNotificationWorker(db, mail) ?? undefined }] : []),
    { name: "exports", leased: true, start: () => startExportWorker() },
    { name: "housekeeping", leased: true, start: () => startHousekeeping() },
    // Near-duplicate groups' counters left behind by a process that stopped.
    { name: "group-recounts", leased: true, start: () => settleLeftoverGroupCounts() },
    consultationScheduleJob(db, { intervalMs: config().consultationScheduleMs }),
  ];
}

/** Starts the background work of this process (once; later calls get the same runner). */
export function startBackgroundWork(options: RunnerOptions = {}): JobRunner {
  return singleton("backgroundWork", () => {
    // With REDIS_URL, rate limits are counted there by every process (ADR 022): connect now.
    redisClient();
    const db = getDb();
    // The demo's fictional province is listed in this process when the demo data is loaded (a database
    // down at start leaves it out; the outage is reported by the requests themselves).
    void includeDemoLocalitiesIfSeeded(db).catch(() => false);
    return runJobs(db, backgroundJobs(db), { ttlMs: config().jobLeaseMs, ...options });
  });
}
