import type { Db } from "~/platform/db.server.ts";
import { publicStatus, STATUS_ORDER } from "./status.ts";
import { isHeadingKind } from "./document/kinds.ts";

/** Consultations readers can see (not drafts), open ones first, each with its approved comment count. */
export async function listPublicConsultations(db: Db, now = new Date()) {
  const [consultations, counts] = await Promise.all([
    db.consultation.findMany({
      where: { status: { not: "DRAFT" }, publishedVersionId: { not: null } },
      select: { id: true, slug: true, title: true, summary: true, status: true, opensAt: true, closesAt: true },
    }),
    db.comment.groupBy({ by: ["consultationId"], where: { status: "APPROVED" }, _count: { _all: true } }),
  ]);
  const countOf = new Map(counts.map((c) => [c.consultationId, c._count._all]));
  return consultations
    .map((c) => ({ ...c, publicStatus: publicStatus(c, now), approvedComments: countOf.get(c.id) ?? 0 }))
    .sort(
      (a, b) =>
        STATUS_ORDER[a.publicStatus] - STATUS_ORDER[b.publicStatus] ||
        (b.opensAt?.getTime() ?? 0) - (a.opensAt?.getTime() ?? 0) ||
        a.title.localeCompare(b.title, "vi"),
    );
}

/** The published draft as readers see it: blocks in order with their approved comment counts. */
export async function getPublishedDocument(db: Db, slug: string, now = new Date()) {
  const consultation = await db.consultation.findUnique({
    where: { slug },
    select: {
      id: true,
      slug: true,
      title: true,
      summary: true,
      status: true,
      opensAt: true,
      closesAt: true,
      commentCharLimit: true,
      publishedVersion: { select: { id: true, number: true, publishedAt: true } },
    },
  });
  if (!consultation || consultation.status === "DRAFT" || !consultation.publishedVersion) return null;
  const version = consultation.publishedVersion;
  const [blocks, counts] = await Promise.all([
    db.block.findMany({
      where: { versionId: version.id },
      orderBy: { position: "asc" },
      select: { key: true, kind: true, level: true, number: true, label: true, text: true, html: true },
    }),
    approvedCountsByBlock(db, consultation.id),
  ]);
  return {
    consultation: { ...consultation, publicStatus: publicStatus(consultation, now) },
    version,
    blocks: blocks.map(({ text, ...block }) => ({
      ...block,
      // Headings carry their text for the table of contents; body blocks need only their HTML.
      text: isHeadingKind(block.kind) ? text : undefined,
      approvedComments: counts.blocks.get(block.key) ?? 0,
    })),
    approvedComments: counts.total,
    wholeDocumentComments: counts.whole,
  };
}

/** Approved comments per block key (comments follow their block across versions). */
export async function approvedCountsByBlock(db: Db, consultationId: string) {
  const rows = await db.comment.groupBy({
    by: ["blockKey"],
    where: { consultationId, status: "APPROVED" },
    _count: { _all: true },
  });
  const blocks = new Map<string, number>();
  let whole = 0;
  let total = 0;
  for (const row of rows) {
    total += row._count._all;
    if (row.blockKey === null) whole = row._count._all;
    else blocks.set(row.blockKey, row._count._all);
  }
  return { blocks, whole, total };
}
