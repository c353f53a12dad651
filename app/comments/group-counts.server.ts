import { getSql, type SqlDriver } from "~/platform/sql.server.ts";
import { recountGroups } from "./duplicate-groups.server.ts";

// The counters of a near-duplicate group (size, pending, approved) are recounted from its members,
// never incremented in the submission that joins it. A flood of one text makes every submission join
// the same group: an increment in each made one row that every submission locked in turn, and on
// PostgreSQL each update left a dead row version the next had to step over (measured: the insert's
// statement went from 0.38 to 1.08 ms over a 60 s run, bench:comments). So a submission only sets
// the comment's groupId and marks the group here; the process recounts marked groups within a
// second, in one statement. Decisions recount their groups in their own transaction (exact at once).
// After a restart the groups with members from the last hour are recounted (what a crash left marked).
// A recount reads every member (~2 ms per 1,000 on PostgreSQL), so a group is recounted at most once a
// second per 2,000 members (a group of 120,000 or more once a minute): its counters lag more as it grows.

/** How long a joined group's counters may lag behind its members. */
export const SETTLE_MS = 1_000;
/** At start, groups with pending members this recent are recounted. */
const RECOVERY_MS = 60 * 60_000;
/** Members recounted per SETTLE_MS at most, and the longest wait between two recounts of a group. */
const MEMBERS_PER_SETTLE = 2_000;
const LONGEST_WAIT_MS = 60_000;

/** How long after a recount of a group of `size` members the next may run. */
export function recountInterval(size: number): number {
  return Math.min(LONGEST_WAIT_MS, Math.max(SETTLE_MS, Math.ceil(size / MEMBERS_PER_SETTLE) * SETTLE_MS));
}

interface Pending {
  groups: Set<string>;
  /** When each recently recounted group may be recounted again. */
  nextAt: Map<string, number>;
  timer: NodeJS.Timeout | null;
  flushing: Promise<void>;
  recovered: boolean;
  /** The driver is closing: no more timers. */
  stopped?: boolean;
}

// Per driver: the tests use two databases in one process.
const pendingByDriver = new Map<SqlDriver, Pending>();

function pendingOf(sql: SqlDriver): Pending {
  let pending = pendingByDriver.get(sql);
  if (!pending) pendingByDriver.set(sql, (pending = { groups: new Set(), nextAt: new Map(), timer: null, flushing: Promise.resolve(), recovered: false }));
  return pending;
}

const logFailure = (error: unknown) => console.error("Không đếm lại được nhóm ý kiến trùng lặp", error);

function schedule(sql: SqlDriver, pending: Pending, delayMs: number) {
  if (pending.timer || pending.stopped) return;
  pending.timer = setTimeout(() => {
    pending.timer = null;
    flush(sql, new Date(), false).catch(logFailure);
  }, delayMs);
  pending.timer.unref();
}

/** A committed comment joined this group: its counters are recounted within SETTLE_MS (longer for a large group). */
export function groupJoined(sql: SqlDriver, groupId: string): void {
  const pending = pendingOf(sql);
  pending.groups.add(groupId);
  schedule(sql, pending, SETTLE_MS);
}

/**
 * Recounts every marked group now (and, the first time in this process, those with pending members
 * from the last hour). Resolves when the counters are written.
 */
export function flushGroupCounts(sql: SqlDriver, now = new Date()): Promise<void> {
  return flush(sql, now, true);
}

function flush(sql: SqlDriver, now: Date, everything: boolean): Promise<void> {
  const pending = pendingOf(sql);
  const run = async () => {
    const t = now.getTime();
    for (const [id, at] of pending.nextAt) if (at <= t) pending.nextAt.delete(id);
    const ids = [...pending.groups].filter((id) => everything || !pending.nextAt.has(id));
    for (const id of ids) pending.groups.delete(id);
    if (!pending.recovered) {
      pending.recovered = true;
      const recent = await sql.all<{ groupId: string }>(
        `SELECT DISTINCT "groupId" FROM "Comment" WHERE "status" = 'PENDING' AND "createdAt" >= ? AND "groupId" IS NOT NULL`,
        [new Date(t - RECOVERY_MS)],
      );
      const marked = new Set(ids);
      ids.push(...recent.map((r) => r.groupId).filter((id) => !marked.has(id)));
    }
    try {
      for (const { id, size } of await recountGroups(sql, ids, now)) pending.nextAt.set(id, t + recountInterval(size));
    } catch (error) {
      for (const id of ids) pending.groups.add(id); // tried again a moment later
      throw error;
    } finally {
      // Groups still waiting for their turn: the timer wakes for the first of them.
      if (pending.groups.size) {
        const first = Math.min(...[...pending.groups].map((id) => pending.nextAt.get(id) ?? t + SETTLE_MS));
        schedule(sql, pending, Math.max(first - t, 50));
      }
    }
  };
  // One flush at a time per database.
  pending.flushing = pending.flushing.then(run, run);
  return pending.flushing;
}

/**
 * For a driver about to close (the tests close theirs; the server's lives as long as the process):
 * no more recounts are scheduled for it, and one under way is waited for.
 */
export async function stopGroupCounts(sql: SqlDriver): Promise<void> {
  const pending = pendingByDriver.get(sql);
  if (!pending) return;
  pending.stopped = true;
  if (pending.timer) clearTimeout(pending.timer);
  pending.timer = null;
  pendingByDriver.delete(sql);
  await pending.flushing.catch(() => undefined);
}

/**
 * A moment after it is called, recounts what a stopped process may have left marked. Started by the
 * process holding the "group-recounts" lease (app/background.server.ts); stop() cancels it if not yet run.
 */
export function settleLeftoverGroupCounts(sql: () => SqlDriver = getSql): { stop(): void } {
  const timer = setTimeout(() => flushGroupCounts(sql()).catch(logFailure), SETTLE_MS);
  timer.unref();
  return { stop: () => clearTimeout(timer) };
}
