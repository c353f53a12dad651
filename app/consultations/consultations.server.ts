import type { Db } from "~/platform/db.server.ts";
import { earliestStatusChange, nextStatusChange, publicStatus, STATUS_ORDER, timeLeftText } from "./status.ts";
import type { BlockMark, StanceCounts } from "./document-body.ts";
import { buildDocumentTemplate, hasDocumentTemplate, renderDocumentBody } from "./document-html.server.ts";
import type { Passage } from "./passage-marks.ts";

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

/** What a published version's page marks under its blocks (what changed since the version before), computed once per version. */
export type MarksOf = (version: { id: string; number: number }) => Promise<Map<string, BlockMark>>;

/**
 * The published draft as readers see it: its body HTML (rendered once per version) with the
 * current approved-comment counts, and the table of contents. By default the version readers comment
 * on; with `number`, that published version (an earlier one read-only, without comment forms), or null
 * when there is no such published version.
 */
export async function getPublishedDocument(db: Db, slug: string, now = new Date(), options: { number?: number; marks?: MarksOf } = {}) {
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
  const version =
    options.number === undefined || options.number === consultation.publishedVersion.number
      ? consultation.publishedVersion
      : await db.documentVersion.findFirst({
          where: { consultationId: consultation.id, number: options.number, status: "PUBLISHED" },
          select: { id: true, number: true, publishedAt: true },
        });
  if (!version) return null;
  const readOnly = version.id !== consultation.publishedVersion.id;
  // The passages commented on are marked in the version commented on only (ADR 048).
  const [counts, passages] = await Promise.all([
    approvedCountsByBlock(db, consultation.id),
    readOnly ? undefined : approvedPassagesByBlock(db, consultation.id),
    hasDocumentTemplate(version.id, readOnly) ? null : loadTemplate(db, version, consultation.slug, readOnly, options.marks),
  ]);
  const body = renderDocumentBody(version.id, counts.blocks, readOnly, passages);
  return {
    consultation: { ...consultation, publicStatus: publicStatus(consultation, now), timeLeft: timeLeftText(consultation, now) },
    /** When the page changes by itself (the opening or closing still ahead). */
    nextChange: nextStatusChange(consultation, now),
    version,
    /** The version readers comment on (the same as `version` unless an earlier one was asked for). */
    currentVersion: consultation.publishedVersion,
    bodyHtml: body.html,
    toc: body.toc,
    approvedComments: counts.total,
    wholeDocumentComments: counts.whole,
  };
}

async function loadTemplate(db: Db, version: { id: string; number: number }, slug: string, readOnly: boolean, marksOf?: MarksOf) {
  const [blocks, marks] = await Promise.all([
    db.block.findMany({
      where: { versionId: version.id },
      orderBy: { position: "asc" },
      select: { key: true, kind: true, level: true, label: true, text: true, html: true },
    }),
    marksOf?.(version),
  ]);
  buildDocumentTemplate(version.id, slug, blocks, { readOnly, marks });
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

/**
 * The passages approved comments quote, per block key, each with how many quote exactly it (comments
 * follow their block across versions; whether a passage is still in the block's text is checked where
 * it is marked).
 */
export async function approvedPassagesByBlock(db: Db, consultationId: string) {
  const rows = await db.comment.groupBy({
    by: ["blockKey", "quoteStart", "quoteEnd", "quote"],
    where: { consultationId, status: "APPROVED", quoteStart: { not: null } },
    _count: { _all: true },
  });
  const passages = new Map<string, Passage[]>();
  for (const row of rows) {
    if (row.blockKey === null || row.quote === null || row.quoteStart === null || row.quoteEnd === null) continue;
    const list = passages.get(row.blockKey) ?? [];
    list.push({ quote: row.quote, start: row.quoteStart, end: row.quoteEnd, count: row._count._all });
    passages.set(row.blockKey, list);
  }
  return passages;
}
