import { randomUUID } from "node:crypto";
import type { Db } from "~/platform/db.server.ts";
import type { SqlTx } from "~/platform/sql.server.ts";

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

const CHUNK = 500;

/**
 * Appends AuditEvents inside a driver transaction (the hot-path tables are written by SQL, ADR 008),
 * many per statement, so the change and its audit rows commit together.
 */
export async function appendAudit(tx: Pick<SqlTx, "run">, rows: AuditInput[], now: Date): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) {
    const chunk = rows.slice(i, i + CHUNK);
    await tx.run(
      `INSERT INTO "AuditEvent" ("id", "action", "actorId", "commentId", "groupId", "subject", "before", "after", "note", "createdAt") VALUES ${chunk.map(() => "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)").join(", ")}`,
      chunk.flatMap((r) => [randomUUID(), r.action, r.actorId, r.commentId ?? null, r.groupId ?? null, r.subject ?? null, r.before ?? null, r.after ?? null, r.note ?? null, now]),
    );
  }
}
