import { createHash, randomBytes } from "node:crypto";
import { readdir, rename, rm, stat } from "node:fs/promises";
import path from "node:path";
import type { Db } from "~/platform/db.server.ts";
import { config } from "~/platform/config.server.ts";
import { makeOwnerOnlyDir, ownerOnlyFile } from "~/platform/private-files.ts";
import { singleton } from "~/platform/singleton.server.ts";
import { exportFileName } from "~/reports/export/cells.ts";
import { writeResponseDocx } from "./docx.server.ts";
import { DISPOSITION_WORDS, type ResponseReportFilters } from "./filters.ts";
import type { ReportConsultation, ReportReader } from "./report.server.ts";
import { writeResponseXlsx } from "./xlsx.server.ts";

// The public files are built once per (consultation, filters, state of its answers) and kept in
// EXPORT_DIR/tiep-thu-giai-trinh: the name carries a hash of the answers' state (how many, the last change,
// the last opinion answered), so a new or corrected answer makes the next download build a new file at
// once. What the answers' state does not see (a moderator rejecting an answered opinion later) shows in
// a file at most FILE_MAX_AGE_MS late. Concurrent requests of one process wait for the one build; the
// file is written beside and renamed into place, so a reader never sees half a file (ADR 040).

export const FILE_MAX_AGE_MS = 10 * 60_000;
export const RESPONSE_FORMATS = {
  docx: { type: "application/vnd.openxmlformats-officedocument.wordprocessingml.document" },
  xlsx: { type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" },
} as const;
export type ResponseFormat = keyof typeof RESPONSE_FORMATS;

export function responseFilesDir(): string {
  return path.resolve(config().exports.dir, "tiep-thu-giai-trinh");
}

/** What changes whenever an answer is recorded, corrected or covers other opinions. */
export async function answersStamp(db: Db, consultationId: string): Promise<string> {
  const [answers, comments] = await Promise.all([
    db.answer.aggregate({ where: { consultationId }, _count: { _all: true }, _max: { updatedAt: true }, _sum: { commentCount: true } }),
    db.comment.aggregate({ where: { consultationId, answerId: { not: null } }, _max: { answeredAt: true }, _count: { _all: true } }),
  ]);
  return [
    answers._count._all,
    answers._max.updatedAt?.getTime() ?? 0,
    answers._sum.commentCount ?? 0,
    comments._max.answeredAt?.getTime() ?? 0,
    comments._count._all,
  ].join(":");
}

const hash = (text: string) => createHash("sha256").update(text).digest("hex").slice(0, 16);

function filtersKey(filters: ResponseReportFilters): string {
  return `${filters.version ?? "all"}-${filters.disposition ? DISPOSITION_WORDS[filters.disposition] : "all"}`;
}

const building = () => singleton("response-report-builds", () => new Map<string, Promise<string>>());

/** The file of the report in `format` with these filters: a cached one when still current, else built now. */
export async function responseReportFile(
  db: Db,
  reader: ReportReader,
  consultation: ReportConsultation,
  filters: ResponseReportFilters,
  format: ResponseFormat,
  now = new Date(),
): Promise<{ file: string; name: string }> {
  const dir = responseFilesDir();
  const prefix = `${consultation.id}-${filtersKey(filters)}-`;
  const file = path.join(dir, `${prefix}${hash(await answersStamp(db, consultation.id))}.${format}`);
  const name = exportFileName("Báo cáo tiếp thu, giải trình", consultation.title, now.toISOString().slice(0, 10), format);
  const fresh = await stat(file).then(
    (s) => now.getTime() - s.mtimeMs < FILE_MAX_AGE_MS,
    () => false,
  );
  if (fresh) return { file, name };
  let build = building().get(file);
  if (!build) {
    build = (async () => {
      makeOwnerOnlyDir(dir);
      const part = `${file}.${randomBytes(6).toString("hex")}.part`;
      ownerOnlyFile(part);
      try {
        if (format === "docx") await writeResponseDocx(db, reader, consultation, filters, part, now);
        else await writeResponseXlsx(db, reader, consultation, filters, part);
        await rename(part, file);
      } catch (error) {
        await rm(part, { force: true });
        throw error;
      }
      // The same report's older files (older answers' states) go.
      for (const other of await readdir(dir)) {
        if (other.startsWith(prefix) && other.endsWith(`.${format}`) && path.join(dir, other) !== file) await rm(path.join(dir, other), { force: true });
      }
      return file;
    })().finally(() => building().delete(file));
    building().set(file, build);
  }
  return { file: await build, name };
}
