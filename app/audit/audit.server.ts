import { randomUUID } from "node:crypto";
import type { Db } from "~/platform/db.server.ts";
import type { SqlTx } from "~/platform/sql.server.ts";

// The one module that writes AuditEvent (ADR 008). The log is append-only: there is no update or
// delete here, and nothing else writes the table.

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

/** A driver transaction (the hot-path tables, ADR 008) or a Prisma client or transaction client. */
export type AuditWriter = Pick<SqlTx, "run"> | Pick<Db, "auditEvent">;

const CHUNK = 500;

const isDriver = (tx: AuditWriter): tx is Pick<SqlTx, "run"> => typeof (tx as Partial<SqlTx>).run === "function";

/**
 * Appends AuditEvents in the caller's transaction (or alone, given a client), so an action and its
 * audit rows commit together; 500 rows a statement. `now` is their time; without it, the moment of
 * writing (a driver transaction is given its clock by every caller).
 */
export async function appendAudit(tx: AuditWriter, events: AuditInput | readonly AuditInput[], now?: Date): Promise<void> {
  const rows = Array.isArray(events) ? (events as readonly AuditInput[]) : [events as AuditInput];
  const fields = (r: AuditInput) => ({
    action: r.action,
    actorId: r.actorId,
    commentId: r.commentId ?? null,
    groupId: r.groupId ?? null,
    subject: r.subject ?? null,
    before: r.before ?? null,
    after: r.after ?? null,
    note: r.note ?? null,
  });
  for (let i = 0; i < rows.length; i += CHUNK) {
    const chunk = rows.slice(i, i + CHUNK).map(fields);
    if (isDriver(tx)) {
      const at = now ?? new Date();
      await tx.run(
        `INSERT INTO "AuditEvent" ("id", "action", "actorId", "commentId", "groupId", "subject", "before", "after", "note", "createdAt") VALUES ${chunk.map(() => "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)").join(", ")}`,
        chunk.flatMap((r) => [randomUUID(), r.action, r.actorId, r.commentId, r.groupId, r.subject, r.before, r.after, r.note, at]),
      );
    } else {
      await tx.auditEvent.createMany({ data: chunk.map((r) => (now ? { ...r, createdAt: now } : r)) });
    }
  }
}
