import { announce } from "@search/outbox.server.ts";
import { appendAudit } from "~/audit/audit.server.ts";
import { ANONYMOUS_NAME } from "~/comments/text/index.ts";
import { recountGroups } from "~/moderation/group-counts.server.ts";
import { formatCount } from "~/platform/format.ts";
import { invalidatePages } from "~/platform/page-cache.server.ts";
import { inList, type SqlDriver, type SqlTx } from "~/platform/sql.server.ts";
import { personalDataDocument } from "./export.server.ts";
import { notificationsOf, opinionsOf, type FoundOpinion } from "./find.server.ts";
import { ACTIONS, MESSAGES, type ActionRequest } from "./request-form.ts";

// What staff do for a person who asks under Decree 13/2023/NĐ-CP (ADR 027): export what the app holds
// on them, correct their contact details, make their opinions anonymous, or delete them. Each action
// touches only opinions given with the person's contact, runs in one transaction with its audit rows
// (the reason, and which fields changed, never the personal data itself) and its search outbox rows.

export type RequestResult =
  | { ok: true; message: string; changed: number; document?: ReturnType<typeof personalDataDocument>; contact?: string }
  | { ok: false; message: string };


/** A fresh unguessable value for a unique column (the old receipt link stops working). */
const randomToken = (tx: SqlTx) => (tx.provider === "postgresql" ? `CAST(gen_random_uuid() AS text)` : `lower(hex(randomblob(16)))`);

const FIELD_LABELS = { authorName: "họ và tên", authorEmail: "thư điện tử", authorPhone: "số điện thoại" } as const;

export async function handleRequest(sql: SqlDriver, actor: { id: string }, request: ActionRequest, now = new Date()): Promise<RequestResult> {
  const result = await sql.transaction(async (tx): Promise<RequestResult> => {
    const opinions = await opinionsOf(tx, request.contact, request.ids);
    if (!opinions.length) return { ok: false, message: MESSAGES.form };
    const ids = opinions.map((o) => o.id);
    const audit = (action: string, extra: (o: FoundOpinion) => { before?: string | null; after?: string | null } = () => ({})) =>
      appendAudit(
        tx,
        opinions.map((o) => ({ action, actorId: actor.id, commentId: o.id, groupId: o.groupId, note: request.reason, ...extra(o) })),
        now
      );
    const done = `${ACTIONS[request.action].done} ${formatCount(ids.length)} ý kiến.`;

    switch (request.action) {
      case "export": {
        const notifications = await notificationsOf(tx, request.contact, ids);
        await audit("personal-data-export");
        const document = personalDataDocument({ contact: request.contact.value, opinions, notifications, now });
        return { ok: true, changed: ids.length, message: done, document };
      }
      case "correct": {
        const next = { authorName: request.name, authorEmail: request.email ?? null, authorPhone: request.phone ?? null };
        const which = inList(tx, `"id"`, ids);
        await tx.run(`UPDATE "Comment" SET "authorName" = ?, "authorEmail" = ?, "authorPhone" = ?, "updatedAt" = ? WHERE ${which.sql}`, [
          next.authorName,
          next.authorEmail,
          next.authorPhone,
          now,
          which.param,
        ]);
        // Emails not sent yet go to the corrected address, or not at all.
        const about = inList(tx, `"commentId"`, ids);
        if (next.authorEmail) await tx.run(`UPDATE "Notification" SET "to" = ? WHERE ${about.sql} AND "sentAt" IS NULL`, [next.authorEmail, about.param]);
        else await tx.run(`DELETE FROM "Notification" WHERE ${about.sql} AND "sentAt" IS NULL`, [about.param]);
        await audit("personal-data-correct", (o) => ({
          after:
            (Object.keys(FIELD_LABELS) as (keyof typeof FIELD_LABELS)[])
              .filter((k) => o[k] !== next[k])
              .map((k) => FIELD_LABELS[k])
              .join(", ") || "không đổi",
        }));
        await announce(tx, "comment", ids, now);
        return { ok: true, changed: ids.length, message: done, contact: next.authorEmail ?? next.authorPhone ?? undefined };
      }
      case "anonymize": {
        // The text stays, as an anonymous opinion; the province stays with it (statistics by province
        // are unchanged), the commune and "on behalf of" go: with the occupation and age group they
        // could point at one person in a small commune (ADR 027).
        const which = inList(tx, `"id"`, ids);
        await tx.run(
          `UPDATE "Comment" SET "authorName" = ?, "authorEmail" = NULL, "authorPhone" = NULL, "communeCode" = NULL, "onBehalfOf" = NULL,
             "sourceHash" = NULL, "receiptToken" = ${randomToken(tx)}, "updatedAt" = ? WHERE ${which.sql}`,
          [ANONYMOUS_NAME, now, which.param]
        );
        await deleteNotifications(tx, ids);
        await audit("personal-data-anonymize", () => ({ after: ANONYMOUS_NAME }));
        await announce(tx, "comment", ids, now);
        return { ok: true, changed: ids.length, message: done };
      }
      case "delete": {
        await erase(tx, opinions, now);
        await audit("personal-data-delete", (o) => ({ before: o.status }));
        await announce(tx, "comment", ids, now);
        return { ok: true, changed: ids.length, message: done };
      }
    }
  });
  if (result.ok && request.action !== "export") invalidatePages();
  return result;
}

async function deleteNotifications(tx: SqlTx, ids: string[]) {
  const about = inList(tx, `"commentId"`, ids);
  await tx.run(`DELETE FROM "Notification" WHERE ${about.sql}`, [about.param]);
}

/**
 * Deletes opinions: the row stays as a DELETED tombstone with nothing of the person (its audit history
 * and the conference's count of imported rows keep their reference), and every list, count, export
 * and search reads only the other statuses. Its near-duplicate groups lose it: counts, representative
 * and the member the public page shows are chosen again, and a group left empty goes.
 */
async function erase(tx: SqlTx, opinions: FoundOpinion[], now: Date) {
  const ids = opinions.map((o) => o.id);
  const which = inList(tx, `"id"`, ids);
  await tx.run(
    `UPDATE "Comment" SET "status" = 'DELETED', "originalText" = '', "publishedText" = NULL, "quote" = NULL, "quoteStart" = NULL, "quoteEnd" = NULL,
       "rejectReason" = NULL, "authorName" = '', "authorEmail" = NULL, "authorPhone" = NULL, "provinceCode" = NULL, "communeCode" = NULL,
       "occupation" = NULL, "ageGroup" = NULL, "onBehalfOf" = NULL, "sourceHash" = NULL, "receiptToken" = ${randomToken(tx)},
       "band0" = NULL, "band1" = NULL, "band2" = NULL, "band3" = NULL, "groupId" = NULL, "flags" = 0, "claimedById" = NULL, "claimedUntil" = NULL,
       "updatedAt" = ?
     WHERE ${which.sql}`,
    [now, which.param]
  );
  await deleteNotifications(tx, ids);
  const groups = [...new Set(opinions.flatMap((o) => (o.groupId ? [o.groupId] : [])))];
  if (!groups.length) return;
  const group = inList(tx, `"id"`, groups);
  const gone = inList(tx, `"publicCommentId"`, ids);
  await tx.run(`UPDATE "DuplicateGroup" SET "publicCommentId" = NULL WHERE ${gone.sql}`, [gone.param]);
  const firstMember = `(SELECT m."id" FROM "Comment" m WHERE m."groupId" = "DuplicateGroup"."id" ORDER BY m."createdAt", m."id" LIMIT 1)`;
  const representative = inList(tx, `"representativeId"`, ids);
  await tx.run(`UPDATE "DuplicateGroup" SET "representativeId" = COALESCE(${firstMember}, "representativeId") WHERE ${group.sql} AND ${representative.sql}`, [
    group.param,
    representative.param,
  ]);
  await tx.run(`DELETE FROM "DuplicateGroup" WHERE ${group.sql} AND NOT EXISTS (SELECT 1 FROM "Comment" m WHERE m."groupId" = "DuplicateGroup"."id")`, [
    group.param,
  ]);
  await recountGroups(tx, groups, now);
}
