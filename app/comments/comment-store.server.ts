import { randomUUID } from "node:crypto";
import type { SqlDriver } from "~/platform/sql.server.ts";

// The hot path of a submission in plain SQL on the driver. Prisma compiles each query in its WASM
// query compiler, about 1 ms of CPU a query here, which capped submissions near 200 a second
// (bench/README.md, ADR 008). The SQL is the same on both databases except enum values, which
// PostgreSQL keeps as enum types.

const enumValue = (sql: SqlDriver, type: "Stance" | "CommentStatus") => (sql.provider === "postgresql" ? `CAST(? AS "${type}")` : "?");

/** The receipt of an earlier comment with the same author, target and folded text, if any. */
export async function findDuplicate(
  sql: SqlDriver,
  where: { consultationId: string; contentHash: string; blockKey: string | null; email: string | null; phone: string | null },
): Promise<string | null> {
  if (!where.email && !where.phone) return null;
  const rows = await sql.all<{ receiptToken: string }>(
    `SELECT "receiptToken" FROM "Comment"
     WHERE "consultationId" = ? AND "contentHash" = ?
       AND ${where.blockKey === null ? `"blockKey" IS NULL` : `"blockKey" = ?`}
       AND ("authorEmail" = ? OR "authorPhone" = ?)
     LIMIT 1`,
    [where.consultationId, where.contentHash, ...(where.blockKey === null ? [] : [where.blockKey]), where.email ?? "", where.phone ?? ""],
  );
  return rows[0]?.receiptToken ?? null;
}

/** Uses up a captcha solution; changes no row when it was used before (ON CONFLICT works on both databases). */
const USE_CAPTCHA = `INSERT INTO "CaptchaUse" ("signature", "expiresAt") VALUES (?, ?) ON CONFLICT ("signature") DO NOTHING`;

const SEARCH_OUTBOX = `INSERT INTO "SearchOutbox" ("kind", "entityId", "createdAt") VALUES ('comment', ?, ?)`;

export interface NewComment {
  consultationId: string;
  versionId: string;
  blockKey: string | null;
  quote: string | null;
  quoteStart: number | null;
  quoteEnd: number | null;
  stance: "AGREE" | "DISAGREE" | "OTHER";
  originalText: string;
  authorName: string;
  authorEmail: string | null;
  authorPhone: string | null;
  provinceCode: string | null;
  communeCode: string | null;
  occupation: string | null;
  ageGroup: string | null;
  onBehalfOf: string | null;
  contentHash: string;
  diacriticsConfirmed: boolean;
  sourceHash: string | null;
  receiptToken: string;
  createdAt: Date;
  /** From moderation's screening (app/moderation/intake.server.ts). */
  sectionKey: string | null;
  flags: number;
  bands: [number, number, number, number];
  groupId: string | null;
}

type Step = { sql: string; params: unknown[]; mustChange?: boolean };

/**
 * Inserts a pending comment, using up its captcha solution in the same transaction when there is
 * one: false (and nothing stored) when that solution was used before. Resolves only once the row is
 * committed; only then does the author get a success answer.
 */
export async function insertComment(sql: SqlDriver, c: NewComment, captcha?: { signature: string; expiresAt: Date }, groupSteps: Step[] = []): Promise<boolean> {
  const id = randomUUID();
  const insert = {
    sql: `INSERT INTO "Comment" (
      "id", "consultationId", "versionId", "blockKey", "quote", "quoteStart", "quoteEnd", "stance",
      "originalText", "status", "authorName", "authorEmail", "authorPhone", "provinceCode", "communeCode",
      "occupation", "ageGroup", "onBehalfOf", "consentAt", "contentHash", "diacriticsConfirmed", "sourceHash",
      "receiptToken", "createdAt", "updatedAt", "sectionKey", "flags", "band0", "band1", "band2", "band3", "groupId"
    ) VALUES (?, ?, ?, ?, ?, ?, ?, ${enumValue(sql, "Stance")}, ?, ${enumValue(sql, "CommentStatus")}, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    params: [
      id, c.consultationId, c.versionId, c.blockKey, c.quote, c.quoteStart, c.quoteEnd, c.stance,
      c.originalText, "PENDING", c.authorName, c.authorEmail, c.authorPhone, c.provinceCode, c.communeCode,
      c.occupation, c.ageGroup, c.onBehalfOf, c.createdAt, c.contentHash, c.diacriticsConfirmed, c.sourceHash,
      c.receiptToken, c.createdAt, c.createdAt, c.sectionKey, c.flags, ...c.bands, c.groupId,
    ],
  };
  // The search index learns of the comment through the outbox, committed with it (search/README.md).
  const outbox = { sql: SEARCH_OUTBOX, params: [id, c.createdAt] };
  const steps: Step[] = [...(captcha ? [{ sql: USE_CAPTCHA, params: [captcha.signature, captcha.expiresAt], mustChange: true }] : []), ...groupSteps, insert, outbox];
  return sql.transact(steps);
}
