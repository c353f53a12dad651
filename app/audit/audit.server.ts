import type { Db } from "~/platform/db.server.ts";

export type AuditInput = {
  action: string;
  actorId: string | null;
  commentId?: string | null;
  groupId?: string | null;
  subject?: string | null;
  before?: string | null;
  after?: string | null;
  note?: string | null;
};

/**
 * Appends one AuditEvent. The log is append-only: this module has no update or delete, and nothing
 * else should write the table. Takes a client or a transaction client (tx), so an action and its
 * audit row commit together.
 */
export async function recordAudit(db: Pick<Db, "auditEvent">, event: AuditInput): Promise<void> {
  await db.auditEvent.create({
    data: {
      action: event.action,
      actorId: event.actorId,
      commentId: event.commentId ?? null,
      groupId: event.groupId ?? null,
      subject: event.subject ?? null,
      before: event.before ?? null,
      after: event.after ?? null,
      note: event.note ?? null,
    },
  });
}
