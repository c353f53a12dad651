import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, inject, it } from "vitest";
import { launchChromium } from "./browser.ts";
import { blockWithText, panelOf } from "./reader-blocks.ts";

// The passages commented on, marked in the draft (ADR 048), and commenting on a selection (issue 17):
// on a 360 px phone, with and without JavaScript, on the demo report (app/demo: three approved comments on
// two overlapping passages of "1. Kinh tế duy trì tăng trưởng khá…", one mark).

const baseUrl = inject("baseUrl");
const REPORT = `${baseUrl}/du-thao/du-thao-bao-cao-chinh-tri-hoa-son`;
const MERGED = "duy trì tăng trưởng khá";
const ACROSS = "Chỉ có thể góp ý một đoạn trích nằm trong một đoạn văn. Hãy chọn lại trong một đoạn.";
const phone = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true };
let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

const economy = (page: Page) => blockWithText(page, "1. Kinh tế duy trì tăng trưởng khá");

/** Selects `wanted` inside one paragraph's text, or from `wanted` in one block to `until` in another. */
async function select(page: Page, wanted: string, until?: string) {
  await page.evaluate(
    ([wanted, until]) => {
      const find = (text: string) => {
        const walker = document.createTreeWalker(document.getElementById("document-body")!, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const at = node.textContent!.indexOf(text);
          if (at >= 0) return { node, at };
        }
        throw new Error(`«${text}» is not in the page`);
      };
      const from = find(wanted);
      const to = until ? find(until) : { node: from.node, at: from.at };
      const range = document.createRange();
      range.setStart(from.node, from.at);
      range.setEnd(to.node, to.at + (until ?? wanted).length);
      const selection = document.getSelection()!;
      selection.removeAllRanges();
      selection.addRange(range);
    },
    [wanted, until] as const,
  );
}

it("on a phone with JavaScript: the marked passage shows its count; tapping it opens its comments under the paragraph", async () => {
  const context = await browser.newContext(phone);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  await page.goto(REPORT);

  const block = economy(page);
  const mark = block.locator("mark.passage");
  await expect(mark.allTextContents().then((t) => t.join(""))).resolves.toBe(MERGED);
  const count = block.getByRole("link", { name: "Đoạn trích có 3 ý kiến", exact: true });
  await count.scrollIntoViewIfNeeded();
  // The count is shown (by the stylesheet, so it is not part of the text one selects or copies).
  await expect(count.evaluate((a) => getComputedStyle(a, "::after").content)).resolves.toBe('"3"');
  await expect(block.textContent()).resolves.not.toContain(`${MERGED}3`);
  const box = (await count.boundingBox())!;
  expect(box.width).toBeGreaterThan(8);
  expect(box.x + box.width).toBeLessThanOrEqual(360);
  // Its tap target reaches 22 px around its centre (44 × 44).
  const hits = await count.evaluate((a) => {
    const r = a.getBoundingClientRect();
    const [x, y] = [r.left + r.width / 2, r.top + r.height / 2];
    return [
      [x - 20, y],
      [x + 20, y],
      [x, y - 20],
      [x, y + 20],
    ].map(([px, py]) => document.elementFromPoint(px, py) === a);
  });
  expect(hits).toEqual([true, true, true, true]);
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);

  // A tap on the passage itself opens its comments, filtered to it, under the paragraph.
  await mark.first().tap();
  const panel = panelOf(page, (await block.getAttribute("id"))!);
  await expect(panel.locator("h3").textContent()).resolves.toBe("3 ý kiến về đoạn trích");
  expect(await panel.getAttribute("aria-label")).toBe("Các ý kiến về đoạn trích");
  const quotes = await panel.locator(".comment .quoted mark").allTextContents();
  expect(quotes.sort()).toEqual(["duy trì tăng trưởng", "tăng trưởng khá", "tăng trưởng khá"]);
  await expect(count.getAttribute("aria-expanded")).resolves.toBe("true");
  expect(new URL(page.url()).pathname).toBe("/du-thao/du-thao-bao-cao-chinh-tri-hoa-son");
  // The count closes it again; the paragraph's own count still opens all its comments.
  await count.click();
  expect(await panel.count()).toBe(0);
  expect(errors).toEqual([]);
  await context.close();
});

it("on a phone without JavaScript: the count links to the comments page filtered to the passage", async () => {
  const context = await browser.newContext({ ...phone, javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(REPORT);
  await economy(page).getByRole("link", { name: "Đoạn trích có 3 ý kiến", exact: true }).click();
  await page.locator("h1", { hasText: "Ý kiến về đoạn trích trong" }).waitFor();
  const url = new URL(page.url());
  expect(url.pathname).toBe("/du-thao/du-thao-bao-cao-chinh-tri-hoa-son/y-kien");
  expect([url.searchParams.has("tu"), url.searchParams.has("den")]).toEqual([true, true]);
  await expect(page.locator(".block-quote mark").textContent()).resolves.toBe(MERGED);
  await expect(page.locator(".stance-summary").textContent()).resolves.toMatch(/^3 ý kiến đã được đăng/);
  // Three opinions: shown one by one, or (once another file's comment has grouped similar opinions on the
  // shared server) some as "và N ý kiến tương tự" under another.
  const similar = (await page.locator(".comment .similar-count").allTextContents()).map((t) => Number(t.match(/\d+/)![0]));
  expect(await page.locator(".comment").count()).toBe(3 - similar.reduce((a, b) => a + b, 0));
  // Back to every opinion on the paragraph (here the same three).
  await page.getByRole("link", { name: /^Xem mọi ý kiến về / }).click();
  await page.waitForURL((u) => !u.searchParams.has("tu"));
  await expect(page.locator("h1").textContent()).resolves.not.toContain("đoạn trích");
  await expect(page.locator(".block-quote mark").count()).resolves.toBe(0);
  await context.close();
});

it("a selection across two paragraphs says why it cannot be commented; one inside a paragraph, even after a mark, can be", async () => {
  const context = await browser.newContext(phone);
  const page = await context.newPage();
  await page.goto(REPORT);
  // The page's hint, the button and the form say the same words.
  await expect(page.locator(".actions .hint").textContent()).resolves.toContain("«Góp ý đoạn trích đã chọn»");

  await select(page, "Tốc độ tăng trưởng tổng sản phẩm", "Các ngành kinh tế chủ yếu");
  const status = page.getByRole("status").filter({ hasText: ACROSS });
  await status.waitFor();
  expect(await status.isVisible()).toBe(true);
  expect(await page.getByRole("link", { name: "Góp ý đoạn trích đã chọn" }).count()).toBe(0);

  // After the marked passage: the offsets are the paragraph's text, the count not part of it.
  const passage = "Tốc độ tăng trưởng tổng sản phẩm trên địa bàn";
  await select(page, passage);
  await page.getByRole("link", { name: "Góp ý đoạn trích đã chọn" }).click();
  await page.locator("h1", { hasText: "Góp ý đoạn trích đã chọn" }).waitFor();
  await expect(page.locator(".comment-target mark").textContent()).resolves.toBe(passage);
  await context.close();
});
