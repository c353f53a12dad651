import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, inject, it } from "vitest";
import { SUPPORT_MESSAGES } from "~/comments/support-form.ts";
import { launchChromium } from "./browser.ts";
import { countOf, firstCommentedBlock, panelOf, paragraphs, selectInBlock } from "./reader-blocks.ts";

// The reading page is not hydrated (ADR 045): it loads no React or Remix chunk, only its own small script
// (public/build/reader/), and that script alone opens the comments panel under a paragraph, makes its
// "Đồng tình" work in place and shows the selection bar. On the Constitution, whose demo opinions no other
// browser test supports (one support per opinion per address, and every test browses from 127.0.0.1).

const baseUrl = inject("baseUrl");
const CONSTITUTION = `${baseUrl}/du-thao/hien-phap-2013`;
const phone = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true };
let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

it("loads only the reader script; with it the panel opens under a paragraph, its Đồng tình counts, the selection bar appears", async () => {
  const context = await browser.newContext(phone);
  const page = await context.newPage();
  const problems: string[] = [];
  page.on("pageerror", (e) => problems.push(e.message));
  page.on("console", (m) => m.type() === "error" && problems.push(m.text()));
  const scripts: string[] = [];
  page.on("request", (request) => request.resourceType() === "script" && scripts.push(new URL(request.url()).pathname));

  await page.goto(CONSTITUTION);
  // No React, no Remix: no route module, no entry.client, no manifest, no hydration data.
  expect(scripts.length).toBeGreaterThan(0);
  expect(scripts.filter((path) => !path.startsWith("/build/reader/"))).toEqual([]);
  expect(scripts.some((path) => /^\/build\/reader\/reader-[A-Z0-9]+\.js$/.test(path))).toBe(true);
  expect(await page.evaluate(() => ["__remixContext", "__remixRouter", "__remixManifest"].filter((name) => name in window))).toEqual([]);

  // The comments panel under the paragraph, with the opinions' "Đồng tình".
  const blockId = await firstCommentedBlock(page);
  const count = countOf(page, blockId);
  const shown = Number((await count.textContent())!.split(" ")[0]);
  await count.click();
  const panel = panelOf(page, blockId);
  await expect(panel.locator("h3").textContent()).resolves.toBe(`${shown} ý kiến đã được đăng`);
  expect(await panel.locator(".comment").count()).toBe(shown);
  expect(new URL(page.url()).pathname).toBe("/du-thao/hien-phap-2013");

  const form = panel.locator("form.support").first();
  await expect(form.locator(".support-count").textContent()).resolves.toBe("");
  const url = page.url();
  await form.getByRole("button", { name: "Đồng tình" }).click();
  await form.getByRole("status").filter({ hasText: SUPPORT_MESSAGES.supported }).waitFor({ timeout: 45_000 });
  expect(page.url()).toBe(url); // in place
  await expect(form.locator(".support-count").textContent()).resolves.toBe("1 người đồng tình");
  await expect(form.getByRole("button", { name: "✓ Đã đồng tình" }).getAttribute("aria-pressed")).resolves.toBe("true");

  // Selecting a passage inside one paragraph brings the bar's button, leading to the form with the passage.
  const paragraph = paragraphs(page).filter({ hasText: "Bảo vệ Tổ quốc Việt Nam xã hội chủ nghĩa là sự nghiệp của toàn dân." });
  const passage = "sự nghiệp của toàn dân";
  const bar = page.locator(".selection-comment");
  await expect(bar.getByRole("link").count()).resolves.toBe(0);
  await selectInBlock(paragraph, passage);
  const button = bar.getByRole("link", { name: "Góp ý đoạn trích đã chọn" });
  await button.waitFor();
  expect(await button.isVisible()).toBe(true);
  const href = new URL((await button.getAttribute("href"))!, baseUrl);
  expect(href.pathname).toBe("/du-thao/hien-phap-2013/gop-y");
  expect([href.searchParams.get("doan"), href.searchParams.get("trich")]).toEqual([(await paragraph.getAttribute("id"))!.slice(2), passage]);

  expect(problems).toEqual([]);
  await context.close();
});
