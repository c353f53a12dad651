import { randomUUID } from "node:crypto";
import type { Db } from "~/platform/db.server.ts";
import { publicStatus } from "~/consultations/status.ts";
import { commentsPath } from "~/consultations/urls.ts";
import { commentLimiter, readSupportLimits, type KeyedLimit, type Limiter } from "~/platform/rate-limit.server.ts";
import { invalidatePages } from "~/platform/page-cache.server.ts";
import { getSql, inList, sqlDate, type SqlDriver, type SqlTx } from "~/platform/sql.server.ts";
import { hasInvalidText } from "~/text/normalize.ts";
import { gateCaptcha, USE_CAPTCHA } from "./captcha.server.ts";
import { countSupporter } from "./comment-store.server.ts";
import { countGroupSupporter } from "./duplicate-groups.server.ts";
import { contactHash, sourceHash, storedContactHash } from "./source-hash.server.ts";
import { consultationForSubmission } from "./submission-cache.server.ts";
import { SUPPORT_MESSAGES, supportFormSchema, type SupportOutcome } from "./support-form.ts";

// Supports (đồng tình) of published opinions, without an account (ADR 046): the one writer of the
// Support table. Guarded like a comment: the draft's proof-of-work captcha (or, without JavaScript,
// the stricter per-address limit), limits per address and per contact through the comments' limiter
// (Redis-shared when configured) under keys of their own, one support per opinion per source (the
// keyed hash of the client address). A near-duplicate group is one opinion: its supporters are the
// group's, counted once whichever member they supported. The counters (Comment.supportCount,
// DuplicateGroup.supportCount) are written by their owners, in the support's transaction.

/** "supported" and "already" carry the opinion's count; "already": this source had supported it (or another member of its group) before. */
export type SupportResult = SupportOutcome;

export interface SupportContext {
  clientAddress: string | null;
  sql?: SqlDriver;
  now?: Date;
  limiter?: Limiter;
  limits?: ReturnType<typeof readSupportLimits>;
}

/** Thrown inside the transaction to roll it back: the source had supported the opinion meanwhile. */
class AlreadySupported extends Error {}
/** Thrown inside the transaction to roll it back: the captcha solution had been used. */
class CaptchaUsed extends Error {}
/** Thrown inside the transaction to roll it back: the opinion stopped being published meanwhile. */
class NotPublished extends Error {}

/**
 * Records one person's support of a published opinion of an open consultation, from the button's form
 * (`comment`, optional `contact`, `captcha`, the `website` honeypot). Nothing is stored unless every
 * check passes; the count returned is the opinion's (its group's when it has one).
 */
export async function supportOpinion(db: Db, slug: string, formData: FormData, ctx: SupportContext): Promise<SupportResult> {
  const now = ctx.now ?? new Date();
  const consultation = await consultationForSubmission(db, slug, now);
  if (!consultation || consultation.status === "DRAFT" || !consultation.publishedVersionId) return { status: "not-found" };
  if (publicStatus(consultation, now) !== "open") return { status: "closed" };
  if (!consultation.acceptsOnline) return { status: "offline" };

  for (const value of formData.values()) {
    if (typeof value === "string" && (value.includes("\uFFFD") || hasInvalidText(value))) return { status: "refused", message: SUPPORT_MESSAGES.encoding };
  }
  if (formData.get("website")) return { status: "refused", message: SUPPORT_MESSAGES.bot };
  const parsed = supportFormSchema.safeParse({ comment: formData.get("comment") ?? undefined, contact: formData.get("contact") ?? undefined });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    if (issue?.path[0] === "contact") return { status: "invalid", fieldErrors: { contact: issue.message } };
    return { status: "not-found" };
  }
  if (!ctx.clientAddress) return { status: "refused", message: SUPPORT_MESSAGES.source };

  const sql = ctx.sql ?? getSql();
  const opinion = await publishedOpinion(sql, consultation.id, parsed.data.comment);
  if (!opinion) return { status: "not-found" };

  const { captcha, refusal } = await gateCaptcha(db, sql, formData.get("captcha") as string | null, slug, now);
  if (refusal) return { status: "refused", message: SUPPORT_MESSAGES[refusal] };

  const source = await sourceHash(db, ctx.clientAddress);
  // A second tap is told so before any limit is counted: it costs the person nothing.
  if (await hasSupported(sql, opinion, source)) return { status: "already", count: await supportersOf(sql, opinion) };

  const limits = ctx.limits ?? readSupportLimits();
  const hits: KeyedLimit[] = [{ key: `support-address:${ctx.clientAddress}`, limit: limits.address }];
  if (parsed.data.contact) hits.push({ key: `support-contact:${parsed.data.contact}`, limit: limits.contact });
  if (captcha.status === "missing") hits.push({ key: `support-noscript:${ctx.clientAddress}`, limit: limits.noScriptAddress });
  const { wait } = await (ctx.limiter ?? commentLimiter()).hitAll(hits, now.getTime());
  if (wait > 0) return { status: "rate-limited", retryAfter: wait };

  const contact = parsed.data.contact ? await contactHash(db, parsed.data.contact) : null;
  try {
    const count = await sql.transaction(async (tx) => {
      // The member's row first, then its group's (the order of every transaction touching both): a
      // merge moving the member waits, and two taps of one source on two members of a group are
      // serialized on the group's row, so the second sees the first's support below.
      const counted = await countSupporter(tx, consultation.id, opinion.id);
      if (!counted) throw new NotPublished();
      const groupCount = counted.groupId ? await countGroupSupporter(tx, counted.groupId) : undefined;
      if (await hasSupported(tx, { id: opinion.id, groupId: counted.groupId }, source)) throw new AlreadySupported();
      if (captcha.status === "ok" && (await tx.run(USE_CAPTCHA, [captcha.signature, captcha.expiresAt])) === 0) throw new CaptchaUsed();
      const inserted = await tx.run(
        `INSERT INTO "Support" ("id", "consultationId", "commentId", "sourceHash", "contactHash", "withScript", "createdAt")
         VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT ("commentId", "sourceHash") DO NOTHING`,
        [randomUUID(), consultation.id, opinion.id, source, contact, captcha.status === "ok", now],
      );
      if (inserted === 0) throw new AlreadySupported();
      return groupCount ?? (await supportersOf(tx, { id: opinion.id, groupId: null }));
    });
    // This server's copies of the lists show the new count at once; other servers' within PAGE_CACHE_SECONDS.
    invalidatePages(commentsPath(slug).split("?")[0]);
    return { status: "supported", count };
  } catch (error) {
    if (error instanceof AlreadySupported) return { status: "already", count: await supportersOf(sql, opinion) };
    if (error instanceof CaptchaUsed) return { status: "refused", message: SUPPORT_MESSAGES.captcha };
    if (error instanceof NotPublished) return { status: "not-found" };
    throw error;
  }
}

type Opinion = { id: string; groupId: string | null };

/** An approved comment of the consultation, with its group. */
async function publishedOpinion(sql: SqlDriver, consultationId: string, commentId: string): Promise<Opinion | null> {
  const rows = await sql.all<Opinion>(`SELECT "id", "groupId" FROM "Comment" WHERE "id" = ? AND "consultationId" = ? AND "status" = 'APPROVED'`, [
    commentId,
    consultationId,
  ]);
  return rows[0] ?? null;
}

/** Whether `source` supported this opinion: the comment, or any member of its group. */
async function hasSupported(sql: SqlDriver | SqlTx, opinion: Opinion, source: string): Promise<boolean> {
  // The source's supports are few: read them by the source's index, then look at their comments.
  const rows = await sql.all<{ one: number }>(
    `SELECT 1 AS "one" FROM "Support" s JOIN "Comment" m ON m."id" = s."commentId"
     WHERE s."sourceHash" = ? AND (s."commentId" = ? OR (m."groupId" IS NOT NULL AND m."groupId" = ?)) LIMIT 1`,
    [source, opinion.id, opinion.groupId],
  );
  return rows.length > 0;
}

/** The opinion's supporters as the lists show them: its group's count, else its own. */
async function supportersOf(sql: SqlDriver | SqlTx, opinion: Opinion): Promise<number> {
  const rows = opinion.groupId
    ? await sql.all<{ n: number | string }>(`SELECT "supportCount" AS "n" FROM "DuplicateGroup" WHERE "id" = ?`, [opinion.groupId])
    : await sql.all<{ n: number | string }>(`SELECT "supportCount" AS "n" FROM "Comment" WHERE "id" = ?`, [opinion.id]);
  return Number(rows[0]?.n ?? 0);
}

/**
 * Forgets the supports of these opinions (they were deleted at their author's request, ADR 027): the
 * supporters' hashes have nothing left to count. Their groups are recounted by the caller
 * (duplicate-groups.server.ts afterMembersLeft).
 */
export async function forgetSupportsOf(tx: SqlTx, commentIds: readonly string[]): Promise<void> {
  if (!commentIds.length) return;
  const which = inList(tx, `"commentId"`, commentIds);
  await tx.run(`DELETE FROM "Support" WHERE ${which.sql}`, [which.param]);
}

/**
 * Clears the keyed hashes of the supports of consultations whose contact retention ran out (the
 * housekeeping, app/personal-data/retention.server.ts): the supports still count, as nobody's. Returns
 * how many were cleared.
 */
export async function clearSupportHashes(tx: SqlTx, consultationIds: readonly string[]): Promise<number> {
  if (!consultationIds.length) return 0;
  const which = inList(tx, `"consultationId"`, consultationIds);
  return tx.run(
    `UPDATE "Support" SET "sourceHash" = NULL, "contactHash" = NULL WHERE ${which.sql} AND ("sourceHash" IS NOT NULL OR "contactHash" IS NOT NULL)`,
    [which.param],
  );
}

/** A support given with a contact, as a personal-data export lists it. */
export interface GivenSupport {
  commentId: string;
  consultationTitle: string;
  /** The opinion supported, as published. */
  opinionText: string;
  withScript: boolean;
  createdAt: Date;
}

/**
 * The supports given with this contact (in the normalized form of contact.ts), newest first, for a
 * personal-data request (ADR 027, 046): found by computing the contact's keyed hash again. Supports
 * whose hashes the retention cleared are nobody's any more and are not found.
 */
export async function supportsGivenWith(sql: SqlDriver | SqlTx, contact: string, limit = 500): Promise<GivenSupport[]> {
  const hash = await storedContactHash(sql, contact);
  if (!hash) return [];
  const rows = await sql.all<Omit<GivenSupport, "withScript" | "createdAt"> & { withScript: unknown; createdAt: unknown }>(
    `SELECT s."commentId", k."title" AS "consultationTitle", COALESCE(c."publishedText", c."originalText") AS "opinionText", s."withScript", s."createdAt"
     FROM "Support" s JOIN "Comment" c ON c."id" = s."commentId" JOIN "Consultation" k ON k."id" = s."consultationId"
     WHERE s."contactHash" = ? ORDER BY s."createdAt" DESC, s."id" DESC LIMIT ${Math.max(1, Math.floor(limit))}`,
    [hash],
  );
  return rows.map((r) => ({ ...r, withScript: Boolean(r.withScript), createdAt: sqlDate(r.createdAt) }));
}
