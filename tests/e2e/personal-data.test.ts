import { readFile } from "node:fs/promises";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { launchChromium } from "./browser.ts";
import { submitThroughForm } from "./citizen-support.ts";
import { baseUrl, staffFixtures, STAFF_PASSWORD, type TestStaff } from "./staff-support.ts";

// A personal-data request in a real browser (Decree 13/2023, ADR 027): an administrator finds a
// citizen's opinions by a phone typed another way, exports them, fails a confirmation, then makes them
// anonymous; and the same page without JavaScript deletes an opinion.

const SLUG = "du-thao-bao-cao-chinh-tri-hoa-son";
const run = Math.random().toString(36).slice(2, 8);
const digits = String(Math.floor(Math.random() * 1e8)).padStart(8, "0");
const PHONE = `09${digits}`;
const TYPED = `+84 9${digits.slice(0, 2)} ${digits.slice(2, 5)} ${digits.slice(5)}`;
const TEXTS = [
  `Đề nghị bổ sung chính sách nhà ở cho công nhân, mã ${run}, tại các khu công nghiệp.`,
  `Cần quan tâm hơn đến y tế cơ sở, mã ${run}, nhất là trạm y tế xã.`,
];
const LATER = `Đề nghị xóa ý kiến này theo yêu cầu của tôi, mã ${run}, sau khi đã gửi.`;

const fx = staffFixtures();
let browser: Browser;
let admin: TestStaff;
const tokens: string[] = [];

async function signIn(page: Page) {
  await page.goto(`${baseUrl}/dang-nhap?next=/quan-tri`);
  await page.getByLabel("Thư điện tử").fill(admin.email);
  await page.getByLabel("Mật khẩu").fill(STAFF_PASSWORD);
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  await page.getByRole("link", { name: "Dữ liệu cá nhân" }).waitFor();
}

async function lookUp(page: Page, contact: string) {
  await page.getByRole("link", { name: "Dữ liệu cá nhân" }).click();
  await page.getByRole("heading", { name: "Dữ liệu cá nhân theo yêu cầu" }).waitFor();
  await page.getByLabel("Thư điện tử hoặc số điện thoại").fill(contact);
  await page.getByRole("button", { name: "Tra cứu" }).click();
}

const fieldset = (page: Page, legend: string) => page.getByRole("group", { name: legend });

beforeAll(async () => {
  browser = await launchChromium();
  for (const text of TEXTS) tokens.push(await submitThroughForm(SLUG, { text, email: "", phone: PHONE }));
  admin = await fx.createStaff("ADMIN", "Đỗ Thị Quyên");
});

afterAll(async () => {
  await browser?.close();
  await fx.cleanUp();
});

it("finds a citizen's opinions by phone, exports them, then makes them anonymous", async () => {
  const context: BrowserContext = await browser.newContext({ acceptDownloads: true });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await signIn(page);
  await lookUp(page, TYPED);
  await page.getByRole("heading", { name: `2 ý kiến được gửi với ${PHONE}` }).waitFor();
  for (const text of TEXTS) await expect(page.getByRole("cell", { name: text }).count()).resolves.toBe(1);

  // Export: a JSON file for the person.
  const exporting = fieldset(page, "Xuất dữ liệu cho người yêu cầu");
  await exporting.getByLabel("Lý do").fill("Theo đơn yêu cầu của người góp ý");
  await exporting.getByLabel("Gõ «XUẤT» để xác nhận").fill("XUẤT");
  const [download] = await Promise.all([page.waitForEvent("download"), exporting.getByRole("button", { name: "Tải tệp dữ liệu (.json)" }).click()]);
  expect(download.suggestedFilename()).toMatch(/^Dữ liệu cá nhân - \d{4}-\d{2}-\d{2}\.json$/);
  const file = JSON.parse(await readFile((await download.path())!, "utf8"));
  expect(file["Số ý kiến"]).toBe(2);
  expect(file["Ý kiến"].map((o: Record<string, unknown>) => o["Số điện thoại"])).toEqual([PHONE, PHONE]);

  // A wrong confirmation changes nothing and says what to type.
  const anonymizing = fieldset(page, "Ẩn danh");
  await anonymizing.getByLabel("Lý do").fill("Người góp ý đồng ý để lại ý kiến ẩn danh");
  await anonymizing.getByLabel("Gõ «ẨN DANH» để xác nhận").fill("đồng ý");
  await anonymizing.getByRole("button", { name: "Ẩn danh các ý kiến đã chọn" }).click();
  await fieldset(page, "Ẩn danh").getByText("Để xác nhận, hãy gõ «ẨN DANH» vào ô xác nhận.").waitFor();
  await expect(fx.db.comment.count({ where: { receiptToken: { in: tokens } } })).resolves.toBe(2);

  await fieldset(page, "Ẩn danh").getByLabel("Gõ «ẨN DANH» để xác nhận").fill("ẩn danh");
  await fieldset(page, "Ẩn danh").getByRole("button", { name: "Ẩn danh các ý kiến đã chọn" }).click();
  await page.getByRole("status").filter({ hasText: "Đã ẩn danh. 2 ý kiến." }).waitFor();
  await page.getByRole("heading", { name: `Không có ý kiến nào được gửi với ${PHONE}` }).waitFor();
  const rows = await fx.db.comment.findMany({ where: { originalText: { in: TEXTS } }, select: { authorName: true, authorPhone: true, receiptToken: true } });
  expect(rows).toHaveLength(2);
  for (const row of rows) {
    expect(row).toMatchObject({ authorName: "Ẩn danh", authorPhone: null });
    expect(tokens).not.toContain(row.receiptToken);
  }
  expect(errors).toEqual([]);
  await context.close();
});

it("works without JavaScript: deletes an opinion at its author's request", async () => {
  const token = await submitThroughForm(SLUG, { text: LATER, email: `xoa-${run}@example.vn` });
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await signIn(page);
  await lookUp(page, `XOA-${run}@Example.vn`);
  await page.getByRole("heading", { name: `1 ý kiến được gửi với xoa-${run}@example.vn` }).waitFor();
  const deleting = fieldset(page, "Xóa ý kiến");
  await deleting.getByLabel("Lý do").fill("Người góp ý rút lại ý kiến");
  await deleting.getByLabel("Gõ «XÓA» để xác nhận").fill("xoa");
  await deleting.getByRole("button", { name: "Xóa các ý kiến đã chọn" }).click();
  await page.getByRole("status").filter({ hasText: "Đã xóa. 1 ý kiến." }).waitFor();
  await expect(fx.db.comment.count({ where: { receiptToken: token } })).resolves.toBe(0);
  const audit = await fx.db.auditEvent.findFirstOrThrow({ where: { action: "personal-data-delete", actorId: admin.id } });
  expect(audit.note).toBe("Người góp ý rút lại ý kiến");
  await context.close();
});

it("a refused export goes back to the page and says what to fix", async () => {
  await submitThroughForm(SLUG, { text: `Ý kiến về đào tạo nghề, mã ${run}, cho thanh niên nông thôn.`, email: "", phone: `08${digits}` });
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await signIn(page);
  await lookUp(page, `+84 8${digits}`);
  await page.getByRole("heading", { name: `1 ý kiến được gửi với 08${digits}` }).waitFor();
  const exporting = fieldset(page, "Xuất dữ liệu cho người yêu cầu");
  await exporting.getByRole("button", { name: "Tải tệp dữ liệu (.json)" }).click();
  await fieldset(page, "Xuất dữ liệu cho người yêu cầu").getByText("Để xác nhận, hãy gõ «XUẤT» vào ô xác nhận.").waitFor();
  await fieldset(page, "Xuất dữ liệu cho người yêu cầu")
    .getByText(/^Vui lòng ghi lý do/)
    .waitFor();
  await context.close();
});

it("the privacy notice says what is kept, for how long, and how to ask", async () => {
  const response = await fetch(`${baseUrl}/quyen-rieng-tu`);
  expect(response.status).toBe(200);
  const html = await response.text();
  for (const part of [
    "Dữ liệu được lưu",
    "Thời gian lưu giữ",
    "cho đến khi bạn yêu cầu xóa",
    "Quyền của bạn và cách yêu cầu",
    "họ tên hiển thị là «Ẩn danh»",
    "xóa khỏi máy chủ 7 ngày",
  ]) {
    expect(html, part).toContain(part);
  }
});
