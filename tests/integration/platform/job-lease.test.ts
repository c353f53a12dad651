import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, expect, it, vi } from "vitest";
import { leaseHolder, releaseLease, takeLease } from "~/platform/job-lease.server.ts";
import { describeEachDatabase } from "../../support/test-db.ts";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const T0 = new Date("2026-12-06T10:00:00Z");
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);

describeEachDatabase("job lease", (ctx) => {
  it("one holder at a time; renewed by its holder; taken over after it expires; released only by its holder", async () => {
    const lease = { name: "test.clock", ttlMs: 30_000 };
    expect(await takeLease(ctx.db, { ...lease, holder: "a", now: at(0) })).toBe(true);
    expect(await takeLease(ctx.db, { ...lease, holder: "b", now: at(1) })).toBe(false);
    expect(await takeLease(ctx.db, { ...lease, holder: "a", now: at(20) })).toBe(true); // renewed until 50 s
    expect(await takeLease(ctx.db, { ...lease, holder: "b", now: at(40) })).toBe(false);
    expect(await leaseHolder(ctx.db, lease.name, at(40))).toBe("a");
    // a stops renewing (died): once expired, b takes it, and a cannot renew any more.
    expect(await leaseHolder(ctx.db, lease.name, at(50))).toBeNull();
    expect(await takeLease(ctx.db, { ...lease, holder: "b", now: at(50) })).toBe(true);
    expect(await takeLease(ctx.db, { ...lease, holder: "a", now: at(51) })).toBe(false);
    await releaseLease(ctx.db, lease.name, "a"); // not a's to release
    expect(await leaseHolder(ctx.db, lease.name, at(52))).toBe("b");
    await releaseLease(ctx.db, lease.name, "b");
    expect(await takeLease(ctx.db, { ...lease, holder: "a", now: at(53) })).toBe(true);
  });

  it("of many asking at once, exactly one gets a new lease and exactly one an expired one", async () => {
    const ask = (name: string, now: Date) => Promise.all(Array.from({ length: 8 }, (_, i) => takeLease(ctx.db, { name, holder: `p${i}`, ttlMs: 10_000, now })));
    expect((await ask("test.race", at(0))).filter(Boolean)).toHaveLength(1);
    expect((await ask("test.race", at(11))).filter(Boolean)).toHaveLength(1);
  });

  it("two processes: the job runs in one at a time, moves to the other when the first is killed, and at once when it stops cleanly", async () => {
    const first = startRunner(ctx.url);
    await vi.waitFor(() => expect(first.lines).toContain("started"), { timeout: 20_000, interval: 50 });
    const second = startRunner(ctx.url);
    await vi.waitFor(() => expect(second.lines).toContain("ready"), { timeout: 20_000, interval: 50 });
    // Several renewals later the second still waits.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(second.lines).not.toContain("started");

    first.child.kill("SIGKILL");
    const killedAt = Date.now();
    await vi.waitFor(() => expect(second.lines).toContain("started"), { timeout: 10_000, interval: 50 });
    // Not before the dead holder's lease expired (3 s after its last renewal, at most 0.2 s before the kill).
    expect(Date.now() - killedAt).toBeGreaterThanOrEqual(2_500);

    const third = startRunner(ctx.url);
    await vi.waitFor(() => expect(third.lines).toContain("ready"), { timeout: 20_000, interval: 50 });
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(third.lines).not.toContain("started");
    const count = (lines: string[]) => lines.filter((line) => line === "tick").length;
    const ticks = count(second.lines);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(count(second.lines)).toBeGreaterThan(ticks);
    expect(count(third.lines)).toBe(0);

    second.child.kill("SIGTERM");
    await vi.waitFor(() => expect(second.lines).toContain("released"), { timeout: 10_000, interval: 50 });
    const releasedAt = Date.now();
    await vi.waitFor(() => expect(third.lines).toContain("started"), { timeout: 10_000, interval: 50 });
    // Released: taken at the next round (every 0.2 s), well before the 3 s lease would have expired.
    expect(Date.now() - releasedAt).toBeLessThan(2_500);
  }, 60_000);
});

const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
});

function startRunner(url: string) {
  const child = spawn(
    process.execPath,
    // In this process (not tsx's CLI, which runs the script in a child a kill would not reach).
    ["--import", "tsx", "tests/support/job-runner-process.ts"],
    { cwd: root, env: { ...process.env, DATABASE_URL: url, LEASE_TTL_MS: "3000", TSX_TSCONFIG_PATH: "tsconfig.json" }, stdio: ["ignore", "pipe", "inherit"] },
  );
  children.push(child);
  const lines: string[] = [];
  let rest = "";
  child.stdout!.on("data", (chunk: Buffer) => {
    const parts = (rest + chunk.toString()).split("\n");
    rest = parts.pop()!;
    lines.push(...parts);
  });
  return { child, lines };
}
