import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { newParagraph, publishRevision, withText } from "../support/versions.ts";
import { launchChromium } from "./browser.ts";
import { changedMarkOf } from "./reader-blocks.ts";
import { draftFixtures } from "./drafts-support.ts";
import { baseUrl, staffFixtures } from "./staff-support.ts";

// Reading a draft with two published versions in Chromium on a 360 px phone: the version switcher, the
// "Đã sửa" mark leading to the word diff (<ins>/<del>), the earlier version's own read-only page, an old
// link to a paragraph the new version dropped, and all of it without JavaScript.

const fx = staffFixtures();
const drafts = draftFixtures(fx.db);
const phone = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true };
let browser: Browser;
let slug: string;
const keys = { edited: "", removed: "", added: "" };

beforeAll(async () => {
  browser = await launchChromium();
  const draft = await drafts.createDraft();
  slug = draft.slug;
  const added = newParagraph("3. Người Việt Nam định cư ở nước ngoài tham gia góp ý qua mạng.");
  keys.added = added.attrs!.id as string;
  await publishRevision(fx.db, draft.id, (nodes) => {
    const edited = nodes.find((n) => n.content?.[0]?.text?.startsWith("Luật này quy định"))!;
    const removed = nodes.find((n) => n.content?.[0]?.text?.startsWith("2. Công dân"))!;
    keys.edited = edited.attrs!.id as string;
    keys.removed = removed.attrs!.id as string;
    return nodes
      .filter((n) => n !== removed)
      .map((n) => (n === edited ? withText(n, "Luật này quy định việc lấy ý kiến rộng rãi của nhân dân đối với dự thảo văn kiện.") : n))
      .concat(added);
  });
});

afterAll(async () => {
  await browser?.close();
  await drafts.cleanUp();
});

const noHorizontalScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);

async function openPhone(javaScriptEnabled: boolean) {
  const context = await browser.newContext({ ...phone, javaScriptEnabled });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on("pageerror", (error) => problems.push(error.message));
  page.on("console", (message) => message.type() === "error" && problems.push(message.text()));
  return { context, page, problems };
}

it("with JavaScript: the switcher, the 'Đã sửa' mark to the word diff, the earlier version read-only, an old link to a dropped paragraph", async () => {
  const { context, page, problems } = await openPhone(true);
  await page.goto(`${baseUrl}/du-thao/${slug}`);
  const switcher = page.getByRole("navigation", { name: "Các bản dự thảo đã công bố" });
  await expect(switcher.locator("[aria-current=page]").textContent()).resolves.toMatch(/^Bản số 2 — công bố ngày \d{2}\/\d{2}\/\d{4}$/);
  await expect(switcher.getByRole("link", { name: /^Bản số 1 — công bố ngày/ }).count()).resolves.toBe(1);

  // The edited paragraph's mark leads to its place in the diff.
  await changedMarkOf(page, `p-${keys.edited}`).click();
  await page.waitForURL(new RegExp(`/du-thao/${slug}/thay-doi\\?tu=1&den=2#p-${keys.edited}$`));
  await page.locator("h1", { hasText: "Những thay đổi của dự thảo" }).waitFor();
  await expect(page.locator(".changes-summary").textContent()).resolves.toMatch(/1 đoạn sửa, 1 đoạn thêm,\s+1 đoạn bỏ/);
  await expect(page.locator(`#p-${keys.edited} ins`).textContent()).resolves.toBe("[Thêm: rộng rãi của ]");
  await expect(page.locator(`#p-${keys.removed} del`).textContent()).resolves.toContain("Công dân Việt Nam ở trong và ngoài nước.");
  await expect(page.locator(`#p-${keys.added} ins`).textContent()).resolves.toContain("định cư ở nước ngoài");
  await expect(page.locator(".change-unchanged").first().textContent()).resolves.toMatch(/^… \d+ đoạn không đổi …$/);
  // Readable without colour: underlined and struck through.
  const decoration = (tag: string) =>
    page
      .locator(tag)
      .first()
      .evaluate((el) => getComputedStyle(el).textDecorationLine);
  expect([await decoration("ins"), await decoration("del")]).toEqual(["underline", "line-through"]);
  expect(await noHorizontalScroll(page)).toBe(true);

  // The removed paragraph, in version 1's own page: read-only, with a notice pointing at the current version.
  await page.locator(`#p-${keys.removed}`).getByRole("link", { name: "Xem ở bản số 1" }).click();
  await page.waitForURL(new RegExp(`/du-thao/${slug}/ban/1#p-${keys.removed}$`));
  await expect(page.locator(".version-notice").textContent()).resolves.toContain("Đây là bản số 1; bản đang lấy ý kiến là bản số 2");
  await expect(page.locator(`#p-${keys.removed}`).textContent()).resolves.toContain("Công dân Việt Nam ở trong và ngoài nước.");
  await expect(page.locator('#document-body a[href^="?gop-y="]').count()).resolves.toBe(0); // read, not commented on
  expect(await noHorizontalScroll(page)).toBe(true);

  // An old link to the dropped paragraph on the draft's own address says where it went.
  await page.goto(`${baseUrl}/du-thao/${slug}#p-${keys.removed}`);
  const gone = page.locator(".gone-block");
  await expect(gone.textContent()).resolves.toBe("Đoạn này đã được bỏ ở bản số 2; xem ở bản số 1.");
  await gone.getByRole("link", { name: "xem ở bản số 1" }).click();
  await page.waitForURL(new RegExp(`/du-thao/${slug}/ban/1#p-${keys.removed}$`));
  expect(problems).toEqual([]);
  await context.close();
});

it("without JavaScript: the switcher's links, the earlier version, the diff; an unknown version is a Vietnamese 404", async () => {
  const { context, page } = await openPhone(false);
  await page.goto(`${baseUrl}/du-thao/${slug}`);
  await page.getByRole("link", { name: /^Bản số 1 — công bố ngày/ }).click();
  await page.waitForURL(new RegExp(`/du-thao/${slug}/ban/1$`));
  await expect(page.locator(".version-notice").textContent()).resolves.toContain("Đây là bản số 1");
  await expect(page.locator(`#p-${keys.edited}`).textContent()).resolves.toContain("lấy ý kiến nhân dân");
  await page.getByRole("link", { name: "Xem những thay đổi của bản số 2 so với bản số 1" }).click();
  await page.waitForURL(new RegExp(`/du-thao/${slug}/thay-doi\\?tu=1&den=2$`));
  await expect(page.locator(`#p-${keys.edited} del`).count()).resolves.toBe(0);
  await expect(page.locator(`#p-${keys.edited} ins`).textContent()).resolves.toBe("[Thêm: rộng rãi của ]");
  expect(await noHorizontalScroll(page)).toBe(true);

  // The current version has one address: its number redirects there.
  await page.goto(`${baseUrl}/du-thao/${slug}/ban/2`);
  expect(new URL(page.url()).pathname).toBe(`/du-thao/${slug}`);
  const missing = await page.goto(`${baseUrl}/du-thao/${slug}/thay-doi?tu=9`);
  expect(missing?.status()).toBe(404);
  await expect(page.locator("h1").textContent()).resolves.toBe("Không tìm thấy trang");
  expect((await page.goto(`${baseUrl}/du-thao/${slug}/ban/7`))?.status()).toBe(404);
  expect((await page.goto(`${baseUrl}/du-thao/${slug}/thay-doi?tu=mot`))?.status()).toBe(404);
  await context.close();
});
