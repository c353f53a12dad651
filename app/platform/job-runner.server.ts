import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import type { Db } from "./db.server.ts";
import { releaseLease, takeLease } from "./job-lease.server.ts";

// Runs background jobs in this process (ADR 029). A job without a lease runs in every process (the
// embedded search index is per process, so each one follows the outbox). A job with a lease runs in
// one process at a time: every process asks for the lease every `renewMs`; the one that gets it
// starts the job and keeps renewing; if it cannot renew (the database was away, the process paused
// past the expiry) it stops the job; on stop it releases the lease; if it dies, another process takes
// the lease once it has expired (`ttlMs`).

export interface RunningJob {
  stop(): void | Promise<void>;
}

export interface BackgroundJob {
  name: string;
  /** One process at a time (true), or every process (false). */
  leased: boolean;
  /** Starts the work; what it returns stops it. */
  start(): RunningJob | void | Promise<RunningJob | void>;
}

export interface RunnerOptions {
  holder?: string;
  ttlMs?: number;
  renewMs?: number;
  clock?: () => Date;
  log?: Pick<Console, "error" | "log">;
}

export interface JobRunner {
  /** Names of the leased jobs this process runs now. */
  held(): string[];
  /** Stops every job and releases the leases held. */
  stop(): Promise<void>;
}

/** A holder id unique to this process. */
export function processHolder(): string {
  return `${hostname()}:${process.pid}:${randomBytes(4).toString("hex")}`;
}

export function runJobs(db: Db, jobs: BackgroundJob[], options: RunnerOptions = {}): JobRunner {
  const { holder = processHolder(), ttlMs = 30_000, clock = () => new Date(), log = console } = options;
  const renewMs = options.renewMs ?? Math.floor(ttlMs / 3);
  const running = new Map<string, RunningJob | void>();
  const timers: NodeJS.Timeout[] = [];
  let stopped = false;
  let busy: Promise<void> = Promise.resolve();

  const start = async (job: BackgroundJob) => {
    try {
      running.set(job.name, await job.start());
    } catch (error) {
      log.error(`Việc nền "${job.name}" không khởi động được`, error);
    }
  };
  const stopJob = async (name: string) => {
    const handle = running.get(name);
    running.delete(name);
    await Promise.resolve(handle?.stop()).catch((error) => log.error(`Việc nền "${name}" không dừng gọn`, error));
  };

  const leased = jobs.filter((job) => job.leased);
  const round = async () => {
    for (const job of leased) {
      if (stopped) return;
      let held = false;
      try {
        held = await takeLease(db, { name: job.name, holder, ttlMs, now: clock() });
      } catch (error) {
        log.error(`Việc nền "${job.name}": không gia hạn được quyền chạy`, error);
      }
      if (stopped) return;
      if (held && !running.has(job.name)) await start(job);
      else if (!held && running.has(job.name)) await stopJob(job.name);
    }
  };
  const tick = () => {
    busy = busy.then(round);
  };

  for (const job of jobs.filter((j) => !j.leased)) void start(job);
  if (leased.length > 0) {
    tick();
    const timer = setInterval(tick, renewMs);
    timer.unref();
    timers.push(timer);
  }

  return {
    held: () => leased.filter((job) => running.has(job.name)).map((job) => job.name),
    async stop() {
      stopped = true;
      for (const timer of timers) clearInterval(timer);
      await busy;
      for (const name of [...running.keys()]) {
        const isLeased = leased.some((job) => job.name === name);
        await stopJob(name);
        if (isLeased) await releaseLease(db, name, holder).catch((error) => log.error(`Việc nền "${name}": không trả được quyền chạy`, error));
      }
    },
  };
}
