import type { Db } from "~/platform/db.server.ts";

// Every block key ever published in a consultation, with its label and text as last published, so an
// opinion on a block a later version removed keeps its label in reports and exports (ADR 037).

export interface CatalogEntry {
  label: string;
  text: string;
  /** The latest published version the block appears in. */
  versionId: string;
  versionNumber: number;
  /** Whether it is in the version readers see now. */
  current: boolean;
  /** The first published version without it (null while it is in the newest). */
  removedIn: number | null;
}

export async function blockCatalog(db: Db, consultationId: string): Promise<Map<string, CatalogEntry>> {
  const consultation = await db.consultation.findUnique({ where: { id: consultationId }, select: { publishedVersionId: true } });
  const versions = await db.documentVersion.findMany({
    where: { consultationId, status: "PUBLISHED" },
    orderBy: { number: "desc" },
    select: { id: true, number: true },
  });
  const catalog = new Map<string, CatalogEntry>();
  for (const [i, version] of versions.entries()) {
    const blocks = await db.block.findMany({ where: { versionId: version.id }, select: { key: true, label: true, text: true } });
    const current = version.id === consultation?.publishedVersionId;
    for (const block of blocks) {
      if (catalog.has(block.key)) continue;
      catalog.set(block.key, {
        label: block.label,
        text: block.text,
        versionId: version.id,
        versionNumber: version.number,
        current,
        removedIn: i > 0 ? versions[i - 1]!.number : null,
      });
    }
  }
  return catalog;
}

/** "Chương I › Điều 5 (đã bỏ ở bản số 3)" for a block a later version removed. */
export function catalogLabel(entry: CatalogEntry): string {
  return entry.removedIn === null ? entry.label : `${entry.label} (đã bỏ ở bản số ${entry.removedIn})`;
}
