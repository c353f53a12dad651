import { shownProposal } from "~/comments/proposal.ts";
import { proposalOriginals } from "~/comments/proposal.server.ts";
import { z } from "zod";
import { sectionHeadings } from "~/consultations/sections.ts";
import type { Disposition } from "~/generated/sqlite/client.ts";
import type { Db } from "~/platform/db.server.ts";
import { sqlDate, type SqlDriver } from "~/platform/sql.server.ts";
import { keysetCursor } from "~/moderation/queue.server.ts";
import { commentScopeSql, type OrganizationScope } from "~/organizations/scope.server.ts";
import { DISPOSITIONS } from "./dispositions.ts";

// How far the answers have come ("đã xử lý 1.240/3.512 ý kiến") per top-level section and for the
// whole draft, and the list of approved opinions to answer: filters, near-duplicate groups shown once
// with their size, keyset pages. Within the viewer's organization scope (ADR 016).

export const OPINION_PAGE_SIZE = 25;

export interface Progress {
  /** Null: opinions on the whole draft (no block). */
  sectionKey: string | null;
  label: string;
  answered: number;
  total: number;
}

/**
 * Approved opinions and those answered, per section of the current version (in reading order), then
 * the whole draft's, then sections no longer in the current version; `all` sums them. One grouped
 * COUNT over the index (consultationId, status, sectionKey, answerId).
 */
export async function answerProgress(
  db: Db,
  sql: SqlDriver,
  consultationId: string,
  scope: OrganizationScope,
): Promise<{ sections: Progress[]; all: Progress }> {
  const within = commentScopeSql(scope, `"Comment"`);
  const rows = await sql.all<{ sectionKey: string | null; total: number | string; answered: number | string }>(
    `SELECT "sectionKey", COUNT(*) AS "total", COUNT("answerId") AS "answered" FROM "Comment"
     WHERE "consultationId" = ? AND "status" = 'APPROVED' AND ${within.sql} GROUP BY "sectionKey"`,
    [consultationId, ...within.params],
  );
  const counts = new Map(rows.map((r) => [r.sectionKey, { total: Number(r.total), answered: Number(r.answered) }]));
  const headings = await currentSections(db, consultationId);
  const sections: Progress[] = headings.map((h) => ({ sectionKey: h.key, label: h.label, ...(counts.get(h.key) ?? { total: 0, answered: 0 }) }));
  sections.push({ sectionKey: null, label: "Toàn văn dự thảo", ...(counts.get(null) ?? { total: 0, answered: 0 }) });
  for (const [key, count] of counts) {
    if (key !== null && !headings.some((h) => h.key === key)) sections.push({ sectionKey: key, label: "Phần không còn trong phiên bản hiện hành", ...count });
  }
  const all = sections.reduce((sum, s) => ({ ...sum, total: sum.total + s.total, answered: sum.answered + s.answered }), {
    sectionKey: null,
    label: "Cả dự thảo",
    total: 0,
    answered: 0,
  } as Progress);
  return { sections, all };
}

/** The top-level sections of the published version, with their labels. */
export async function currentSections(db: Db, consultationId: string): Promise<{ key: string; label: string }[]> {
  const consultation = await db.consultation.findUnique({ where: { id: consultationId }, select: { publishedVersionId: true } });
  if (!consultation?.publishedVersionId) return [];
  const blocks = await db.block.findMany({
    where: { versionId: consultation.publishedVersionId },
    orderBy: { position: "asc" },
    select: { key: true, kind: true, level: true, text: true, label: true },
  });
  return sectionHeadings(blocks).map((b) => ({ key: b.key, label: b.label || b.text }));
}

const id = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);

/** The list's filters, from the query string; anything unknown or malformed is dropped, never an error. */
export const opinionFiltersSchema = z.object({
  section: z
    .union([z.literal("toan-van"), id])
    .optional()
    .catch(undefined),
  state: z.enum(["chua-tra-loi", "da-tra-loi"]).optional().catch(undefined),
  disposition: z.enum(DISPOSITIONS).optional().catch(undefined),
  version: id.optional().catch(undefined),
  after: keysetCursor,
});
export type OpinionFilters = z.infer<typeof opinionFiltersSchema>;

export function parseOpinionFilters(params: URLSearchParams): OpinionFilters {
  return opinionFiltersSchema.parse(Object.fromEntries(params));
}

interface OpinionRow {
  id: string;
  versionId: string;
  blockKey: string | null;
  sectionKey: string | null;
  stance: "AGREE" | "DISAGREE" | "OTHER";
  text: string;
  quote: string | null;
  proposedText: string | null;
  authorName: string;
  groupId: string | null;
  answerId: string | null;
  supporters: number | string | null;
  createdAt: unknown;
}

export interface AnswerView {
  id: string;
  disposition: Disposition;
  explanation: string;
  scope: string;
  revision: number;
  commentCount: number;
  versionNumber: number | null;
  blockLabels: string[];
  updatedAt: Date;
  history: { revision: number; disposition: Disposition; explanation: string; createdAt: Date }[];
}

/** One page of approved opinions: each group once (its published member) with its size, how many of it are answered, and its supporters. */
export async function listOpinions(db: Db, sql: SqlDriver, consultationId: string, filters: OpinionFilters, scope: OrganizationScope) {
  const within = commentScopeSql(scope, "c");
  const where = [`c."consultationId" = ?`, `c."status" = 'APPROVED'`, within.sql];
  const params: unknown[] = [consultationId, ...within.params];
  const add = (clause: string, ...values: unknown[]) => {
    where.push(clause);
    params.push(...values);
  };
  add(`(c."groupId" IS NULL OR c."id" = (SELECT g."publicCommentId" FROM "DuplicateGroup" g WHERE g."id" = c."groupId"))`);
  if (filters.section === "toan-van") add(`c."sectionKey" IS NULL`);
  else if (filters.section) add(`c."sectionKey" = ?`, filters.section);
  if (filters.state === "chua-tra-loi") add(`c."answerId" IS NULL`);
  if (filters.state === "da-tra-loi") add(`c."answerId" IS NOT NULL`);
  if (filters.disposition)
    add(`c."answerId" IN (SELECT a."id" FROM "Answer" a WHERE a."consultationId" = ? AND a."disposition" = ?)`, consultationId, filters.disposition);
  if (filters.version) add(`c."versionId" = ?`, filters.version);
  if (filters.after) {
    const [at, afterId] = filters.after.split("|");
    add(`(c."createdAt", c."id") > (?, ?)`, new Date(at!), afterId);
  }
  const rows = await sql.all<OpinionRow>(
    `SELECT c."id", c."versionId", c."blockKey", c."sectionKey", c."stance", COALESCE(c."publishedText", c."originalText") AS "text", c."quote",
       c."proposedText", c."authorName", c."groupId", c."answerId", c."createdAt",
       COALESCE((SELECT g."supportCount" FROM "DuplicateGroup" g WHERE g."id" = c."groupId"), c."supportCount") AS "supporters"
     FROM "Comment" c WHERE ${where.join(" AND ")} ORDER BY c."createdAt" ASC, c."id" ASC LIMIT ${OPINION_PAGE_SIZE + 1}`,
    params,
  );
  const more = rows.length > OPINION_PAGE_SIZE;
  const page = rows.slice(0, OPINION_PAGE_SIZE);
  const [details, groups, originals] = await Promise.all([pageDetails(db, page), groupCounts(sql, page), proposalOriginals(db, page)]);
  const answers = await answerViews(db, [...new Set(page.flatMap((r) => (r.answerId ? [r.answerId] : [])))]);
  const items = page.map((row) => ({
    id: row.id,
    stance: row.stance,
    text: row.text,
    proposal: shownProposal(originals.get(row.id), row.proposedText),
    authorName: row.authorName,
    block: row.blockKey ? (details.blocks.get(`${row.versionId}|${row.blockKey}`) ?? null) : null,
    versionNumber: details.versions.get(row.versionId) ?? null,
    group: row.groupId ? { id: row.groupId, ...(groups.get(row.groupId) ?? { size: 1, answered: 0 }) } : null,
    answer: row.answerId ? (answers.get(row.answerId) ?? null) : null,
    /** People who support (đồng tình) the opinion: its group's for a group (ADR 046). */
    supporters: Number(row.supporters ?? 0),
    createdAt: sqlDate(row.createdAt),
  }));
  const last = page.at(-1);
  return { items, next: more && last ? `${sqlDate(last.createdAt).toISOString()}|${last.id}` : null };
}
export type OpinionItem = Awaited<ReturnType<typeof listOpinions>>["items"][number];

async function pageDetails(db: Db, rows: OpinionRow[]) {
  const withBlock = rows.filter((r) => r.blockKey);
  const [blocks, versions] = await Promise.all([
    withBlock.length
      ? db.block.findMany({
          where: { OR: withBlock.map((r) => ({ versionId: r.versionId, key: r.blockKey! })) },
          select: { versionId: true, key: true, label: true },
        })
      : [],
    db.documentVersion.findMany({ where: { id: { in: [...new Set(rows.map((r) => r.versionId))] } }, select: { id: true, number: true } }),
  ]);
  return {
    blocks: new Map(blocks.map((b) => [`${b.versionId}|${b.key}`, { key: b.key, label: b.label }])),
    versions: new Map(versions.map((v) => [v.id, v.number])),
  };
}

/** Approved members and answered members of the page's groups. */
async function groupCounts(sql: SqlDriver, rows: OpinionRow[]) {
  const counts = new Map<string, { size: number; answered: number }>();
  for (const groupId of new Set(rows.flatMap((r) => (r.groupId ? [r.groupId] : [])))) {
    const [row] = await sql.all<{ size: number | string; answered: number | string }>(
      `SELECT COUNT(*) AS "size", COUNT("answerId") AS "answered" FROM "Comment" WHERE "groupId" = ? AND "status" = 'APPROVED'`,
      [groupId],
    );
    counts.set(groupId, { size: Number(row?.size ?? 0), answered: Number(row?.answered ?? 0) });
  }
  return counts;
}

/** Answers as the staff page and the author's status page show them, with their history (oldest first). */
export async function answerViews(db: Db, ids: string[]): Promise<Map<string, AnswerView>> {
  if (!ids.length) return new Map();
  const answers = await db.answer.findMany({
    where: { id: { in: ids } },
    include: { revisions: { orderBy: { revision: "asc" } } },
  });
  const versionIds = [...new Set(answers.flatMap((a) => (a.versionId ? [a.versionId] : [])))];
  const versions = versionIds.length ? await db.documentVersion.findMany({ where: { id: { in: versionIds } }, select: { id: true, number: true } }) : [];
  const keys = answers.flatMap((a) => (a.versionId ? (JSON.parse(a.blockKeys) as string[]).map((key) => ({ versionId: a.versionId!, key })) : []));
  const blocks = keys.length ? await db.block.findMany({ where: { OR: keys }, select: { versionId: true, key: true, label: true } }) : [];
  const labels = new Map(blocks.map((b) => [`${b.versionId}|${b.key}`, b.label]));
  const numbers = new Map(versions.map((v) => [v.id, v.number]));
  return new Map(
    answers.map((a) => [
      a.id,
      {
        id: a.id,
        disposition: a.disposition,
        explanation: a.explanation,
        scope: a.scope,
        revision: a.revision,
        commentCount: a.commentCount,
        versionNumber: a.versionId ? (numbers.get(a.versionId) ?? null) : null,
        blockLabels: a.versionId ? (JSON.parse(a.blockKeys) as string[]).map((key) => labels.get(`${a.versionId}|${key}`) ?? key) : [],
        updatedAt: a.updatedAt,
        history: a.revisions.map((r) => ({ revision: r.revision, disposition: r.disposition, explanation: r.explanation, createdAt: r.createdAt })),
      },
    ]),
  );
}
