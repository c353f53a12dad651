import type { Db } from "~/platform/db.server.ts";
import { describeLocality } from "~/localities/localities.server.ts";
import type { CommentOrder } from "~/consultations/urls.ts";
import { publicByline } from "~/text/display-name.ts";
import { textsDiffer } from "~/text/word-diff.ts";
import { shownProposal } from "./proposal.ts";
import { proposalOriginals } from "./proposal.server.ts";

export const PAGE_SIZE = 20;

/** A page of published comments in the order it was asked for: what /du-thao/<slug>/y-kien loads (the inline panel too). */
export type PublishedCommentsPage = Awaited<ReturnType<typeof listPublishedComments>> & { order: CommentOrder };

const NEWEST = [{ createdAt: "desc" as const }, { id: "desc" as const }];
const LISTED = {
  id: true,
  stance: true,
  originalText: true,
  publishedText: true,
  proposedText: true,
  quote: true,
  quoteStart: true,
  quoteEnd: true,
  authorName: true,
  provinceCode: true,
  communeCode: true,
  onBehalfOf: true,
  createdAt: true,
  versionId: true,
} as const;

/**
 * Published comments on one block (or, with blockKey null, on the whole draft), for the public: names
 * shortened, no contact details. Newest first, or "supported" first: an opinion that more people sent
 * (a near-duplicate group, counted by its approved members) before one that fewer did, newest first
 * among equals (ADR 021).
 */
export async function listPublishedComments(db: Db, consultationId: string, blockKey: string | null, page: number, order: CommentOrder = "newest") {
  const approved = { consultationId, status: "APPROVED" as const, blockKey };
  // A near-duplicate group is shown once, by the member the moderation picked, "và N ý kiến tương tự".
  const groups = await db.duplicateGroup.findMany({
    where: { consultationId, blockKey, publicCommentId: { not: null } },
    select: { id: true, publicCommentId: true, approvedCount: true },
  });
  const similar = new Map(groups.map((g) => [g.publicCommentId!, g.approvedCount - 1]));
  const where = { ...approved, OR: [{ groupId: null }, { id: { in: [...similar.keys()] } }] };
  const skip = (page - 1) * PAGE_SIZE;
  const [total, listed, byStance, rows] = await Promise.all([
    db.comment.count({ where: approved }),
    db.comment.count({ where }),
    db.comment.groupBy({ by: ["stance"], where: approved, _count: { _all: true } }),
    order === "newest" ? db.comment.findMany({ where, orderBy: NEWEST, skip, take: PAGE_SIZE, select: LISTED }) : supportedFirst(db, where, similar, skip),
  ]);
  const stances = { AGREE: 0, DISAGREE: 0, OTHER: 0 };
  for (const row of byStance) stances[row.stance] = row._count._all;
  const [written, originals] = await Promise.all([
    writtenOn(db, consultationId, blockKey, rows),
    proposalOriginals(
      db,
      rows.map((r) => ({ ...r, blockKey })),
    ),
  ]);
  return {
    total,
    stances,
    pages: Math.max(1, Math.ceil(listed / PAGE_SIZE)),
    comments: rows.map((c) => ({
      id: c.id,
      stance: c.stance,
      text: c.publishedText ?? c.originalText,
      proposal: shownProposal(originals.get(c.id), c.proposedText),
      quote: c.quote,
      quoteStart: c.quoteStart,
      quoteEnd: c.quoteEnd,
      byline: publicByline(c.authorName, describeLocality(c.provinceCode, c.communeCode)),
      onBehalfOf: c.onBehalfOf,
      createdAt: c.createdAt,
      similar: similar.get(c.id) ?? 0,
      writtenOn: written.get(c.versionId) ?? null,
    })),
  };
}

/**
 * For the comments written on an earlier version than the one readers now see: that version's number and
 * whether the block commented on has changed since (or is gone). Comments on the current version have none.
 */
async function writtenOn(db: Db, consultationId: string, blockKey: string | null, rows: { versionId: string }[]) {
  const out = new Map<string, { number: number; blockChanged: boolean }>();
  const current = (await db.consultation.findUnique({ where: { id: consultationId }, select: { publishedVersionId: true } }))?.publishedVersionId;
  const earlier = [...new Set(rows.map((r) => r.versionId))].filter((id) => id !== current);
  if (!current || earlier.length === 0) return out;
  const [versions, blocks] = await Promise.all([
    db.documentVersion.findMany({ where: { id: { in: earlier } }, select: { id: true, number: true } }),
    blockKey ? db.block.findMany({ where: { versionId: { in: [...earlier, current] }, key: blockKey }, select: { versionId: true, text: true } }) : [],
  ]);
  const textIn = new Map(blocks.map((b) => [b.versionId, b.text]));
  const now = textIn.get(current);
  for (const v of versions) {
    const then = textIn.get(v.id);
    out.set(v.id, { number: v.number, blockChanged: blockKey !== null && (now === undefined || then === undefined || textsDiffer(then, now)) });
  }
  return out;
}

type ListedWhere = NonNullable<Parameters<Db["comment"]["findMany"]>[0]>["where"] & {};

/**
 * One page of the "supported" order: first the groups' shown comments with other approved members,
 * most members first (there are as many as the block has groups), then every other comment newest
 * first, read through the same index as the newest order.
 */
async function supportedFirst(db: Db, where: ListedWhere, similar: Map<string, number>, skip: number) {
  const candidates = [...similar].filter(([, others]) => others > 0).map(([id]) => id);
  const dated = candidates.length ? await db.comment.findMany({ where: { ...where, id: { in: candidates } }, select: { id: true, createdAt: true } }) : [];
  const ranked = dated
    .sort((a, b) => similar.get(b.id)! - similar.get(a.id)! || b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : -1))
    .map((c) => c.id);
  const head = ranked.slice(skip, skip + PAGE_SIZE);
  const headRows = head.length ? await db.comment.findMany({ where: { id: { in: head } }, select: LISTED }) : [];
  headRows.sort((a, b) => head.indexOf(a.id) - head.indexOf(b.id));
  const more = PAGE_SIZE - head.length;
  const rest = more
    ? await db.comment.findMany({
        where: { ...where, id: { notIn: ranked } },
        orderBy: NEWEST,
        skip: Math.max(0, skip - ranked.length),
        take: more,
        select: LISTED,
      })
    : [];
  return [...headRows, ...rest];
}
