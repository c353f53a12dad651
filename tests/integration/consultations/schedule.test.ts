import { spawn } from "node:child_process";
import path from "node:path";
import { createInterface } from "node:readline";
import { afterEach, expect, it, vi } from "vitest";
import { openConsultationNow, scheduleConsultation } from "~/consultations/drafting/transitions.server.ts";
import {
  applyDueTransitions,
  consultationScheduleJob,
  nextDueAt,
  startConsultationSchedule,
  type DueResult,
} from "~/consultations/drafting/schedule.server.ts";
import { getPublishedDocument } from "~/consultations/consultations.server.ts";
import { runJobs } from "~/platform/job-runner.server.ts";
import { at, NOW, publishedDraft } from "../../support/drafting.ts";
import { describeEachDatabase } from "../../support/test-db.ts";

// Opening and closing by themselves: the background job with an injected clock, a second real process
// running it at the same moment, a person acting at the same moment, a restart, and the job under its
// lease (two runners with different holders; one database client, since on SQLite two clients in one
// process would wait for each other inside SQLite, which a real second process never does).

describeEachDatabase("drafting: scheduled opening and closing", (ctx) => {
  const audits = (action: string, id: string) => ctx.db.auditEvent.findMany({ where: { action, subject: `consultation:${id}` } });
  const status = async (id: string) => (await ctx.db.consultation.findUniqueOrThrow({ where: { id }, select: { status: true } })).status;
  async function scheduled(title: string, opens: Date, closes: Date) {
    const id = await publishedDraft(ctx.db, null, { title });
    // To the millisecond (the form's times are to the minute).
    await ctx.db.consultation.update({ where: { id }, data: { opensAt: opens, closesAt: closes } });
    const result = await scheduleConsultation(ctx.db, null, id, NOW);
    if (!result.ok) throw new Error(JSON.stringify(result));
    return id;
  }

  it("opens at its opening time and closes at its closing time, not a second before, each with a system audit row", async () => {
    const id = await scheduled("Theo lịch", at(1), at(5));
    expect(await nextDueAt(ctx.db, NOW)).toEqual(at(1));
    expect(await applyDueTransitions(ctx.db, new Date(at(1).getTime() - 1))).toEqual({ opened: [], closed: [] });
    expect(await status(id)).toBe("SCHEDULED");
    expect(await applyDueTransitions(ctx.db, at(1))).toEqual({ opened: [id], closed: [] });
    expect(await status(id)).toBe("OPEN");
    expect(await nextDueAt(ctx.db, at(1))).toEqual(at(5));
    expect(await applyDueTransitions(ctx.db, at(4))).toEqual({ opened: [], closed: [] });
    expect(await applyDueTransitions(ctx.db, at(5))).toEqual({ opened: [], closed: [id] });
    expect(await status(id)).toBe("CLOSED");
    const [opened] = await audits("draft-open", id);
    const [closed] = await audits("draft-close", id);
    expect(opened).toMatchObject({ actorId: null, before: "SCHEDULED", after: "OPEN", note: expect.stringContaining("Tự động theo lịch") });
    expect(closed).toMatchObject({ actorId: null, before: "OPEN", after: "CLOSED" });
    // The public page said so at the second, whatever the job did.
    expect((await getPublishedDocument(ctx.db, "theo-lich", at(5)))!.consultation.publicStatus).toBe("closed");
    expect(await nextDueAt(ctx.db, at(5))).toBeNull();
  });

  it("a consultation whose whole period passed while nothing ran opens and closes in one pass", async () => {
    const id = await scheduled("Cả đợt đã qua", at(2), at(3));
    expect(await applyDueTransitions(ctx.db, at(10))).toEqual({ opened: [id], closed: [id] });
    expect(await status(id)).toBe("CLOSED");
  });

  it("two processes applying the same due changes at once: each applies once, audited once", async () => {
    const ids = await Promise.all([1, 2, 3, 4, 5, 6].map((n) => scheduled(`Hai tiến trình ${n}`, at(1), at(2))));
    for (const [hours, key] of [
      [1, "opened"],
      [2, "closed"],
    ] as const) {
      const child = await otherProcess(ctx.url, at(hours));
      const [mine, theirs] = await Promise.all([applyDueTransitions(ctx.db, at(hours)), child.go()]);
      // Between them every one changed, none twice.
      expect([...mine[key], ...theirs[key]].sort()).toEqual([...ids].sort());
    }
    for (const id of ids) {
      expect(await audits("draft-open", id)).toHaveLength(1);
      expect(await audits("draft-close", id)).toHaveLength(1);
    }
  }, 60_000);

  it("a person and the job acting at once: one of them applies", async () => {
    const id = await scheduled("Người và lịch", at(1), at(2));
    const [job, person] = await Promise.all([applyDueTransitions(ctx.db, at(1)), openConsultationNow(ctx.db, null, id, at(1))]);
    expect(Number(job.opened.includes(id)) + Number(person.ok)).toBe(1);
    expect(await audits("draft-open", id)).toHaveLength(1);
  });

  it("the job wakes at the next time it knows of, and a new instance (a restart) applies what came due meanwhile", async () => {
    // The job's clock runs 1,000 hours ahead of the real one: times are set against it.
    const offset = at(1_000).getTime() - Date.now();
    const clock = () => new Date(Date.now() + offset);
    const soon = new Date(clock().getTime() + 400);
    const id = await scheduled("Đánh thức đúng giờ", soon, new Date(soon.getTime() + 60 * 60_000));
    const passes: DueResult[] = [];
    // Looks only every 10 minutes, yet opens it within moments of its time.
    const job = startConsultationSchedule(ctx.db, { intervalMs: 600_000, clock, onPass: (r) => passes.push(r) });
    await vi.waitFor(() => expect(passes.some((p) => p.opened.includes(id))).toBe(true), { timeout: 5_000, interval: 20 });
    expect(clock().getTime()).toBeGreaterThanOrEqual(soon.getTime());
    await job.stop();

    // Stopped (the process restarted); its closing comes while nothing runs; the new instance applies it at once.
    const later = () => new Date(Date.now() + offset + 2 * 60 * 60_000);
    const restarted: DueResult[] = [];
    const again = startConsultationSchedule(ctx.db, { intervalMs: 600_000, clock: later, onPass: (r) => restarted.push(r) });
    await vi.waitFor(() => expect(restarted[0]).toEqual({ opened: [], closed: [id] }), { timeout: 5_000, interval: 20 });
    await again.stop();
    expect(await audits("draft-close", id)).toHaveLength(1);
  });

  it("under its lease the job runs in one process at a time; when that one stops, the other takes over", async () => {
    let hours = 0;
    // The job's clock is injected; the leases keep the real one.
    const clock = () => at(hours);
    const id = await scheduled("Quyền chạy", at(1), at(3));
    const options = { ttlMs: 2_000, renewMs: 50, log: { error: () => undefined, log: () => undefined } };
    const first = runJobs(ctx.db, [consultationScheduleJob(ctx.db, { intervalMs: 30, clock })], { ...options, holder: "tien-trinh-1" });
    await vi.waitFor(() => expect(first.held()).toEqual(["consultation-schedule"]), { timeout: 5_000, interval: 20 });
    const second = runJobs(ctx.db, [consultationScheduleJob(ctx.db, { intervalMs: 30, clock })], { ...options, holder: "tien-trinh-2" });
    hours = 1;
    await vi.waitFor(async () => expect(await status(id)).toBe("OPEN"), { timeout: 5_000, interval: 20 });
    expect(second.held()).toEqual([]);
    await first.stop(); // releases the lease
    await vi.waitFor(() => expect(second.held()).toEqual(["consultation-schedule"]), { timeout: 5_000, interval: 20 });
    hours = 3;
    await vi.waitFor(async () => expect(await status(id)).toBe("CLOSED"), { timeout: 5_000, interval: 20 });
    await second.stop();
    expect(await audits("draft-open", id)).toHaveLength(1);
    expect(await audits("draft-close", id)).toHaveLength(1);
  });
});

const root = path.resolve(import.meta.dirname, "../../..");
const children: ReturnType<typeof spawn>[] = [];
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill("SIGKILL");
});

/** Another app process on the same database, connected and waiting; go() makes it apply the changes due at `now`. */
async function otherProcess(url: string, now: Date) {
  const child = spawn(process.execPath, ["--import", "tsx", "tests/support/schedule-process.ts"], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: url, NOW_MS: String(now.getTime()), TSX_TSCONFIG_PATH: "tsconfig.json" },
    stdio: ["pipe", "pipe", "inherit"],
  });
  children.push(child);
  const lines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
  const first = await lines.next();
  if (first.value !== "ready") throw new Error(`the other process said ${String(first.value)}`);
  return {
    async go(): Promise<DueResult> {
      child.stdin!.write("go\n");
      const answer = await lines.next();
      return JSON.parse(String(answer.value)) as DueResult;
    },
  };
}
