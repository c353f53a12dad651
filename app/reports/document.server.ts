import type { Db } from "~/platform/db.server.ts";

/** A block of the published version, as the reports show it. */
export interface ReportBlock {
  key: string;
  kind: string;
  level: number;
  number: string | null;
  label: string;
  text: string;
}

/** The blocks of a version in reading order. */
export async function reportBlocks(db: Db, versionId: string): Promise<ReportBlock[]> {
  return db.block.findMany({
    where: { versionId },
    orderBy: { position: "asc" },
    select: { key: true, kind: true, level: true, number: true, label: true, text: true },
  });
}

/** The consultation a report is about, or null. */
export async function reportConsultation(db: Db, id: string) {
  return db.consultation.findUnique({
    where: { id },
    select: { id: true, slug: true, title: true, status: true, publishedVersionId: true, opensAt: true, closesAt: true },
  });
}

/** Consultations that have something to report on (a published version), newest first. */
export async function reportableConsultations(db: Db) {
  return db.consultation.findMany({
    where: { publishedVersionId: { not: null } },
    orderBy: { createdAt: "desc" },
    select: { id: true, slug: true, title: true, status: true, opensAt: true, closesAt: true },
  });
}
