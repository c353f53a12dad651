import type { Db } from "./db.server.ts";

// A lease on a background job (ADR 029): the row JobLease{name} says which process runs the job until
// when. Taking and renewing are one conditional write each, so of several processes asking at once
// exactly one gets it, on SQLite and on PostgreSQL alike:
// - UPDATE … WHERE name = ? AND (holder = me OR expiresAt <= now): renews mine, or takes an expired one
//   (PostgreSQL re-checks the condition on the row a concurrent winner just wrote, so the loser sees 0 rows);
// - when no row exists yet, INSERT: the primary key lets one insert through and refuses the others.

export interface LeaseRequest {
  name: string;
  /** Who asks: one value per process (host, pid and a random part). */
  holder: string;
  ttlMs: number;
  now: Date;
}

/** Takes or renews the lease; true when `holder` holds it until now + ttlMs. */
export async function takeLease(db: Db, { name, holder, ttlMs, now }: LeaseRequest): Promise<boolean> {
  const expiresAt = new Date(now.getTime() + ttlMs);
  const { count } = await db.jobLease.updateMany({
    where: { name, OR: [{ holder }, { expiresAt: { lte: now } }] },
    data: { holder, expiresAt },
  });
  if (count === 1) return true;
  try {
    await db.jobLease.create({ data: { name, holder, expiresAt } });
    return true;
  } catch (error) {
    if ((error as { code?: string }).code === "P2002") return false; // someone holds it
    throw error;
  }
}

/** Gives the lease up (on shutdown) so another process can take it at once; a lease held by someone else is left alone. */
export async function releaseLease(db: Db, name: string, holder: string): Promise<void> {
  await db.jobLease.deleteMany({ where: { name, holder } });
}

/** Who holds the lease now, if anyone (for /healthz and the tests). */
export async function leaseHolder(db: Db, name: string, now: Date): Promise<string | null> {
  const row = await db.jobLease.findUnique({ where: { name }, select: { holder: true, expiresAt: true } });
  return row && row.expiresAt > now ? row.holder : null;
}
