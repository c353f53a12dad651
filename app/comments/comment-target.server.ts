import type { Db } from "~/platform/db.server.ts";
import { CONSULTATION_FIELDS } from "~/consultations/consultations.server.ts";
import { publicStatus } from "~/consultations/status.ts";

/**
 * The consultation and (optionally) the block a comment form is for; null when either is unknown. With
 * `earlierVersions` (reading comments, not writing them), a block the current version no longer has is
 * found in the latest published version that has it: its comments stay readable.
 */
export async function getCommentTarget(db: Db, slug: string, blockKey: string | null, now = new Date(), { earlierVersions = false } = {}) {
  const consultation = await db.consultation.findUnique({
    where: { slug },
    select: CONSULTATION_FIELDS,
  });
  if (!consultation || consultation.status === "DRAFT" || !consultation.publishedVersionId) return null;
  const block = blockKey
    ? await db.block.findUnique({
        where: { versionId_key: { versionId: consultation.publishedVersionId, key: blockKey } },
        select: { key: true, label: true, text: true, kind: true },
      })
    : null;
  const earlier =
    blockKey && !block && earlierVersions
      ? await db.block.findFirst({
          where: { key: blockKey, version: { consultationId: consultation.id, status: "PUBLISHED" } },
          orderBy: { version: { number: "desc" } },
          select: { key: true, label: true, text: true, kind: true },
        })
      : null;
  if (blockKey && !block && !earlier) return null;
  if (earlier) return { consultation: { ...consultation, publicStatus: publicStatus(consultation, now) }, block: earlier, blockGone: true };
  return { consultation: { ...consultation, publicStatus: publicStatus(consultation, now) }, block, blockGone: false };
}

/** A passage selected in the page, kept only if it really is at that place in the block's text. */
export function checkedQuote(blockText: string | undefined, quote: string | null, start: string | null, end: string | null) {
  if (!blockText || !quote) return null;
  const from = Number(start);
  const to = Number(end);
  if (!Number.isInteger(from) || !Number.isInteger(to) || from < 0 || to <= from) return null;
  return blockText.slice(from, to) === quote.normalize("NFC") ? { quote: blockText.slice(from, to), start: from, end: to } : null;
}
