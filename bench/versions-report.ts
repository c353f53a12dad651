// The response report's part of `npm run bench:versions` (issue 15): the .docx of the "Báo cáo tiếp thu,
// giải trình ý kiến" for a consultation with many answered opinions, built from scratch (no cached
// file), timed end to end (the counts, every answer and opinion read in batches, the archive written).
// Goal: under 30 s for 100,000 answered opinions.
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { writeResponseDocx } from "~/reports/response/docx.server.ts";
import { reportConsultationBySlug } from "~/reports/response/report.server.ts";
import type { Db } from "~/platform/db.server.ts";
import type { SqlDriver } from "~/platform/sql.server.ts";

export async function measureResponseDocx(
  db: Db,
  sql: SqlDriver,
  opts: { consultationId: string },
): Promise<{ response_docx_s: number; bytes: number; opinions: number }> {
  const { slug } = await db.consultation.findUniqueOrThrow({ where: { id: opts.consultationId }, select: { slug: true } });
  const consultation = await reportConsultationBySlug(db, slug);
  if (!consultation) throw new Error(`Consultation ${opts.consultationId} has no public report (draft, or no published version)`);
  const dir = mkdtempSync(path.join(tmpdir(), "gopy-bench-response-"));
  try {
    const file = path.join(dir, "tiep-thu-giai-trinh.docx");
    const started = performance.now();
    const opinions = await writeResponseDocx(db, sql, consultation, { version: null, disposition: null }, file);
    const seconds = (performance.now() - started) / 1000;
    return { response_docx_s: Math.round(seconds * 100) / 100, bytes: statSync(file).size, opinions };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
