import { expect, it } from "vitest";
import { publicStatus } from "~/consultations/status.ts";
import { buildToc } from "~/consultations/toc.ts";
import { blockPath } from "~/consultations/urls.ts";
import { resolveDatabaseTarget } from "~/platform/database-url.ts";
import { buildConfig } from "~/platform/config.server.ts";

const NOW = new Date("2026-11-26T00:00:00Z");
const day = (n: number) => new Date(NOW.getTime() + n * 86_400_000);

it("tells readers whether a consultation is upcoming, open or closed from its status and dates", () => {
  expect(publicStatus({ status: "DRAFT", opensAt: day(-1), closesAt: day(1) }, NOW)).toBe("draft");
  expect(publicStatus({ status: "OPEN", opensAt: day(-1), closesAt: day(1) }, NOW)).toBe("open");
  expect(publicStatus({ status: "OPEN", opensAt: null, closesAt: null }, NOW)).toBe("open");
  expect(publicStatus({ status: "OPEN", opensAt: day(1), closesAt: day(9) }, NOW)).toBe("upcoming");
  expect(publicStatus({ status: "OPEN", opensAt: day(-9), closesAt: NOW }, NOW)).toBe("closed");
  expect(publicStatus({ status: "CLOSED", opensAt: day(-9), closesAt: day(9) }, NOW)).toBe("closed");
});

it("keeps the table of contents short: articles listed compactly under their chapter", () => {
  const toc = buildToc([
    { key: "a", kind: "heading", level: 1, text: "LỜI NÓI ĐẦU" },
    { key: "b", kind: "paragraph", level: 2, text: "Trải qua mấy nghìn năm lịch sử" },
    { key: "c", kind: "chapter", level: 2, text: "Chương I. CHẾ ĐỘ CHÍNH TRỊ" },
    { key: "d", kind: "article", level: 4, text: "Điều 1." },
    { key: "e", kind: "article", level: 4, text: "Điều 2. Quyền con người" },
  ]);
  expect(toc).toEqual([
    { key: "a", text: "LỜI NÓI ĐẦU", level: 1, articles: [] },
    { key: "c", text: "Chương I. CHẾ ĐỘ CHÍNH TRỊ", level: 2, articles: [{ key: "d", text: "Điều 1" }, { key: "e", text: "Điều 2" }] },
  ]);
});

it("builds a block's permanent link from its stable key", () => {
  expect(blockPath("hien-phap-2013", "k3j9x2m1qa")).toBe("/du-thao/hien-phap-2013#p-k3j9x2m1qa");
});

it("selects the database from DATABASE_URL, SQLite by default", () => {
  expect(resolveDatabaseTarget(undefined)).toMatchObject({ provider: "sqlite", url: "file:./data/app.db" });
  expect(resolveDatabaseTarget("file:/tmp/x.db")).toEqual({ provider: "sqlite", url: "file:/tmp/x.db", filename: "/tmp/x.db" });
  expect(resolveDatabaseTarget("postgresql://u@h:5432/d").provider).toBe("postgresql");
  expect(resolveDatabaseTarget("postgres://u@h/d").provider).toBe("postgresql");
  expect(() => resolveDatabaseTarget("mysql://u@h/d")).toThrow(/DATABASE_URL/);
});

it("refuses a bad environment at start-up with a message naming the variable", () => {
  expect(buildConfig({}).seedDemo).toBe("auto");
  expect(() => buildConfig({ SEED_DEMO: "yes" })).toThrow(/SEED_DEMO/);
  expect(() => buildConfig({ DATABASE_URL: "mongodb://x" })).toThrow(/DATABASE_URL/);
  expect(buildConfig({}).server.port).toBe(3000);
  expect(buildConfig({ PAGE_CACHE_SECONDS: "0" }).server.pageCacheSeconds).toBe(0);
  expect(() => buildConfig({ PORT: "http" })).toThrow(/PORT/);
});
