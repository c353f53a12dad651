import { appendAudit } from "~/audit/audit.server.ts";
import type { Db } from "~/platform/db.server.ts";
import type { BackgroundJob } from "~/platform/job-runner.server.ts";
import { formatDateTime } from "~/platform/format.ts";
import { consultationSubject } from "./consultations.server.ts";
import { forgetPublicState } from "./public-state.server.ts";

// Opening and closing at their time, by themselves (ADR 034): the "consultation-schedule" background job
// (app/background.server.ts, one process at a time under its lease, ADR 029) stores SCHEDULED → OPEN once
// the opening time has come and OPEN → CLOSED once the closing time has, each with an audit row by the
// system (no actor). Each change is one conditional write on the row's status and time, so a second
// process, a restarted job or a person acting at the same moment cannot apply it twice. The job looks
// every `intervalMs` and also wakes at the next opening or closing it knows of. Readers never wait for
// it: the public pages read the state from the dates (publicStatus), exact to the second.

export interface DueResult {
  opened: string[];
  closed: string[];
}

/** Applies every opening and closing that is due at `now`; returns the ids changed here (not by someone else). */
export async function applyDueTransitions(db: Db, now: Date = new Date()): Promise<DueResult> {
  const due = await db.consultation.findMany({
    where: {
      OR: [
        { status: "SCHEDULED", opensAt: { lte: now } },
        { status: "OPEN", closesAt: { lte: now } },
      ],
    },
    orderBy: { id: "asc" },
    select: { id: true, status: true, opensAt: true, closesAt: true },
  });
  const result: DueResult = { opened: [], closed: [] };
  for (const c of due) {
    if (c.status === "SCHEDULED" && (await storeTransition(db, c.id, "open", now))) result.opened.push(c.id);
    // Opened just now (or already open) and its closing has come too: the server was away for the whole period.
    if (c.closesAt && c.closesAt <= now && (await storeTransition(db, c.id, "close", now))) result.closed.push(c.id);
  }
  if (result.opened.length || result.closed.length) forgetPublicState(db);
  return result;
}

/**
 * One due change as one conditional write with its audit row; false when it was not due any more (applied
 * elsewhere). The write comes first in its transaction: on SQLite a transaction that read before writing
 * could not write after another process's commit (its snapshot is stale), so it takes the lock at once.
 */
function storeTransition(db: Db, id: string, change: "open" | "close", now: Date): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const where = change === "open" ? { id, status: "SCHEDULED" as const, opensAt: { lte: now } } : { id, status: "OPEN" as const, closesAt: { lte: now } };
    const { count } = await tx.consultation.updateMany({ where, data: { status: change === "open" ? "OPEN" : "CLOSED", revision: { increment: 1 } } });
    if (count !== 1) return false;
    const row = await tx.consultation.findUnique({ where: { id }, select: { opensAt: true, closesAt: true } });
    await appendAudit(
      tx,
      change === "open"
        ? {
            action: "draft-open",
            actorId: null,
            subject: consultationSubject(id),
            before: "SCHEDULED",
            after: "OPEN",
            note: `Tự động theo lịch: bắt đầu lúc ${formatDateTime(row?.opensAt)}`,
          }
        : {
            action: "draft-close",
            actorId: null,
            subject: consultationSubject(id),
            before: "OPEN",
            after: "CLOSED",
            note: `Tự động theo lịch: kết thúc lúc ${formatDateTime(row?.closesAt)}`,
          },
      now,
    );
    return true;
  });
}

/** The next opening or closing still ahead of `now` among the consultations the job will move, or null. */
export async function nextDueAt(db: Db, now: Date = new Date()): Promise<Date | null> {
  const [opening, closing] = await Promise.all([
    db.consultation.aggregate({ where: { status: "SCHEDULED", opensAt: { gt: now } }, _min: { opensAt: true } }),
    db.consultation.aggregate({ where: { status: { in: ["SCHEDULED", "OPEN"] }, closesAt: { gt: now } }, _min: { closesAt: true } }),
  ]);
  const times = [opening._min.opensAt, closing._min.closesAt].filter((t): t is Date => t instanceof Date);
  return times.length ? new Date(Math.min(...times.map((t) => t.getTime()))) : null;
}

export interface ScheduleJobOptions {
  /** How often the job looks even when it knows of nothing due (CONSULTATION_SCHEDULE_SECONDS). */
  intervalMs: number;
  clock?: () => Date;
  log?: Pick<Console, "error">;
  /** Called after each pass (tests). */
  onPass?: (result: DueResult) => void;
}

/** Starts the job in this process: a pass at once, then every intervalMs or at the next due time, whichever comes first. */
export function startConsultationSchedule(db: Db, { intervalMs, clock = () => new Date(), log = console, onPass }: ScheduleJobOptions) {
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;
  let running: Promise<void> = Promise.resolve();

  const pass = async () => {
    timer = null;
    let wait = intervalMs;
    try {
      const result = await applyDueTransitions(db, clock());
      onPass?.(result);
      const next = await nextDueAt(db, clock());
      // A little after the time itself, so that the row is due when the pass reads it.
      if (next) wait = Math.min(wait, Math.max(0, next.getTime() - clock().getTime()) + 20);
    } catch (error) {
      log.error("Lịch mở, đóng lấy ý kiến: lượt kiểm tra không thành công", error);
    }
    if (stopped) return;
    timer = setTimeout(() => void (running = pass()), wait);
    timer.unref();
  };
  running = pass();

  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}

/** The job as the background runner knows it: leased, so one process at a time looks (correctness does not depend on it). */
export function consultationScheduleJob(db: Db, options: ScheduleJobOptions): BackgroundJob {
  return { name: "consultation-schedule", leased: true, start: () => startConsultationSchedule(db, options) };
}
