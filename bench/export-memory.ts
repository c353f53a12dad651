// The memory of one export run in this process (no HTTP server): an ExportJob row is written for an
// administrator, run by runJob as the export worker runs it, and the process's memory sampled every
// 50 ms (RSS, V8 heap, external and ArrayBuffer memory). The job and its stored file are deleted after.
//
//   DATABASE_URL=postgresql://…/national_25m npx tsx --tsconfig tsconfig.json bench/export-memory.ts <consultationId> [csv|xlsx] [email] [filters]
//   (filters as the report page's query string, e.g. "from=2026-11-16&to=2026-11-17": a smaller export of the same rows)
//   (node --expose-gc through NODE_OPTIONS: also the heap after a full collection at the end)
import { createDb } from "~/platform/db.server.ts";
import { createSqlDriver } from "~/platform/sql.server.ts";
import { configuredDatabase } from "~/platform/config.server.ts";
import { deleteStoredFile, findStoredFile } from "~/files/stored-files.server.ts";
import { runJob } from "~/reports/export/jobs.server.ts";
import { parseReportFilters } from "~/reports/filters.ts";

const [consultationId, format = "csv", email = "quan-tri@qg.bench.vn", filterQuery = ""] = process.argv.slice(2);
if (!consultationId) throw new Error("usage: export-memory.ts <consultationId> [csv|xlsx] [email]");
const mb = (n: number) => Math.round(n / 1024 / 1024);
const target = configuredDatabase();
const db = createDb(target);
const sql = createSqlDriver(target);
const user = await db.user.findFirstOrThrow({ where: { email }, select: { id: true } });
const runner = `export-memory:${process.pid}`;
const job = await db.exportJob.create({
  data: {
    format,
    consultationId,
    filters: JSON.stringify(parseReportFilters(new URLSearchParams(filterQuery))),
    requestedById: user.id,
    status: "RUNNING",
    runner,
    attempts: 1,
  },
  select: { id: true },
});
const gc = (globalThis as { gc?: () => void }).gc;
gc?.();
const before = process.memoryUsage();
const peak = { rss: before.rss, heapUsed: before.heapUsed, external: before.external, arrayBuffers: before.arrayBuffers };
const sample = () => {
  const m = process.memoryUsage();
  peak.rss = Math.max(peak.rss, m.rss);
  peak.heapUsed = Math.max(peak.heapUsed, m.heapUsed);
  peak.external = Math.max(peak.external, m.external);
  peak.arrayBuffers = Math.max(peak.arrayBuffers, m.arrayBuffers);
};
const timer = setInterval(sample, 50);
// EXPORT_MEMORY_TRACE=1: a line every 10 s (after a full collection when --expose-gc), to tell what is kept from what is garbage.
const trace = process.env.EXPORT_MEMORY_TRACE
  ? setInterval(
      () => {
        gc?.();
        const m = process.memoryUsage();
        console.error(
          `trace rss ${mb(m.rss)} heapTotal ${mb(m.heapTotal)} heapUsed ${mb(m.heapUsed)} external ${mb(m.external)} arrayBuffers ${mb(m.arrayBuffers)}`,
        );
      },
      Number(process.env.EXPORT_MEMORY_TRACE) > 1 ? Number(process.env.EXPORT_MEMORY_TRACE) : 10_000,
    )
  : null;
const started = performance.now();
try {
  await runJob(db, sql, job.id, { runner, files: { db, sql } });
  const seconds = (performance.now() - started) / 1000;
  clearInterval(timer);
  sample();
  const done = await db.exportJob.findUniqueOrThrow({ where: { id: job.id } });
  const file = done.fileId ? await findStoredFile({ db }, done.fileId) : null;
  gc?.();
  const after = process.memoryUsage();
  console.log(
    JSON.stringify({
      status: done.status,
      error: done.error,
      rows: done.done,
      bytes: file?.size,
      sha256: file?.sha256,
      seconds: Math.round(seconds * 10) / 10,
      rssBeforeMb: mb(before.rss),
      rssGrowthMb: mb(peak.rss - before.rss),
      heapUsedPeakGrowthMb: mb(peak.heapUsed - before.heapUsed),
      externalPeakGrowthMb: mb(peak.external - before.external),
      arrayBuffersPeakGrowthMb: mb(peak.arrayBuffers - before.arrayBuffers),
      ...(gc ? { heapUsedAfterGcGrowthMb: mb(after.heapUsed - before.heapUsed), rssAfterGcGrowthMb: mb(after.rss - before.rss) } : {}),
    }),
  );
  if (done.fileId) await deleteStoredFile({ db }, done.fileId);
} finally {
  clearInterval(timer);
  if (trace) clearInterval(trace);
  await db.exportJob.deleteMany({ where: { id: job.id } });
  await sql.close();
  await db.$disconnect();
}
