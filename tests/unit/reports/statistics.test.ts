import { describe, expect, it } from "vitest";
import { dateRange, parseReportFilters, reportSearch, vietnamDay } from "~/reports/filters.ts";
import { addToSplit, emptySplit, fillDays, MAX_DAYS, mergeSplits, percent, shadeLevel, splitsByKey, stanceShares } from "~/reports/statistics.ts";

describe("report filters", () => {
  it("keeps what is valid and drops the rest, never throwing", () => {
    expect(parseReportFilters(new URLSearchParams("org=abc_1&province=01&commune=00004&channel=LETTER&status=pending&from=2026-11-01&to=2026-11-30"))).toEqual({
      org: "abc_1",
      province: "01",
      commune: "00004",
      channel: "LETTER",
      status: "pending",
      from: "2026-11-01",
      to: "2026-11-30",
    });
    expect(parseReportFilters(new URLSearchParams("org=<script>&province=abc&channel=FAX&status=all&from=2026-13-45&to=hôm-nay"))).toEqual({
      status: "approved",
    });
    expect(parseReportFilters(new URLSearchParams(""))).toEqual({ status: "approved" });
  });

  it("drops a commune without its province and swaps a reversed date range", () => {
    expect(parseReportFilters({ commune: "00004" })).toEqual({ status: "approved" });
    expect(parseReportFilters({ from: "2026-11-30", to: "2026-11-01" })).toMatchObject({ from: "2026-11-01", to: "2026-11-30" });
  });

  it("writes the query string without defaults", () => {
    expect(reportSearch({ status: "approved" })).toBe("");
    expect(reportSearch({ status: "pending", channel: "ONLINE" }, { block: "k1", section: undefined })).toBe("status=pending&channel=ONLINE&block=k1");
  });

  it("reads days in Vietnam's time zone (UTC+7)", () => {
    const { start, end } = dateRange({ from: "2026-11-21", to: "2026-11-21" });
    expect(start!.toISOString()).toBe("2026-11-20T17:00:00.000Z");
    expect(end!.toISOString()).toBe("2026-11-21T17:00:00.000Z");
    expect(vietnamDay(new Date("2026-11-20T18:30:00Z"))).toBe("2026-11-21");
    expect(vietnamDay(new Date("2026-11-20T16:59:59Z"))).toBe("2026-11-20");
  });
});

describe("splits", () => {
  it("adds counts by channel and stance, ignoring unknown values in the breakdowns but not in the total", () => {
    const split = emptySplit();
    addToSplit(split, "ONLINE", "AGREE", 3);
    addToSplit(split, "LETTER", "OTHER", 2);
    addToSplit(split, "CONFERENCE", "DISAGREE", 1);
    expect(split).toEqual({ total: 6, channels: { ONLINE: 3, CONFERENCE: 1, LETTER: 2 }, stances: { AGREE: 3, DISAGREE: 1, OTHER: 2 } });
    expect(mergeSplits([split, split]).total).toBe(12);
    expect(mergeSplits([])).toEqual(emptySplit());
  });

  it("folds aggregate rows into a split per key, null keys under the empty key", () => {
    const splits = splitsByKey([
      { key: "a", channel: "ONLINE", stance: "AGREE", n: 2 },
      { key: "a", channel: "CONFERENCE", stance: "AGREE", n: 1 },
      { key: null, channel: "ONLINE", stance: "OTHER", n: 4 },
    ]);
    expect(splits.get("a")!.total).toBe(3);
    expect(splits.get("a")!.channels.CONFERENCE).toBe(1);
    expect(splits.get("")!.stances.OTHER).toBe(4);
  });

  it("gives stance shares that add up to 100", () => {
    const split = emptySplit();
    addToSplit(split, "ONLINE", "AGREE", 1);
    addToSplit(split, "ONLINE", "DISAGREE", 1);
    addToSplit(split, "ONLINE", "OTHER", 1);
    const shares = stanceShares(split);
    expect(shares.AGREE + shares.DISAGREE + shares.OTHER).toBe(100);
    expect(Object.values(shares).sort()).toEqual([33, 33, 34]);
    expect(stanceShares(emptySplit())).toEqual({ AGREE: 0, DISAGREE: 0, OTHER: 0 });
  });

  it("formats percentages the Vietnamese way", () => {
    expect(percent(1, 3)).toBe("33,3%");
    expect(percent(0, 0)).toBe("0%");
    expect(percent(5, 5)).toBe("100%");
  });
});

describe("heat map shades", () => {
  it("is 0 without opinions, 5 for the most commented block, and grows with the square root", () => {
    expect(shadeLevel(0, 100)).toBe(0);
    expect(shadeLevel(100, 100)).toBe(5);
    expect(shadeLevel(1, 100)).toBe(1);
    expect(shadeLevel(25, 100)).toBe(3);
    expect(shadeLevel(5, 0)).toBe(0);
    for (let n = 1; n < 100; n++) expect(shadeLevel(n + 1, 100)).toBeGreaterThanOrEqual(shadeLevel(n, 100));
  });
});

describe("days", () => {
  it("fills every day between the first and the last with zeros", () => {
    const counts = new Map([
      ["2026-11-28", addToSplit(emptySplit(), "ONLINE", "AGREE", 2)],
      ["2026-12-02", addToSplit(emptySplit(), "ONLINE", "AGREE", 1)],
    ]);
    const days = fillDays(counts);
    expect(days.map((d) => d.day)).toEqual(["2026-11-28", "2026-11-29", "2026-11-30", "2026-12-01", "2026-12-02"]);
    expect(days.map((d) => d.split.total)).toEqual([2, 0, 0, 0, 1]);
    expect(fillDays(new Map())).toEqual([]);
  });

  it("keeps at most the latest MAX_DAYS days", () => {
    const counts = new Map([
      ["2020-01-01", emptySplit()],
      ["2026-11-26", emptySplit()],
    ]);
    const days = fillDays(counts);
    expect(days).toHaveLength(MAX_DAYS);
    expect(days.at(-1)!.day).toBe("2026-11-26");
  });
});
