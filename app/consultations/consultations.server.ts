import type { Db } from "~/platform/db.server.ts";
import { earliestStatusChange, nextStatusChange, publicStatus, STATUS_ORDER, timeLeftText } from "./status.ts";
import type { StanceCounts } from "./document-body.tsx";
import { buildDocumentTemplate, hasDocumentTemplate, renderDocumentBody } from "./document-html.server.tsx";

/**
 * Consultations readers can see (never a DRAFT), open ones first, each with its approved comment count and
 * how long it is still open; `nextChange` is when the list changes by itself (an opening or closing).
 */
export async function listPublicConsultations(db: Db, now = new Date()) {
  const [consultations, counts] = await Promise.all([
    db.consultation.findMany({
      where: { status: { not: "DRAFT" }, publishedVersionId: { not: null } },
      select: { id: true, slug: true, title: true, summary: true, issuingBody: true, kind: true, status: true, opensAt: true, closesAt: true },
    }),
    db.comment.groupBy({ by: ["consultationId"], where: { status: "APPROVED" }, _count: { _all: true } }),
  ]);
  const countOf = new Map(counts.map((c) => [c.consultationId, c._count._all]));
  const list = consultations
    .map((c) => ({ ...c, publicStatus: publicStatus(c, now), timeLeft: timeLeftText(c, now), approvedComments: countOf.get(c.id) ?? 0 }))
    .sort(
      (a, b) =>
        STATUS_ORDER[a.publicStatus] - STATUS_ORDER[b.publicStatus] ||
        (b.opensAt?.getTime() ?? 0) - (a.opensAt?.getTime() ?? 0) ||
        a.title.localeCompare(b.title, "vi"),
    );
  return { consultations: list, nextChange: earliestStatusChange(consultations, now) };
}

/** What readers are shown of a consultation wherever it appears (its page, the comment form, the comments). */
export const CONSULTATION_FIELDS = {
  id: true,
  slug: true,
  title: true,
  status: true,
  opensAt: true,
  closesAt: true,
  commentCharLimit: true,
  publishedVersionId: true,
  acceptsOnline: true,
} as const;

/**
 * The published draft as readers see it: its body HTML (rendered once per version) with the
 * current approved-comment counts, and the table of contents.
 */
export async function getPublishedDocument(db: Db, slug: string, now = new Date()) {
  const consultation = await db.consultation.findUnique({
    where: { slug },
    select: {
      ...CONSULTATION_FIELDS,
      summary: true,
      issuingBody: true,
      acceptsConference: true,
      acceptsLetter: true,
      publishedVersion: { select: { id: true, number: true, publishedAt: true } },
    },
  });
  if (!consultation || consultation.status === "DRAFT" || !consultation.publishedVersion) return null;
  const version = consultation.publishedVersion;
  const [counts] = await Promise.all([
    approvedCountsByBlock(db, consultation.id),
    hasDocumentTemplate(version.id) ? null : loadTemplate(db, version.id, consultation.slug),
  ]);
  const body = renderDocumentBody(version.id, counts.blocks);
  return {
    consultation: { ...consultation, publicStatus: publicStatus(consultation, now), timeLeft: timeLeftText(consultation, now) },
    /** When the page changes by itself (the opening or closing still ahead). */
    nextChange: nextStatusChange(consultation, now),
    version,
    bodyHtml: body.html,
    toc: body.toc,
    approvedComments: counts.total,
    wholeDocumentComments: counts.whole,
  };
}

async function loadTemplate(db: Db, versionId: string, slug: string) {
  const blocks = await db.block.findMany({
    where: { versionId },
    orderBy: { position: "asc" },
    select: { key: true, kind: true, level: true, label: true, text: true, html: true },
  });
  buildDocumentTemplate(versionId, slug, blocks);
}

/** Approved comments per block key and stance (comments follow their block across versions). */
export async function approvedCountsByBlock(db: Db, consultationId: string) {
  const rows = await db.comment.groupBy({
    by: ["blockKey", "stance"],
    where: { consultationId, status: "APPROVED" },
    _count: { _all: true },
  });
  const blocks = new Map<string, StanceCounts>();
  let whole = 0;
  let total = 0;
  for (const row of rows) {
    const n = row._count._all;
    total += n;
    if (row.blockKey === null) {
      whole += n;
      continue;
    }
    const counts = blocks.get(row.blockKey) ?? { total: 0, AGREE: 0, DISAGREE: 0, OTHER: 0 };
    counts.total += n;
    counts[row.stance] += n;
    blocks.set(row.blockKey, counts);
  }
  return { blocks, whole, total };
}
