import { randomBytes } from "node:crypto";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { seedComments } from "~/comments/comment-store.server.ts";
import { contentHash } from "~/text/fold.ts";
import { launchChromium } from "./browser.ts";
import { submitThroughForm } from "./citizen-support.ts";
import { baseUrl, signInInBrowser, staffFixtures, type TestStaff } from "./staff-support.ts";

// The dashboard's figures agree with each other (issue 16, item 5): a moderator decides two opinions
// in the queue, opinions imported already approved arrive meanwhile; the dashboard's "decided today"
// is the sum of its per-moderator table, and the median is taken over the decisions made one by one.
// Then an administrator reads those decisions in the audit log, as sentences linked to the comment (item 8).

const SLUG = "du-thao-bao-cao-chinh-tri-hoa-son";
const run = Math.random().toString(36).slice(2, 8);
const TEXTS = [
  `Đề nghị bổ sung chỉ tiêu về tỷ lệ trường học đạt chuẩn quốc gia, mã ${run}, ở các xã miền núi.`,
  `Cần làm rõ nguồn lực cho chương trình nhà ở xã hội, mã ${run}, dành cho công nhân khu công nghiệp.`,
];

const fx = staffFixtures();
let browser: Browser;
let moderator: TestStaff;
let admin: TestStaff;
const imported: string[] = [];

const count = (text: string | null) => Number((text ?? "").replace(/\D/g, ""));

beforeAll(async () => {
  browser = await launchChromium();
  const clause = await fx.db.block.findFirstOrThrow({
    where: { kind: "clause", version: { publishedFor: { slug: SLUG } } },
    orderBy: { position: "asc" },
    select: { key: true },
  });
  for (const [i, text] of TEXTS.entries()) await submitThroughForm(SLUG, { text, email: `bang-${i}-${run}@example.vn`, blockKey: clause.key });
  moderator = await fx.createStaff("MODERATOR", "Đinh Thị Giang");
  admin = await fx.createStaff("ADMIN", "Vương Văn Hải");
  // Two opinions imported already approved, just now: decided by nobody.
  const consultation = await fx.db.consultation.findUniqueOrThrow({ where: { slug: SLUG }, select: { id: true, publishedVersionId: true } });
  const now = new Date();
  for (const i of [0, 1]) imported.push(`bang-nhap-${i}-${run}-${randomBytes(6).toString("hex")}`);
  await seedComments(
    fx.db,
    imported.map((receiptToken, i) => ({
      consultationId: consultation.id,
      versionId: consultation.publishedVersionId!,
      stance: "AGREE" as const,
      originalText: `Ý kiến nhập sẵn số ${i}, mã ${run}.`,
      status: "APPROVED" as const,
      authorName: "Người góp ý",
      consentAt: now,
      contentHash: contentHash(`nhập sẵn ${i} ${run}`),
      receiptToken,
      createdAt: now,
      decidedAt: now,
    })),
  );
});

afterAll(async () => {
  await browser?.close();
  await fx.db.comment.deleteMany({ where: { receiptToken: { in: imported } } });
  await fx.cleanUp();
});

it("shows decisions per moderator that add up to today's total", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signInInBrowser(page, moderator, "/quan-tri/kiem-duyet", "Kiểm duyệt ý kiến");
  for (const text of TEXTS) {
    const item = page.locator("[data-queue-item]", { hasText: text });
    await item.focus();
    await page.keyboard.press("a");
    await item.waitFor({ state: "detached" });
  }

  await page.goto(`${baseUrl}/quan-tri`);
  await page.getByRole("heading", { name: "Tổng quan kiểm duyệt" }).waitFor();
  const figure = (label: string) => page.locator(".figures div", { has: page.locator("dt", { hasText: label }) }).locator("dd");
  const decidedToday = count(await figure("Đã quyết định hôm nay").textContent());
  const table = page.locator("table", { has: page.getByRole("columnheader", { name: "Người kiểm duyệt" }) });
  const mine = table.getByRole("row", { name: new RegExp(moderator.name) }).getByRole("cell");
  await expect(mine.allTextContents()).resolves.toEqual(["2", "0", "0"]);
  const total = table.locator("tfoot tr").getByRole("cell");
  const [approved, rejected] = (await total.allTextContents()).map(count);
  expect(approved! + rejected!).toBe(decidedToday);
  // Each body row's decisions add up to the footer's.
  const rows = await table.locator("tbody tr").evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll("td")].map((td) => td.textContent ?? "")));
  expect(rows.reduce((sum, cells) => sum + count(cells[0]!) + count(cells[1]!), 0)).toBe(decidedToday);
  await expect(figure("Thời gian chờ trung vị").textContent()).resolves.toMatch(/tính trên \d+ quyết định từng ý kiến/);
  await context.close();
});

it("reads the moderator's decisions in the audit log as sentences linked to the comment", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signInInBrowser(page, admin, `/quan-tri/nhat-ky?nguoi=${moderator.id}&hanh-dong=approve`, "Nhật ký hoạt động");
  const events = page.locator(".audit-event");
  await expect(events.count()).resolves.toBe(2);
  await expect(events.first().locator(".audit-head").textContent()).resolves.toMatch(/Đinh Thị Giang đã duyệt ý kiến\.$/);
  // No stored code or JSON on the page's events.
  const shown = (await page.locator(".audit-list").textContent()) ?? "";
  expect(shown).not.toMatch(/[{}]|\bapprove\b|"[a-zA-Z]+":|MODERATOR/);
  // The link opens the comment in the moderation queue, decided as it is.
  await events.first().getByRole("link", { name: "ý kiến" }).click();
  await page.getByRole("heading", { name: "Kiểm duyệt ý kiến" }).waitFor();
  const item = page.locator("[data-queue-item]");
  await expect(item.count()).resolves.toBe(1);
  await expect(item.textContent()).resolves.toMatch(new RegExp(`${TEXTS[1]!.slice(0, 30)}|${TEXTS[0]!.slice(0, 30)}`));
  await context.close();
});
