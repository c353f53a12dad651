import { randomUUID } from "node:crypto";
import {
  announceCommentsFrom,
  announceStep,
  documentsInTransaction,
  prepareCommentDocument,
  preparedDocumentsCommitted,
  preparedDocumentsFrom,
  transactAnnouncing,
  type PreparedDocument,
} from "@search/outbox/outbox.server.ts";
import type { Comment, Prisma } from "~/generated/sqlite/client.ts";
import { USE_CAPTCHA } from "~/comments/captcha.server.ts";
import { CLAIMABLE } from "~/comments/duplicate-groups.server.ts";
import { groupJoined } from "~/comments/group-counts.server.ts";
import type { Db } from "~/platform/db.server.ts";
import { chunked } from "~/platform/chunks.ts";
import type { Outcome } from "~/platform/group-commit.server.ts";
import { enumCast, groupCommitQueue, inList, transactGrouped, type SqlDriver, type SqlStep, type SqlTx } from "~/platform/sql.server.ts";

// The one module that writes Comment (ADR 008): the submission's insert (the hot path), the
// conference import's inserts, and every later change of a row (claims, decisions, a group joined,
// personal-data requests and retention). Plain SQL on the driver: Prisma compiles each query in its
// WASM query compiler, about 1 ms of CPU a query here, which capped submissions near 200 a second
// (bench/README.md). The SQL is the same on both databases except enum values, which PostgreSQL
// keeps as enum types.

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
 * comment leaves the database), each at most one. Columns as screening's candidates (intake.server.ts).
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

/**
 * Whether an insert failed because the group screening chose was merged into another meanwhile (its row
 * deleted, ADR 041): the submission screens again and joins the group that took it over.
 */
export function isGroupGone(error: unknown): boolean {
  const e = error as { code?: unknown; constraint?: unknown; message?: unknown } | null;
  if (e?.code === "23503") return e.constraint === "Comment_groupId_fkey"; // PostgreSQL foreign_key_violation
  return e?.code === "SQLITE_CONSTRAINT_FOREIGNKEY";
}

/**
 * A Comment row as every insert writes it: all columns but those a later change sets (decision,
 * claim, published text). The one row type of the driver path; its names are the model's own.
 */
export interface CommentRow {
  id: string;
  consultationId: string;
  versionId: string;
  blockKey: string | null;
  quote: string | null;
  quoteStart: number | null;
  quoteEnd: number | null;
  stance: "AGREE" | "DISAGREE" | "OTHER";
  originalText: string;
  /** "Đề xuất sửa thành": the author's wording for the paragraph or passage, only when it differs (ADR 047). */
  proposedText: string | null;
  status: "PENDING";
  authorName: string;
  authorEmail: string | null;
  authorPhone: string | null;
  provinceCode: string | null;
  communeCode: string | null;
  occupation: string | null;
  ageGroup: string | null;
  onBehalfOf: string | null;
  consentAt: Date;
  contentHash: string;
  diacriticsConfirmed: boolean;
  sourceHash: string | null;
  receiptToken: string;
  /** Hash of the form's idempotency key (idempotency.server.ts); null without one. */
  idempotencyKey: string | null;
  createdAt: Date;
  updatedAt: Date;
  /** From the screening on arrival (intake.server.ts). */
  sectionKey: string | null;
  flags: number;
  band0: number | null;
  band1: number | null;
  band2: number | null;
  band3: number | null;
  groupId: string | null;
  channel: "ONLINE" | "CONFERENCE" | "LETTER";
  conferenceId: string | null;
  organizationId: string | null;
  /** The author agreed to be written to about the answer (only with an email). */
  mayContact: boolean;
}

// Every field of CommentRow is a column of the model, of the model's type: a renamed or retyped column fails here.
type Mismatch = { [K in keyof CommentRow]: CommentRow[K] extends Comment[K] ? never : K }[keyof CommentRow];
const rowMatchesModel: [Mismatch] extends [never] ? true : Mismatch = true;
void rowMatchesModel;

/** The columns of an insert, in CommentRow's order. */
const COLUMNS = [
  "id",
  "consultationId",
  "versionId",
  "blockKey",
  "quote",
  "quoteStart",
  "quoteEnd",
  "stance",
  "originalText",
  "proposedText",
  "status",
  "authorName",
  "authorEmail",
  "authorPhone",
  "provinceCode",
  "communeCode",
  "occupation",
  "ageGroup",
  "onBehalfOf",
  "consentAt",
  "contentHash",
  "diacriticsConfirmed",
  "sourceHash",
  "receiptToken",
  "idempotencyKey",
  "createdAt",
  "updatedAt",
  "sectionKey",
  "flags",
  "band0",
  "band1",
  "band2",
  "band3",
  "groupId",
  "channel",
  "conferenceId",
  "organizationId",
  "mayContact",
] as const satisfies readonly (keyof CommentRow)[];
const ENUMS: Partial<Record<keyof CommentRow, "Stance" | "CommentStatus" | "Channel">> = { stance: "Stance", status: "CommentStatus", channel: "Channel" };
const COMMENT_COLUMNS = COLUMNS.map((c) => `"${c}"`).join(", ");

/** The placeholders of COLUMNS, in order (built once per database kind: the hot path asks on every submission). */
const placeholders = new Map<SqlTx["provider"], string>();
const commentValues = (tx: Pick<SqlTx, "provider">) => {
  let values = placeholders.get(tx.provider);
  if (!values) placeholders.set(tx.provider, (values = COLUMNS.map((c) => (ENUMS[c] ? enumCast(tx, ENUMS[c]) : "?")).join(", ")));
  return values;
};
const commentParams = (row: CommentRow) => COLUMNS.map((c) => row[c]);

/** What a submission brings; the rest of its row is the same for every submission. */
export type NewComment = Omit<
  CommentRow,
  | "id"
  | "status"
  | "consentAt"
  | "updatedAt"
  | "idempotencyKey"
  | "band0"
  | "band1"
  | "band2"
  | "band3"
  | "channel"
  | "conferenceId"
  | "organizationId"
  | "mayContact"
  | "proposedText"
> & {
  idempotencyKey?: string | null;
  proposedText?: string | null;
  mayContact?: boolean;
  bands: [number, number, number, number];
  /** The row's id when the caller needs to know it (settling its group after the insert); a fresh one otherwise. */
  id?: string;
};

/**
 * Inserts a pending comment, using up its captcha solution in the same transaction when there is
 * one: false (and nothing stored) when that solution was used before. `groupSteps` come from
 * screening (intake.server.ts): the statements that start a group with this comment,
 * committed with it. A comment with a group and no such statements joined an existing group, whose
 * counters are then recounted shortly after (group-counts.server.ts). Resolves only once the row is
 * committed; only then does the author get a success answer.
 */
export async function insertComment(
  sql: SqlDriver,
  c: NewComment,
  captcha?: { signature: string; expiresAt: Date },
  groupSteps: SqlStep[] = [],
): Promise<boolean> {
  const { bands, id = randomUUID(), ...rest } = c;
  const [band0, band1, band2, band3] = bands;
  const params = commentParams({
    ...rest,
    id,
    status: "PENDING",
    consentAt: c.createdAt,
    updatedAt: c.createdAt,
    idempotencyKey: c.idempotencyKey ?? null,
    proposedText: c.proposedText ?? null,
    band0,
    band1,
    band2,
    band3,
    channel: "ONLINE",
    conferenceId: null,
    organizationId: null,
    mayContact: c.mayContact ?? false,
  });
  const steps = [
    ...(captcha ? [{ sql: USE_CAPTCHA, params: [captcha.signature, captcha.expiresAt], mustChange: true }] : []),
    ...groupSteps,
    { sql: `INSERT INTO "Comment" (${COMMENT_COLUMNS}) VALUES (${commentValues(sql)})`, params },
  ];
  // Committed with the submissions arriving within a few milliseconds (ADR 055). The search index
  // learns of the comment through the outbox, committed with it (search/README.md); the PostgreSQL
  // engine's document, prepared now from the row, is written by the same statement. A comment that
  // starts a group keeps its own transaction (with the PostgreSQL engine, the document read back in it).
  const inserted =
    sql.provider === "postgresql" && groupSteps.length === 0
      ? await insertOnPostgres(sql, {
          id,
          params,
          captcha,
          idempotencyKey: c.idempotencyKey ?? null,
          documents: await prepareCommentDocument(sql, {
            ...rest,
            id,
            status: "PENDING",
            publishedText: null,
            proposedText: c.proposedText ?? null,
            organizationId: null,
          }),
        })
      : documentsInTransaction()
        ? await transactAnnouncing(sql, steps, "comment", id, c.createdAt)
        : await transactGrouped(sql, [...steps, announceStep("comment", id, c.createdAt)]);
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
     ${announceCommentsFrom("comment")}`,
    [...(captcha ? [captcha.signature, captcha.expiresAt] : []), ...params],
  ];
}

/** A submission's insert on PostgreSQL, waiting for its group (ADR 055). */
interface PostgresWrite {
  id: string;
  /** The row's values in COLUMNS order. */
  params: unknown[];
  captcha: { signature: string; expiresAt: Date } | undefined;
  idempotencyKey: string | null;
  /** Its search document, written by the same statement (the PostgreSQL engine); null: the engine needs the outbox row only. */
  documents: PreparedDocument[] | null;
}

/** Two writes of one form (its captcha solution, its idempotency key) go in different groups: only the first may be stored. */
const sameForm = (a: PostgresWrite, b: PostgresWrite) =>
  (a.captcha !== undefined && a.captcha.signature === b.captcha?.signature) || (a.idempotencyKey !== null && a.idempotencyKey === b.idempotencyKey);

/** The submission's single statement, alone; with group commit, one statement for the whole group. */
function insertOnPostgres(sql: SqlDriver, write: PostgresWrite): Promise<boolean> {
  const queue = groupCommitQueue<PostgresWrite, boolean>(sql, "comment", (writes) => commitGroup(sql, writes), sameForm);
  return queue ? queue.submit(write) : insertAlone(sql, write);
}

/** One write alone: the single statement, or with a search document the group's statement for a group of one. */
async function insertAlone(sql: SqlDriver, write: PostgresWrite): Promise<boolean> {
  if (!write.documents) return (await sql.run(...oneStatement(sql, write.params, write.captcha))) === 1;
  const stored = (await sql.all(...groupStatement([write]))).length === 1;
  if (stored) preparedDocumentsCommitted(sql, write.documents);
  return stored;
}

/**
 * Errors with which PostgreSQL refused a statement as a whole, nothing of it stored, that concern one
 * write of the group: an integrity rule (class 23: a racing retry's idempotency key, a group merged
 * away) or a deadlock or serialization failure (class 40). Then each write goes again alone.
 */
const refusedForOne = (error: unknown) => /^(23|40)/.test(String((error as { code?: unknown } | null)?.code ?? ""));

/**
 * One group of submissions in one statement (autocommitted: one commit, one WAL flush): each row's
 * captcha use, its comment only when that captcha row was new, and the outbox rows of the comments
 * stored. Resolves per write whether it was stored (false: its captcha solution was used before, as
 * the single statement). When the statement is refused for one write's sake, every write is sent
 * again alone and gets its own result or error, exactly as without groups; any other failure (the
 * commit, the connection) rejects every write of the group.
 */
async function commitGroup(sql: SqlDriver, writes: PostgresWrite[]): Promise<Outcome<boolean>[]> {
  if (writes.length === 1) return [{ ok: true, value: await insertAlone(sql, writes[0]!) }];
  try {
    const rows = await sql.all<{ id: string }>(...groupStatement(writes));
    const stored = new Set(rows.map((row) => row.id));
    preparedDocumentsCommitted(
      sql,
      writes.flatMap((write) => (stored.has(write.id) ? (write.documents ?? []) : [])),
    );
    return writes.map((write) => ({ ok: true, value: stored.has(write.id) }));
  } catch (error) {
    if (!refusedForOne(error)) throw error;
  }
  return Promise.all(
    writes.map(async (write): Promise<Outcome<boolean>> => {
      try {
        return { ok: true, value: await insertAlone(sql, write) };
      } catch (error) {
        return { ok: false, error };
      }
    }),
  );
}

/** Each column's PostgreSQL type, for the arrays of a group's statement (a new column of CommentRow must be named here). */
const POSTGRES_TYPES: Record<(typeof COLUMNS)[number], string> = {
  id: "text",
  consultationId: "text",
  versionId: "text",
  blockKey: "text",
  quote: "text",
  quoteStart: "integer",
  quoteEnd: "integer",
  stance: `"Stance"`,
  originalText: "text",
  proposedText: "text",
  status: `"CommentStatus"`,
  authorName: "text",
  authorEmail: "text",
  authorPhone: "text",
  provinceCode: "text",
  communeCode: "text",
  occupation: "text",
  ageGroup: "text",
  onBehalfOf: "text",
  consentAt: "timestamp(3)",
  contentHash: "text",
  diacriticsConfirmed: "boolean",
  sourceHash: "text",
  receiptToken: "text",
  idempotencyKey: "text",
  createdAt: "timestamp(3)",
  updatedAt: "timestamp(3)",
  sectionKey: "text",
  flags: "integer",
  band0: "integer",
  band1: "integer",
  band2: "integer",
  band3: "integer",
  groupId: "text",
  channel: `"Channel"`,
  conferenceId: "text",
  organizationId: "text",
  mayContact: "boolean",
};

/**
 * The group's statement: one array parameter per column (the same statement, prepared once, for any
 * group size), the captcha solutions used as the single statement uses them (captcha.server.ts
 * USE_CAPTCHA: ON CONFLICT, a used one stores nothing), the comments whose solution was new (or that
 * had none), and their outbox rows; returns the ids stored.
 */
const groupInsert = (documents = "") => `WITH input AS (
    SELECT * FROM unnest(CAST(? AS text[]), CAST(? AS timestamp(3)[]), ${COLUMNS.map((c) => `CAST(? AS ${POSTGRES_TYPES[c]}[])`).join(", ")})
      AS i("captcha", "captchaExpiresAt", ${COMMENT_COLUMNS})),
  used AS (INSERT INTO "CaptchaUse" ("signature", "expiresAt") SELECT "captcha", "captchaExpiresAt" FROM input WHERE "captcha" IS NOT NULL
    ON CONFLICT ("signature") DO NOTHING RETURNING "signature"),
  comment AS (INSERT INTO "Comment" (${COMMENT_COLUMNS}) SELECT ${COMMENT_COLUMNS} FROM input
    WHERE "captcha" IS NULL OR "captcha" IN (SELECT "signature" FROM used) RETURNING "id", "createdAt"),
  outbox AS (${announceCommentsFrom("comment")})${documents ? `,\n  ${documents}` : ""}
  SELECT "id" FROM comment`;
const GROUP_INSERT = groupInsert();

/**
 * The group's statement and its parameters; with search documents (the PostgreSQL engine), also the
 * documents of the comments it stores (outbox.server.ts preparedDocumentsFrom): still one statement.
 */
function groupStatement(writes: PostgresWrite[]): [string, unknown[]] {
  if (!writes[0]!.documents) return [GROUP_INSERT, groupParams(writes)];
  const documents = preparedDocumentsFrom(
    "comment",
    writes.flatMap((w) => w.documents ?? []),
  );
  return [groupInsert(documents.sql), [...groupParams(writes), ...documents.params]];
}

/** The group's parameters: one array per column; dates as UTC text (pg would write an array's dates in local time). */
function groupParams(writes: PostgresWrite[]): unknown[] {
  const utc = (value: unknown) => (value instanceof Date ? value.toISOString() : value);
  return [
    writes.map((w) => w.captcha?.signature ?? null),
    writes.map((w) => (w.captcha ? w.captcha.expiresAt.toISOString() : null)),
    ...COLUMNS.map((_, i) => writes.map((w) => utc(w.params[i]))),
  ];
}

/**
 * Inserts rows inside the caller's driver transaction (a conference import: each opinion is screened
 * against those inserted before it, so it calls this as it goes), 200 rows a statement.
 */
export async function insertComments(tx: SqlTx, rows: readonly CommentRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 200) {
    const chunk = rows.slice(i, i + 200);
    const values = chunk.map(() => `(${commentValues(tx)})`).join(", ");
    await tx.run(`INSERT INTO "Comment" (${COMMENT_COLUMNS}) VALUES ${values}`, chunk.flatMap(commentParams));
  }
}

/** The statement that puts an ungrouped comment into a group (screening's, committed with the comment that found it). */
export function joinGroupStep(groupId: string, commentId: string): SqlStep {
  return { sql: `UPDATE "Comment" SET "groupId" = ? WHERE "id" = ? AND "groupId" IS NULL`, params: [groupId, commentId], mustChange: true };
}

/** A comment's group: null when it has none, undefined when there is no such comment. */
export async function commentGroup(tx: SqlTx, commentId: string): Promise<string | null | undefined> {
  const rows = await tx.all<{ groupId: string | null }>(`SELECT "groupId" FROM "Comment" WHERE "id" = ?`, [commentId]);
  return rows.length ? rows[0]!.groupId : undefined;
}

/**
 * Puts the comments `ids` and every member of `groups` into group `target` (a merge of near-duplicate
 * groups, intake.server.ts settleGroup), adding `flag` to their flags; statuses and decisions stay.
 */
export async function moveIntoGroup(tx: SqlTx, target: string, from: { groups: readonly string[]; ids: readonly string[] }, flag: number): Promise<void> {
  const ids = inList(tx, `"id"`, from.ids);
  const groups = inList(tx, `"groupId"`, from.groups);
  await tx.run(`UPDATE "Comment" SET "groupId" = ?, "flags" = "flags" | CAST(? AS INTEGER) WHERE (${ids.sql} AND "status" <> 'DELETED') OR ${groups.sql}`, [
    target,
    flag,
    ids.param,
    groups.param,
  ]);
}

/** Takes a pending comment for a moderator until `until`; 0 when it is decided or someone else holds it. */
export function claimCommentRow(tx: SqlTx, commentId: string, actorId: string, until: Date, now: Date): Promise<number> {
  return tx.run(`UPDATE "Comment" SET "claimedById" = ?, "claimedUntil" = ? WHERE "id" = ? AND "status" = 'PENDING' AND ${CLAIMABLE}`, [
    actorId,
    until,
    commentId,
    actorId,
    now,
  ]);
}

/** Gives back a moderator's claim on a comment; 0 when they did not hold it. */
export function releaseCommentRow(tx: SqlTx, commentId: string, actorId: string): Promise<number> {
  return tx.run(`UPDATE "Comment" SET "claimedById" = NULL, "claimedUntil" = NULL WHERE "id" = ? AND "claimedById" = ?`, [commentId, actorId]);
}

/** What a decision hands on (to the audit rows, the groups' recount and the authors' emails). */
export interface DecidedComment {
  id: string;
  groupId: string | null;
  consultationId: string;
  authorName: string;
  authorEmail: string | null;
  receiptToken: string;
  originalText: string;
}

/**
 * Decides the comments named (by ids, or every member of a group) that are still pending and free
 * for the moderator; resolves with those it changed. One conditional UPDATE: two moderators racing
 * for one comment cannot both win.
 */
export function decideCommentRows(
  tx: SqlTx,
  target: { ids: readonly string[] } | { groupId: string },
  decision: { status: "APPROVED" | "REJECTED"; publishedText: string | null; rejectReason: string | null; actorId: string },
  now: Date,
): Promise<DecidedComment[]> {
  const which = "ids" in target ? inList(tx, `"id"`, target.ids) : { sql: `"groupId" = ?`, param: target.groupId };
  return tx.all<DecidedComment>(
    `UPDATE "Comment" SET "status" = ?, "publishedText" = ?, "rejectReason" = ?, "decidedAt" = ?, "decidedById" = ?,
       "claimedById" = NULL, "claimedUntil" = NULL, "updatedAt" = ?
     WHERE ${which.sql} AND "status" = 'PENDING' AND ${CLAIMABLE}
     RETURNING "id", "groupId", "consultationId", "authorName", "authorEmail", "receiptToken", "originalText"`,
    [decision.status, decision.publishedText, decision.rejectReason, now, decision.actorId, now, which.param, decision.actorId, now],
  );
}

/** The ids of a group's members still pending and free for this moderator, in id order (a group decided in parts). */
export async function pendingGroupMembers(sql: SqlDriver, groupId: string, actorId: string, now: Date): Promise<string[]> {
  const rows = await sql.all<{ id: string }>(`SELECT "id" FROM "Comment" WHERE "groupId" = ? AND "status" = 'PENDING' AND ${CLAIMABLE} ORDER BY "id"`, [
    groupId,
    actorId,
    now,
  ]);
  return rows.map((r) => r.id);
}

/** What answering an opinion hands on (to the answer's section, the authors' emails). */
export interface AnsweredComment {
  id: string;
  sectionKey: string | null;
  authorName: string;
  authorEmail: string | null;
  mayContact: boolean;
  receiptToken: string;
  originalText: string;
}

/** Ids a statement of setCommentAnswer names at most (the list is one parameter; chunks keep each statement's work bounded). */
const ANSWER_CHUNK = 2_000;

/**
 * Points the approved opinions named (by ids, or every approved member of a group) of this
 * consultation to an answer (answers.server.ts, inside its driver transaction). Without `replace`,
 * opinions another answer covers are left alone. Resolves with those it changed.
 */
export async function setCommentAnswer(
  tx: SqlTx,
  target: { ids: readonly string[] } | { groupId: string },
  change: { consultationId: string; answerId: string; replace: boolean },
  now: Date,
): Promise<AnsweredComment[]> {
  const answered: AnsweredComment[] = [];
  const free = change.replace ? "" : ` AND "answerId" IS NULL`;
  const chunks = "ids" in target ? chunked(target.ids, ANSWER_CHUNK).map((ids) => inList(tx, `"id"`, ids)) : [{ sql: `"groupId" = ?`, param: target.groupId }];
  for (const which of chunks) {
    const rows = await tx.all<AnsweredComment>(
      `UPDATE "Comment" SET "answerId" = ?, "answeredAt" = ?, "updatedAt" = ?
       WHERE ${which.sql} AND "consultationId" = ? AND "status" = 'APPROVED'${free}
       RETURNING "id", "sectionKey", "authorName", "authorEmail", "mayContact", "receiptToken", "originalText"`,
      [change.answerId, now, now, which.param, change.consultationId],
    );
    for (const row of rows) answered.push({ ...row, mayContact: Boolean(row.mayContact) });
  }
  return answered;
}

/** A fresh unguessable value for a unique column (the old receipt link stops working). */
const randomToken = (tx: SqlTx) => (tx.provider === "postgresql" ? `CAST(gen_random_uuid() AS text)` : `lower(hex(randomblob(16)))`);

/** Sets the author's name and contact of these comments (a personal-data correction). */
export async function correctAuthors(
  tx: SqlTx,
  ids: readonly string[],
  next: { authorName: string; authorEmail: string | null; authorPhone: string | null },
  now: Date,
): Promise<void> {
  const which = inList(tx, `"id"`, ids);
  await tx.run(`UPDATE "Comment" SET "authorName" = ?, "authorEmail" = ?, "authorPhone" = ?, "updatedAt" = ? WHERE ${which.sql}`, [
    next.authorName,
    next.authorEmail,
    next.authorPhone,
    now,
    which.param,
  ]);
}

/**
 * Makes these comments anonymous: the text and province stay, the contact, commune, "on behalf of"
 * and sender's hash go, and the receipt link changes (ADR 027).
 */
export async function anonymizeComments(tx: SqlTx, ids: readonly string[], authorName: string, now: Date): Promise<void> {
  const which = inList(tx, `"id"`, ids);
  await tx.run(
    `UPDATE "Comment" SET "authorName" = ?, "authorEmail" = NULL, "authorPhone" = NULL, "communeCode" = NULL, "onBehalfOf" = NULL,
       "sourceHash" = NULL, "receiptToken" = ${randomToken(tx)}, "updatedAt" = ? WHERE ${which.sql}`,
    [authorName, now, which.param],
  );
}

/**
 * Turns these comments into DELETED tombstones holding nothing of the person (the row stays for its
 * audit history and the conference's count); they leave their groups (duplicate-groups.server.ts
 * afterMembersLeft puts the groups right).
 */
export async function eraseComments(tx: SqlTx, ids: readonly string[], now: Date): Promise<void> {
  const which = inList(tx, `"id"`, ids);
  await tx.run(
    `UPDATE "Comment" SET "status" = 'DELETED', "originalText" = '', "publishedText" = NULL, "proposedText" = NULL, "quote" = NULL, "quoteStart" = NULL, "quoteEnd" = NULL,
       "rejectReason" = NULL, "authorName" = '', "authorEmail" = NULL, "authorPhone" = NULL, "provinceCode" = NULL, "communeCode" = NULL,
       "occupation" = NULL, "ageGroup" = NULL, "onBehalfOf" = NULL, "sourceHash" = NULL, "receiptToken" = ${randomToken(tx)},
       "band0" = NULL, "band1" = NULL, "band2" = NULL, "band3" = NULL, "groupId" = NULL, "flags" = 0, "claimedById" = NULL, "claimedUntil" = NULL,
       "updatedAt" = ?
     WHERE ${which.sql}`,
    [now, which.param],
  );
}

/** Clears the contact details (email, phone, sender's hash) of these comments: the retention period ran out (ADR 027). */
export async function clearContacts(tx: SqlTx, ids: readonly string[], now: Date): Promise<void> {
  const which = inList(tx, `"id"`, ids);
  await tx.run(`UPDATE "Comment" SET "authorEmail" = NULL, "authorPhone" = NULL, "sourceHash" = NULL, "updatedAt" = ? WHERE ${which.sql}`, [now, which.param]);
}

/**
 * Counts one more supporter of a published opinion (supports.server.ts, inside its transaction; it locks
 * the row, so a group merge moving it waits): the comment's group, or undefined when it is not an
 * approved comment of that consultation (nothing changed).
 */
export async function countSupporter(tx: SqlTx, consultationId: string, commentId: string): Promise<{ groupId: string | null } | undefined> {
  const rows = await tx.all<{ groupId: string | null }>(
    `UPDATE "Comment" SET "supportCount" = "supportCount" + 1 WHERE "id" = ? AND "consultationId" = ? AND "status" = 'APPROVED' RETURNING "groupId"`,
    [commentId, consultationId],
  );
  return rows[0];
}

/** The demonstration's decided comments (`npm run db:seed`, app/demo/consultations.server.ts), through Prisma: usable in a batch transaction. */
export function seedComments(db: Pick<Db, "comment">, rows: Prisma.CommentCreateManyInput[]) {
  return db.comment.createMany({ data: rows });
}
