import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, inject, it } from "vitest";
import { launchChromium } from "./browser.ts";
import { clauses, commentOn, selectInBlock } from "./reader-blocks.ts";

const baseUrl = inject("baseUrl");
const REPORT = `${baseUrl}/du-thao/du-thao-bao-cao-chinh-tri-hoa-son`;
let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

const phone = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true };

async function fillCommon(page: Page, email: string) {
  await page.getByLabel("Họ và tên").fill("Trần Thị Bích Ngọc");
  await page.getByLabel("Thư điện tử").fill(email);
  await page.getByLabel("Tỉnh, thành phố").selectOption("01");
}

it("on a phone with JavaScript: comment on a paragraph, get a receipt, open the status link", async () => {
  const context = await browser.newContext(phone);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("console", (m) => m.type() === "error" && errors.push(m.text()));

  await page.goto(REPORT);
  // A numbered clause; its "Góp ý" link (right after it) opens the form for it.
  const paragraph = clauses(page).nth(2);
  const paragraphText = (await paragraph.textContent())!;
  await commentOn(page, (await paragraph.getAttribute("id"))!).click();
  await page.locator("h1", { hasText: "Góp ý vào dự thảo" }).waitFor();
  // The form shows the paragraph commented on, with its place in the draft.
  await expect(page.locator(".comment-target blockquote").textContent()).resolves.toBe(paragraphText);
  await expect(page.locator(".comment-target h2").textContent()).resolves.toMatch(/ › /);

  await page.getByLabel("Không tán thành").check();
  const text = page.getByLabel("Nội dung góp ý");
  const typed = "Chỉ tiêu này cần được làm rõ hơn về nguồn lực thực hiện.";
  await text.fill(typed);
  // The form's page is a document load from the (unhydrated) reading page: the count follows once it is hydrated.
  await expect.poll(() => page.locator("#f-text-count output").textContent()).toBe((2000 - [...typed].length).toLocaleString("vi-VN"));
  await fillCommon(page, "ngoc.tran@example.vn");
  // The commune list follows the province without reloading the page.
  await page.locator("#f-communeCode option", { hasText: "Phường Ba Đình" }).waitFor({ state: "attached" });
  await page.getByLabel("Xã, phường, đặc khu").selectOption({ label: "Phường Ba Đình" });
  await page.getByLabel("Nghề nghiệp").selectOption("Nông dân");
  await page.getByRole("checkbox", { name: /Tôi đồng ý/ }).check();
  await page.locator(".captcha-status", { hasText: "Đã xác minh" }).waitFor({ timeout: 30_000 });
  await page.getByRole("button", { name: "Gửi góp ý" }).click();

  await page.locator("h1", { hasText: "Đã nhận góp ý của bạn" }).waitFor();
  const statusUrl = page.url().split("?")[0];
  expect(statusUrl).toMatch(/\/y-kien\/[A-Za-z0-9_-]{32}$/);
  await expect(page.locator(".link-box").textContent()).resolves.toBe(statusUrl);
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.getByRole("button", { name: "Sao chép đường dẫn" }).click();
  await page.getByRole("status").filter({ hasText: "Đã sao chép đường dẫn." }).waitFor();
  await expect(page.evaluate(() => navigator.clipboard.readText())).resolves.toBe(statusUrl);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);

  const later = await context.newPage();
  later.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  await later.goto(statusUrl);
  await expect(later.locator("h1").textContent()).resolves.toBe("Tình trạng góp ý của bạn");
  await expect(later.locator(".receipt-status").textContent()).resolves.toBe("Đang chờ biên tập");
  await expect(later.locator(".comment-text").first().textContent()).resolves.toBe("Chỉ tiêu này cần được làm rõ hơn về nguồn lực thực hiện.");
  await expect(later.locator(".receipt-details").textContent()).resolves.toContain("Trần Thị Bích Ngọc, Phường Ba Đình, Thành phố Hà Nội");
  expect(errors).toEqual([]);
  await context.close();
});

it("on a phone: text typed without diacritics is held back with a warning the person sees, then sent as typed once confirmed", async () => {
  const context = await browser.newContext(phone);
  const page = await context.newPage();
  await page.goto(`${REPORT}/gop-y`);
  await page.getByLabel("Ý kiến khác").check();
  const typed = "Toi de nghi bo sung noi dung ve phat trien kinh te so trong giai doan toi.";
  await page.getByLabel("Nội dung góp ý").fill(typed);
  await fillCommon(page, "khong.dau@example.vn");
  await page.getByRole("checkbox", { name: /Tôi đồng ý/ }).check();
  await page.locator(".captcha-status", { hasText: "Đã xác minh" }).waitFor({ timeout: 30_000 });
  await page.getByRole("button", { name: "Gửi góp ý" }).click();

  // Not sent: the message at the top of the form is where the page puts the person, inside the screen.
  const summary = page.locator(".form-messages .form-error");
  await summary.waitFor();
  await expect(summary.textContent()).resolves.toContain("Góp ý chưa được gửi");
  const box = (await summary.boundingBox())!;
  expect(box.y).toBeGreaterThanOrEqual(0);
  expect(box.y + box.height).toBeLessThanOrEqual(740);
  await expect(page.getByLabel("Nội dung góp ý").inputValue()).resolves.toBe(typed);
  await expect(page.locator(".warning").textContent()).resolves.toContain("Hãy sử dụng tiếng Việt có dấu.");
  // The message's link takes the person to the checkbox that confirms (focused, in view).
  await summary.getByRole("link").click();
  const confirm = page.getByRole("checkbox", { name: "Tôi vẫn muốn gửi nội dung này" });
  await expect(confirm.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
  await confirm.check();
  await page.locator(".captcha-status", { hasText: "Đã xác minh" }).waitFor({ timeout: 30_000 });
  await page.getByRole("button", { name: "Gửi góp ý" }).click();
  await page.locator("h1", { hasText: "Đã nhận góp ý của bạn" }).waitFor();
  await page.goto(page.url().split("?")[0]!);
  await expect(page.locator(".comment-text").first().textContent()).resolves.toBe(typed);
  await context.close();
});

it("on a page served over plain HTTP under a host name (no Web Crypto there), the captcha is still solved", async () => {
  // Chromium counts only HTTPS and localhost as secure; an internal network's http://gopy.test is not.
  const plain = await launchChromium(["--host-resolver-rules=MAP gopy.test 127.0.0.1"]);
  try {
    const page = await plain.newPage({ viewport: { width: 360, height: 740 } });
    await page.goto(`${REPORT.replace(new URL(baseUrl).hostname, "gopy.test")}/gop-y`);
    expect(await page.evaluate(() => [window.isSecureContext, Boolean(globalThis.crypto?.subtle)])).toEqual([false, false]);
    await page.getByLabel("Tán thành", { exact: true }).check();
    await page.getByLabel("Nội dung góp ý").fill("Đề nghị bổ sung chỉ tiêu về tỷ lệ trường học đạt chuẩn quốc gia ở vùng sâu, vùng xa.");
    await fillCommon(page, "http.thuong@example.vn");
    await page.getByRole("checkbox", { name: /Tôi đồng ý/ }).check();
    await page.locator(".captcha-status", { hasText: "✓ Đã xác minh chống gửi tự động." }).waitFor({ timeout: 30_000 });
    expect(await page.locator('input[name="captcha"]').inputValue()).not.toBe("");
    await page.getByRole("button", { name: "Gửi góp ý" }).click();
    await page.locator("h1", { hasText: "Đã nhận góp ý của bạn" }).waitFor();
    // No Clipboard API here either: the private link is selected (and copied the older way where it can).
    expect(await page.evaluate(() => "clipboard" in navigator)).toBe(false);
    await page.getByRole("button", { name: "Sao chép đường dẫn" }).click();
    await page
      .getByRole("status")
      .filter({ hasText: /Đã sao chép đường dẫn\.|Đường dẫn đã được chọn/ })
      .waitFor();
    await expect(page.evaluate(() => document.getSelection()!.toString())).resolves.toBe(await page.locator(".link-box").textContent());
  } finally {
    await plain.close();
  }
});

it("without JavaScript: errors keep what was typed, the commune list loads, the comment is received", async () => {
  const context = await browser.newContext({ ...phone, javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(REPORT);
  await page.getByRole("link", { name: "Góp ý về toàn văn dự thảo" }).click();
  await page.locator("h2", { hasText: "Góp ý về toàn văn dự thảo" }).waitFor();

  // Skip the browser's own checks to see the server's answers.
  await page.evaluate(() => document.querySelector("form.comment-form")!.setAttribute("novalidate", ""));
  await page.getByLabel("Tán thành", { exact: true }).check();
  await page.getByLabel("Nội dung góp ý").fill("Đề nghị bổ sung giải pháp phát triển giao thông nông thôn.");
  await page.getByRole("button", { name: "Gửi góp ý" }).click();
  await page.locator(".form-error").first().waitFor();
  await expect(page.locator("#f-name-error").textContent()).resolves.toBe("Vui lòng nhập họ và tên.");
  await expect(page.locator("#f-consent-error").textContent()).resolves.toContain("Bạn cần đồng ý");
  // The summary at the top lists each problem as a link to its field.
  await expect(page.locator('.form-messages a[href="#f-name"]').textContent()).resolves.toBe("Vui lòng nhập họ và tên.");
  await page.locator('.form-messages a[href="#f-consent"]').click();
  await expect(page.evaluate(() => location.hash)).resolves.toBe("#f-consent");
  await expect(page.getByLabel("Nội dung góp ý").inputValue()).resolves.toBe("Đề nghị bổ sung giải pháp phát triển giao thông nông thôn.");
  expect(await page.getByLabel("Tán thành", { exact: true }).isChecked()).toBe(true);

  await page.evaluate(() => document.querySelector("form.comment-form")!.setAttribute("novalidate", ""));
  await fillCommon(page, "nojs@example.vn");
  await page.getByRole("button", { name: "Cập nhật danh sách xã, phường" }).click();
  await page.locator("#f-communeCode option", { hasText: "Phường Hoàn Kiếm" }).waitFor({ state: "attached" });
  await page.getByLabel("Xã, phường, đặc khu").selectOption({ label: "Phường Hoàn Kiếm" });
  await page.getByRole("checkbox", { name: /Tôi đồng ý/ }).check();
  await page.getByRole("button", { name: "Gửi góp ý" }).click();
  await page.locator("h1", { hasText: "Đã nhận góp ý của bạn" }).waitFor();
  await expect(page.locator(".receipt-details").textContent()).resolves.toContain("Toàn văn dự thảo");
  // The private link is on the page without JavaScript too (no copy button: it needs scripts).
  await expect(page.locator(".link-box").textContent()).resolves.toBe(page.url().split("?")[0]);
  expect(await page.getByRole("button", { name: "Sao chép đường dẫn" }).count()).toBe(0);
  await context.close();
});

it("on a slow connection: what is typed before the page's scripts arrive is kept, counted and sent", async () => {
  const context = await browser.newContext(phone);
  const page = await context.newPage();
  let release!: () => void;
  const scriptsHeld = new Promise<void>((resolve) => (release = resolve));
  await page.route(/\/build\/.*\.js$/, async (route) => {
    await scriptsHeld;
    await route.continue();
  });
  await page.goto(`${REPORT}/gop-y`, { waitUntil: "commit" });
  await page.locator("h1", { hasText: "Góp ý vào dự thảo" }).waitFor();
  const typed = "Đề nghị nêu rõ lộ trình chuyển đổi số ở cấp xã.";
  await page.getByLabel("Không tán thành").check();
  await page.getByLabel("Nội dung góp ý").fill(typed);
  await fillCommon(page, "cham@example.vn");
  await page.getByRole("checkbox", { name: /Tôi đồng ý/ }).check();
  const reloadCommunes = page.getByRole("button", { name: "Cập nhật danh sách xã, phường" });
  expect(await reloadCommunes.isVisible()).toBe(true); // no scripts yet: the form's own way to the commune list

  release();
  // The province chosen early is adopted: its communes load without choosing it again.
  await page.locator("#f-communeCode option", { hasText: "Phường Hoàn Kiếm" }).waitFor({ state: "attached" });
  await expect(page.getByLabel("Nội dung góp ý").inputValue()).resolves.toBe(typed);
  await expect(page.getByLabel("Tỉnh, thành phố").inputValue()).resolves.toBe("01");
  expect(await reloadCommunes.count()).toBe(0); // the list follows the province by itself now
  await expect(page.locator("#f-text-count output").textContent()).resolves.toBe((2000 - [...typed].length).toLocaleString("vi-VN"));
  await page.getByLabel("Xã, phường, đặc khu").selectOption({ label: "Phường Hoàn Kiếm" });
  await page.getByRole("button", { name: "Gửi góp ý" }).click();
  await page.locator("h1", { hasText: "Đã nhận góp ý của bạn" }).waitFor();
  await expect(page.locator("main").textContent()).resolves.toContain(typed);
  await context.close();
});

it("select a passage, comment on it, and see the passage quoted", async () => {
  const context = await browser.newContext(phone);
  const page = await context.newPage();
  await page.goto(REPORT);
  const paragraph = clauses(page).nth(4);
  const full = (await paragraph.textContent())!;
  const passage = full.slice(3).split(/[,.;]/)[0].slice(0, 40).trim();
  expect(passage.length).toBeGreaterThan(10);
  await selectInBlock(paragraph, passage);
  await page.getByRole("link", { name: "Góp ý đoạn trích đã chọn" }).click();
  await page.locator("h1", { hasText: "Góp ý đoạn trích đã chọn" }).waitFor();
  await expect(page.locator(".comment-target mark").textContent()).resolves.toBe(passage);

  await page.getByLabel("Ý kiến khác").check();
  await page.getByLabel("Nội dung góp ý").fill("Cụm từ này nên viết cụ thể hơn, kèm số liệu.");
  await fillCommon(page, "trich@example.vn");
  await page.getByRole("checkbox", { name: /Tôi đồng ý/ }).check();
  await page.getByRole("button", { name: "Gửi góp ý" }).click();
  await page.locator("h1", { hasText: "Đã nhận góp ý của bạn" }).waitFor({ timeout: 30_000 });
  await expect(page.locator(".receipt-details mark").textContent()).resolves.toBe(passage);
  await context.close();
});
