import { CHANNELS, commentStatusLabel, STANCES } from "~/vocabulary/vocabulary.ts";
import { setImmediate as yieldToEventLoop } from "node:timers/promises";
import { shortenName } from "~/text/display-name.ts";
import { describeLocality } from "~/localities/localities.server.ts";
import { blockCatalog, catalogLabel } from "~/consultations/versions/catalog.server.ts";
import type { Db } from "~/platform/db.server.ts";
import { sqlDate } from "~/platform/sql.server.ts";
import type { ReportSql } from "../report-sql.server.ts";
import { reportWhereSql, type ReportQuery } from "../query.server.ts";

// Every opinion of a report, one row each, read in batches by keyset pagination on (createdAt, id):
// each batch costs what the first one costs, memory holds one batch, and the event loop gets a
// turn between batches so the web server keeps answering during a long export.

/**
 * Rows per batch: small enough that a batch's rows are never most of what V8 finds alive at a
 * scavenge. With 2,000 (~3 MB of row objects and strings), V8 found nearly all of a batch's row objects
 * alive, pretenured their allocation site, and from then on made every row in the old generation, where
 * each dead row kept its young strings alive until the next full collection: the old generation filled
 * with dead rows and the process grew by 240–340 MB for an export of 555,000 rows (ADR 065). With 100
 * no site is pretenured, the rows die young and the export adds the same memory whatever its length.
 * tests/integration/reports/export-memory.test.ts measures it in a process of its own.
 */
export const EXPORT_BATCH = 100;

export interface ExportColumn {
  key: keyof OpinionRow;
  header: string;
  width: number;
}

export interface OpinionRow {
  createdAt: Date;
  channel: string;
  source: string;
  blockLabel: string;
  blockText: string;
  stance: string;
  text: string;
  /** "Đề xuất sửa thành" (ADR 047); empty without one. */
  proposal: string;
  status: string;
  locality: string;
  occupation: string;
  ageGroup: string;
  name: string;
  email: string;
  phone: string;
  id: string;
}

/** The columns of the opinions sheet and the CSV; contacts only for those who may see personal data. */
export function opinionColumns(seesPersonalData: boolean): ExportColumn[] {
  const columns: ExportColumn[] = [
    { key: "createdAt", header: "Thời gian", width: 18 },
    { key: "channel", header: "Hình thức", width: 12 },
    { key: "source", header: "Tổ chức, hội nghị", width: 30 },
    { key: "blockLabel", header: "Phần, mục, đoạn", width: 28 },
    { key: "blockText", header: "Nội dung đoạn dự thảo", width: 50 },
    { key: "stance", header: "Quan điểm", width: 16 },
    { key: "text", header: "Nội dung ý kiến", width: 70 },
    { key: "proposal", header: "Đề xuất sửa thành", width: 60 },
    { key: "status", header: "Trạng thái", width: 12 },
    { key: "locality", header: "Địa bàn", width: 30 },
    { key: "occupation", header: "Nghề nghiệp", width: 22 },
    { key: "ageGroup", header: "Độ tuổi", width: 14 },
    { key: "name", header: seesPersonalData ? "Họ và tên" : "Họ và tên (viết tắt)", width: 22 },
  ];
  if (seesPersonalData) columns.push({ key: "email", header: "Thư điện tử", width: 26 }, { key: "phone", header: "Điện thoại", width: 14 });
  columns.push({ key: "id", header: "Mã ý kiến", width: 28 });
  return columns;
}

interface RawRow {
  id: string;
  createdAt: unknown;
  channel: string;
  organizationId: string | null;
  conferenceId: string | null;
  versionId: string;
  blockKey: string | null;
  stance: string;
  text: string;
  proposedText: string | null;
  status: string;
  provinceCode: string | null;
  communeCode: string | null;
  occupation: string | null;
  ageGroup: string | null;
  authorName: string;
  authorEmail: string | null;
  authorPhone: string | null;
}

export async function countOpinions(sql: ReportSql, query: ReportQuery): Promise<number> {
  const where = reportWhereSql(query, "c");
  const [row] = await sql.all<{ n: number | string }>(`SELECT COUNT(*) AS n FROM "Comment" c WHERE ${where.sql}`, where.params);
  return Number(row?.n ?? 0);
}

/** Batches of export rows in time order. */
export async function* opinionBatches(
  db: Db,
  sql: ReportSql,
  query: ReportQuery,
  options: { seesPersonalData: boolean; publishedVersionId: string | null; batchSize?: number },
): AsyncGenerator<OpinionRow[]> {
  const where = reportWhereSql(query, "c");
  const batchSize = options.batchSize ?? EXPORT_BATCH;
  const names = await nameLookups(db, query.consultationId);
  let after: { at: Date; id: string } | null = null;
  for (;;) {
    const keyset: string = after ? ` AND (c."createdAt", c."id") > (?, ?)` : "";
    const params: unknown[] = after ? [...where.params, after.at, after.id] : where.params;
    const rows: RawRow[] = await sql.all<RawRow>(
      `SELECT c."id" AS id, c."createdAt" AS "createdAt", c."channel" AS channel, c."organizationId" AS "organizationId",
         c."conferenceId" AS "conferenceId", c."versionId" AS "versionId", c."blockKey" AS "blockKey", c."stance" AS stance,
         COALESCE(c."publishedText", c."originalText") AS text, c."proposedText" AS "proposedText", c."status" AS status, c."provinceCode" AS "provinceCode",
         c."communeCode" AS "communeCode", c."occupation" AS occupation, c."ageGroup" AS "ageGroup", c."authorName" AS "authorName",
         c."authorEmail" AS "authorEmail", c."authorPhone" AS "authorPhone"
       FROM "Comment" c WHERE ${where.sql}${keyset}
       ORDER BY c."createdAt", c."id" LIMIT ${batchSize}`,
      params,
    );
    if (rows.length === 0) return;
    await names.prepare(rows);
    yield rows.map((row) => {
      const block = row.blockKey ? names.block(row.blockKey) : null;
      return {
        id: row.id,
        createdAt: sqlDate(row.createdAt),
        channel: CHANNELS[row.channel as keyof typeof CHANNELS] ?? row.channel,
        source: names.source(row.organizationId, row.conferenceId),
        blockLabel: row.blockKey ? (block?.label ?? "Đoạn không còn trong dự thảo") : "Toàn văn dự thảo",
        blockText: block?.text ?? "",
        stance: STANCES[row.stance as keyof typeof STANCES] ?? row.stance,
        text: row.text,
        proposal: row.proposedText ?? "",
        status: commentStatusLabel(row.status),
        locality: describeLocality(row.provinceCode, row.communeCode).join(", "),
        occupation: row.occupation ?? "",
        ageGroup: row.ageGroup ?? "",
        name: options.seesPersonalData ? row.authorName : shortenName(row.authorName),
        email: options.seesPersonalData ? (row.authorEmail ?? "") : "",
        phone: options.seesPersonalData ? (row.authorPhone ?? "") : "",
      };
    });
    if (rows.length < batchSize) return;
    const last = rows.at(-1)!;
    after = { at: sqlDate(last.createdAt), id: last.id };
    // Let requests waiting on the event loop through before the next batch.
    await yieldToEventLoop();
  }
}

/** Block labels and texts (every block ever published, ADR 037), organization and conference names, read once and cached for the export. */
async function nameLookups(db: Db, consultationId: string) {
  const catalog = await blockCatalog(db, consultationId);
  const conferences = new Map(
    (await db.conference.findMany({ where: { consultationId }, select: { id: true, title: true, organization: { select: { name: true } } } })).map((c) => [
      c.id,
      `${c.organization.name} · ${c.title}`,
    ]),
  );
  const organizations = new Map<string, string>();
  return {
    /** Loads what this batch needs and the cache lacks: organizations. */
    async prepare(rows: RawRow[]) {
      const missingOrganizations = [...new Set(rows.map((r) => r.organizationId).filter((id): id is string => !!id && !organizations.has(id)))];
      if (missingOrganizations.length) {
        for (const o of await db.organization.findMany({ where: { id: { in: missingOrganizations } }, select: { id: true, name: true } }))
          organizations.set(o.id, o.name);
      }
    },
    block(key: string) {
      const entry = catalog.get(key);
      return entry ? { label: catalogLabel(entry), text: entry.text } : null;
    },
    source(organizationId: string | null, conferenceId: string | null) {
      if (conferenceId && conferences.has(conferenceId)) return conferences.get(conferenceId)!;
      return organizationId ? (organizations.get(organizationId) ?? "") : "";
    },
  };
}
