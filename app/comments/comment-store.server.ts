import { randomUUID } from "node:crypto";
import { groupJoined } from "~/moderation/group-counts.server.ts";
import type { SqlDriver } from "~/platform/sql.server.ts";

// The hot path of a submission in plain SQL on the driver. Prisma compiles each query in its WASM
// query compiler, about 1 ms of CPU a query here, which capped submissions near 200 a second
// (bench/README.md, ADR 008). The SQL is the same on both databases except enum values, which
// PostgreSQL keeps as enum types.

const enumValue = (sql: SqlDriver, type: "Stance" | "CommentStatus") => (sql.provider === "postgresql" ? `CAST(? AS "${type}")` : "?");

/**
 * What makes a comment a resubmission: the same form sending again (its idempotency key's hash,
 * idempotency.server.ts), or the same author (email or phone, normalized), target and folded text.
 */
export interface DuplicateKey {
  consultationId: string;
  contentHash: string;
  blockKey: string | null;
  email: string | null;
  phone: string | null;
  idempotencyKey?: string | null;
}

/**
 * Rows of kind 'retry' (with the receipt token in "id": the author's own form sent again) and of kind
 * 'duplicate' (the same author, target and text from another form: no token, nothing about the first
 * comment leaves the database), each at most one. Columns as screening's candidates (moderation/intake.server.ts).
 */
export function resubmissionQuery(where: DuplicateKey): { sql: string; params: unknown[] } | null {
  const branches: { sql: string; params: unknown[] }[] = [];
  if (where.idempotencyKey) {
    branches.push({
      sql: `SELECT 'retry' AS "kind", "receiptToken" AS "id", NULL AS "groupId", NULL AS "status", NULL AS "originalText"
       FROM (SELECT "receiptToken" FROM "Comment" WHERE "idempotencyKey" = ? LIMIT 1) AS r`,
      params: [where.idempotencyKey],
    });
  }
  if (where.email || where.phone) {
    branches.push({
      sql: `SELECT 'duplicate' AS "kind", NULL AS "id", NULL AS "groupId", NULL AS "status", NULL AS "originalText"
       FROM (SELECT 1 AS "found" FROM "Comment"
         WHERE "consultationId" = ? AND "contentHash" = ?
           AND ${where.blockKey === null ? `"blockKey" IS NULL` : `"blockKey" = ?`}
           AND ("authorEmail" = ? OR "authorPhone" = ?)
         LIMIT 1) AS d`,
      params: [where.consultationId, where.contentHash, ...(where.blockKey === null ? [] : [where.blockKey]), where.email ?? "", where.phone ?? ""],
    });
  }
  if (branches.length === 0) return null;
  return { sql: branches.map((b) => b.sql).join(" UNION ALL "), params: branches.flatMap((b) => b.params) };
}

/** The receipt of the comment stored for a form's idempotency key, if any. */
export async function receiptForIdempotencyKey(sql: SqlDriver, idempotencyKey: string): Promise<string | null> {
  const rows = await sql.all<{ receiptToken: string }>(`SELECT "receiptToken" FROM "Comment" WHERE "idempotencyKey" = ?`, [idempotencyKey]);
  return rows[0]?.receiptToken ?? null;
}

/** Whether an insert failed because a comment with the same idempotency key was stored first (a racing retry). */
export function isIdempotencyConflict(error: unknown): boolean {
  const e = error as { code?: unknown; constraint?: unknown; message?: unknown } | null;
  if (e?.code === "23505") return e.constraint === "Comment_idempotencyKey_key"; // PostgreSQL unique_violation
  return e?.code === "SQLITE_CONSTRAINT_UNIQUE" && String(e.message).includes("Comment.idempotencyKey");
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
  /** Hash of the form's idempotency key (idempotency.server.ts); null without one. */
  idempotencyKey?: string | null;
  createdAt: Date;
  /** From moderation's screening (app/moderation/intake.server.ts). */
  sectionKey: string | null;
  flags: number;
  bands: [number, number, number, number];
  groupId: string | null;
}

type Step = { sql: string; params: unknown[]; mustChange?: boolean };

const COMMENT_COLUMNS = `"id", "consultationId", "versionId", "blockKey", "quote", "quoteStart", "quoteEnd", "stance",
  "originalText", "status", "authorName", "authorEmail", "authorPhone", "provinceCode", "communeCode",
  "occupation", "ageGroup", "onBehalfOf", "consentAt", "contentHash", "diacriticsConfirmed", "sourceHash",
  "receiptToken", "createdAt", "updatedAt", "sectionKey", "flags", "band0", "band1", "band2", "band3", "groupId", "idempotencyKey"`;

/** The placeholders of COMMENT_COLUMNS, in order. */
const commentValues = (sql: SqlDriver) =>
  `?, ?, ?, ?, ?, ?, ?, ${enumValue(sql, "Stance")}, ?, ${enumValue(sql, "CommentStatus")}, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?`;

/**
 * Inserts a pending comment, using up its captcha solution in the same transaction when there is
 * one: false (and nothing stored) when that solution was used before. `groupSteps` come from
 * screening (app/moderation/intake.server.ts): the statements that start a group with this comment,
 * committed with it. A comment with a group and no such statements joined an existing group, whose
 * counters are then recounted shortly after (group-counts.server.ts). Resolves only once the row is
 * committed; only then does the author get a success answer.
 */
export async function insertComment(sql: SqlDriver, c: NewComment, captcha?: { signature: string; expiresAt: Date }, groupSteps: Step[] = []): Promise<boolean> {
  const id = randomUUID();
  const params = [
    id, c.consultationId, c.versionId, c.blockKey, c.quote, c.quoteStart, c.quoteEnd, c.stance,
    c.originalText, "PENDING", c.authorName, c.authorEmail, c.authorPhone, c.provinceCode, c.communeCode,
    c.occupation, c.ageGroup, c.onBehalfOf, c.createdAt, c.contentHash, c.diacriticsConfirmed, c.sourceHash,
    c.receiptToken, c.createdAt, c.createdAt, c.sectionKey, c.flags, ...c.bands, c.groupId, c.idempotencyKey ?? null,
  ];
  const inserted =
    sql.provider === "postgresql" && groupSteps.length === 0
      ? (await sql.run(...oneStatement(sql, params, captcha))) === 1
      : await sql.transact([
          ...(captcha ? [{ sql: USE_CAPTCHA, params: [captcha.signature, captcha.expiresAt], mustChange: true }] : []),
          ...groupSteps,
          { sql: `INSERT INTO "Comment" (${COMMENT_COLUMNS}) VALUES (${commentValues(sql)})`, params },
          // The search index learns of the comment through the outbox, committed with it (search/README.md).
          { sql: SEARCH_OUTBOX, params: [id, c.createdAt] },
        ]);
  if (inserted && c.groupId && groupSteps.length === 0) groupJoined(sql, c.groupId);
  return inserted;
}

/**
 * PostgreSQL: the captcha use, the comment and its outbox row as one statement (data-modifying WITH
 * clauses), atomic without BEGIN/COMMIT: one round trip instead of five (ADR 008). The comment is
 * inserted only when its captcha row was (a used solution changes nothing at all), the outbox row
 * only with the comment. Changes one outbox row when the comment was stored, none otherwise.
 */
function oneStatement(sql: SqlDriver, params: unknown[], captcha: { signature: string; expiresAt: Date } | undefined): [string, unknown[]] {
  const columns = `INSERT INTO "Comment" (${COMMENT_COLUMNS})`;
  const comment = captcha ? `${columns} SELECT ${commentValues(sql)} WHERE EXISTS (SELECT 1 FROM used)` : `${columns} VALUES (${commentValues(sql)})`;
  return [
    `WITH ${captcha ? `used AS (${USE_CAPTCHA} RETURNING 1), ` : ""}comment AS (${comment} RETURNING "id", "createdAt")
     INSERT INTO "SearchOutbox" ("kind", "entityId", "createdAt") SELECT 'comment', "id", "createdAt" FROM comment`,
    [...(captcha ? [captcha.signature, captcha.expiresAt] : []), ...params],
  ];
}
