import { describe, expect, it } from "vitest";
import { createStatisticsCache } from "~/reports/statistics-cache.server.ts";
import type { ReportStatistics } from "~/reports/statistics.server.ts";

const stats = (n: number) => ({ total: { total: n } }) as unknown as ReportStatistics;

describe("statistics cache", () => {
  it("counts once for visitors asking at the same time, and answers from memory while fresh", async () => {
    const cache = createStatisticsCache({ freshMs: 1000, staleMs: 5000 });
    let counts = 0;
    const count = async () => stats(++counts);
    const [a, b] = await Promise.all([cache.get("k", count, { now: 0 }), cache.get("k", count, { now: 10 })]);
    expect(counts).toBe(1);
    expect(a.statistics.total.total).toBe(1);
    expect(b.statistics.total.total).toBe(1);
    expect((await cache.get("k", count, { now: 900 })).countedAt.getTime()).toBe(0);
    expect(counts).toBe(1);
  });

  it("answers with stale numbers at once and counts again in the background", async () => {
    const cache = createStatisticsCache({ freshMs: 1000, staleMs: 5000 });
    let counts = 0;
    const count = async () => stats(++counts);
    await cache.get("k", count, { now: 0 });
    const stale = await cache.get("k", count, { now: 2000 });
    expect(stale.statistics.total.total).toBe(1);
    expect(counts).toBe(2);
    const next = await cache.get("k", count, { now: 2100 });
    expect(next.statistics.total.total).toBe(2);
    // Too old to show: counted again before answering.
    expect((await cache.get("k", count, { now: 9000 })).statistics.total.total).toBe(3);
  });

  it("counts again when asked for fresh numbers, keeps nothing that failed, and keeps a bounded number of queries", async () => {
    const cache = createStatisticsCache({ freshMs: 1000, staleMs: 5000, maxEntries: 2 });
    let counts = 0;
    await cache.get("k", async () => stats(++counts), { now: 0 });
    expect((await cache.get("k", async () => stats(++counts), { now: 10, fresh: true })).statistics.total.total).toBe(2);
    await expect(cache.get("bad", async () => Promise.reject(new Error("database down")), { now: 0 })).rejects.toThrow("database down");
    await new Promise((r) => setTimeout(r, 0));
    expect((await cache.get("bad", async () => stats(42), { now: 1 })).statistics.total.total).toBe(42);
    await cache.get("other", async () => stats(7), { now: 2 });
    expect(cache.size).toBe(2);
  });
});
