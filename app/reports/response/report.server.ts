import { shownProposal, type ShownProposal } from "~/comments/proposal.ts";
import type { Disposition } from "~/generated/sqlite/client.ts";
import { sectionHeadings } from "~/consultations/sections.ts";
import { describeLocality } from "~/localities/localities.server.ts";
import type { Db } from "~/platform/db.server.ts";
import { sqlDate, type SqlDriver } from "~/platform/sql.server.ts";
import { publicByline } from "~/text/display-name.ts";
import { DISPOSITION_LABELS, isDisposition } from "~/answers/dispositions.ts";
import { changesBlockPath, versionBlockPath, type ResponseReportFilters } from "./filters.ts";
import { addCount, collapseGroups, emptyCounts, orderSections, parseBlockKeys, type DispositionCounts, type OrderedSection } from "./grouping.ts";

// The public "Báo cáo tiếp thu, giải trình ý kiến": answers grouped by section, counts per disposition,
// each answer with the approved opinions it covers. Every count is one aggregate over the join of the
// consultation's answered opinions with their answers; a page reads at most ANSWERS_PER_PAGE answers and
// PREVIEW_READ opinions of each, so the page costs the same with 100 or 100,000 opinions (ADR 040).

/** What the report reads: read queries (the driver, or the report workers on SQLite). */
export type ReportReader = Pick<SqlDriver, "provider" | "all">;

export const ANSWERS_PER_PAGE = 20;
/** Opinions shown under an answer before "và N ý kiến khác". */
export const PREVIEW_ENTRIES = 3;
const PREVIEW_READ = 30;
export const OPINIONS_PER_PAGE = 50;

export interface ReportConsultation {
  id: string;
  slug: string;
  title: string;
  issuingBody: string;
  publishedVersionId: string;
  versions: { id: string; number: number }[];
}

/** A consultation whose report is public (not a draft, with a published version), or null. */
export async function reportConsultationBySlug(db: Db, slug: string): Promise<ReportConsultation | null> {
  const consultation = await db.consultation.findUnique({
    where: { slug },
    select: { id: true, slug: true, title: true, issuingBody: true, status: true, publishedVersionId: true },
  });
  if (!consultation || consultation.status === "DRAFT" || !consultation.publishedVersionId) return null;
  const versions = await db.documentVersion.findMany({
    where: { consultationId: consultation.id, status: "PUBLISHED" },
    orderBy: { number: "asc" },
    select: { id: true, number: true },
  });
  return { ...consultation, publishedVersionId: consultation.publishedVersionId, versions };
}

/** The WHERE of the answered, approved opinions the filters keep (aliases c: Comment, a: Answer). */
export function answeredWhere(reader: ReportReader, consultationId: string, filters: { versionId: string | null; disposition: Disposition | null }) {
  const conditions = [`a."consultationId" = ?`, `c."consultationId" = ?`, `c."status" = 'APPROVED'`];
  const params: unknown[] = [consultationId, consultationId];
  if (filters.versionId) {
    conditions.push(`c."versionId" = ?`);
    params.push(filters.versionId);
  }
  if (filters.disposition) {
    conditions.push(reader.provider === "postgresql" ? `a."disposition" = CAST(? AS "Disposition")` : `a."disposition" = ?`);
    params.push(filters.disposition);
  }
  return { sql: conditions.join(" AND "), params };
}

const sectionCondition = (key: string | null) => (key === null ? `a."sectionKey" IS NULL` : `a."sectionKey" = ?`);
const sectionParams = (key: string | null) => (key === null ? [] : [key]);

export interface ReportSection extends OrderedSection {
  counts: DispositionCounts;
  answers: number;
}

export interface ReportOverview {
  versionId: string | null;
  total: DispositionCounts;
  answers: number;
  /** Approved opinions (on the version, when filtered) that no answer covers yet. */
  unanswered: number;
  sections: ReportSection[];
}

/** The version id of a filter's version number; undefined when the consultation has no such published version. */
export function filterVersionId(consultation: ReportConsultation, version: number | null): string | null | undefined {
  if (version === null) return null;
  return consultation.versions.find((v) => v.number === version)?.id;
}

/** Counts per disposition, overall and per section (sections in document order), and what is still unanswered. */
export async function loadOverview(
  db: Db,
  reader: ReportReader,
  consultation: ReportConsultation,
  filters: ResponseReportFilters,
): Promise<ReportOverview | null> {
  const versionId = filterVersionId(consultation, filters.version);
  if (versionId === undefined) return null;
  const where = answeredWhere(reader, consultation.id, { versionId, disposition: filters.disposition });
  const [rows, unansweredRows, headings] = await Promise.all([
    reader.all<{ s: string | null; d: string; n: number | string; answers: number | string }>(
      `SELECT a."sectionKey" AS s, a."disposition" AS d, COUNT(*) AS n, COUNT(DISTINCT a."id") AS answers
       FROM "Comment" c JOIN "Answer" a ON a."id" = c."answerId"
       WHERE ${where.sql} GROUP BY a."sectionKey", a."disposition"`,
      where.params,
    ),
    reader.all<{ n: number | string }>(
      `SELECT COUNT(*) AS n FROM "Comment" c WHERE c."consultationId" = ? AND c."status" = 'APPROVED' AND c."answerId" IS NULL${versionId ? ` AND c."versionId" = ?` : ""}`,
      versionId ? [consultation.id, versionId] : [consultation.id],
    ),
    db.block.findMany({
      where: { versionId: consultation.publishedVersionId },
      orderBy: { position: "asc" },
      select: { key: true, kind: true, level: true, text: true },
    }),
  ]);
  const used = new Set(rows.map((r) => r.s));
  const headingList = sectionHeadings(headings);
  const headingKeys = new Set(headingList.map((h) => h.key));
  const removedKeys = [...used].filter((k): k is string => k !== null && !headingKeys.has(k));
  const removedLabels = new Map<string, string>();
  if (removedKeys.length) {
    const older = await db.block.findMany({
      where: { key: { in: removedKeys }, version: { consultationId: consultation.id } },
      orderBy: { version: { number: "asc" } },
      select: { key: true, text: true },
    });
    for (const b of older) removedLabels.set(b.key, b.text);
  }
  const sections: ReportSection[] = orderSections({ headings: headingList, used, removedLabels }).map((s) => ({ ...s, counts: emptyCounts(), answers: 0 }));
  const total = emptyCounts();
  let answers = 0;
  for (const row of rows) {
    if (!isDisposition(row.d)) continue;
    const section = sections.find((s) => s.key === row.s)!;
    addCount(section.counts, row.d, Number(row.n));
    addCount(total, row.d, Number(row.n));
    section.answers += Number(row.answers);
    answers += Number(row.answers);
  }
  return { versionId, total, answers, unanswered: Number(unansweredRows[0]?.n ?? 0), sections };
}

export interface AnswerRow {
  id: string;
  sectionKey: string | null;
  disposition: Disposition;
  explanation: string;
  versionId: string | null;
  blockKeys: string;
  /** The approved opinions (kept by the filters) it covers. */
  opinions: number;
}

/** Answers of one section, in a stable order (by id), with how many kept opinions each covers. */
export async function sectionAnswers(
  reader: ReportReader,
  consultationId: string,
  filters: { versionId: string | null; disposition: Disposition | null },
  sectionKey: string | null,
  range: { afterId?: string; offset?: number; limit: number },
): Promise<AnswerRow[]> {
  const where = answeredWhere(reader, consultationId, filters);
  const after = range.afterId ? ` AND a."id" > ?` : "";
  const rows = await reader.all<Omit<AnswerRow, "opinions"> & { n: number | string }>(
    `SELECT a."id" AS id, a."sectionKey" AS "sectionKey", a."disposition" AS disposition, a."explanation" AS explanation,
       a."versionId" AS "versionId", a."blockKeys" AS "blockKeys", COUNT(*) AS n
     FROM "Answer" a JOIN "Comment" c ON c."answerId" = a."id"
     WHERE ${where.sql} AND ${sectionCondition(sectionKey)}${after}
     GROUP BY a."id", a."sectionKey", a."disposition", a."explanation", a."versionId", a."blockKeys"
     ORDER BY a."id" LIMIT ${Math.max(1, Math.floor(range.limit))}${range.offset ? ` OFFSET ${Math.floor(range.offset)}` : ""}`,
    [...where.params, ...sectionParams(sectionKey), ...(range.afterId ? [range.afterId] : [])],
  );
  return rows.map(({ n, ...row }) => ({ ...row, opinions: Number(n) }));
}

export interface PublicOpinion {
  id: string;
  text: string;
  byline: string;
  groupId: string | null;
  versionNumber: number | null;
  blockKey: string | null;
  createdAt: Date;
  /** "Đề xuất sửa thành", with its diff from the passage or paragraph (ADR 047). */
  proposal: ShownProposal | null;
}

interface OpinionRaw {
  id: string;
  text: string;
  proposedText: string | null;
  proposalOriginal: string | null;
  authorName: string;
  provinceCode: string | null;
  communeCode: string | null;
  groupId: string | null;
  versionId: string;
  blockKey: string | null;
  createdAt: unknown;
  answerId: string;
}

export const OPINION_COLUMNS = `c."id" AS id, COALESCE(c."publishedText", c."originalText") AS text, c."authorName" AS "authorName",
  c."provinceCode" AS "provinceCode", c."communeCode" AS "communeCode", c."groupId" AS "groupId", c."versionId" AS "versionId",
  c."blockKey" AS "blockKey", c."createdAt" AS "createdAt", c."answerId" AS "answerId", c."proposedText" AS "proposedText",
  CASE WHEN c."proposedText" IS NULL THEN NULL
    ELSE COALESCE(c."quote", (SELECT b."text" FROM "Block" b WHERE b."versionId" = c."versionId" AND b."key" = c."blockKey")) END AS "proposalOriginal"`;

/** An opinion as the public sees it: the published text, the name shortened, the places. */
export function publicOpinion(row: OpinionRaw, versionNumbers: ReadonlyMap<string, number>): PublicOpinion & { answerId: string } {
  return {
    id: row.id,
    text: row.text,
    byline: publicByline(row.authorName, describeLocality(row.provinceCode, row.communeCode)),
    groupId: row.groupId,
    versionNumber: versionNumbers.get(row.versionId) ?? null,
    blockKey: row.blockKey,
    createdAt: sqlDate(row.createdAt),
    proposal: shownProposal(row.proposalOriginal, row.proposedText),
    answerId: row.answerId,
  };
}

function opinionWhere(reader: ReportReader, answerIds: string[], versionId: string | null) {
  const list =
    reader.provider === "postgresql"
      ? { sql: `c."answerId" = ANY(CAST(? AS text[]))`, param: answerIds as unknown }
      : { sql: `c."answerId" IN (SELECT value FROM json_each(?))`, param: JSON.stringify(answerIds) as unknown };
  return {
    sql: `${list.sql} AND c."status" = 'APPROVED'${versionId ? ` AND c."versionId" = ?` : ""}`,
    params: versionId ? [list.param, versionId] : [list.param],
  };
}

/** Opinions of some answers, in (answer, time) order; a page of them with `limit` and `offset`. */
export async function answerOpinions(
  reader: ReportReader,
  answerIds: string[],
  versionId: string | null,
  versionNumbers: ReadonlyMap<string, number>,
  page: { limit?: number; offset?: number },
) {
  if (answerIds.length === 0) return [];
  const where = opinionWhere(reader, answerIds, versionId);
  // SQLite would otherwise pick the status index and read every approved opinion of the database.
  const from = reader.provider === "sqlite" ? `"Comment" c INDEXED BY "Comment_answerId_idx"` : `"Comment" c`;
  const rows = await reader.all<OpinionRaw>(
    `SELECT ${OPINION_COLUMNS} FROM ${from} WHERE ${where.sql}
     ORDER BY c."answerId", c."createdAt", c."id"${page.limit ? ` LIMIT ${Math.floor(page.limit)}` : ""}${page.offset ? ` OFFSET ${Math.floor(page.offset)}` : ""}`,
    where.params,
  );
  return rows.map((r) => publicOpinion(r, versionNumbers));
}

/** For each (answer, near-duplicate group) among the given answers, how many kept opinions it covers. */
export async function groupSizes(reader: ReportReader, answerIds: string[], versionId: string | null): Promise<Map<string, number>> {
  if (answerIds.length === 0) return new Map();
  const where = opinionWhere(reader, answerIds, versionId);
  const rows = await reader.all<{ answerId: string; groupId: string; n: number | string }>(
    `SELECT c."answerId" AS "answerId", c."groupId" AS "groupId", COUNT(*) AS n FROM ${reader.provider === "sqlite" ? `"Comment" c INDEXED BY "Comment_answerId_idx"` : `"Comment" c`}
     WHERE ${where.sql} AND c."groupId" IS NOT NULL GROUP BY c."answerId", c."groupId"`,
    where.params,
  );
  return new Map(rows.map((r) => [`${r.answerId}|${r.groupId}`, Number(r.n)]));
}

export interface ChangedBlock {
  label: string;
  versionNumber: number;
  href: string;
  diffHref: string;
}

/** The paragraphs of the new version that took an answer in, with links to them and to the changes page. */
export async function changedBlocks(db: Db, slug: string, answers: { versionId: string | null; blockKeys: string }[]): Promise<Map<string, ChangedBlock[]>> {
  const wanted = answers.filter((a) => a.versionId && parseBlockKeys(a.blockKeys).length);
  const result = new Map<string, ChangedBlock[]>();
  if (wanted.length === 0) return result;
  const blocks = await db.block.findMany({
    where: { OR: wanted.map((a) => ({ versionId: a.versionId!, key: { in: parseBlockKeys(a.blockKeys) } })) },
    select: { versionId: true, key: true, label: true, version: { select: { number: true } } },
  });
  const byId = new Map(blocks.map((b) => [`${b.versionId}|${b.key}`, b]));
  for (const a of wanted) {
    const id = `${a.versionId}|${a.blockKeys}`;
    result.set(
      id,
      parseBlockKeys(a.blockKeys)
        .map((key) => byId.get(`${a.versionId}|${key}`))
        .filter((b) => b !== undefined)
        .map((b) => ({
          label: b.label,
          versionNumber: b.version.number,
          href: versionBlockPath(slug, b.version.number, b.key),
          diffHref: changesBlockPath(slug, b.key),
        })),
    );
  }
  return result;
}

export interface ReportAnswer {
  id: string;
  disposition: Disposition;
  dispositionLabel: string;
  explanation: string;
  opinions: number;
  entries: { opinion: PublicOpinion; similar: number }[];
  more: number;
  changed: ChangedBlock[];
}

export interface ReportPage {
  overview: ReportOverview;
  page: number;
  pages: number;
  /** The sections this page shows answers of, in order, each with its answers. */
  sections: (ReportSection & { answers: number; list: ReportAnswer[] })[];
}

/** One page of the report: ANSWERS_PER_PAGE answers, walking the sections in order. */
export async function loadReportPage(
  db: Db,
  reader: ReportReader,
  consultation: ReportConsultation,
  filters: ResponseReportFilters,
  page: number,
): Promise<ReportPage | null> {
  const overview = await loadOverview(db, reader, consultation, filters);
  if (!overview) return null;
  const pages = Math.max(1, Math.ceil(overview.answers / ANSWERS_PER_PAGE));
  if (page > pages) return null;
  const versionNumbers = new Map(consultation.versions.map((v) => [v.id, v.number]));
  const keep = { versionId: overview.versionId, disposition: filters.disposition };
  let skip = (page - 1) * ANSWERS_PER_PAGE;
  let room = ANSWERS_PER_PAGE;
  const shown: { section: ReportSection; answers: AnswerRow[] }[] = [];
  for (const section of overview.sections) {
    if (room === 0) break;
    if (skip >= section.answers) {
      skip -= section.answers;
      continue;
    }
    const answers = await sectionAnswers(reader, consultation.id, keep, section.key, { offset: skip, limit: room });
    skip = 0;
    room -= answers.length;
    shown.push({ section, answers });
  }
  const ids = shown.flatMap((s) => s.answers.map((a) => a.id));
  const [sizes, changed, previews] = await Promise.all([
    groupSizes(reader, ids, overview.versionId),
    changedBlocks(
      db,
      consultation.slug,
      shown.flatMap((s) => s.answers),
    ),
    Promise.all(ids.map((id) => answerOpinions(reader, [id], overview.versionId, versionNumbers, { limit: PREVIEW_READ }))),
  ]);
  const previewOf = new Map(ids.map((id, i) => [id, previews[i]!]));
  return {
    overview,
    page,
    pages,
    sections: shown.map(({ section, answers }) => ({
      ...section,
      list: answers.map((a) => {
        const groupsOfAnswer = new Map([...sizes].filter(([k]) => k.startsWith(`${a.id}|`)).map(([k, n]) => [k.slice(a.id.length + 1), n]));
        const { entries, more } = collapseGroups(previewOf.get(a.id) ?? [], groupsOfAnswer, a.opinions, PREVIEW_ENTRIES);
        return {
          id: a.id,
          disposition: a.disposition,
          dispositionLabel: DISPOSITION_LABELS[a.disposition],
          explanation: a.explanation,
          opinions: a.opinions,
          entries,
          more,
          changed: changed.get(`${a.versionId}|${a.blockKeys}`) ?? [],
        };
      }),
    })),
  };
}

/** One answer with a page of every opinion it covers (kept by the filters); null when unknown here. */
export async function loadAnswerOpinions(
  db: Db,
  reader: ReportReader,
  consultation: ReportConsultation,
  filters: ResponseReportFilters,
  answerId: string,
  page: number,
) {
  const versionId = filterVersionId(consultation, filters.version);
  if (versionId === undefined) return null;
  const answer = await db.answer.findFirst({
    where: { id: answerId, consultationId: consultation.id },
    select: { id: true, disposition: true, explanation: true, sectionKey: true, versionId: true, blockKeys: true },
  });
  if (!answer) return null;
  const total = await db.comment.count({ where: { answerId, status: "APPROVED", ...(versionId ? { versionId } : {}) } });
  const pages = Math.max(1, Math.ceil(total / OPINIONS_PER_PAGE));
  if (page > pages) return null;
  const versionNumbers = new Map(consultation.versions.map((v) => [v.id, v.number]));
  const [opinions, changed] = await Promise.all([
    answerOpinions(reader, [answerId], versionId, versionNumbers, { limit: OPINIONS_PER_PAGE, offset: (page - 1) * OPINIONS_PER_PAGE }),
    changedBlocks(db, consultation.slug, [answer]),
  ]);
  return {
    answer: { ...answer, dispositionLabel: DISPOSITION_LABELS[answer.disposition], changed: changed.get(`${answer.versionId}|${answer.blockKeys}`) ?? [] },
    opinions,
    total,
    page,
    pages,
  };
}
