import type { Comment } from "~/generated/sqlite/client.ts";
import { describeLocality } from "~/localities/localities.server.ts";
import { inList, sqlDate, type SqlDriver, type SqlTx } from "~/platform/sql.server.ts";
import type { Contact } from "./request-form.ts";

// Every opinion given with one email or phone (online, at a conference, by letter), with everything
// the app holds on its author, for a personal-data request (Decree 13/2023/NĐ-CP; ADR 027).

/** More than this many opinions for one contact: the page shows the newest and says so. */
export const MAX_FOUND = 500;

/** Separators people type inside a phone number: stripped in SQL, as normalizePhone strips them. */
const PHONE_SEPARATORS = [" ", "\u00a0", ".", "-", "(", ")", "+"];

/**
 * The WHERE condition matching a contact however it was stored: emails without case or surrounding
 * spaces; phones after stripping separators, in the national form or with the country code (84, 0084),
 * so rows stored before phones were normalized («+84 912 345 678», «0912.345.678») are found too.
 */
export function contactCondition(contact: Contact): { sql: string; params: unknown[] } {
  if (contact.kind === "email") return { sql: `LOWER(TRIM(c."authorEmail")) = ?`, params: [contact.value] };
  const stripped = PHONE_SEPARATORS.reduce((expr, ch) => `REPLACE(${expr}, '${ch}', '')`, `c."authorPhone"`);
  const subscriber = contact.value.slice(1);
  return { sql: `(c."authorPhone" = ? OR ${stripped} IN (?, ?, ?))`, params: [contact.value, contact.value, `84${subscriber}`, `0084${subscriber}`] };
}

/** The comment's own fields as stored (a DELETED tombstone has no contact, so it is never found). */
type StoredFields = Pick<
  Comment,
  | "id"
  | "channel"
  | "consultationId"
  | "quote"
  | "stance"
  | "originalText"
  | "publishedText"
  | "proposedText"
  | "rejectReason"
  | "authorName"
  | "authorEmail"
  | "authorPhone"
  | "provinceCode"
  | "communeCode"
  | "occupation"
  | "ageGroup"
  | "onBehalfOf"
  | "consentAt"
  | "createdAt"
  | "decidedAt"
  | "groupId"
>;

export interface FoundOpinion extends StoredFields {
  status: Exclude<Comment["status"], "DELETED">;
  consultationTitle: string;
  blockLabel: string | null;
  locality: string[];
  conferenceTitle: string | null;
  organizationName: string | null;
}

type Row = Omit<FoundOpinion, "locality" | "consentAt" | "createdAt" | "decidedAt"> & { consentAt: unknown; createdAt: unknown; decidedAt: unknown };

const SELECT = `SELECT c."id", c."channel", c."status", c."consultationId", k."title" AS "consultationTitle", b."label" AS "blockLabel", c."quote",
  c."stance", c."originalText", c."publishedText", c."proposedText", c."rejectReason", c."authorName", c."authorEmail", c."authorPhone", c."provinceCode",
  c."communeCode", c."occupation", c."ageGroup", c."onBehalfOf", c."consentAt", c."createdAt", c."decidedAt", f."title" AS "conferenceTitle",
  o."name" AS "organizationName", c."groupId"
  FROM "Comment" c
  JOIN "Consultation" k ON k."id" = c."consultationId"
  LEFT JOIN "Block" b ON b."versionId" = c."versionId" AND b."key" = c."blockKey"
  LEFT JOIN "Conference" f ON f."id" = c."conferenceId"
  LEFT JOIN "Organization" o ON o."id" = c."organizationId"`;

const toOpinion = (row: Row): FoundOpinion => ({
  ...row,
  locality: describeLocality(row.provinceCode, row.communeCode),
  consentAt: sqlDate(row.consentAt),
  createdAt: sqlDate(row.createdAt),
  decidedAt: row.decidedAt == null ? null : sqlDate(row.decidedAt),
});

/**
 * The opinions given with this contact, newest first (at most MAX_FOUND), and whether there were
 * more. A full scan of the comments: requests are rare, and an index on contacts would cost every
 * submission (ADR 027).
 */
export async function findOpinions(sql: SqlDriver | SqlTx, contact: Contact): Promise<{ opinions: FoundOpinion[]; more: boolean }> {
  const where = contactCondition(contact);
  const rows = await sql.all<Row>(`${SELECT} WHERE ${where.sql} ORDER BY c."createdAt" DESC, c."id" DESC LIMIT ${MAX_FOUND + 1}`, where.params);
  return { opinions: rows.slice(0, MAX_FOUND).map(toOpinion), more: rows.length > MAX_FOUND };
}

/** Of `ids`, those given with this contact: what an action may touch, whatever the form claimed. */
export async function opinionsOf(tx: SqlDriver | SqlTx, contact: Contact, ids: readonly string[]): Promise<FoundOpinion[]> {
  const where = contactCondition(contact);
  const which = inList(tx, `c."id"`, ids);
  const rows = await tx.all<Row>(`${SELECT} WHERE ${which.sql} AND ${where.sql} ORDER BY c."createdAt" DESC, c."id" DESC`, [which.param, ...where.params]);
  return rows.map(toOpinion);
}

export interface HeldNotification {
  id: string;
  commentId: string | null;
  to: string;
  subject: string;
  text: string;
  createdAt: Date;
  sentAt: Date | null;
  waiting: boolean;
}

/** Emails queued or sent about these opinions, or to this email address. */
export async function notificationsOf(sql: SqlDriver | SqlTx, contact: Contact, commentIds: readonly string[]): Promise<HeldNotification[]> {
  const which = inList(sql, `"commentId"`, commentIds);
  const rows = await sql.all<{
    id: string;
    commentId: string | null;
    to: string;
    subject: string;
    text: string;
    createdAt: unknown;
    sentAt: unknown;
    nextAt: unknown;
  }>(
    `SELECT "id", "commentId", "to", "subject", "text", "createdAt", "sentAt", "nextAt" FROM "Notification"
     WHERE ${which.sql}${contact.kind === "email" ? ` OR LOWER(TRIM("to")) = ?` : ""} ORDER BY "createdAt", "id"`,
    [which.param, ...(contact.kind === "email" ? [contact.value] : [])],
  );
  return rows.map((n) => ({
    id: n.id,
    commentId: n.commentId,
    to: n.to,
    subject: n.subject,
    text: n.text,
    createdAt: sqlDate(n.createdAt),
    sentAt: n.sentAt == null ? null : sqlDate(n.sentAt),
    waiting: n.sentAt == null && n.nextAt != null,
  }));
}
