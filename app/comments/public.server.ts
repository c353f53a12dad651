import type { Db } from "~/platform/db.server.ts";
import { describeLocality } from "~/localities/localities.server.ts";
import { publicByline } from "./text/index.ts";

export const PAGE_SIZE = 20;

/**
 * Published comments on one block (or, with blockKey null, on the whole draft), newest first, for
 * the public: names shortened, no contact details.
 */
export async function listPublishedComments(db: Db, consultationId: string, blockKey: string | null, page: number) {
  const approved = { consultationId, status: "APPROVED" as const, blockKey };
  // A near-duplicate group is shown once, by the member the moderation picked, "và N ý kiến tương tự".
  const groups = await db.duplicateGroup.findMany({
    where: { consultationId, blockKey, publicCommentId: { not: null } },
    select: { id: true, publicCommentId: true, approvedCount: true },
  });
  const similar = new Map(groups.map((g) => [g.publicCommentId!, g.approvedCount - 1]));
  const where = { ...approved, OR: [{ groupId: null }, { id: { in: [...similar.keys()] } }] };
  const [total, listed, byStance, rows] = await Promise.all([
    db.comment.count({ where: approved }),
    db.comment.count({ where }),
    db.comment.groupBy({ by: ["stance"], where: approved, _count: { _all: true } }),
    db.comment.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: (page - 1) * PAGE_SIZE,
      take: PAGE_SIZE,
      select: {
        id: true,
        stance: true,
        originalText: true,
        publishedText: true,
        quote: true,
        quoteStart: true,
        quoteEnd: true,
        authorName: true,
        provinceCode: true,
        communeCode: true,
        onBehalfOf: true,
        createdAt: true,
      },
    }),
  ]);
  const stances = { AGREE: 0, DISAGREE: 0, OTHER: 0 };
  for (const row of byStance) stances[row.stance] = row._count._all;
  return {
    total,
    stances,
    pages: Math.max(1, Math.ceil(listed / PAGE_SIZE)),
    comments: rows.map((c) => ({
      id: c.id,
      stance: c.stance,
      text: c.publishedText ?? c.originalText,
      quote: c.quote,
      quoteStart: c.quoteStart,
      quoteEnd: c.quoteEnd,
      byline: publicByline(c.authorName, describeLocality(c.provinceCode, c.communeCode)),
      onBehalfOf: c.onBehalfOf,
      createdAt: c.createdAt,
      similar: similar.get(c.id) ?? 0,
    })),
  };
}
