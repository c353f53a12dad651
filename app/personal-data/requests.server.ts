import { announce } from "@search/outbox/outbox.server.ts";
import { appendAudit } from "~/audit/audit.server.ts";
import { anonymizeComments, correctAuthors, eraseComments } from "~/comments/comment-store.server.ts";
import { ANONYMOUS_NAME } from "~/text/display-name.ts";
import { afterMembersLeft } from "~/comments/duplicate-groups.server.ts";
import { forgetSupportsOf, supportsGivenWith } from "~/comments/supports.server.ts";
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
  { ok: true; message: string; changed: number; document?: ReturnType<typeof personalDataDocument>; contact?: string } | { ok: false; message: string };

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
        now,
      );
    const done = `${ACTIONS[request.action].done} ${formatCount(ids.length)} ý kiến.`;

    switch (request.action) {
      case "export": {
        const notifications = await notificationsOf(tx, request.contact, ids);
        const supports = await supportsGivenWith(tx, request.contact.value);
        await audit("personal-data-export");
        const document = personalDataDocument({ contact: request.contact.value, opinions, notifications, supports, now });
        return { ok: true, changed: ids.length, message: done, document };
      }
      case "correct": {
        const next = { authorName: request.name, authorEmail: request.email ?? null, authorPhone: request.phone ?? null };
        await correctAuthors(tx, ids, next, now);
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
        await anonymizeComments(tx, ids, ANONYMOUS_NAME, now);
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
 * and search reads only the other statuses. Its supports (đồng tình) go with it. Its near-duplicate groups lose it: counts, representative
 * and the member the public page shows are chosen again, and a group left empty goes.
 */
async function erase(tx: SqlTx, opinions: FoundOpinion[], now: Date) {
  const ids = opinions.map((o) => o.id);
  await eraseComments(tx, ids, now);
  await forgetSupportsOf(tx, ids);
  await deleteNotifications(tx, ids);
  await afterMembersLeft(tx, [...new Set(opinions.flatMap((o) => (o.groupId ? [o.groupId] : [])))], ids, now);
}
