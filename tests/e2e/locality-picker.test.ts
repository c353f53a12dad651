// The locality picker without JavaScript: "Cập nhật danh sách xã, phường" sends the form back, and the
// page that returns opens at the province field with what was typed kept, not at the page's top.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, inject, it } from "vitest";
import { launchChromium } from "./browser.ts";

const baseUrl = inject("baseUrl");
const REPORT = `${baseUrl}/du-thao/du-thao-bao-cao-chinh-tri-hoa-son`;
let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

it("without JavaScript, updating the commune list returns to the form's place", async () => {
  const context = await browser.newContext({ viewport: { width: 360, height: 640 }, isMobile: true, hasTouch: true, javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(`${REPORT}/gop-y`);
  const typed = "Đề nghị làm rõ lộ trình sắp xếp đơn vị hành chính cấp xã.";
  await page.getByLabel("Nội dung góp ý").fill(typed);
  await page.getByLabel("Tỉnh, thành phố").selectOption("01");
  await page.getByRole("button", { name: "Cập nhật danh sách xã, phường" }).click();
  await page.locator("#f-communeCode option", { hasText: "Phường Hoàn Kiếm" }).waitFor({ state: "attached" });
  expect(new URL(page.url()).hash).toBe("#f-provinceCode");
  // Measured once the page has loaded: the option is in the DOM before the full stylesheet (linked after the
  // footer, ADR 053) has laid the page out, and the browser keeps the fragment's field in view through that.
  await page.waitForLoadState("load");
  // The province field is on the screen, and the page has been scrolled down to it.
  const box = await page.locator("#f-provinceCode").boundingBox();
  expect(box).not.toBeNull();
  expect(box!.y).toBeGreaterThanOrEqual(0);
  expect(box!.y + box!.height).toBeLessThanOrEqual(640);
  expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(0);
  await expect(page.getByLabel("Nội dung góp ý").inputValue()).resolves.toBe(typed);
  await expect(page.getByLabel("Tỉnh, thành phố").inputValue()).resolves.toBe("01");
  await context.close();
});
