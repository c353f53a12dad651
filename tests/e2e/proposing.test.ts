import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { launchChromium } from "./browser.ts";
import { clauses, commentOn, selectInBlock } from "./reader-blocks.ts";
import { submitThroughForm } from "./citizen-support.ts";
import { baseUrl, signInInBrowser, staffFixtures } from "./staff-support.ts";

// "Đề xuất sửa thành" (issue 17, ADR 047) in a real browser: proposing new wording for a paragraph and
// for a selected passage, with and without JavaScript, on a phone; the author's page and the moderation
// queue show the proposal as a word diff.

const SLUG = "du-thao-bao-cao-chinh-tri-hoa-son";
const REPORT = `${baseUrl}/du-thao/${SLUG}`;
const run = Math.random().toString(36).slice(2, 8);
const phone = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true };
const ADDED = "bảo đảm nguồn lực thực hiện";
const fx = staffFixtures();
let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await fx.cleanUp();
});

async function fillCommon(page: Page, email: string) {
  await page.getByLabel("Họ và tên").fill("Đặng Thị Thu Hương");
  await page.getByLabel("Thư điện tử").fill(email);
  await page.getByLabel("Tỉnh, thành phố").selectOption("01");
  await page.getByRole("checkbox", { name: /Tôi đồng ý/ }).check();
}

/** Opens the folded box, checks it starts with `original`, and changes its end. */
async function propose(page: Page, original: string) {
  await page.locator(".proposal-field summary").click();
  const box = page.locator("#f-proposal");
  await expect(box.inputValue()).resolves.toBe(original);
  const proposed = `${original.replace(/[.;:,]?$/, "")}, ${ADDED}.`;
  await box.fill(proposed);
  return proposed;
}

it("on a phone with JavaScript: proposes new wording for a paragraph and sees it as a diff on the status page", async () => {
  const context = await browser.newContext(phone);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(REPORT);
  await commentOn(page, (await clauses(page).nth(1).getAttribute("id"))!).click();
  await page.locator("h1", { hasText: "Góp ý vào dự thảo" }).waitFor();
  const paragraph = (await page.locator(".comment-target blockquote").textContent())!;
  // Folded until asked for; the summary is a full-size tap target.
  expect(await page.locator("#f-proposal").isVisible()).toBe(false);
  const summary = await page.locator(".proposal-field summary").boundingBox();
  expect(summary!.height).toBeGreaterThanOrEqual(44);
  await propose(page, paragraph);
  await page.getByLabel("Ý kiến khác").check();
  await page.getByLabel("Nội dung góp ý").fill(`Đề nghị nói rõ nguồn lực để thực hiện, mã ${run}.`);
  await fillCommon(page, `de-xuat-${run}@example.vn`);
  await page.locator(".captcha-status", { hasText: "Đã xác minh" }).waitFor({ timeout: 30_000 });
  await page.getByRole("button", { name: "Gửi góp ý" }).click();
  await page.locator("h1", { hasText: "Đã nhận góp ý của bạn" }).waitFor({ timeout: 30_000 });
  await page.goto(page.url().split("?")[0]!);
  await expect(page.locator(".proposal .proposal-label strong").textContent()).resolves.toBe("Đề xuất sửa thành");
  await expect(page.locator(".proposal ins").allTextContents()).resolves.toEqual([expect.stringContaining(ADDED)]);
  // Said to screen readers, not only shown by colour or underline.
  await expect(page.locator(".proposal ins .visually-hidden").first().textContent()).resolves.toBe("[Thêm: ");
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  expect(errors).toEqual([]);
  await context.close();
});

// Retried once: in one CI run (2026-12-07 16:30) this test waited 30 s for the captcha's "Đã xác minh" (usually
// there within a second; 13 runs in a row here passed). Not explained: on a timeout it prints what the page showed.
it("with JavaScript: proposes new wording for a selected passage, prefilled with the passage alone", { retry: 1 }, async () => {
  const context = await browser.newContext(phone);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(REPORT);
  const paragraph = clauses(page).nth(4);
  const passage = (await paragraph.textContent())!.slice(3).split(/[,.;]/)[0]!.slice(0, 40).trim();
  await selectInBlock(paragraph, passage);
  await page.getByRole("link", { name: "Góp ý đoạn trích đã chọn" }).click();
  await page.locator("h1", { hasText: "Góp ý đoạn trích đã chọn" }).waitFor();
  await expect(page.locator('label[for="f-proposal"]').textContent()).resolves.toBe("Câu chữ bạn đề xuất thay cho đoạn trích đã chọn");
  await propose(page, passage);
  await page.getByLabel("Ý kiến khác").check();
  await page.getByLabel("Nội dung góp ý").fill(`Cụm từ này nên nói rõ nguồn lực, mã ${run}${Math.random().toString(36).slice(2, 6)}.`);
  const suffix = Math.random().toString(36).slice(2, 6); // a retry sends its own contact (the same would be "already received")
  await fillCommon(page, `trich-${run}${suffix}@example.vn`);
  await page
    .locator(".captcha-status", { hasText: "Đã xác minh" })
    .waitFor({ timeout: 30_000 })
    .catch(async (error: unknown) => {
      const status = await page.locator(".captcha-status").textContent();
      const hydrated = await page.evaluate(() => "__remixRouter" in window);
      console.log(JSON.stringify({ captchaTimeout: { status, hydrated, errors, url: page.url() } }));
      throw error;
    });
  await page.getByRole("button", { name: "Gửi góp ý" }).click();
  await page.locator("h1", { hasText: "Đã nhận góp ý của bạn" }).waitFor({ timeout: 30_000 });
  await page.goto(page.url().split("?")[0]!);
  // The diff is from the passage: all of it kept, the words added after it.
  await expect(page.locator(".proposal .diff-text").textContent()).resolves.toBe(`${passage}[Thêm: , ${ADDED}.]`);
  await context.close();
});

it("with the scripts arriving late: a proposal typed before hydration is still in the box after it, and received (ADR 070)", async () => {
  const context = await browser.newContext(phone);
  const page = await context.newPage();
  await page.goto(REPORT);
  // The form's scripts are held back until the person has typed, as on a slow phone.
  let release!: () => void;
  const arrived = new Promise<void>((resolve) => (release = resolve));
  await page.route(/\/build\/.*\.js(\?.*)?$/, async (route) => {
    await arrived;
    await route.continue();
  });
  await commentOn(page, (await clauses(page).nth(2).getAttribute("id"))!).click();
  await page.locator("h1", { hasText: "Góp ý vào dự thảo" }).waitFor();
  const paragraph = (await page.locator(".comment-target blockquote").textContent())!;
  const proposed = await propose(page, paragraph);
  await page.getByLabel("Ý kiến khác").check();
  await page.getByLabel("Nội dung góp ý").fill(`Đề xuất gõ trước khi trang chạy mã, mã ${run}.`);
  expect(await page.evaluate(() => "__remixRouter" in window)).toBe(false);
  release();
  // The captcha is solved by the hydrated page's effects: hydration is over.
  await page.locator(".captcha-status", { hasText: "Đã xác minh" }).waitFor({ timeout: 30_000 });
  // React's hydration had set this box back to the paragraph: the proposal was sent unchanged and not stored.
  await expect(page.locator("#f-proposal").inputValue()).resolves.toBe(proposed);
  await fillCommon(page, `cham-${run}@example.vn`);
  await page.getByRole("button", { name: "Gửi góp ý" }).click();
  await page.locator("h1", { hasText: "Đã nhận góp ý của bạn" }).waitFor({ timeout: 30_000 });
  await page.goto(page.url().split("?")[0]!);
  await expect(page.locator(".proposal ins").allTextContents()).resolves.toEqual([expect.stringContaining(ADDED)]);
  await context.close();
});

it("without JavaScript: the box opens, a refused form keeps the proposal open as typed, and it is received (paragraph and passage)", async () => {
  const context = await browser.newContext({ ...phone, javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(REPORT);
  await commentOn(page, (await clauses(page).nth(1).getAttribute("id"))!).click();
  await page.locator("h1", { hasText: "Góp ý vào dự thảo" }).waitFor();
  const key = new URL(page.url()).searchParams.get("doan")!;
  const paragraph = (await page.locator(".comment-target blockquote").textContent())!;
  const proposed = await propose(page, paragraph);
  await page.evaluate(() => document.querySelector("form.comment-form")!.setAttribute("novalidate", ""));
  await page.getByLabel("Tán thành", { exact: true }).check();
  await page.getByLabel("Nội dung góp ý").fill(`Tán thành, kèm đề xuất câu chữ, mã ${run}.`);
  await page.getByRole("button", { name: "Gửi góp ý" }).click();
  await page.locator(".form-error").first().waitFor();
  expect(await page.locator(".proposal-field").getAttribute("open")).not.toBeNull();
  await expect(page.locator("#f-proposal").inputValue()).resolves.toBe(proposed);
  await page.evaluate(() => document.querySelector("form.comment-form")!.setAttribute("novalidate", ""));
  await fillCommon(page, `khong-js-${run}@example.vn`);
  await page.getByRole("button", { name: "Gửi góp ý" }).click();
  await page.locator("h1", { hasText: "Đã nhận góp ý của bạn" }).waitFor({ timeout: 30_000 });
  await expect(page.locator(".proposal ins").allTextContents()).resolves.toEqual([expect.stringContaining(ADDED)]);

  // A passage (the reading page's selection needs scripts; its link is an ordinary address).
  const text = (await fx.db.block.findFirstOrThrow({ where: { key, version: { publishedFor: { slug: SLUG } } }, select: { text: true } })).text;
  const quote = text.slice(0, 20);
  await page.goto(`${REPORT}/gop-y?doan=${key}&trich=${encodeURIComponent(quote)}&tu=0&den=20`);
  await propose(page, quote);
  await page.getByLabel("Ý kiến khác").check();
  await page.getByLabel("Nội dung góp ý").fill(`Đoạn trích cần nói rõ hơn, mã ${run}.`);
  await fillCommon(page, `khong-js-trich-${run}@example.vn`);
  await page.getByRole("button", { name: "Gửi góp ý" }).click();
  await page.locator("h1", { hasText: "Đã nhận góp ý của bạn" }).waitFor({ timeout: 30_000 });
  await expect(page.locator(".proposal .diff-text").textContent()).resolves.toBe(`${quote}[Thêm: , ${ADDED}.]`);
  await context.close();
});

it("a moderator sees the proposal beside the comment as a word diff from the paragraph", async () => {
  const clause = await fx.db.block.findFirstOrThrow({
    where: { kind: "clause", version: { publishedFor: { slug: SLUG } } },
    orderBy: { position: "asc" },
    select: { key: true, text: true },
  });
  const comment = `Đề nghị sửa câu chữ cho rõ, mã ${run}-kd.`;
  await submitThroughForm(SLUG, { text: comment, email: `kiem-duyet-${run}@example.vn`, blockKey: clause.key, proposal: `${clause.text} Bổ sung: ${ADDED}.` });
  const moderator = await fx.createStaff("MODERATOR", "Ngô Thị Lan");
  const context = await browser.newContext();
  const page = await context.newPage();
  await signInInBrowser(page, moderator, "/quan-tri/kiem-duyet", "Kiểm duyệt ý kiến");
  const item = page.locator("[data-queue-item]", { hasText: comment });
  await item.waitFor();
  await expect(item.locator(".proposal ins").textContent()).resolves.toContain(`Bổ sung: ${ADDED}.`);
  expect(await item.locator(".proposal del").count()).toBe(0);
  await context.close();
});
