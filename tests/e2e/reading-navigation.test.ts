// Finding one's way in a long draft (issue 17): the contents beside the text from 1024 px following the
// reading, the phone's "Mục lục" dialog, folding sections, "Về đầu mục", the address bar following the
// section, and 44 px tap targets for every per-paragraph action on a phone.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, inject, it } from "vitest";
import { launchChromium } from "./browser.ts";
import { commentOn, countOf, firstCommentedBlock } from "./reader-blocks.ts";

const baseUrl = inject("baseUrl");
const CONSTITUTION = `${baseUrl}/du-thao/hien-phap-2013`;
let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

it("at 1280 px the contents stand beside the text and follow the reading; the address bar follows the section", async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(CONSTITUTION);
  const toc = page.locator("nav.toc");
  const link = toc.getByRole("link", { name: "Điều 64", exact: true });
  await link.waitFor(); // visible without opening anything
  const box = (await toc.boundingBox())!;
  const body = (await page.locator("#document-body").boundingBox())!;
  expect(box.x).toBeGreaterThan(body.x + body.width - 1); // beside the text, to its right

  // The reader scrolls (the wheel) to Điều 64: its entry is marked and the address names it.
  const target = page.locator(`#${(await link.getAttribute("href"))!.slice(1)}`);
  const top = await target.evaluate((el) => el.getBoundingClientRect().top + window.scrollY);
  await page.mouse.move(400, 400);
  await page.mouse.wheel(0, top - 20);
  await page.waitForFunction((id) => location.hash === `#${id}`, await target.getAttribute("id"));
  await expect(link.getAttribute("aria-current")).resolves.toBe("location");
  expect(await toc.locator("[aria-current]").count()).toBe(1);
  // Still beside the text after a long scroll (sticky).
  expect((await toc.boundingBox())!.y).toBeLessThan(100);
  // A shared address lands there.
  const fresh = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await fresh.goto(page.url());
  await expect(fresh.locator(new URL(page.url()).hash).textContent()).resolves.toBe("Điều 64.");
  await fresh.close();
  expect(errors).toEqual([]);
  await page.close();
});

it("on a 360 px phone: Mục lục opens as a dialog and jumps; sections fold; Về đầu mục; 44 px targets; keyboard", async () => {
  const context = await browser.newContext({ viewport: { width: 360, height: 640 }, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  await page.goto(CONSTITUTION);
  const open = page.getByRole("button", { name: "Mục lục" });
  await open.waitFor();
  expect(await page.locator("nav.toc .toc-scroll").isVisible()).toBe(false); // folded at the top on a phone
  await open.click();
  const dialog = page.getByRole("dialog", { name: "Mục lục" });
  await dialog.getByRole("link", { name: "Điều 50", exact: true }).click();
  expect(await dialog.isVisible()).toBe(false);
  const hash = new URL(page.url()).hash;
  await expect(page.locator(hash).textContent()).resolves.toBe("Điều 50.");
  const inView = await page.locator(hash).evaluate((el) => el.getBoundingClientRect().top);
  expect(inView).toBeGreaterThanOrEqual(0);
  expect(inView).toBeLessThan(100);

  // Every per-paragraph action is at least 44 × 44 px.
  const commented = await firstCommentedBlock(page);
  for (const [name, link] of [
    ["Góp ý", commentOn(page, commented)],
    ["count", countOf(page, commented)],
  ] as const) {
    const b = (await link.boundingBox())!;
    expect(b.width, name).toBeGreaterThanOrEqual(44);
    expect(b.height, name).toBeGreaterThanOrEqual(44);
  }
  for (const control of [open, page.locator(".reading-up")]) {
    const b = (await control.boundingBox())!;
    expect(Math.min(b.width, b.height)).toBeGreaterThanOrEqual(44);
  }

  // Fold Chương II, then a link into it opens it again.
  const chapter = page.locator('[data-kind="chapter"]', { hasText: "Chương II." });
  const fold = page.locator(`#${await chapter.getAttribute("id")} + button.fold`);
  await expect(fold.textContent()).resolves.toMatch(/^Thu gọn Chương II/);
  await fold.click();
  await expect(fold.textContent()).resolves.toMatch(/^Mở ra Chương II/);
  await expect(fold.getAttribute("aria-expanded")).resolves.toBe("false");
  const article = page.locator('[data-kind="article"]', { hasText: "Điều 14." });
  const articleLink = commentOn(page, (await article.getAttribute("id"))!);
  expect(await article.isVisible()).toBe(false);
  expect(await articleLink.isVisible()).toBe(false); // folded with its links
  await open.click();
  await dialog.getByRole("link", { name: "Điều 14", exact: true }).click();
  expect(await article.isVisible()).toBe(true);
  expect(await articleLink.isVisible()).toBe(true);
  await expect(fold.getAttribute("aria-expanded")).resolves.toBe("true");

  // The end of a section leads back to its start.
  const end = page.locator(".section-end", { has: page.locator(`a[href="#${await chapter.getAttribute("id")}"]`) });
  await end.getByRole("link", { name: /^Về đầu mục/ }).click();
  expect(new URL(page.url()).hash).toBe(`#${await chapter.getAttribute("id")}`);

  // Keyboard: the dialog opens with Enter, takes the focus, Escape closes it.
  await open.focus();
  await page.keyboard.press("Enter");
  await dialog.waitFor();
  expect(await page.evaluate(() => document.activeElement?.closest("dialog") !== null)).toBe(true);
  await page.keyboard.press("Escape");
  expect(await dialog.isVisible()).toBe(false);
  await context.close();
});

it("without JavaScript on a phone: the contents at the top, reading and the Góp ý link work", async () => {
  const context = await browser.newContext({ viewport: { width: 360, height: 640 }, javaScriptEnabled: false, isMobile: true });
  const page = await context.newPage();
  await page.goto(CONSTITUTION);
  expect(await page.locator(".reading-bar").count()).toBe(0);
  await page.locator(".toc summary").click();
  await page.locator(".toc").getByRole("link", { name: "Điều 20", exact: true }).click();
  await expect(page.locator(new URL(page.url()).hash).textContent()).resolves.toBe("Điều 20.");
  const article = page.locator(new URL(page.url()).hash);
  const clause = page.locator(`#${await article.getAttribute("id")} ~ p[id^="p-"]`).first();
  await expect(clause.textContent()).resolves.toMatch(/^1\. /); // Điều 20's first clause
  const clauseText = (await clause.textContent())!;
  await commentOn(page, (await clause.getAttribute("id"))!).click();
  await page.locator("h1", { hasText: "Góp ý vào dự thảo" }).waitFor();
  await expect(page.locator(".comment-target").textContent()).resolves.toContain(clauseText);
  await context.close();
});
