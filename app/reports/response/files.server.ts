import { createHash } from "node:crypto";
import { cachedStoredFile, type FileStore, type StoredFileInfo } from "~/files/stored-files.server.ts";
import type { Db } from "~/platform/db.server.ts";
import { exportFileName } from "~/reports/export/cells.ts";
import { writeResponseDocx } from "./docx.server.ts";
import { DISPOSITION_WORDS, type ResponseReportFilters } from "./filters.ts";
import type { ReportConsultation, ReportReader } from "./report.server.ts";
import { writeResponseXlsx } from "./xlsx.server.ts";

// The public files are built once per (consultation, filters, state of its answers) and kept in the
// database (StoredFile, ADR 052), so every app server serves the same file and only one builds it: the
// key carries a hash of the answers' state (how many, the last change, the last opinion answered), so a
// new or corrected answer makes the next download build a new file at once. What the answers' state does
// not see (a moderator rejecting an answered opinion later) shows in a file at most FILE_MAX_AGE_MS late.
// A file is read only once finished, so a reader never sees half a file; the older states' files are
// deleted by housekeeping a few minutes after a newer one is built (ADR 040).

export const FILE_MAX_AGE_MS = 10 * 60_000;
export const RESPONSE_FORMATS = {
  docx: { type: "application/vnd.openxmlformats-officedocument.wordprocessingml.document" },
  xlsx: { type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" },
} as const;
export type ResponseFormat = keyof typeof RESPONSE_FORMATS;

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

/** The file of the report in `format` with these filters: a cached one when still current, else built now. */
export async function responseReportFile(
  files: FileStore,
  reader: ReportReader,
  consultation: ReportConsultation,
  filters: ResponseReportFilters,
  format: ResponseFormat,
  now = new Date(),
): Promise<{ file: StoredFileInfo; name: string }> {
  const { db } = files;
  const family = `tiep-thu-giai-trinh:${consultation.id}:${filtersKey(filters)}:${format}:`;
  const key = `${family}${hash(await answersStamp(db, consultation.id))}`;
  const name = exportFileName("Báo cáo tiếp thu, giải trình", consultation.title, now.toISOString().slice(0, 10), format);
  const file = await cachedStoredFile(
    files,
    { kind: "response-report", key, contentType: RESPONSE_FORMATS[format].type, maxAgeMs: FILE_MAX_AGE_MS, supersedes: family, now },
    async (out) => {
      if (format === "docx") await writeResponseDocx(db, reader, consultation, filters, out, now);
      else await writeResponseXlsx(db, reader, consultation, filters, out);
    },
  );
  return { file, name };
}
