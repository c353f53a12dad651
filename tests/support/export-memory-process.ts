// One CSV export run in a process of its own, for tests/integration/reports/export-memory.test.ts: an
// ExportJob written for `userId`, run by runJob as the export worker runs it, the process's memory
// sampled every 10 ms meanwhile. Prints one JSON line: rows, the peak growth of RSS, of the V8 heap's
// old generation and of external memory above what they were just before, and the full collections.
//   DATABASE_URL=… node --import tsx tests/support/export-memory-process.ts <consultationId> <userId> [filters as a query string]
import { PerformanceObserver, constants } from "node:perf_hooks";
import v8 from "node:v8";
import { createDb } from "~/platform/db.server.ts";
import { resolveDatabaseTarget } from "~/platform/database-url.ts";
import { createSqlDriver } from "~/platform/sql.server.ts";
import { deleteStoredFile } from "~/files/stored-files.server.ts";
import { runJob } from "~/reports/export/jobs.server.ts";
import { parseReportFilters } from "~/reports/filters.ts";

const [consultationId, userId, filterQuery = ""] = process.argv.slice(2);
const target = resolveDatabaseTarget(process.env.DATABASE_URL);
const db = createDb(target);
const sql = createSqlDriver(target);
const runner = `export-memory-test:${process.pid}`;
const job = await db.exportJob.create({
  data: {
    format: "csv",
    consultationId: consultationId!,
    filters: JSON.stringify(parseReportFilters(new URLSearchParams(filterQuery))),
    requestedById: userId!,
    status: "RUNNING",
    runner,
    attempts: 1,
  },
  select: { id: true },
});
const MB = 1024 * 1024;
const oldSpace = () => v8.getHeapSpaceStatistics().find((s) => s.space_name === "old_space")!.space_used_size;
let majorGcs = 0;
const observer = new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) if ((entry as { detail?: { kind?: number } }).detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR) majorGcs++;
});
const before = { rss: process.memoryUsage.rss(), old: oldSpace(), external: process.memoryUsage().external };
const peak = { ...before };
const sample = () => {
  const { external } = process.memoryUsage();
  peak.rss = Math.max(peak.rss, process.memoryUsage.rss());
  peak.old = Math.max(peak.old, oldSpace());
  peak.external = Math.max(peak.external, external);
};
const timer = setInterval(sample, 10);
observer.observe({ entryTypes: ["gc"] });
const started = performance.now();
await runJob(db, sql, job.id, { runner, files: { db, sql } });
const seconds = (performance.now() - started) / 1000;
sample();
clearInterval(timer);
observer.disconnect();
const done = await db.exportJob.findUniqueOrThrow({ where: { id: job.id } });
if (done.fileId) await deleteStoredFile({ db }, done.fileId);
await db.exportJob.delete({ where: { id: job.id } });
console.log(
  JSON.stringify({
    status: done.status,
    rows: done.done,
    seconds: Math.round(seconds * 10) / 10,
    rssGrowthMb: Math.round((peak.rss - before.rss) / MB),
    oldSpaceGrowthMb: Math.round((peak.old - before.old) / MB),
    externalGrowthMb: Math.round((peak.external - before.external) / MB),
    majorGcs,
  }),
);
await sql.close();
await db.$disconnect();
