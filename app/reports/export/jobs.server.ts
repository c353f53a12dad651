import { readdir, rm, stat } from "node:fs/promises";
import path from "node:path";
import { setImmediate as yieldToEventLoop } from "node:timers/promises";
import type { Writable } from "node:stream";
import { Packer } from "docx";
import { appendAudit } from "~/audit/audit.server.ts";
import { deleteStoredFile, deleteUnfinishedFiles, fileStore, writeStoredFile, type FileStore } from "~/files/stored-files.server.ts";
import { getDb, type Db } from "~/platform/db.server.ts";
import { processHolder } from "~/platform/job-runner.server.ts";
import { existingSingleton, setSingleton, singleton } from "~/platform/singleton.server.ts";
import { permissionsOf } from "~/staff/permissions.server.ts";
import type { StaffRole } from "~/staff/permissions.ts";
import { parseReportFilters, reportSearch, vietnamDay, type ReportFilters } from "../filters.ts";
import { reportQuery, type ReportQuery } from "../query.server.ts";
import { reportSql, type ReportSql } from "../report-sql.server.ts";
import { loadStatistics } from "../statistics.server.ts";
import { loadThemes, type Themes } from "../themes.server.ts";
import { reportConsultation } from "../document.server.ts";
import { exportFileName } from "./cells.ts";
import { buildReportDocument, draftName } from "./docx-report.ts";
import { writeCsv, writeXlsx } from "./files.server.ts";
import { issuerFor } from "./issuer.server.ts";
import { countOpinions, opinionBatches, opinionColumns } from "./rows.server.ts";
import { describeFilters } from "./describe.server.ts";
import { statisticsTables } from "./tables.ts";
import { buildConfig, config } from "~/platform/config.server.ts";

// Exports run in the background, in one app process at a time (the holder of the "exports" lease,
// ADR 029): a request only writes an ExportJob row (and the audit row) and wakes the worker if it is
// in this process; the holder also polls. The worker takes queued jobs one at a time with a conditional
// update that writes its runner id (so a job never runs twice at once), streams the file into the
// database (a StoredFile every server reads, ADR 052), and writes its progress to the row, which the
// progress page reads. Every write of a run is conditional on its runner id: a run whose job was taken
// from it stops and deletes its file. A job RUNNING under another runner when a process takes the lease
// was left by a server that died or stopped: it is queued again (its half-written file deleted) and made
// from the start, at most MAX_RUNS times; QUEUED jobs are picked up. ADR 017, 052.

export const EXPORT_FORMATS = {
  docx: { label: "Báo cáo Word (.docx)", extension: "docx", type: "application/vnd.openxmlformats-officedocument.wordprocessingml.document" },
  xlsx: { label: "Bảng tính Excel (.xlsx)", extension: "xlsx", type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" },
  csv: { label: "Tệp CSV (.csv)", extension: "csv", type: "text/csv; charset=utf-8" },
} as const;
export type ExportFormat = keyof typeof EXPORT_FORMATS;

export const RESTART_MESSAGE = "Máy chủ đã dừng giữa chừng nhiều lần trong khi đang xuất tệp. Vui lòng xuất lại.";
/** Runs of one job (a server that dies mid-export leaves it to the next holder) before it is given up. */
export const MAX_RUNS = 3;
const FAILURE_MESSAGE = "Không xuất được tệp do lỗi máy chủ. Vui lòng thử lại; nếu vẫn lỗi, hãy báo quản trị viên.";

/**
 * Where files finished before ADR 052 were kept: EXPORT_DIR, default data/exports. New files are stored
 * in the database; the folder's files are still served and deleted after their retention period.
 */
export function exportDir(): string {
  return path.resolve(config().exports.dir);
}

/**
 * How many days a finished file is kept: EXPORT_RETENTION_DAYS, default 7. The files hold personal
 * data (names, contacts, localities: Decree 13/2023/NĐ-CP), so they are not kept longer than the work
 * needs; the value is checked at start (app/platform/config.server.ts).
 */
export function exportRetentionDays(source?: Record<string, string | undefined>): number {
  return (source ? buildConfig(source) : config()).exports.retentionDays;
}
const DAY_MS = 24 * 60 * 60_000;

/** A finished job whose file deleteExpiredExports removed. */
export function isExpired(job: { status: string; fileId: string | null; filePath: string | null }): boolean {
  return job.status === "DONE" && !job.fileId && !job.filePath;
}

/** What the job page and the download say once a file was deleted. */
export function expiredMessage(days = exportRetentionDays()): string {
  return `Tệp đã được xóa khỏi máy chủ sau ${days.toLocaleString("vi-VN")} ngày lưu giữ, để bảo vệ dữ liệu cá nhân trong tệp. Vui lòng xuất lại.`;
}

/**
 * Deletes the files of exports finished more than the retention period ago (stored in the database, or
 * on disk before ADR 052) and forgets them (the job stays, for the record and the audit log). Any
 * process may run it; returns how many went.
 */
export async function deleteExpiredExports(files: Pick<FileStore, "db">, now = new Date(), days = exportRetentionDays(), dir = exportDir()): Promise<number> {
  const { db } = files;
  const expired = await db.exportJob.findMany({
    where: { status: "DONE", OR: [{ fileId: { not: null } }, { filePath: { not: null } }], finishedAt: { lt: new Date(now.getTime() - days * DAY_MS) } },
    select: { id: true, fileId: true, filePath: true },
  });
  for (const job of expired) {
    if (job.fileId) await deleteStoredFile(files, job.fileId);
    if (job.filePath) await rm(job.filePath, { force: true });
    await db.exportJob.updateMany({ where: { id: job.id }, data: { fileId: null, filePath: null } });
  }
  // Unfinished files a restart left behind (named <job id>.part; nothing else in the folder is touched).
  const entries = await readdir(dir).catch(() => [] as string[]);
  for (const name of entries.filter((n) => /^[a-z0-9]+\.part$/.test(n))) {
    const file = path.join(dir, name);
    const modified = await stat(file)
      .then((s) => s.mtimeMs)
      .catch(() => now.getTime());
    if (modified < now.getTime() - days * DAY_MS) await rm(file, { force: true });
  }
  return expired.length;
}

export function isExportFormat(value: unknown): value is ExportFormat {
  return typeof value === "string" && Object.hasOwn(EXPORT_FORMATS, value);
}

/** Records the request (ExportJob and audit row) and wakes the worker; returns the job's id. */
export async function requestExport(
  db: Db,
  user: { id: string },
  input: { consultationId: string; format: ExportFormat; filters: ReportFilters },
  options: { start?: boolean } = {},
): Promise<string> {
  const filters = JSON.stringify(input.filters);
  const job = await db.$transaction(async (tx) => {
    const created = await tx.exportJob.create({
      data: { format: input.format, consultationId: input.consultationId, filters, requestedById: user.id },
      select: { id: true },
    });
    const search = reportSearch(input.filters);
    await appendAudit(tx, {
      action: "export",
      actorId: user.id,
      subject: `consultation:${input.consultationId}`,
      note: `${input.format}; ${search ? `bộ lọc: ${search}` : "không lọc (ý kiến đã duyệt)"}; mã lần xuất: ${created.id}`,
    });
    return created;
  });
  if (options.start !== false) wakeExportWorker();
  return job.id;
}

interface Worker {
  running: boolean;
  again: boolean;
  db: Db;
  sql: ReportSql;
  files: FileStore;
}

/** This process's runner id: written on the jobs it runs, every write of a run conditional on it. */
export const exportRunnerId = () => singleton("exportRunnerId", processHolder);

/**
 * Makes this process the one that runs exports (the holder of the "exports" lease, app/background.server.ts):
 * jobs left RUNNING by another runner are queued again, queued ones are run, and every `pollMs` it
 * looks for new ones (queued from other processes). stop() ends the polling and the waking.
 */
export function startExportWorker(deps?: { db: Db; sql: ReportSql; files: FileStore }, pollMs = 2_000): { stop(): void } {
  const worker = singleton<Worker>("exportWorker", () => ({
    running: false,
    again: false,
    db: deps?.db ?? getDb(),
    sql: deps?.sql ?? reportSql(),
    files: deps?.files ?? fileStore(),
  }));
  // A job this process is still running (it lost the lease a moment and took it back) carries its own
  // runner id, and is not interrupted.
  const recovered = requeueInterruptedJobs(worker.files, exportRunnerId());
  const poll = setInterval(wakeExportWorker, pollMs);
  poll.unref();
  void recovered.catch((error) => console.error("Export worker: recovery failed", error)).then(wakeExportWorker);
  return {
    stop() {
      clearInterval(poll);
      setSingleton("exportWorker", undefined);
    },
  };
}

/** Wakes this process's worker if it runs exports (holds the lease); otherwise the holder's polling finds the job. Never throws. */
export function wakeExportWorker() {
  const worker = existingSingleton<Worker>("exportWorker");
  if (!worker) return;
  if (worker.running) {
    worker.again = true;
    return;
  }
  worker.running = true;
  void (async () => {
    try {
      do {
        worker.again = false;
        while (await runNextJob(worker.db, worker.sql, { files: worker.files })) {
          // one job after another
        }
      } while (worker.again);
    } catch (error) {
      console.error("Export worker stopped", error);
    } finally {
      worker.running = false;
    }
  })();
}

/**
 * Jobs RUNNING under another runner were left by a process that died or stopped (only the lease holder
 * runs exports): each is queued again to be made from the start, its half-written file deleted, or
 * FAILED after MAX_RUNS runs. Returns how many were queued again or failed.
 */
export async function requeueInterruptedJobs(files: Pick<FileStore, "db">, runner: string): Promise<number> {
  const { db } = files;
  const left = await db.exportJob.findMany({
    where: { status: "RUNNING", OR: [{ runner: null }, { runner: { not: runner } }] },
    select: { id: true, runner: true, attempts: true },
  });
  let moved = 0;
  for (const job of left) {
    const gaveUp = job.attempts >= MAX_RUNS;
    const { count } = await db.exportJob.updateMany({
      where: { id: job.id, status: "RUNNING", runner: job.runner },
      data: gaveUp ? { status: "FAILED", error: RESTART_MESSAGE, finishedAt: new Date() } : { status: "QUEUED", runner: null, done: 0 },
    });
    if (count === 0) continue;
    moved++;
    await deleteUnfinishedFiles(files, "export", exportFileKey(job.id));
    console.error(`Export ${job.id}: its run ${job.attempts} stopped with its server; ${gaveUp ? "given up" : "queued again"}`);
  }
  return moved;
}

const exportFileKey = (jobId: string) => `export:${jobId}`;

export interface RunOptions {
  /** Who runs it; default this process's runner id. */
  runner?: string;
  /** Where the file goes; default the process's database. */
  files?: FileStore;
}

/** Takes the oldest queued job (a conditional update: one process wins) and runs it; false when none waits. */
export async function runNextJob(db: Db, sql: ReportSql, options: RunOptions = {}): Promise<boolean> {
  const runner = options.runner ?? exportRunnerId();
  const next = await db.exportJob.findFirst({ where: { status: "QUEUED" }, orderBy: { createdAt: "asc" }, select: { id: true } });
  if (!next) return false;
  const { count } = await db.exportJob.updateMany({
    where: { id: next.id, status: "QUEUED" },
    data: { status: "RUNNING", runner, attempts: { increment: 1 } },
  });
  if (count === 1) await runJob(db, sql, next.id, { ...options, runner });
  return true;
}

/** The job was queued again by another process (this one was taken for dead): this run stops and leaves no trace. */
class LostJob extends Error {}

/** Runs one job that this process has claimed (as `runner`); every failure ends as FAILED with a message for people. */
export async function runJob(db: Db, sql: ReportSql, jobId: string, { runner = exportRunnerId(), files = fileStore() }: RunOptions = {}): Promise<void> {
  const job = await db.exportJob.findUniqueOrThrow({ where: { id: jobId } });
  const format = job.format;
  const mine = { id: job.id, runner, status: "RUNNING" as const };
  try {
    if (!isExportFormat(format)) throw new PublicError("Định dạng tệp không được hỗ trợ.");
    const user = await db.user.findUnique({ where: { id: job.requestedById }, select: { id: true, role: true, organizationId: true, active: true } });
    if (!user?.active) throw new PublicError("Tài khoản yêu cầu xuất tệp không còn hoạt động.");
    const permissions = await permissionsOf(db, user.role as StaffRole);
    if (!permissions.has("reports.export")) throw new PublicError("Tài khoản yêu cầu xuất tệp không còn quyền xuất báo cáo.");
    const consultation = await reportConsultation(db, job.consultationId);
    if (!consultation) throw new PublicError("Không tìm thấy đợt lấy ý kiến.");
    // The scope is worked out again now, from the requester's current organization.
    const query = await reportQuery(db, user, consultation.id, parseReportFilters(JSON.parse(job.filters) as Record<string, unknown>));
    let lastWrite = 0;
    const progress = async (done: number, total?: number) => {
      const now = Date.now();
      if (now - lastWrite < 250 && total === undefined) return;
      lastWrite = now;
      const { count } = await db.exportJob.updateMany({ where: mine, data: { done, ...(total !== undefined ? { total } : {}) } });
      if (count === 0) throw new LostJob();
    };
    const seesPersonalData = permissions.has("personal-data.view");
    let done = 0;
    const fileName = exportFileName(
      format === "docx" ? "Báo cáo tổng hợp ý kiến" : "Ý kiến góp ý",
      draftName(consultation.title),
      vietnamDay(new Date()),
      EXPORT_FORMATS[format].extension,
    );

    const writeExport = async (out: Writable): Promise<number> => {
      if (format === "docx") {
        await progress(0, 3);
        const [statistics, issuer] = await Promise.all([loadStatistics(db, sql, query, consultation.publishedVersionId), issuerFor(db, user.organizationId)]);
        await progress(1, 3);
        const themes = await sectionThemes(sql, query, statistics);
        await progress(2, 3);
        await yieldToEventLoop();
        const document = buildReportDocument({
          issuer,
          date: new Date(),
          consultationTitle: consultation.title,
          scope: await describeFilters(db, query),
          statistics,
          themes,
        });
        await yieldToEventLoop();
        out.write(await Packer.toBuffer(document));
        return 3;
      }
      const total = await countOpinions(sql, query);
      await progress(0, total);
      const columns = opinionColumns(seesPersonalData);
      const batches = opinionBatches(db, sql, query, { seesPersonalData, publishedVersionId: consultation.publishedVersionId });
      if (format === "csv") return writeCsv(out, batches, columns, (n) => progress(n));
      const statistics = await loadStatistics(db, sql, query, consultation.publishedVersionId);
      return writeXlsx(out, statisticsTables(statistics), batches, columns, (n) => progress(n));
    };
    const stored = await writeStoredFile(files, { kind: "export", key: exportFileKey(job.id), contentType: EXPORT_FORMATS[format].type }, async (out) => {
      done = await writeExport(out);
    });
    // The last progress write may have been skipped by the throttle: the final count is written here.
    const { count } = await db.exportJob.updateMany({
      where: mine,
      data: { status: "DONE", fileId: stored.id, fileName, finishedAt: new Date(), done, ...(format === "docx" ? {} : { total: done }), error: null },
    });
    if (count === 0) {
      await deleteStoredFile(files, stored.id);
      throw new LostJob();
    }
  } catch (error) {
    if (error instanceof LostJob) {
      console.error(`Export ${job.id}: taken over by another server; this run stops`);
      return;
    }
    if (!(error instanceof PublicError)) console.error(`Export ${job.id} failed`, error);
    await db.exportJob.updateMany({
      where: mine,
      data: { status: "FAILED", error: error instanceof PublicError ? error.message : FAILURE_MESSAGE, finishedAt: new Date() },
    });
  }
}

class PublicError extends Error {}

/** Themes for the Word report: the whole draft and each section with opinions (a smaller sample each). */
async function sectionThemes(sql: ReportSql, query: ReportQuery, statistics: Awaited<ReturnType<typeof loadStatistics>>): Promise<Map<string, Themes>> {
  const themes = new Map<string, Themes>();
  const options = { phrases: 8, clusters: 3, sample: 1_000 };
  if (statistics.wholeDocument.total > 0) themes.set("", await loadThemes(sql, query, null, options));
  const sectionKeys = new Set(statistics.sections.map((s) => s.key));
  const blocksOf = new Map<string, string[]>();
  let current: string | null = null;
  for (const block of statistics.blocks) {
    if (sectionKeys.has(block.key)) current = block.key;
    if (current && block.split.total > 0) blocksOf.set(current, [...(blocksOf.get(current) ?? []), block.key]);
  }
  for (const section of statistics.sections) {
    if (section.split.total === 0) continue;
    // Each section's themes are a few dozen milliseconds of work: let waiting requests through between them.
    await yieldToEventLoop();
    themes.set(section.key, await loadThemes(sql, query, blocksOf.get(section.key) ?? [], options));
  }
  return themes;
}

/**
 * A job as its page shows it, or null when the viewer may not see it: only the requester, or an
 * administrator — whoever manages the accounts (`users.manage`) may act for any of them. Permissions,
 * not role names, as everywhere else.
 */
export async function exportJobFor(db: Db, jobId: string, viewer: { id: string; permissions: ReadonlySet<string> }) {
  const job = await db.exportJob.findUnique({ where: { id: jobId } });
  if (!job || (job.requestedById !== viewer.id && !viewer.permissions.has("users.manage"))) return null;
  return job;
}
