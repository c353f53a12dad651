import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { launchChromium } from "./browser.ts";
import { baseUrl, STAFF_PASSWORD, staffFixtures, type TestStaff } from "./staff-support.ts";

// Staff sign-in, navigation, accounts and sign-out in Chromium against the production server.
const fixtures = staffFixtures();
let browser: Browser;
let admin: TestStaff;
let editor: TestStaff;

beforeAll(async () => {
  browser = await launchChromium();
  admin = await fixtures.createStaff("ADMIN", "Nguyễn Thị Quản Trị");
  editor = await fixtures.createStaff("EDITOR", "Phạm Văn Biên Tập");
});
afterAll(async () => {
  await browser?.close();
  await fixtures.cleanUp();
});

const phone = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true };

/** Page errors and console errors, except the browser's note about a 4xx answer the test asked for. */
function watchErrors(page: Page) {
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("console", (m) => m.type() === "error" && !/status of 4\d\d/.test(m.text()) && errors.push(m.text()));
  return errors;
}

async function signIn(page: Page, email: string, password = STAFF_PASSWORD) {
  await page.getByLabel("Thư điện tử").fill(email);
  await page.getByLabel("Mật khẩu").fill(password);
  await page.getByRole("button", { name: "Đăng nhập" }).click();
}

const navLinks = (page: Page) => page.getByRole("navigation", { name: "Quản trị" }).getByRole("link").allTextContents();
const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

it("with JavaScript: a staff page asks for sign-in, keeps the email after a wrong password, then opens the page asked for", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = watchErrors(page);

  await page.goto(`${baseUrl}/quan-tri/nhat-ky`);
  expect(new URL(page.url()).pathname).toBe("/dang-nhap");
  expect(new URL(page.url()).searchParams.get("next")).toBe("/quan-tri/nhat-ky");
  await page.locator("h1", { hasText: "Đăng nhập quản trị" }).waitFor();

  await signIn(page, admin.email, "mật khẩu sai rồi");
  await page.getByRole("alert").filter({ hasText: "Thư điện tử hoặc mật khẩu không đúng, hoặc tài khoản đang tạm khóa" }).waitFor();
  await expect(page.getByLabel("Thư điện tử").inputValue()).resolves.toBe(admin.email);

  await page.getByLabel("Mật khẩu").fill(STAFF_PASSWORD);
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  await page.locator("h1", { hasText: "Nhật ký hoạt động" }).waitFor();
  expect(new URL(page.url()).pathname).toBe("/quan-tri/nhat-ky");
  expect(await navLinks(page)).toEqual([
    "Tổng quan",
    "Kiểm duyệt",
    "Dự thảo",
    "Hội nghị, thư góp ý",
    "Báo cáo",
    "Tiếp thu, giải trình",
    "Nhật ký",
    "Tài khoản",
    "Tổ chức",
    "Cài đặt",
    "Dữ liệu cá nhân",
  ]);
  await expect(page.locator(".staff-user strong").textContent()).resolves.toBe(admin.name);
  await expect(page.locator('.staff-nav a[aria-current="page"]').textContent()).resolves.toBe("Nhật ký");

  // The log shows this sign-in and the failed one before it.
  await page.getByLabel("Người thực hiện").selectOption(admin.id);
  await page.getByRole("button", { name: "Lọc" }).click();
  await page.waitForURL(/nguoi=/);
  await page.locator(".audit-event", { hasText: "Đăng nhập" }).first().waitFor();
  // The address changes as the navigation starts: let it finish before touching the form again.
  await page.waitForLoadState("networkidle");
  await page.getByLabel("Người thực hiện").selectOption("");
  await page.getByLabel("Hành động").selectOption("sign-in-failed");
  await page.getByRole("button", { name: "Lọc" }).click();
  // A sentence naming the account, linked to its page; no stored code.
  const failed = page.locator(".audit-event", { hasText: `đăng nhập không thành công vào tài khoản «${admin.name} (${admin.email})»` });
  await failed.getByText("Sai mật khẩu lần 1").waitFor();
  await expect(failed.first().getByRole("link").getAttribute("href")).resolves.toBe(`/quan-tri/tai-khoan/${admin.id}`);
  await expect(failed.first().textContent()).resolves.not.toContain("user:");
  expect(errors).toEqual([]);
  await context.close();
});

it("an administrator creates an account; the new user signs in and sees only what the role allows", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(`${baseUrl}/quan-tri/tai-khoan`);
  await signIn(page, admin.email);
  await page.locator("h1", { hasText: "Tài khoản" }).waitFor();
  await page.getByRole("link", { name: "Tạo tài khoản" }).click();

  const email = `bien-tap-${Date.now()}@e2e.example.vn`;
  await page.getByLabel("Thư điện tử").fill(email);
  await page.getByLabel("Họ và tên").fill("Đỗ Thị Biên Tập");
  await page.getByLabel("Vai trò").selectOption("EDITOR");
  // Long enough for the browser's own check (minlength), refused by the server's policy.
  await page.getByLabel("Mật khẩu ban đầu").fill("aaaaaaaaaaaa");
  await page.getByRole("button", { name: "Tạo tài khoản" }).click();
  await page.locator(".field-error", { hasText: "Mật khẩu quá đơn giản" }).waitFor();
  await expect(page.getByLabel("Thư điện tử").inputValue()).resolves.toBe(email);

  await page.getByLabel("Mật khẩu ban đầu").fill("Mật khẩu ban đầu 2026");
  await page.getByRole("button", { name: "Tạo tài khoản" }).click();
  await page.getByRole("status").filter({ hasText: "Đã tạo tài khoản." }).waitFor();
  await page
    .getByRole("row", { name: /Đỗ Thị Biên Tập/ })
    .getByText("Ban soạn thảo")
    .waitFor();
  const created = await fixtures.db.user.findUniqueOrThrow({ where: { email } });
  fixtures.track(created.id);
  expect(await fixtures.db.auditEvent.count({ where: { action: "user-create", subject: `user:${created.id}`, actorId: admin.id } })).toBe(1);

  // An administrator cannot take away their own role.
  await page.getByRole("link", { name: admin.name }).click();
  await page.getByLabel("Vai trò", { exact: true }).selectOption("MODERATOR");
  await page.getByRole("button", { name: "Lưu thay đổi" }).click();
  await page.getByRole("alert").filter({ hasText: "Bạn không thể tự bỏ vai trò Quản trị viên" }).waitFor();

  const other = await browser.newContext();
  const editorPage = await other.newPage();
  await editorPage.goto(`${baseUrl}/dang-nhap?next=%2Fquan-tri%2Fnhat-ky`);
  await signIn(editorPage, email, "Mật khẩu ban đầu 2026");
  await editorPage.getByRole("navigation", { name: "Quản trị" }).waitFor();
  expect(await navLinks(editorPage)).toEqual(["Tổng quan", "Kiểm duyệt", "Dự thảo", "Hội nghị, thư góp ý", "Báo cáo", "Tiếp thu, giải trình", "Nhật ký"]);
  const forbidden = await editorPage.goto(`${baseUrl}/quan-tri/tai-khoan`);
  expect(forbidden?.status()).toBe(403);
  await editorPage.locator("h1", { hasText: "Không có quyền truy cập" }).waitFor();
  expect(errors).toEqual([]);
  await context.close();
  await other.close();
});

it("without JavaScript on a phone: sign in, a nav fitted to the role, sign out", async () => {
  const context = await browser.newContext({ ...phone, javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(`${baseUrl}/quan-tri/nhat-ky`);
  await signIn(page, editor.email);
  await page.locator("h1", { hasText: "Nhật ký hoạt động" }).waitFor();
  expect(await navLinks(page)).toEqual(["Tổng quan", "Kiểm duyệt", "Dự thảo", "Hội nghị, thư góp ý", "Báo cáo", "Tiếp thu, giải trình", "Nhật ký"]);
  expect(await overflow(page)).toBeLessThanOrEqual(0);

  await page.getByRole("button", { name: "Đăng xuất", exact: true }).click();
  await page.getByRole("status").filter({ hasText: "Bạn đã đăng xuất." }).waitFor();
  expect(new URL(page.url()).pathname).toBe("/dang-nhap");
  await page.goto(`${baseUrl}/quan-tri/nhat-ky`);
  expect(new URL(page.url()).pathname).toBe("/dang-nhap");
  expect(await fixtures.db.auditEvent.count({ where: { action: "sign-out", actorId: editor.id } })).toBe(1);
  await context.close();
});

it("signing out of every device ends the other browsers' sessions too", async () => {
  const contexts: BrowserContext[] = await Promise.all([browser.newContext(), browser.newContext()]);
  const [here, there] = await Promise.all(contexts.map((c) => c.newPage()));
  for (const page of [here, there]) {
    await page.goto(`${baseUrl}/dang-nhap?next=%2Fquan-tri%2Fnhat-ky`);
    await signIn(page, admin.email);
    await page.locator("h1", { hasText: "Nhật ký hoạt động" }).waitFor();
  }
  await here.getByRole("button", { name: "Đăng xuất khỏi mọi thiết bị" }).click();
  await here.getByRole("status").filter({ hasText: "Bạn đã đăng xuất khỏi mọi thiết bị." }).waitFor();
  await there.reload();
  expect(new URL(there.url()).pathname).toBe("/dang-nhap");
  expect(await fixtures.db.session.count({ where: { userId: admin.id } })).toBe(0);
  await Promise.all(contexts.map((c) => c.close()));
});
