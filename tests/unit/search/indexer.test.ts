import { describe, expect, it } from "vitest";
import { GAP_WAIT_MS, passableRows, type OutboxRow } from "@search/indexer.server.ts";
import { progressBar, progressReporter, progressText } from "@search/reindex.ts";
import { searchConfig } from "@search/runtime.server.ts";
import { buildConfig } from "~/platform/config.server.ts";

const NOW = Date.parse("2026-11-26T08:00:00Z");
const row = (id: number, ageMs = 0): OutboxRow => ({ id, kind: "comment", entityId: `c${id}`, createdAt: new Date(NOW - ageMs) });
const ids = (rows: OutboxRow[]) => rows.map((r) => r.id);

describe("passableRows: the cursor moves through contiguous ids", () => {
  it("takes a contiguous run and moves the cursor to its end", () => {
    const result = passableRows(40, [row(41), row(42), row(43)], NOW, new Map());
    expect(ids(result.rows)).toEqual([41, 42, 43]);
    expect(result.cursor).toBe(43);
    expect(result.blockedByGap).toBe(false);
  });

  it("stops before a young gap (a transaction holding the missing id may still commit)", () => {
    const seen = new Map<number, number>();
    const result = passableRows(40, [row(41), row(43), row(44)], NOW, seen);
    expect(ids(result.rows)).toEqual([41]);
    expect(result.cursor).toBe(41);
    expect(result.blockedByGap).toBe(true);
    // Even a gap right after the cursor holds everything behind it.
    expect(passableRows(41, [row(43)], NOW, seen).cursor).toBe(41);
  });

  it("passes a gap once the row after it is old by its createdAt AND since this consumer first saw it", () => {
    const seen = new Map<number, number>();
    // The row is already old by its createdAt, but this consumer has only just seen the gap: wait.
    expect(passableRows(40, [row(42, 60_000)], NOW, seen).cursor).toBe(40);
    expect(passableRows(40, [row(42, 60_000 + 9_999)], NOW + 9_999, seen).cursor).toBe(40);
    const later = passableRows(40, [row(42, 60_000 + GAP_WAIT_MS)], NOW + GAP_WAIT_MS, seen);
    expect(ids(later.rows)).toEqual([42]);
    expect(later.cursor).toBe(42);
    expect(seen.size).toBe(0); // forgotten once passed
  });

  it("does not pass a gap whose next row is young by its createdAt, however long it was seen", () => {
    const seen = new Map<number, number>([[42, NOW - 60_000]]);
    // createdAt 5 s ago (e.g. another machine's clock): wait until it is 10 s old.
    expect(passableRows(40, [row(42, 5_000)], NOW, seen).cursor).toBe(40);
    expect(passableRows(40, [row(42, 5_000 + GAP_WAIT_MS)], NOW + GAP_WAIT_MS, seen).cursor).toBe(42);
  });

  it("a gap that fills in time is read in order, with no wait", () => {
    const seen = new Map<number, number>();
    expect(passableRows(40, [row(42)], NOW, seen).cursor).toBe(40);
    const filled = passableRows(40, [row(41), row(42)], NOW + 100, seen);
    expect(ids(filled.rows)).toEqual([41, 42]);
    expect(seen.size).toBe(0);
  });

  it("ignores rows at or before the cursor", () => {
    expect(ids(passableRows(41, [row(40), row(41), row(42)], NOW, new Map()).rows)).toEqual([42]);
  });
});

describe("search settings", () => {
  const search = (source: Record<string, string>) => searchConfig(buildConfig(source).search);

  it("are the embedded engine without MEILI_HOST (blank counts as unset)", () => {
    expect(search({})).toEqual({ engine: "embedded" });
    expect(search({ MEILI_HOST: " " })).toEqual({ engine: "embedded" });
  });

  it("are Meilisearch with MEILI_HOST, with the key and the index (gopy_documents by default)", () => {
    expect(search({ MEILI_HOST: "http://127.0.0.1:7700/", MEILI_API_KEY: "khoa", MEILI_INDEX: "gopy_test" })).toEqual({
      engine: "meilisearch",
      host: "http://127.0.0.1:7700",
      apiKey: "khoa",
      indexUid: "gopy_test",
    });
    expect(search({ MEILI_HOST: "http://meili:7700" })).toMatchObject({ engine: "meilisearch", indexUid: "gopy_documents" });
  });

  it("are checked with the rest of the configuration, naming the variable in Vietnamese, never the key", () => {
    expect(() => search({ MEILI_HOST: "meili:7700" })).toThrow(/MEILI_HOST: cần địa chỉ http\(s\)/);
    expect(() => search({ MEILI_HOST: "http://meili:7700", MEILI_INDEX: "chỉ mục" })).toThrow(/MEILI_INDEX: chỉ gồm chữ cái không dấu/);
    expect(() => search({ MEILI_API_KEY: "bi-mat-123" })).toThrow(/^Cấu hình không hợp lệ — MEILI_API_KEY: không có tác dụng khi chưa đặt MEILI_HOST/);
    expect(() => search({ MEILI_API_KEY: "bi-mat-123" })).not.toThrow(/bi-mat-123/);
  });
});

describe("reindex progress", () => {
  it("reads as Vietnamese numbers and a percentage", () => {
    expect(progressText(120_000, 200_000)).toBe("Đang lập chỉ mục: 120.000 / 200.000 (60%)");
    expect(progressText(0, 0)).toBe("Đang lập chỉ mục: 0 / 0 (100%)");
    // Comments arriving during the run: never more than 100%.
    expect(progressText(210, 200)).toBe("Đang lập chỉ mục: 210 / 210 (100%)");
    expect(progressBar(50, 100)).toBe(`[${"█".repeat(12)}${"░".repeat(12)}] Đang lập chỉ mục: 50 / 100 (50%)`);
  });

  it("redraws a bar on a terminal and prints periodic lines otherwise", () => {
    const tty: string[] = [];
    const bar = progressReporter({ isTTY: true, write: (t) => tty.push(t) }, 100);
    bar.update(10);
    bar.update(20);
    bar.finish(100);
    expect(tty).toEqual([`\r${progressBar(10, 100)}`, `\r${progressBar(20, 100)}`, `\r${progressBar(100, 100)}\n`]);

    const lines: string[] = [];
    let clock = 0;
    const plain = progressReporter({ isTTY: false, write: (t) => lines.push(t) }, 100, { everyMs: 5_000, now: () => clock });
    plain.update(0);
    clock = 1_000;
    plain.update(10); // too soon after the last line
    clock = 6_000;
    plain.update(60);
    plain.finish(100);
    expect(lines).toEqual(["Đang lập chỉ mục: 0 / 100 (0%)\n", "Đang lập chỉ mục: 60 / 100 (60%)\n", "Đang lập chỉ mục: 100 / 100 (100%)\n"]);
  });
});
