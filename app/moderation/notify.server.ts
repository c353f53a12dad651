import { insertNotificationRows, notificationRows, type QueueConfig } from "~/notifications/outbox.server.ts";
import { config } from "~/platform/config.server.ts";
import type { SqlTx } from "~/platform/sql.server.ts";
import type { DecidedComment, Decision, OnDecided } from "./decisions.server.ts";

// Moderation's side of the email outbox: inside the decision's own transaction, one Notification row
// per decided comment whose author gave an email (none when SMTP is not configured, ADR 011).

export function notifyAuthors(mail: QueueConfig = config().mail): OnDecided | undefined {
  if (!mail) return undefined;
  return async (tx: SqlTx, decided: DecidedComment[], decision: Decision, now: Date) => {
    const withEmail = decided.filter((c) => c.authorEmail);
    if (!withEmail.length) return;
    const titles = await consultationTitles(tx, [...new Set(withEmail.map((c) => c.consultationId))]);
    const rows = notificationRows(
      withEmail.map((c) => ({
        commentId: c.id,
        to: c.authorEmail,
        authorName: c.authorName,
        consultationTitle: titles.get(c.consultationId) ?? "",
        originalText: c.originalText,
        receiptToken: c.receiptToken,
        decision:
          decision.action === "approve"
            ? { status: "approved" as const }
            : decision.action === "edit"
              ? { status: "edited" as const, publishedText: decision.text }
              : { status: "rejected" as const, reason: decision.reason },
      })),
      mail,
      now,
    );
    await insertNotificationRows(tx, rows, now);
  };
}

async function consultationTitles(tx: SqlTx, ids: string[]) {
  const rows: { id: string; title: string }[] = [];
  for (const id of ids) rows.push(...(await tx.all<{ id: string; title: string }>(`SELECT "id", "title" FROM "Consultation" WHERE "id" = ?`, [id])));
  return new Map(rows.map((r) => [r.id, r.title]));
}
