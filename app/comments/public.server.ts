import type { Db } from "~/platform/db.server.ts";
import { describeLocality } from "~/localities/localities.server.ts";
import type { CommentOrder, PassageRange } from "~/consultations/urls.ts";
import { passageMatches } from "~/consultations/passage-marks.ts";
import { publicByline } from "~/text/display-name.ts";
import { textsDiffer } from "~/text/word-diff.ts";
import { shownProposal, type ShownProposal } from "./proposal.ts";
import { proposalOriginals } from "./proposal.server.ts";

export const PAGE_SIZE = 20;

/** A page of published comments in the order it was asked for: what /du-thao/<slug>/y-kien loads (the inline panel too). */
export type PublishedCommentsPage = Awaited<ReturnType<typeof listPublishedComments>> & { order: CommentOrder; support: { slug: string; open: boolean } };

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
  supportCount: true,
} as const;

/**
 * Published comments on one block (or, with blockKey null, on the whole draft), for the public: names
 * shortened, no contact details, each with its supporters (đồng tình; a group's for a group's shown
 * member). Newest first, or "supported" first: the opinions more people stand behind — those who sent
 * it (a near-duplicate group's approved members, 1 for a comment in no group) and those who support
 * it — before those fewer do, newest first among equals (ADR 021, 046).
 */
export async function listPublishedComments(
  db: Db,
  consultationId: string,
  blockKey: string | null,
  page: number,
  order: CommentOrder = "newest",
  passage: PassageFilter | null = null,
) {
  const inPassage = passage && blockKey ? await passageCommentIds(db, consultationId, blockKey, passage) : null;
  const approved = { consultationId, status: "APPROVED" as const, blockKey, ...(inPassage ? { id: { in: inPassage } } : {}) };
  // A near-duplicate group is shown once, by the member the moderation picked, "và N ý kiến tương tự";
  // a passage's comments are each shown (they are what its mark counted).
  const groups = inPassage
    ? []
    : await db.duplicateGroup.findMany({
        where: { consultationId, blockKey, publicCommentId: { not: null } },
        select: { id: true, publicCommentId: true, approvedCount: true, supportCount: true },
      });
  const similar = new Map(groups.map((g) => [g.publicCommentId!, g.approvedCount - 1]));
  const groupSupport = new Map(groups.map((g) => [g.publicCommentId!, g.supportCount]));
  const where = inPassage ? approved : { ...approved, OR: [{ groupId: null }, { id: { in: [...similar.keys()] } }] };
  const skip = (page - 1) * PAGE_SIZE;
  const [total, listed, byStance, rows] = await Promise.all([
    db.comment.count({ where: approved }),
    db.comment.count({ where }),
    db.comment.groupBy({ by: ["stance"], where: approved, _count: { _all: true } }),
    order === "newest"
      ? db.comment.findMany({ where, orderBy: NEWEST, skip, take: PAGE_SIZE, select: LISTED })
      : supportedFirst(db, where, similar, groupSupport, skip),
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
    passage: inPassage && passage ? { start: passage.start, end: passage.end } : null,
    total,
    stances,
    pages: Math.max(1, Math.ceil(listed / PAGE_SIZE)),
    comments: rows.map((c) =>
      publicComment(
        c,
        similar.get(c.id) ?? 0,
        groupSupport.get(c.id) ?? c.supportCount,
        written.get(c.versionId) ?? null,
        shownProposal(originals.get(c.id), c.proposedText),
      ),
    ),
  };
}

type ListedRow = Awaited<ReturnType<typeof supportedFirst>>[number];

/** A published comment as the public reads it: names shortened, no contact details. */
function publicComment(
  c: ListedRow,
  similar: number,
  supporters: number,
  writtenOn: { number: number; blockChanged: boolean } | null,
  proposal: ShownProposal | null = null,
) {
  return {
    id: c.id,
    stance: c.stance,
    text: c.publishedText ?? c.originalText,
    proposal,
    quote: c.quote,
    quoteStart: c.quoteStart,
    quoteEnd: c.quoteEnd,
    byline: publicByline(c.authorName, describeLocality(c.provinceCode, c.communeCode)),
    onBehalfOf: c.onBehalfOf,
    createdAt: c.createdAt,
    similar,
    supporters,
    writtenOn,
  };
}

/** One published (approved) comment of the consultation, as the lists show it (the support page), or null. */
export async function getPublishedComment(db: Db, consultationId: string, id: string) {
  const c = await db.comment.findFirst({
    where: { id, consultationId, status: "APPROVED" },
    select: { ...LISTED, group: { select: { approvedCount: true, supportCount: true } } },
  });
  if (!c) return null;
  return publicComment(c, c.group ? c.group.approvedCount - 1 : 0, c.group ? c.group.supportCount : c.supportCount, null);
}

/** A marked passage's comments: those whose passage overlaps [start, end) and is still in the block's text. */
export interface PassageFilter extends PassageRange {
  blockText: string;
}

/**
 * The approved comments of a block whose quoted passage overlaps the range and still matches the block's
 * text: exactly those the passage's mark counts (ADR 048).
 */
async function passageCommentIds(db: Db, consultationId: string, blockKey: string, passage: PassageFilter) {
  const rows = await db.comment.findMany({
    where: { consultationId, status: "APPROVED", blockKey, quoteStart: { lt: passage.end }, quoteEnd: { gt: passage.start } },
    select: { id: true, quote: true, quoteStart: true, quoteEnd: true },
  });
  return rows
    .filter(
      (r) =>
        r.quote !== null &&
        r.quoteStart !== null &&
        r.quoteEnd !== null &&
        passageMatches(passage.blockText, { quote: r.quote, start: r.quoteStart, end: r.quoteEnd }),
    )
    .map((r) => r.id);
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
 * One page of the "supported" order: first the opinions with more than their one sender behind them —
 * the groups' shown comments with other approved members or supporters (as many as the block has
 * groups), the comments in no group with supporters — most people first, then every other comment
 * newest first, read through the same index as the newest order.
 */
async function supportedFirst(db: Db, where: ListedWhere, similar: Map<string, number>, groupSupport: Map<string, number>, skip: number) {
  const people = new Map<string, number>();
  for (const [id, others] of similar) if (others + groupSupport.get(id)! > 0) people.set(id, 1 + others + groupSupport.get(id)!);
  const [grouped, supported] = await Promise.all([
    people.size ? db.comment.findMany({ where: { ...where, id: { in: [...people.keys()] } }, select: { id: true, createdAt: true } }) : [],
    db.comment.findMany({ where: { ...where, groupId: null, supportCount: { gt: 0 } }, select: { id: true, createdAt: true, supportCount: true } }),
  ]);
  for (const c of supported) people.set(c.id, 1 + c.supportCount);
  const ranked = [...grouped, ...supported]
    .sort((a, b) => people.get(b.id)! - people.get(a.id)! || b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : -1))
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
