import type { AnswerRow, BlockRow, CommentRow, DocumentReader, VersionRow } from "@search/documents.server.ts";
import { inList, type SqlTx } from "~/platform/sql.server.ts";

// The reads of search/documents.server.ts as driver SQL, so that the documents of a change are built
// inside the change's own transaction (driver or Prisma, see outbox.server.ts) and see what it wrote.
// The columns are those documents.server.ts selects through Prisma; contact details are never read.

type Reads = Pick<SqlTx, "provider" | "all">;

const COMMENT_COLUMNS = `"id", "consultationId", "versionId", "blockKey", "sectionKey", CAST("stance" AS text) AS "stance", CAST("status" AS text) AS "status",
  "originalText", "publishedText", "proposedText", "authorName", "provinceCode", "communeCode", "organizationId", "createdAt"`;

const date = (value: unknown) => (value instanceof Date ? value : new Date(String(value)));

export function sqlReader(tx: Reads): DocumentReader {
  const first = async <T>(sql: string, params: unknown[]): Promise<T | null> => (await tx.all<T>(sql, params))[0] ?? null;
  return {
    consultation: (id) => first(`SELECT "slug", "title", CAST("status" AS text) AS "status", "publishedVersionId" FROM "Consultation" WHERE "id" = ?`, [id]),
    organizationName: async (id) => (await first<{ name: string }>(`SELECT "name" FROM "Organization" WHERE "id" = ?`, [id]))?.name ?? null,
    versionBlocks: (versionId, afterPosition = null, take) =>
      tx.all<BlockRow>(
        `SELECT "key", "position", "kind", "level", "text", "label" FROM "Block" WHERE "versionId" = ?${afterPosition === null ? "" : ` AND "position" > ?`}
         ORDER BY "position"${take === undefined ? "" : ` LIMIT ${Math.max(0, Math.floor(take))}`}`,
        afterPosition === null ? [versionId] : [versionId, afterPosition],
      ),
    comments: async (ids) => {
      const list = inList(tx, `"id"`, ids);
      const rows = await tx.all<CommentRow>(`SELECT ${COMMENT_COLUMNS} FROM "Comment" WHERE ${list.sql}`, [list.param]);
      return rows.map((row) => ({ ...row, createdAt: date(row.createdAt) }));
    },
    answers: async (ids) => {
      const list = inList(tx, `"id"`, ids);
      const rows = await tx.all<AnswerRow>(
        `SELECT "id", "consultationId", CAST("disposition" AS text) AS "disposition", "explanation", "sectionKey", "updatedAt" FROM "Answer" WHERE ${list.sql}`,
        [list.param],
      );
      return rows.map((row) => ({ ...row, updatedAt: date(row.updatedAt) }));
    },
    versionConsultation: async (versionId) =>
      (await first<{ consultationId: string }>(`SELECT "consultationId" FROM "DocumentVersion" WHERE "id" = ?`, [versionId]))?.consultationId ?? null,
    publishedVersions: async (consultationId) => {
      const rows = await tx.all<VersionRow>(
        `SELECT "id", "consultationId", "number", "publishedAt", "createdAt" FROM "DocumentVersion"
         WHERE "consultationId" = ? AND CAST("status" AS text) = 'PUBLISHED' ORDER BY "number"`,
        [consultationId],
      );
      return rows.map((row) => ({ ...row, publishedAt: row.publishedAt ? date(row.publishedAt) : null, createdAt: date(row.createdAt) }));
    },
  };
}
