import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, inject, it } from "vitest";
import { launchChromium } from "./browser.ts";
import { submitThroughForm } from "./citizen-support.ts";

// Getting one's private links back (ADR 049) on a 360 px phone, with and without JavaScript. The e2e server
// has no SMTP, so the page says recovery by email is not available and shows no form, whatever the address
// sent (the form itself, its captcha, limits and the same answer for a known and an unknown address are
// tested with an outbox in tests/integration/notifications/receipt-recovery.test.ts). The receipt page
// leads there when the comment left an email, and tells a phone-only author the link is the only key.

const baseUrl = inject("baseUrl");
const SLUG = "du-thao-bao-cao-chinh-tri-hoa-son";
const RECOVERY = "/y-kien/khoi-phuc";
const NO_SMTP = "Trang này chưa được cấu hình gửi thư điện tử, nên không thể lấy lại đường dẫn qua thư.";
const PHONE_ONLY = "Bạn chỉ để lại số điện thoại: đường dẫn này là cách duy nhất để xem lại góp ý, chúng tôi không thể gửi lại.";
const phone = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true };
let browser: Browser;
let withEmail: string;
let phoneOnly: string;

beforeAll(async () => {
  browser = await launchChromium();
  withEmail = await submitThroughForm(SLUG, { text: "Đề nghị nêu rõ lộ trình số hóa hồ sơ đất đai ở cấp xã.", email: "khoi.phuc@example.vn" });
  phoneOnly = await submitThroughForm(SLUG, { text: "Đề nghị bổ sung chính sách cho cán bộ thôn, tổ dân phố.", email: "", phone: "0912 345 678" });
});

afterAll(async () => {
  await browser?.close();
});

for (const javaScriptEnabled of [true, false]) {
  it(`${javaScriptEnabled ? "with" : "without"} JavaScript: from a receipt with an email to the recovery page, which says plainly that email is not set up`, async () => {
    const context = await browser.newContext({ ...phone, javaScriptEnabled });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on("pageerror", (e) => problems.push(e.message));
    page.on("console", (m) => m.type() === "error" && problems.push(m.text()));
    await page.goto(`${baseUrl}/y-kien/${withEmail}`);
    await expect(page.locator(".private-link").textContent()).resolves.not.toContain(PHONE_ONLY);
    await page.getByRole("link", { name: "Lấy lại các đường dẫn theo dõi qua thư điện tử" }).click();
    await page.locator("h1", { hasText: "Lấy lại đường dẫn theo dõi góp ý" }).waitFor();
    expect(new URL(page.url()).pathname).toBe(RECOVERY);
    await expect(page.getByRole("status").textContent()).resolves.toContain(NO_SMTP);
    // Phone-only authors are told here too that the link is the only key.
    await expect(page.getByRole("note").textContent()).resolves.toContain("đường dẫn theo dõi là cách duy nhất");
    expect(await page.locator("form input[name=email]").count()).toBe(0);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    expect(problems).toEqual([]);
    await context.close();
  });
}

it("a post to the recovery page gets the same answer for a known and an unknown address while email is not set up", async () => {
  const answer = async (email: string) => {
    const response = await fetch(`${baseUrl}${RECOVERY}`, { method: "POST", body: new URLSearchParams({ email }), redirect: "manual" });
    const html = await response.text();
    return { status: response.status, text: /<main[\s\S]*<\/main>/.exec(html)?.[0].replace(/<[^>]+>/g, "") ?? html };
  };
  const known = await answer("khoi.phuc@example.vn");
  const unknown = await answer("chua-tung-gop-y@example.vn");
  expect(known.status).toBe(503);
  expect(unknown).toEqual(known);
  expect(known.text).toContain(NO_SMTP);
});

it("on a phone: the receipt of a comment without an email says the link is the only key", async () => {
  const context = await browser.newContext({ ...phone, javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(`${baseUrl}/y-kien/${phoneOnly}`);
  await expect(page.locator(".private-link .notice").textContent()).resolves.toContain(PHONE_ONLY);
  expect(await page.getByRole("link", { name: "Lấy lại các đường dẫn theo dõi qua thư điện tử" }).count()).toBe(0);
  await context.close();
});
